import type { Queryable } from '../store/index.js';

/**
 * Chunks gone for good, with the rows that point at them (vectors, segment membership, old term rows) first: a purged
 * version's, or the old chunks of a version parsed again. The caller has taken them out of the index already.
 */
export async function deleteChunks(tx: Queryable, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.query('DELETE FROM chunk_vectors WHERE chunk_id = ANY($1::bigint[])', [ids]);
  await tx.query('DELETE FROM posting_segment_chunks WHERE chunk_id = ANY($1::bigint[])', [ids]);
  await tx.query('DELETE FROM chunk_terms WHERE chunk_id = ANY($1::bigint[])', [ids]);
  await tx.query('DELETE FROM chunks WHERE id = ANY($1::bigint[])', [ids]);
}
