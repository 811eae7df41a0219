import { sharedWithSql, type Grade } from '../auth/index.js';
import type { Queryable } from '../store/index.js';
import type { Embedder } from './embedders/index.js';

/**
 * Chunk vectors in `chunk_vectors` (migration 0004). With pgvector the search walks an HNSW index
 * (iterative scan, so permission conditions never starve the result); without it, the permitted rows
 * are scored exactly in SQL. Either way tenant, grade and `active` are conditions of the one query.
 */
export type VectorSupport = { pgvector: boolean; hnswEmbedders: ReadonlySet<string> };

const supportCache = new WeakMap<object, VectorSupport>();

export async function vectorSupport(database: Queryable): Promise<VectorSupport> {
  const cached = supportCache.get(database);
  if (cached) return cached;
  const [extension] = await database.query<{ present: boolean }>("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'vector') AS present");
  const indexes = await database.query<{ definition: string }>("SELECT indexdef AS definition FROM pg_indexes WHERE tablename = 'chunk_vectors' AND indexdef LIKE '%hnsw%'");
  const hnswEmbedders = new Set(indexes.flatMap((row) => /embedder = '([^']+)'/.exec(row.definition)?.[1] ?? []));
  const support = { pgvector: Boolean(extension?.present), hnswEmbedders };
  supportCache.set(database, support);
  return support;
}

/** One line for the start-up log, Korean first. */
export function describeVectorSupport(support: VectorSupport): string {
  return support.pgvector
    ? `검색: pgvector HNSW 사용 (${[...support.hnswEmbedders].join(', ') || '색인 없음'}) / search: pgvector HNSW`
    : '검색: pgvector 없음 — 벡터는 real[]로 저장하고 권한 범위 안에서 SQL로 정확히 점수를 매깁니다 / search: no pgvector; vectors stored as real[] and scored exactly in SQL';
}

const vectorLiteral = (vector: Float32Array) => `{${Array.from(vector, (value) => (Number.isFinite(value) ? value : 0)).join(',')}}`;

/** Stores vectors for chunks; call inside the transaction that inserts them. */
export async function storeChunkVectors(
  tx: Queryable,
  embedderId: string,
  rows: readonly { chunkId: number; tenantId: string; grade: Grade; vector: Float32Array }[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO chunk_vectors (chunk_id, embedder, tenant_id, grade, embedding)
     SELECT input.chunk_id, $1, input.tenant_id, input.grade, input.embedding::real[]
     FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[]) AS input(chunk_id, tenant_id, grade, embedding)
     ON CONFLICT (embedder, chunk_id) DO UPDATE SET embedding = EXCLUDED.embedding`,
    [embedderId, rows.map((row) => row.chunkId), rows.map((row) => row.tenantId), rows.map((row) => row.grade), rows.map((row) => vectorLiteral(row.vector))],
  );
}

export async function removeChunkVectors(tx: Queryable, chunkIds: readonly number[]): Promise<void> {
  if (chunkIds.length > 0) await tx.query('DELETE FROM chunk_vectors WHERE chunk_id = ANY($1::bigint[])', [chunkIds]);
}

export type VectorHit = { chunkId: number; score: number };

/**
 * Top-k chunks by cosine similarity among the caller's tenant, visible grades and active chunks.
 * `candidates` limits the search to given chunks (hybrid re-scoring without pgvector).
 */
export async function searchVectors(
  database: Queryable,
  input: {
    tenantId: string; grades: readonly Grade[]; embedder: Pick<Embedder, 'id' | 'dimension'>; vector: Float32Array; k: number; candidates?: readonly number[];
    /** The caller's groups (`ReadScope.groups`; `[everyGroup]`: all; null or missing: none): documents shared with other groups only are left out. */
    groups?: readonly string[] | null;
  },
): Promise<VectorHit[]> {
  if (input.grades.length === 0) return [];
  const support = await vectorSupport(database);
  const permitted = `v.embedder = $2 AND v.tenant_id = $3 AND v.grade = ANY($4::text[])
    AND c.tenant_id = $3 AND c.grade = ANY($4::text[]) AND c.active AND ${sharedWithSql('d.access_groups', '$6')}`;
  const parameters: unknown[] = [vectorLiteral(input.vector), input.embedder.id, input.tenantId, input.grades, input.k, input.groups === undefined ? [] : input.groups];
  let rows: { chunk_id: number | string; score: number }[];
  if (support.hnswEmbedders.has(input.embedder.id) && !input.candidates) {
    const dimension = Math.trunc(input.embedder.dimension);
    const distance = `v.embedding::vector(${dimension}) <=> $1::real[]::vector(${dimension})`;
    // Iterative scan (pgvector 0.8): the index keeps walking until k rows pass the permission filter.
    const statement = `SELECT v.chunk_id, 1 - (${distance}) AS score FROM chunk_vectors v JOIN chunks c ON c.id = v.chunk_id JOIN documents d ON d.id = c.document_id
       WHERE ${permitted} ORDER BY ${distance} LIMIT $5`;
    rows = await withIterativeScan(database, input.k, (queryable) => queryable.query(statement, parameters));
  } else {
    if (input.candidates) parameters.push(input.candidates);
    rows = await database.query(
      `SELECT v.chunk_id, (SELECT sum(a * b) FROM unnest(v.embedding, $1::real[]) AS product(a, b))::float8 AS score
       FROM chunk_vectors v JOIN chunks c ON c.id = v.chunk_id JOIN documents d ON d.id = c.document_id
       WHERE ${permitted} ${input.candidates ? 'AND v.chunk_id = ANY($7::bigint[])' : ''}
       ORDER BY score DESC, v.chunk_id LIMIT $5`,
      parameters,
    );
  }
  // relaxed_order may return near-ties slightly out of order.
  return rows.map((row) => ({ chunkId: Number(row.chunk_id), score: Number(row.score) })).sort((left, right) => right.score - left.score || left.chunkId - right.chunkId);
}

type MaybeTransactional = Queryable & { transaction?: <T>(work: (tx: Queryable) => Promise<T>) => Promise<T> };

async function withIterativeScan<T>(database: MaybeTransactional, k: number, work: (queryable: Queryable) => Promise<T>): Promise<T> {
  const settings = async (queryable: Queryable, local: boolean) => {
    const scope = local ? 'LOCAL ' : '';
    await queryable.query(`SET ${scope}hnsw.iterative_scan = relaxed_order`);
    await queryable.query(`SET ${scope}hnsw.ef_search = ${Math.min(1000, Math.max(40, k * 2))}`);
  };
  if (typeof database.transaction === 'function') {
    return database.transaction(async (tx) => {
      await settings(tx, true);
      return work(tx);
    });
  }
  // Already inside a caller's transaction: LOCAL settings end with it.
  await settings(database, true);
  return work(database);
}
