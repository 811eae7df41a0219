import { sharedWithSql, type Grade, type ReadScope } from '../auth/index.js';
import type { Queryable } from '../store/index.js';
import type { CachedPassage } from './memory-index/passage-cache.js';

type PassageRow = {
  id: number | string; document_id: string; name: string; version: number; section: string | null;
  inner_sections: { heading: string; section: string }[] | null;
  line_start: number | null; line_end: number | null; line_runs: number[] | null; page: number | null; text: string; grade: Grade; access_groups: string[] | null;
};

const columns = `c.id, c.document_id, d.name, v.version, c.section, c.inner_sections, c.line_start, c.line_end, c.line_runs, c.page, c.text, c.grade, d.access_groups
  FROM chunks c JOIN documents d ON d.id = c.document_id JOIN document_versions v ON v.id = c.version_id`;

/**
 * The served passages (active chunks of documents not deleted) among `ids` that `scope` may read in the tenant:
 * tenant, grade and sharing are conditions of the query.
 */
export async function readPassages(database: Queryable, tenantId: string, scope: ReadScope, ids: readonly number[]): Promise<Map<number, CachedPassage>> {
  const rows = await database.query<PassageRow>(
    `SELECT ${columns}
     WHERE c.id = ANY($1::bigint[]) AND c.active AND c.tenant_id = $2 AND c.grade = ANY($3::text[]) AND d.deleted_at IS NULL
       AND ${sharedWithSql('d.access_groups', '$4')}`,
    [ids, tenantId, scope.grades, scope.groups],
  );
  return new Map(rows.map((row) => [Number(row.id), passageOf(tenantId, row)]));
}

/**
 * Every served passage of a tenant after chunk id `afterId`, `limit` at a time in id order, whoever may read it
 * (grade and sharing come with each, for the reader's check when one is served from the cache).
 */
export async function readTenantPassages(database: Queryable, tenantId: string, afterId: number, limit: number): Promise<[number, CachedPassage][]> {
  const rows = await database.query<PassageRow>(
    `SELECT ${columns}
     WHERE c.tenant_id = $1 AND c.id > $2 AND c.active AND d.deleted_at IS NULL
     ORDER BY c.id LIMIT $3`,
    [tenantId, afterId, limit],
  );
  return rows.map((row) => [Number(row.id), passageOf(tenantId, row)]);
}

function passageOf(tenantId: string, row: PassageRow): CachedPassage {
  return {
    tenantId, documentId: row.document_id, name: row.name, version: Number(row.version), section: row.section,
    innerSections: Array.isArray(row.inner_sections) && row.inner_sections.length > 0 ? row.inner_sections : null,
    lines: row.line_start !== null && row.line_end !== null ? [Number(row.line_start), Number(row.line_end)] : null,
    lineRuns: Array.isArray(row.line_runs) && row.line_runs.length > 0 ? row.line_runs.map(Number) : null,
    page: row.page === null ? null : Number(row.page), text: row.text, grade: row.grade, accessGroups: row.access_groups,
  };
}
