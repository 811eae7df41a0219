import type { Zone } from './chat-provider.js';

export type EmbeddingRequest = { model: string; input: readonly string[]; dimensions?: number | undefined };
export type EmbeddingResponse = { vectors: number[][]; promptTokens: number };

/**
 * An upstream that embeds (`embeddingModels` in a provider's config). Separate from ChatProvider:
 * chat and embeddings are usually different server processes, and a chat-only provider should not
 * have to say it cannot embed.
 */
export interface EmbeddingProvider {
  readonly id: string;
  readonly zone: Zone;
  readonly embeddingModels: readonly string[];
  readonly allowedTenants?: readonly string[];
  embed(request: EmbeddingRequest, options: { signal: AbortSignal }): Promise<EmbeddingResponse>;
}
