/**
 * Optional second stage: a cross-encoder (bge-reranker on TEI, a `/v1/rerank` server) re-scores the
 * fused top candidates. Failure is a result: search then keeps the fused order, because a ranking
 * aid that is down should cost quality, not availability. Permissions are already applied: a
 * reranker only ever sees passages the caller may read.
 */
export type RerankResult = { ok: true; scores: number[] } | { ok: false; reason: string };

export interface Reranker {
  readonly id: string;
  /** How many fused candidates to send (cross-encoders are slow; 20–50 is typical). */
  readonly depth: number;
  rerank(query: string, passages: readonly string[]): Promise<RerankResult>;
}
