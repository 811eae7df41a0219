import type { KgovConfig } from '../core/index.js';
import { createOpenAiCompatibleEmbedder, type Embedder } from './embedders/index.js';
import { builtInEmbedder } from './index-chunks.js';

/** The embedder a deployment searches with: the configured server, or the built-in one. */
export function configuredEmbedder(config: KgovConfig, env: NodeJS.ProcessEnv = process.env): Embedder {
  const settings = config.search.embedder;
  if (!settings) return builtInEmbedder;
  return createOpenAiCompatibleEmbedder({
    baseUrl: settings.baseUrl, model: settings.model, dimension: settings.dimension,
    apiKey: settings.apiKeyEnv ? env[settings.apiKeyEnv] : undefined,
    queryPrefix: settings.queryPrefix, documentPrefix: settings.documentPrefix, timeoutMs: settings.timeoutMs, maxBatch: settings.maxBatch,
  });
}
