import type { Grade } from '../auth/index.js';
import type { Queryable } from '../store/index.js';
import { createHashedNgramEmbedder } from './embedders/index.js';
import { indexChunks } from './lexical-index.js';
import { storeChunkVectors } from './vector-index.js';

/** What ingestion hands to search for each new chunk. */
export type SearchableChunk = { id: number; tenantId: string; grade: Grade; terms: readonly string[]; text: string; section: string | null };

/** The embedder whose vectors are written at ingest: built in, deterministic, cheap enough to run inside the transaction. */
export const builtInEmbedder = createHashedNgramEmbedder();

/**
 * The one entry point ingestion calls (inside its transaction): lexical postings and built-in
 * vectors. External embedders (HTTP, slow, fallible) are not called here: `embedPendingChunks`
 * fills their vectors afterwards, so a GPU server that is down never blocks or rolls back an ingest.
 */
export async function indexChunksForSearch(tx: Queryable, chunks: readonly SearchableChunk[]): Promise<void> {
  await indexChunks(tx, chunks);
  const result = await builtInEmbedder.embed(chunks.map((chunk) => embeddingText(chunk)), 'document');
  if (!result.ok) throw new Error(`built-in embedder failed: ${result.reason}`);
  await storeChunkVectors(tx, builtInEmbedder.id, chunks.map((chunk, index) => ({ chunkId: chunk.id, tenantId: chunk.tenantId, grade: chunk.grade, vector: result.vectors[index]! })));
}

/** The section path names what a passage is about, so it is embedded with the text. */
export function embeddingText(chunk: { text: string; section: string | null }): string {
  return chunk.section ? `${chunk.section}\n${chunk.text}` : chunk.text;
}
