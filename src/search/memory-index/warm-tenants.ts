import type { Queryable } from '../../store/index.js';
import type { MemoryLexicalIndex } from './memory-lexical-index.js';

export type WarmResult = { loaded: string[]; skipped: string[]; seconds: number };

/**
 * Loads tenants' keyword indexes into memory one after another, smallest first, while they fit the budget together,
 * so that after a restart the first searches do not wait in SQL while a large tenant loads (minutes at a million
 * chunks, seconds a query in SQL meanwhile). Tenants that would not fit are left to load on their first search,
 * as before. One tenant at a time: a server that has just started keeps its other core for requests.
 */
export async function warmTenants(database: Queryable, index: MemoryLexicalIndex, options: { maxPostings: number }): Promise<WarmResult> {
  const started = performance.now();
  const rows = await database.query<{ tenant_id: string; postings: number }>(
    `SELECT tenant_id, coalesce(sum(term_total), 0)::float8 AS postings FROM index_stats
     GROUP BY tenant_id HAVING sum(chunk_count) > 0 ORDER BY postings, tenant_id`,
  );
  const loaded: string[] = [];
  const skipped: string[] = [];
  let held = 0;
  for (const row of rows) {
    const postings = Number(row.postings);
    if (held + postings > options.maxPostings) {
      skipped.push(row.tenant_id);
      continue;
    }
    // False when the index was closed meanwhile (the server stopping) or the load failed (logged by the index).
    if (!(await index.warm(row.tenant_id))) {
      skipped.push(row.tenant_id);
      continue;
    }
    held += postings;
    loaded.push(row.tenant_id);
  }
  return { loaded, skipped, seconds: (performance.now() - started) / 1000 };
}
