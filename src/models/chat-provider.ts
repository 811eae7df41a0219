import type { ChatRequest, ChatResult, StreamPart } from './chat-types.js';

/**
 * The chat model extension point. Zones matter to the gateway: an `external` provider is a
 * commercial model outside the closed network, reached only through masking and the classified
 * content block. Every provider passes the shared contract test (`chat-provider.contract.test.ts`).
 */
export type Zone = 'internal' | 'external';

export interface ChatProvider {
  readonly id: string;
  readonly zone: Zone;
  /** Model ids this provider serves. */
  readonly models: readonly string[];
  /** External providers only: tenants allowed to use it (none when absent — fail closed). */
  readonly allowedTenants?: readonly string[];
  generate(request: ChatRequest, options: { signal: AbortSignal }): Promise<ChatResult>;
  /** Yields deltas, then exactly one `finish`. A broken upstream throws (never ends silently). */
  stream(request: ChatRequest, options: { signal: AbortSignal }): AsyncIterable<StreamPart>;
}
