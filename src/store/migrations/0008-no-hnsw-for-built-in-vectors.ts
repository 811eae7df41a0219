import type { Migration } from '../migration.js';

/**
 * Drops the HNSW index of the built-in hashed n-gram vectors. Measured (BENCHMARKS.md, ingestion): keeping it
 * up to date was a fifth of PGlite's work while ingesting, and it serves only `search.mode: vector` with the
 * built-in embedder, the weakest configuration (recall@5 ≈ 0.47); hybrid mode re-scores the lexical candidates
 * exactly and needs no index. Vector search over these rows now scores the permitted rows exactly (as on a
 * server without pgvector). External embedders keep their own HNSW index (embed-pending-chunks.ts creates it).
 */
export const noHnswForBuiltInVectors: Migration = {
  version: 8,
  name: 'no-hnsw-for-built-in-vectors',
  sql: 'DROP INDEX IF EXISTS chunk_vectors_hnsw_hashed_ngram_512;',
};
