import { setTimeout as sleep } from 'node:timers/promises';
import { KgovError, type KgovConfig } from '../core/index.js';
import { CircuitBreaker } from './circuit-breaker.js';
import type { EmbeddingProvider, EmbeddingRequest, EmbeddingResponse } from './embedding-provider.js';
import type { RouterOptions } from './model-router.js';
import { openAICompatibleEmbeddings } from './providers/openai-compatible-embeddings.js';

/**
 * Routes an embedding model id to the providers that declare it, with the chat router's retries,
 * backoff, fallback and circuit breaker. Fallback stays within one model id: vectors of different
 * models live in different spaces, so answering with another model would silently corrupt the
 * caller's index.
 */
export class EmbeddingRouter {
  private readonly breakers = new Map<string, CircuitBreaker>();

  constructor(readonly providers: readonly EmbeddingProvider[], private readonly options: RouterOptions) {
    for (const provider of providers) this.breakers.set(provider.id, new CircuitBreaker({ failureThreshold: options.failureThreshold, openMs: options.openMs }));
  }

  modelIds(): string[] {
    return [...new Set(this.providers.flatMap((provider) => provider.embeddingModels))];
  }

  providersFor(model: string): EmbeddingProvider[] {
    return this.providers.filter((provider) => provider.embeddingModels.includes(model));
  }

  async embed(request: EmbeddingRequest, signal: AbortSignal, candidates: readonly EmbeddingProvider[]): Promise<EmbeddingResponse & { provider: EmbeddingProvider }> {
    const attempts: string[] = [];
    let lastError: unknown;
    for (const provider of candidates) {
      const breaker = this.breakers.get(provider.id)!;
      for (let attempt = 0; attempt <= this.options.maxRetries; attempt++) {
        if (!breaker.allow()) {
          attempts.push(`${provider.id}: circuit open`);
          break;
        }
        try {
          const result = await provider.embed(request, { signal });
          breaker.success();
          return { ...result, provider };
        } catch (error) {
          lastError = error;
          if (error instanceof KgovError && !error.isRetryable) throw error;
          attempts.push(`${provider.id}: ${error instanceof KgovError ? error.code : 'error'}`);
          breaker.failure();
          if (attempt < this.options.maxRetries) {
            const delay = this.options.backoffMs * 2 ** attempt;
            await sleep(delay / 2 + Math.random() * delay / 2);
          }
        }
      }
    }
    throw new KgovError('upstream_unavailable', { model: request.model, detail: attempts.join(', ') }, { cause: lastError });
  }
}

export function buildEmbeddingRouter(config: KgovConfig, env: NodeJS.ProcessEnv = process.env): EmbeddingRouter {
  // Only OpenAI-compatible servers embed; an embedded llama-cpp provider serves chat only.
  const providers = config.providers.flatMap((provider) => (provider.type === 'openai-compatible' && provider.embeddingModels.length > 0 ? [provider] : [])).map((provider) => ({
    ...openAICompatibleEmbeddings({
      id: provider.id, baseURL: provider.baseURL, zone: provider.zone, embeddingModels: provider.embeddingModels, timeoutMs: provider.timeoutMs,
      apiKey: provider.apiKeyEnv ? env[provider.apiKeyEnv] : undefined,
    }),
    allowedTenants: provider.allowedTenants,
  }));
  return new EmbeddingRouter(providers, {
    maxRetries: config.gateway.maxRetries, backoffMs: config.gateway.backoffMs, failureThreshold: config.gateway.failureThreshold, openMs: config.gateway.circuitOpenMs,
  });
}
