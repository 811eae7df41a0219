import type { Queryable } from '../store/index.js';

/**
 * Counts a new document's lines across the tenant and returns the keys that are now template text
 * (on at least `minDocuments` documents). Only a document's first version counts, so re-ingesting an
 * edited file does not make its own lines look common. Keys are upserted in sorted order: two ingests
 * sharing a letterhead take the row locks in the same order and cannot deadlock.
 */
export async function countTenantLines(
  tx: Queryable, input: { tenantId: string; keys: readonly string[]; firstVersion: boolean; minDocuments: number },
): Promise<Set<string>> {
  if (input.keys.length === 0) return new Set();
  const keys = [...input.keys].sort();
  const rows = input.firstVersion
    ? await tx.query<{ line_hash: string; documents: number }>(
      `INSERT INTO boilerplate_lines (tenant_id, line_hash, documents) SELECT $1, key, 1 FROM unnest($2::text[]) AS key
       ON CONFLICT (tenant_id, line_hash) DO UPDATE SET documents = boilerplate_lines.documents + 1
       RETURNING line_hash, documents`, [input.tenantId, keys])
    : await tx.query<{ line_hash: string; documents: number }>(
      'SELECT line_hash, documents FROM boilerplate_lines WHERE tenant_id = $1 AND line_hash = ANY($2::text[])', [input.tenantId, keys]);
  return new Set(rows.filter((row) => Number(row.documents) >= input.minDocuments).map((row) => row.line_hash));
}
