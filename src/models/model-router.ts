import { setTimeout as sleep } from 'node:timers/promises';
import { KgovError } from '../core/index.js';
import type { ChatProvider } from './chat-provider.js';
import type { ChatRequest, ChatResult, StreamPart } from './chat-types.js';
import { CircuitBreaker } from './circuit-breaker.js';

export type RouterOptions = {
  /** Retries per provider for retryable errors, before falling back to the next provider. */
  maxRetries: number;
  /** First backoff; doubles each retry, with jitter. */
  backoffMs: number;
  failureThreshold: number;
  openMs: number;
};

export type Attempt = { provider: string; error?: string };
export type FailureListener = (provider: ChatProvider, error: unknown) => void;

/**
 * Routes a model id to the providers that serve it, in configured order: retries with backoff on
 * retryable errors, then falls back to the next provider; an open circuit skips a provider. A
 * stream falls back only before its first delta reached the caller — after that, a failure ends the
 * caller's stream with an error event.
 */
export class ModelRouter {
  private readonly breakers = new Map<string, CircuitBreaker>();

  constructor(readonly providers: readonly ChatProvider[], private readonly options: RouterOptions) {
    for (const provider of providers) breakersFor(this.breakers, provider.id, options);
  }

  modelIds(): string[] {
    return [...new Set(this.providers.flatMap((provider) => provider.models))];
  }

  providersFor(model: string): ChatProvider[] {
    const found = this.providers.filter((provider) => provider.models.includes(model));
    if (found.length === 0) throw new KgovError('model_not_found', { model }, { param: 'model' });
    return found;
  }

  /** `onFailure` hears of every failed attempt (each retry, each provider fallen back from): the caller audits them. */
  async generate(request: ChatRequest, signal: AbortSignal, candidates = this.providersFor(request.model), onFailure?: FailureListener): Promise<ChatResult & { provider: ChatProvider }> {
    return this.withFallback(request.model, candidates, async (provider) => ({ ...(await provider.generate(request, { signal })), provider }), onFailure);
  }

  /**
   * Opens a stream and waits for its first part, with retries and fallback up to that point. The
   * returned iterator continues the same upstream stream.
   */
  async openStream(request: ChatRequest, signal: AbortSignal, candidates = this.providersFor(request.model), onFailure?: FailureListener) {
    return this.withFallback(request.model, candidates, async (provider) => {
      const iterator = provider.stream(request, { signal })[Symbol.asyncIterator]();
      const first = await iterator.next();
      return { provider, first, rest: iterator as AsyncIterator<StreamPart> };
    }, onFailure);
  }

  private async withFallback<T>(model: string, candidates: readonly ChatProvider[], call: (provider: ChatProvider) => Promise<T>, onFailure?: FailureListener): Promise<T> {
    const attempts: Attempt[] = [];
    let lastError: unknown;
    for (const provider of candidates) {
      const breaker = breakersFor(this.breakers, provider.id, this.options);
      for (let attempt = 0; attempt <= this.options.maxRetries; attempt++) {
        if (!breaker.allow()) {
          attempts.push({ provider: provider.id, error: 'circuit open' });
          break;
        }
        try {
          const result = await call(provider);
          breaker.success();
          return result;
        } catch (error) {
          lastError = error;
          onFailure?.(provider, error);
          const retryable = error instanceof KgovError ? error.isRetryable : true;
          attempts.push({ provider: provider.id, error: error instanceof KgovError ? error.code : 'error' });
          if (!retryable) throw error;
          breaker.failure();
          if (attempt < this.options.maxRetries) {
            const delay = this.options.backoffMs * 2 ** attempt;
            await sleep(delay / 2 + Math.random() * delay / 2);
          }
        }
      }
    }
    if (lastError instanceof KgovError && candidates.length === 1 && attempts.every((entry) => entry.error !== 'circuit open')) throw lastError;
    // Every candidate's circuit open: the caller can be told when the first lets a request through again.
    const reopen = attempts.length > 0 && attempts.every((entry) => entry.error === 'circuit open')
      ? Math.min(...candidates.map((provider) => breakersFor(this.breakers, provider.id, this.options).retryInMs)) : 0;
    throw new KgovError('upstream_unavailable', {
      model, detail: attempts.map((entry) => `${entry.provider}: ${entry.error}`).join(', '),
      ...(reopen > 0 ? { retryAfterSeconds: Math.ceil(reopen / 1000) } : {}),
    }, { cause: lastError });
  }
}

function breakersFor(breakers: Map<string, CircuitBreaker>, id: string, options: RouterOptions): CircuitBreaker {
  let breaker = breakers.get(id);
  if (!breaker) {
    breaker = new CircuitBreaker({ failureThreshold: options.failureThreshold, openMs: options.openMs });
    breakers.set(id, breaker);
  }
  return breaker;
}
