/**
 * The embedder extension point: text in, L2-normalised vectors out. Two implementations ship: a
 * built-in hashed n-gram embedder (no download, deterministic) and a client for any OpenAI-compatible
 * `/v1/embeddings` server (bge-m3 or multilingual-e5 on vLLM, TEI or Ollama). Every implementation
 * passes `embedder-contract.ts`.
 */
export type EmbeddingPurpose = 'document' | 'query';

/** A remote server can fail; that is expected, so it is a result, not an exception. */
export type EmbeddingResult =
  | { ok: true; vectors: Float32Array[] }
  | { ok: false; code: 'embedder_unavailable' | 'embedder_bad_response'; reason: string; retryable: boolean };

export interface Embedder {
  /** Stable id stored with every vector (`hashed-ngram-512`, `openai:bge-m3`): vectors of different embedders never mix. */
  readonly id: string;
  readonly dimension: number;
  /** The most texts one call accepts; callers batch by this. */
  readonly maxBatch: number;
  embed(texts: readonly string[], purpose: EmbeddingPurpose): Promise<EmbeddingResult>;
}

/** Scales a vector to unit length in place (cosine similarity becomes a dot product). */
export function normalizeVector(vector: Float32Array): Float32Array {
  let sum = 0;
  for (const value of vector) sum += value * value;
  const norm = Math.sqrt(sum);
  if (norm > 0) for (let index = 0; index < vector.length; index++) vector[index]! /= norm;
  return vector;
}

export function dotProduct(left: Float32Array, right: Float32Array): number {
  let sum = 0;
  for (let index = 0; index < left.length; index++) sum += left[index]! * right[index]!;
  return sum;
}
