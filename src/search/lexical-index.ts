import type { Grade } from '../auth/index.js';
import type { Queryable } from '../store/index.js';

/**
 * BM25 over analysed terms, in PostgreSQL tables (so it runs the same on PGlite and on a server).
 * Statistics are kept per (tenant, grade), and a search sums only the grades the caller may see:
 * both the candidate set and the scores are computed inside one query from permitted rows.
 */
export type IndexedChunk = { id: number; tenantId: string; grade: Grade; terms: readonly string[] };

/** BM25 parameters: the usual defaults (Robertson & Zaragoza); chunks are short and similar in length. */
const k1 = 1.2;
const b = 0.75;

function termFrequencies(terms: readonly string[]): Map<string, number> {
  const frequencies = new Map<string, number>();
  for (const term of terms) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
  return frequencies;
}

/** Adds chunks to the index. Call inside the transaction that inserts them. */
export async function indexChunks(tx: Queryable, chunks: readonly IndexedChunk[]): Promise<void> {
  const documentFrequency = new Map<string, Map<string, number>>();
  const totals = new Map<string, { count: number; terms: number; tenantId: string; grade: Grade }>();
  const postingTerms: string[] = [];
  const postingChunks: number[] = [];
  const postingTf: number[] = [];
  for (const chunk of chunks) {
    const key = `${chunk.tenantId}\u0000${chunk.grade}`;
    const frequencies = termFrequencies(chunk.terms);
    const perGroup = documentFrequency.get(key) ?? new Map<string, number>();
    documentFrequency.set(key, perGroup);
    for (const [term, tf] of frequencies) {
      postingTerms.push(term);
      postingChunks.push(chunk.id);
      postingTf.push(tf);
      perGroup.set(term, (perGroup.get(term) ?? 0) + 1);
    }
    const total = totals.get(key) ?? { count: 0, terms: 0, tenantId: chunk.tenantId, grade: chunk.grade };
    total.count += 1;
    total.terms += chunk.terms.length;
    totals.set(key, total);
  }
  if (postingTerms.length > 0) {
    await tx.query('INSERT INTO chunk_terms (term, chunk_id, tf) SELECT * FROM unnest($1::text[], $2::bigint[], $3::int[])',
      [postingTerms, postingChunks, postingTf]);
  }
  for (const [key, perGroup] of documentFrequency) {
    const { tenantId, grade } = totals.get(key)!;
    // Sorted, so concurrent ingests upsert the same rows in the same order and cannot deadlock.
    const terms = [...perGroup.keys()].sort();
    await tx.query(
      `INSERT INTO term_stats (tenant_id, grade, term, df)
       SELECT $1, $2, term, df FROM unnest($3::text[], $4::int[]) AS input(term, df)
       ON CONFLICT (tenant_id, grade, term) DO UPDATE SET df = term_stats.df + EXCLUDED.df`,
      [tenantId, grade, terms, terms.map((term) => perGroup.get(term)!)],
    );
  }
  for (const total of totals.values()) {
    await tx.query(
      `INSERT INTO index_stats (tenant_id, grade, chunk_count, term_total) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, grade) DO UPDATE SET chunk_count = index_stats.chunk_count + EXCLUDED.chunk_count,
         term_total = index_stats.term_total + EXCLUDED.term_total`,
      [total.tenantId, total.grade, total.count, total.terms],
    );
  }
}

/** Takes chunks out of the index (superseded or deleted) and marks them inactive; their text stays for audit. */
export async function unindexChunks(tx: Queryable, chunkIds: readonly number[]): Promise<void> {
  if (chunkIds.length === 0) return;
  const groups = await tx.query<{ tenant_id: string; grade: Grade; count: number; terms: number }>(
    `UPDATE chunks SET active = false WHERE id = ANY($1::bigint[]) AND active
     RETURNING tenant_id, grade, 1 AS count, term_count AS terms`,
    [chunkIds],
  );
  const removed = await tx.query<{ tenant_id: string; grade: Grade; term: string; df: number }>(
    `WITH removed AS (DELETE FROM chunk_terms WHERE chunk_id = ANY($1::bigint[]) RETURNING term, chunk_id)
     SELECT c.tenant_id, c.grade, r.term, count(*)::int AS df
     FROM removed r JOIN chunks c ON c.id = r.chunk_id GROUP BY c.tenant_id, c.grade, r.term ORDER BY r.term`,
    [chunkIds],
  );
  const byGroup = new Map<string, { tenantId: string; grade: Grade; terms: string[]; df: number[] }>();
  for (const row of removed) {
    const key = `${row.tenant_id}\u0000${row.grade}`;
    const group = byGroup.get(key) ?? { tenantId: row.tenant_id, grade: row.grade, terms: [], df: [] };
    group.terms.push(row.term);
    group.df.push(Number(row.df));
    byGroup.set(key, group);
  }
  for (const group of byGroup.values()) {
    await tx.query(
      `UPDATE term_stats t SET df = t.df - input.df FROM unnest($3::text[], $4::int[]) AS input(term, df)
       WHERE t.tenant_id = $1 AND t.grade = $2 AND t.term = input.term`,
      [group.tenantId, group.grade, group.terms, group.df],
    );
  }
  const totals = new Map<string, { tenantId: string; grade: Grade; count: number; terms: number }>();
  for (const row of groups) {
    const key = `${row.tenant_id}\u0000${row.grade}`;
    const total = totals.get(key) ?? { tenantId: row.tenant_id, grade: row.grade, count: 0, terms: 0 };
    total.count += Number(row.count);
    total.terms += Number(row.terms);
    totals.set(key, total);
  }
  for (const total of totals.values()) {
    await tx.query(
      'UPDATE index_stats SET chunk_count = chunk_count - $3, term_total = term_total - $4 WHERE tenant_id = $1 AND grade = $2',
      [total.tenantId, total.grade, total.count, total.terms],
    );
  }
}

export type LexicalHit = { chunkId: number; score: number };

/**
 * Top-k chunks by BM25 among the caller's tenant and visible grades. Permissions are conditions of
 * this query (never a filter after top-k), and inactive chunks have no postings at all.
 */
export async function searchLexical(
  database: Queryable,
  input: { tenantId: string; grades: readonly Grade[]; terms: readonly string[]; k: number },
): Promise<LexicalHit[]> {
  if (input.terms.length === 0 || input.grades.length === 0) return [];
  const frequencies = termFrequencies(input.terms);
  const rows = await database.query<{ chunk_id: number | string; score: number }>(
    `WITH query_terms AS (
       SELECT term, qtf FROM unnest($1::text[], $2::int[]) AS input(term, qtf)
     ), stats AS (
       SELECT coalesce(sum(chunk_count), 0)::float8 AS n,
              coalesce(sum(term_total)::float8 / nullif(sum(chunk_count), 0), 1) AS average_length
       FROM index_stats WHERE tenant_id = $3 AND grade = ANY($4::text[])
     ), frequencies AS (
       SELECT term, sum(df)::float8 AS df FROM term_stats
       WHERE tenant_id = $3 AND grade = ANY($4::text[]) AND term = ANY($1::text[]) AND df > 0
       GROUP BY term
     )
     SELECT p.chunk_id,
            sum(q.qtf * ln(1 + (stats.n - f.df + 0.5) / (f.df + 0.5))
                * (p.tf * ${k1 + 1}) / (p.tf + ${k1} * (1 - ${b} + ${b} * c.term_count / stats.average_length))) AS score
     FROM query_terms q
     JOIN frequencies f ON f.term = q.term
     JOIN chunk_terms p ON p.term = q.term
     JOIN chunks c ON c.id = p.chunk_id
     CROSS JOIN stats
     WHERE c.tenant_id = $3 AND c.grade = ANY($4::text[]) AND c.active
     GROUP BY p.chunk_id
     ORDER BY score DESC, p.chunk_id
     LIMIT $5`,
    [[...frequencies.keys()], [...frequencies.values()], input.tenantId, input.grades, input.k],
  );
  return rows.map((row) => ({ chunkId: Number(row.chunk_id), score: Number(row.score) }));
}
