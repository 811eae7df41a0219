import type { Grade } from '../auth/index.js';
import type { Queryable } from '../store/index.js';
import { bandBuckets, estimatedSimilarity, minhashBands } from './minhash.js';

export type NearDuplicate = { versionId: string; documentId: string; name: string; version: number; grade: Grade; accessGroups: string[]; similarity: number };

/**
 * The most similar current version of another document of the tenant, if its estimated Jaccard
 * similarity reaches `threshold`. LSH buckets find the candidates; their stored signatures decide.
 * Versions of the same document are not near duplicates of each other: they are its history. A version withheld as
 * a near duplicate itself is no candidate: it serves nothing, and taking it would withhold the document it copies
 * (that document's next version, or the same version parsed again) and leave the text served nowhere.
 */
export async function findNearDuplicate(
  tx: Queryable, input: { tenantId: string; documentId: string; signature: readonly number[]; threshold: number },
): Promise<NearDuplicate | null> {
  const buckets = bandBuckets(input.signature);
  const rows = await tx.query<{ id: string; document_id: string; name: string; version: number; grade: Grade; access_groups: string[]; minhash: number[] }>(
    `SELECT DISTINCT v.id, v.document_id, d.name, v.version, v.grade, d.access_groups, v.minhash
     FROM near_duplicate_buckets b
     JOIN document_versions v ON v.id = b.version_id
     JOIN documents d ON d.id = v.document_id
     WHERE b.tenant_id = $1 AND (b.band, b.bucket) IN (SELECT * FROM unnest($2::smallint[], $3::bigint[]))
       AND v.document_id <> $4 AND v.superseded_at IS NULL AND d.deleted_at IS NULL AND v.minhash IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM chunks c WHERE c.version_id = v.id AND c.withheld = 'near-duplicate')`,
    [input.tenantId, buckets.map((_, band) => band), buckets.map(String), input.documentId],
  );
  let best: NearDuplicate | null = null;
  for (const row of rows) {
    const similarity = estimatedSimilarity(input.signature, row.minhash.map(Number));
    if (similarity >= input.threshold && (!best || similarity > best.similarity)) {
      best = { versionId: row.id, documentId: row.document_id, name: row.name, version: Number(row.version), grade: row.grade, accessGroups: row.access_groups ?? [], similarity };
    }
  }
  return best;
}

export async function recordBuckets(tx: Queryable, input: { tenantId: string; versionId: string; signature: readonly number[] }): Promise<void> {
  const buckets = bandBuckets(input.signature);
  await tx.query(
    `INSERT INTO near_duplicate_buckets (tenant_id, band, bucket, version_id)
     SELECT $1, input.band, input.bucket, $2 FROM unnest($3::smallint[], $4::bigint[]) AS input(band, bucket) ON CONFLICT DO NOTHING`,
    [input.tenantId, input.versionId, Array.from({ length: minhashBands }, (_, band) => band), buckets.map(String)],
  );
}
