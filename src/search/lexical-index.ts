import { sharedWithSql, type Grade } from '../auth/index.js';
import type { Queryable } from '../store/index.js';
import { b, delta, k1, pruneFromChunks, termFrequencies } from './bm25.js';
import { memoryIndexOf, type PassageView } from './memory-index/index.js';
import { postingSegments, type IndexedChunk } from './posting-segments.js';
import { removeChunkVectors } from './vector-index.js';

/**
 * BM25+ over analysed terms, in PostgreSQL tables (so it runs the same on PGlite and on a server).
 * Statistics are kept per (tenant, grade), and a search sums only the grades the caller may see:
 * both the candidate set and the scores are computed inside one query from permitted rows.
 */
export type { IndexedChunk } from './posting-segments.js';

/**
 * Adds chunks to the index. Call inside the transaction that inserts them.
 * Layout (migration 0004): one row per (tenant, grade, term, segment) holding the posting list of
 * that term in one ingest batch as parallel arrays (chunk ids, term frequencies, chunk lengths),
 * instead of one row per (term, chunk). A document of 745 chunks writes ~40k rows instead of
 * ~480k, and a query reads each term's list in a few sequential rows with no join to `chunks`
 * (BENCHMARKS.md, retrieval: before/after). Each row also carries its list length as `df` (migration 0009), so
 * document frequencies need no table of their own that every ingest would have to upsert term by term.
 */
export async function indexChunks(tx: Queryable, chunks: readonly IndexedChunk[]): Promise<void> {
  for (const segment of postingSegments(chunks)) {
    await tx.query(
      `INSERT INTO posting_segments (tenant_id, grade, term, segment_id, chunk_ids, tfs, lengths)
       SELECT $1, $2, input.term, $3, input.chunk_ids::bigint[], input.tfs::int[], input.lengths::int[]
       FROM unnest($4::text[], $5::text[], $6::text[], $7::text[]) AS input(term, chunk_ids, tfs, lengths)`,
      [segment.tenantId, segment.grade, segment.segmentId, segment.terms, segment.chunkIds, segment.tfs, segment.lengths],
    );
    await tx.query('INSERT INTO posting_segment_chunks (chunk_id, segment_id) SELECT id, $2 FROM unnest($1::bigint[]) AS input(id)', [segment.indexedChunkIds, segment.segmentId]);
    await tx.query(
      `INSERT INTO index_stats (tenant_id, grade, chunk_count, term_total) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, grade) DO UPDATE SET chunk_count = index_stats.chunk_count + EXCLUDED.chunk_count,
         term_total = index_stats.term_total + EXCLUDED.term_total`,
      [segment.tenantId, segment.grade, segment.chunkCount, segment.termTotal],
    );
  }
}

/**
 * Takes chunks out of the index (superseded or deleted) and marks them inactive; their text stays for audit.
 * `keepVectors`: for chunks indexed again in the same transaction (`kgov reindex`), whose text is unchanged, so an
 * external embedder's vectors stay valid (the built-in ones are written again over them).
 */
export async function unindexChunks(tx: Queryable, chunkIds: readonly number[], options: { keepVectors?: boolean } = {}): Promise<void> {
  if (chunkIds.length === 0) return;
  if (!options.keepVectors) await removeChunkVectors(tx, chunkIds);
  const groups = await tx.query<{ tenant_id: string; grade: Grade; count: number; terms: number }>(
    `UPDATE chunks SET active = false WHERE id = ANY($1::bigint[]) AND active
     RETURNING tenant_id, grade, 1 AS count, term_count AS terms`,
    [chunkIds],
  );
  const segments = (await tx.query<{ segment_id: number | string }>(
    'DELETE FROM posting_segment_chunks WHERE chunk_id = ANY($1::bigint[]) RETURNING segment_id', [chunkIds],
  )).map((row) => Number(row.segment_id));
  const segmentIds = [...new Set(segments)];
  if (segmentIds.length > 0) {
    // Usually a whole segment goes (a superseded version); a partial removal rewrites the lists without those
    // chunks (`df`, generated from the list's length, follows: migration 0009).
    await tx.query('DELETE FROM posting_segments WHERE segment_id = ANY($2::bigint[]) AND chunk_ids <@ $1::bigint[]', [chunkIds, segmentIds]);
    await tx.query(
      `UPDATE posting_segments p SET (chunk_ids, tfs, lengths) = (
         SELECT array_agg(posting.chunk_id ORDER BY posting.position), array_agg(posting.tf ORDER BY posting.position),
                array_agg(posting.length ORDER BY posting.position)
         FROM unnest(p.chunk_ids, p.tfs, p.lengths) WITH ORDINALITY AS posting(chunk_id, tf, length, position)
         WHERE NOT posting.chunk_id = ANY($1::bigint[]))
       WHERE p.segment_id = ANY($2::bigint[]) AND p.chunk_ids && $1::bigint[]`,
      [chunkIds, segmentIds],
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

export type LexicalSearchInput = {
  tenantId: string; grades: readonly Grade[]; terms: readonly string[]; k: number;
  /** The caller's groups (`ReadScope.groups`; `[everyGroup]`: every group; null or missing: none, so only documents shared with all). */
  groups?: readonly string[] | null;
};

/**
 * Top-k chunks by BM25 among the caller's tenant, visible grades and the documents shared with the caller.
 * Permissions are conditions of this query (never a filter after top-k), and inactive chunks have no postings at
 * all. Segments of documents shared with groups the caller is not in (`restricted_segments`, migration 0010) are
 * left out of the candidates and of the statistics alike (passage count, average length, document frequencies).
 */
export async function searchLexical(database: Queryable, input: LexicalSearchInput): Promise<LexicalHit[]> {
  return (await rankLexical(database, input)).hits;
}

/**
 * `searchLexical`, and where the ranking came from the in-memory copy, the view of its passage cache that belongs
 * to the same state of the tenant (`loadHits` serves the hits' texts from it); null when SQL ranked.
 */
export async function rankLexical(database: Queryable, input: LexicalSearchInput): Promise<{ hits: LexicalHit[]; passages: PassageView | null }> {
  if (input.terms.length === 0 || input.grades.length === 0) return { hits: [], passages: null };
  // The same ranking from the in-memory copy when this database handle has one and the tenant is loaded.
  const inMemory = await memoryIndexOf(database)?.rank(input);
  return inMemory ?? { hits: await searchLexicalInDatabase(database, input), passages: null };
}

/** `searchLexical` computed by the database itself, in one statement. */
export async function searchLexicalInDatabase(database: Queryable, input: LexicalSearchInput): Promise<LexicalHit[]> {
  if (input.terms.length === 0 || input.grades.length === 0) return [];
  const frequencies = termFrequencies(input.terms);
  const rows = await database.query<{ chunk_id: number | string; score: number }>(
    // All arithmetic in float8 and per-term weights computed once per term (not per posting):
    // numeric literals made PGlite spend most of a query in numeric math (BENCHMARKS.md).
    `WITH hidden AS MATERIALIZED (
       SELECT segment_id, chunk_count, term_total FROM restricted_segments
       WHERE tenant_id = $3 AND grade = ANY($4::text[]) AND NOT ${sharedWithSql('access_groups', '$6')}
     ), totals AS (
       SELECT coalesce(sum(chunk_count), 0)::float8 - (SELECT coalesce(sum(chunk_count), 0)::float8 FROM hidden) AS chunks,
              coalesce(sum(term_total), 0)::float8 - (SELECT coalesce(sum(term_total), 0)::float8 FROM hidden) AS terms
       FROM index_stats WHERE tenant_id = $3 AND grade = ANY($4::text[])
     ), stats AS (
       SELECT greatest(chunks, 0::float8) AS n, coalesce(terms / nullif(chunks, 0::float8), 1::float8) AS average_length FROM totals
     ), weights AS MATERIALIZED (
       SELECT input.term, input.qtf::float8 * ln(1::float8 + (stats.n - f.df + 0.5::float8) / (f.df + 0.5::float8)) AS weight
       FROM unnest($1::text[], $2::int[]) AS input(term, qtf)
       -- Document frequency over the permitted segments, from the primary key alone (it includes df: migration 0009).
       JOIN (SELECT term, sum(df)::float8 AS df FROM posting_segments
             WHERE tenant_id = $3 AND grade = ANY($4::text[]) AND term = ANY($1::text[])
               AND segment_id NOT IN (SELECT segment_id FROM hidden) GROUP BY term) f ON f.term = input.term
       CROSS JOIN stats
       -- In a large index a term found in more than half of all passages says almost nothing (idf < ln 2)
       -- but carries most postings: skipped, recall unchanged on nia-qa-dev (BENCHMARKS.md).
       WHERE stats.n < ${pruneFromChunks} OR f.df <= stats.n * 0.5::float8
     )
     SELECT posting.chunk_id,
            sum(w.weight * ((posting.tf * ${k1 + 1}::float8)
                / (posting.tf + ${k1 * (1 - b)}::float8 + ${k1 * b}::float8 * posting.length / stats.average_length) + ${delta}::float8)) AS score
     FROM weights w
     JOIN posting_segments p ON p.term = w.term AND p.tenant_id = $3 AND p.grade = ANY($4::text[])
       AND p.segment_id NOT IN (SELECT segment_id FROM hidden)
     CROSS JOIN LATERAL unnest(p.chunk_ids, p.tfs, p.lengths) AS posting(chunk_id, tf, length)
     CROSS JOIN stats
     GROUP BY posting.chunk_id
     ORDER BY score DESC, posting.chunk_id
     LIMIT $5`,
    [[...frequencies.keys()], [...frequencies.values()], input.tenantId, input.grades, input.k, input.groups ?? []],
  );
  return rows.map((row) => ({ chunkId: Number(row.chunk_id), score: Number(row.score) }));
}

/**
 * How many passages the caller may search in the tenant, and in how many of them each of `terms` occurs: the
 * statistics BM25 ranks with, over the same permitted segments (grades, and documents shared with the caller), so
 * nothing here counts a passage the caller could not find. For weighing a question's words by how rare they are
 * (grounded answers' evidence), not for ranking.
 */
export async function termStatistics(
  database: Queryable, input: { tenantId: string; grades: readonly Grade[]; groups?: readonly string[] | null; terms: readonly string[] },
): Promise<{ passages: number; documentFrequency: Map<string, number> }> {
  if (input.grades.length === 0) return { passages: 0, documentFrequency: new Map() };
  const rows = await database.query<{ term: string | null; df: number | string }>(
    `WITH hidden AS MATERIALIZED (
       SELECT segment_id, chunk_count FROM restricted_segments
       WHERE tenant_id = $1 AND grade = ANY($2::text[]) AND NOT ${sharedWithSql('access_groups', '$4')}
     )
     SELECT NULL AS term, (SELECT coalesce(sum(chunk_count), 0) FROM index_stats WHERE tenant_id = $1 AND grade = ANY($2::text[]))
                          - (SELECT coalesce(sum(chunk_count), 0) FROM hidden) AS df
     UNION ALL
     SELECT term, sum(df) AS df FROM posting_segments
     WHERE tenant_id = $1 AND grade = ANY($2::text[]) AND term = ANY($3::text[]) AND segment_id NOT IN (SELECT segment_id FROM hidden)
     GROUP BY term`,
    [input.tenantId, input.grades, [...new Set(input.terms)], input.groups ?? []],
  );
  const documentFrequency = new Map<string, number>();
  let passages = 0;
  for (const row of rows) {
    if (row.term === null) passages = Math.max(0, Number(row.df));
    else documentFrequency.set(row.term, Number(row.df));
  }
  return { passages, documentFrequency };
}
