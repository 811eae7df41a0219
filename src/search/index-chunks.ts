import type { Grade } from '../auth/index.js';
import type { Queryable } from '../store/index.js';
import { createHashedNgramEmbedder } from './embedders/index.js';
import { indexChunks, unindexChunks } from './lexical-index.js';
import { refreshRestrictedSegments, segmentsOf } from './segment-sharing.js';
import { storeChunkVectors } from './vector-index.js';

/** What ingestion hands to search for each new chunk; `accessGroups` is its document's sharing (empty: the whole tenant). */
export type SearchableChunk = {
  id: number; tenantId: string; documentId: string; grade: Grade; accessGroups: readonly string[];
  terms: readonly string[]; text: string; section: string | null;
};

/** The embedder whose vectors are written at ingest: built in, deterministic, cheap enough to run inside the transaction. */
export const builtInEmbedder = createHashedNgramEmbedder();

/**
 * The one entry point ingestion calls (inside its transaction): lexical postings and built-in
 * vectors. External embedders (HTTP, slow, fallible) are not called here: `embedPendingChunks`
 * fills their vectors afterwards, so a GPU server that is down never blocks or rolls back an ingest.
 */
export async function indexChunksForSearch(tx: Queryable, chunks: readonly SearchableChunk[]): Promise<void> {
  // One document per segment, so a document's sharing can hide exactly its own segments.
  const byDocument = new Map<string, SearchableChunk[]>();
  for (const chunk of chunks) {
    const group = byDocument.get(chunk.documentId);
    if (group) group.push(chunk);
    else byDocument.set(chunk.documentId, [chunk]);
  }
  const restricted: number[] = [];
  for (const group of byDocument.values()) {
    await indexChunks(tx, group);
    if (group.some((chunk) => chunk.accessGroups.length > 0)) restricted.push(...group.map((chunk) => chunk.id));
  }
  if (restricted.length > 0) await refreshRestrictedSegments(tx, await segmentsOf(tx, { chunkIds: restricted }));
  await analyzeOnce(tx);
  const result = await builtInEmbedder.embed(chunks.map((chunk) => embeddingText(chunk)), 'document');
  if (!result.ok) throw new Error(`built-in embedder failed: ${result.reason}`);
  await storeChunkVectors(tx, builtInEmbedder.id, chunks.map((chunk, index) => ({ chunkId: chunk.id, tenantId: chunk.tenantId, grade: chunk.grade, vector: result.vectors[index]! })));
}

/**
 * Takes chunks out of search (superseded or deleted): postings, vectors, and their segments' sharing rows.
 * `keepVectors` keeps the vectors of chunks that are indexed again at once with the same text.
 */
export async function unindexChunksForSearch(tx: Queryable, chunkIds: readonly number[], options: { keepVectors?: boolean } = {}): Promise<void> {
  if (chunkIds.length === 0) return;
  const segments = await segmentsOf(tx, { chunkIds });
  await unindexChunks(tx, chunkIds, options);
  await refreshRestrictedSegments(tx, segments);
}

/** The section path names what a passage is about, so it is embedded with the text. */
export function embeddingText(chunk: { text: string; section: string | null }): string {
  return chunk.section ? `${chunk.section}\n${chunk.text}` : chunk.text;
}

/**
 * PGlite runs no autovacuum, and a never-analysed table makes the planner hash-join whole posting
 * tables (measured 190 ms instead of 27 ms a query at 600 chunks). One ANALYZE on the first ingest
 * is enough: later the planner scales the sampled density by the table's current size.
 */
async function analyzeOnce(tx: Queryable): Promise<void> {
  const [row] = await tx.query<{ tuples: number }>("SELECT reltuples::float8 AS tuples FROM pg_class WHERE oid = 'posting_segments'::regclass");
  if (row && Number(row.tuples) < 0) await tx.query('ANALYZE posting_segments, posting_segment_chunks, chunk_vectors');
}
