import type { Queryable } from '../store/index.js';

/**
 * Keeps `restricted_segments` (migration 0010) in step with the index: one row per posting segment of a document
 * shared with some groups only, with those groups and the segment's share of the index statistics (passages and
 * terms of its active chunks). Searches leave such a segment out unless the caller is in one of its groups.
 * Each segment holds the chunks of one document (indexChunksForSearch indexes document by document).
 */
export async function refreshRestrictedSegments(tx: Queryable, segmentIds: readonly number[]): Promise<void> {
  if (segmentIds.length === 0) return;
  await tx.query('DELETE FROM restricted_segments WHERE segment_id = ANY($1::bigint[])', [segmentIds]);
  await tx.query(
    `INSERT INTO restricted_segments (segment_id, tenant_id, grade, document_id, access_groups, chunk_count, term_total)
     SELECT s.segment_id, c.tenant_id, c.grade, c.document_id, d.access_groups, count(*), sum(c.term_count)
     FROM posting_segment_chunks s JOIN chunks c ON c.id = s.chunk_id JOIN documents d ON d.id = c.document_id
     WHERE s.segment_id = ANY($1::bigint[]) AND c.active AND d.access_groups <> '{}'::text[]
     GROUP BY s.segment_id, c.tenant_id, c.grade, c.document_id, d.access_groups
     ON CONFLICT (segment_id) DO NOTHING`,
    [segmentIds],
  );
}

/** The segments that hold chunks of these ids (before they leave the index) or of this document. */
export async function segmentsOf(tx: Queryable, where: { chunkIds: readonly number[] } | { documentId: string }): Promise<number[]> {
  const rows = 'chunkIds' in where
    ? await tx.query<{ segment_id: number | string }>('SELECT DISTINCT segment_id FROM posting_segment_chunks WHERE chunk_id = ANY($1::bigint[])', [where.chunkIds])
    : await tx.query<{ segment_id: number | string }>(
      'SELECT DISTINCT s.segment_id FROM posting_segment_chunks s JOIN chunks c ON c.id = s.chunk_id WHERE c.document_id = $1', [where.documentId]);
  return rows.map((row) => Number(row.segment_id));
}

/**
 * After a document's sharing changed (`documents.access_groups` already updated in this transaction): its
 * segments are listed, or no longer listed, as restricted, in the same transaction, so search follows at once.
 */
export async function setSegmentSharing(tx: Queryable, documentId: string): Promise<void> {
  await tx.query('DELETE FROM restricted_segments WHERE document_id = $1', [documentId]);
  await refreshRestrictedSegments(tx, await segmentsOf(tx, { documentId }));
}
