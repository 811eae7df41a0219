import type { KgovConfig } from '../core/index.js';
import type { ChatProvider } from './chat-provider.js';
import { ModelRouter } from './model-router.js';
import { llamaCppProvider } from './providers/llama-cpp-provider.js';
import { openAICompatibleProvider } from './providers/openai-compatible-provider.js';

/**
 * The router for the configured providers. Upstream keys come from the environment, never from the file.
 * An embedded model's file must exist now (`model_file_missing` at start); it is loaded on first use.
 */
export function buildModelRouter(config: KgovConfig, env: NodeJS.ProcessEnv = process.env, extra: readonly ChatProvider[] = []): ModelRouter {
  const providers: ChatProvider[] = config.providers.map((provider) => {
    if (provider.type === 'llama-cpp') {
      return llamaCppProvider({
        id: provider.id, modelPath: provider.modelPath, models: provider.models, contextSize: provider.contextSize, threads: provider.threads,
        gpuLayers: provider.gpuLayers, gpu: provider.gpu, parallel: provider.parallel, timeoutMs: provider.timeoutMs,
      });
    }
    return {
      ...openAICompatibleProvider({
        id: provider.id, baseURL: provider.baseURL, zone: provider.zone, models: provider.models, timeoutMs: provider.timeoutMs,
        apiKey: provider.apiKeyEnv ? env[provider.apiKeyEnv] : undefined,
      }),
      allowedTenants: provider.allowedTenants,
    };
  });
  return new ModelRouter([...providers, ...extra], {
    maxRetries: config.gateway.maxRetries, backoffMs: config.gateway.backoffMs,
    failureThreshold: config.gateway.failureThreshold, openMs: config.gateway.circuitOpenMs,
  });
}
