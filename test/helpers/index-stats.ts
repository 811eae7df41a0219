import type { Queryable } from '../../src/store/index.js';

/**
 * Grades of a tenant whose index statistics (`index_stats`: chunks and terms per grade, which BM25 reads) differ
 * from the chunks it serves: 0 when every write kept them in step.
 */
export async function statisticsMismatch(database: Queryable, tenantId: string): Promise<number> {
  const [row] = await database.query<{ mismatch: number }>(
    `SELECT count(*)::int AS mismatch FROM index_stats s
     LEFT JOIN (SELECT grade, count(*) AS chunks, sum(term_count) AS terms FROM chunks WHERE tenant_id = $1 AND active GROUP BY grade) c ON c.grade = s.grade
     WHERE s.tenant_id = $1 AND (s.chunk_count <> coalesce(c.chunks, 0) OR s.term_total <> coalesce(c.terms, 0))`, [tenantId]);
  return Number(row!.mismatch);
}
