import type { Database } from '../store/index.js';
import type { Embedder } from './embedders/index.js';
import { embeddingText } from './index-chunks.js';
import { storeChunkVectors, vectorSupport } from './vector-index.js';

export type EmbedPendingOutcome =
  | { ok: true; embedded: number }
  | { ok: false; embedded: number; code: string; reason: string; retryable: boolean };

/**
 * Fills vectors of an external embedder for active chunks that have none yet, batch by batch, each
 * batch its own transaction (progress survives a failure; re-running continues). With pgvector,
 * first makes sure a partial HNSW index exists for this embedder's dimension.
 */
export async function embedPendingChunks(database: Database, embedder: Embedder, options: { limit?: number } = {}): Promise<EmbedPendingOutcome> {
  const support = await vectorSupport(database);
  if (support.pgvector && !support.hnswEmbedders.has(embedder.id)) {
    const name = `chunk_vectors_hnsw_${embedder.id.replace(/[^a-z0-9]+/gi, '_').toLowerCase()}`.slice(0, 63);
    await database.exec(`CREATE INDEX IF NOT EXISTS ${name} ON chunk_vectors USING hnsw ((embedding::vector(${Math.trunc(embedder.dimension)})) vector_cosine_ops)
      WHERE embedder = '${embedder.id.replace(/'/g, "''")}'`);
    (support.hnswEmbedders as Set<string>).add(embedder.id);
  }
  let embedded = 0;
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  while (embedded < limit) {
    const batch = await database.query<{ id: number | string; tenant_id: string; grade: 'public' | 'internal' | 'restricted'; text: string; section: string | null }>(
      `SELECT c.id, c.tenant_id, c.grade, c.text, c.section FROM chunks c
       WHERE c.active AND NOT EXISTS (SELECT 1 FROM chunk_vectors v WHERE v.embedder = $1 AND v.chunk_id = c.id)
       ORDER BY c.id LIMIT $2`,
      [embedder.id, Math.min(embedder.maxBatch, limit - embedded)],
    );
    if (batch.length === 0) break;
    const result = await embedder.embed(batch.map((row) => embeddingText(row)), 'document');
    if (!result.ok) return { ok: false, embedded, code: result.code, reason: result.reason, retryable: result.retryable };
    await database.transaction((tx) => storeChunkVectors(tx, embedder.id, batch.map((row, index) => ({
      chunkId: Number(row.id), tenantId: row.tenant_id, grade: row.grade, vector: result.vectors[index]!,
    }))));
    embedded += batch.length;
  }
  return { ok: true, embedded };
}
