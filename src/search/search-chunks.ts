import { authorize, visibleGrades, type Principal } from '../auth/index.js';
import type { Queryable } from '../store/index.js';
import { analyzeQuery } from './analyzer/index.js';
import { searchLexical } from './lexical-index.js';

export type SearchHit = {
  /** The file's base name as ingested. */
  document: string;
  documentId: string;
  version: number;
  /** Chunk id, stable for citations. */
  chunk: string;
  section: string | null;
  lines: [number, number] | null;
  page: number | null;
  score: number;
  text: string;
};

/**
 * Permission-aware search: the caller's tenant and visible grades go into the index query itself,
 * so a hit the caller may not read is never even a candidate.
 */
export async function searchChunks(database: Queryable, principal: Principal, input: { tenantId: string; query: string; k: number }): Promise<SearchHit[]> {
  authorize(principal, 'documents.read', { tenantId: input.tenantId });
  const hits = await searchLexical(database, {
    tenantId: input.tenantId, grades: visibleGrades(principal), terms: analyzeQuery(input.query), k: input.k,
  });
  if (hits.length === 0) return [];
  const rows = await database.query<{
    id: number | string; document_id: string; name: string; version: number; section: string | null;
    line_start: number | null; line_end: number | null; page: number | null; text: string;
  }>(
    `SELECT c.id, c.document_id, d.name, v.version, c.section, c.line_start, c.line_end, c.page, c.text
     FROM chunks c JOIN documents d ON d.id = c.document_id JOIN document_versions v ON v.id = c.version_id
     WHERE c.id = ANY($1::bigint[])`,
    [hits.map((hit) => hit.chunkId)],
  );
  const byId = new Map(rows.map((row) => [Number(row.id), row]));
  return hits.flatMap((hit) => {
    const row = byId.get(hit.chunkId);
    if (!row) return [];
    return [{
      document: row.name, documentId: row.document_id, version: Number(row.version), chunk: String(row.id), section: row.section,
      lines: row.line_start !== null && row.line_end !== null ? [Number(row.line_start), Number(row.line_end)] as [number, number] : null,
      page: row.page === null ? null : Number(row.page), score: hit.score, text: row.text,
    }];
  });
}
