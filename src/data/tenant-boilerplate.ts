import type { Queryable } from '../store/index.js';
import { lineKeys } from './boilerplate-lines.js';

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

/**
 * Takes a first version's lines out of the tenant-wide count (`countTenantLines`), read from its stored chunks: its
 * document is purged, or the version is parsed again and counted anew (`reparseDocuments`).
 */
export async function uncountTenantLines(tx: Queryable, tenantId: string, versionId: string): Promise<void> {
  const keys = new Set<string>();
  for (const { text } of await tx.query<{ text: string }>('SELECT text FROM chunks WHERE version_id = $1', [versionId])) {
    for (const key of lineKeys(text)) if (key) keys.add(key);
  }
  if (keys.size === 0) return;
  // Sorted, as ingest upserts them: the two take the rows' locks in the same order.
  const sorted = [...keys].sort();
  await tx.query(
    `UPDATE boilerplate_lines b SET documents = b.documents - 1
     FROM (SELECT line_hash FROM boilerplate_lines WHERE tenant_id = $1 AND line_hash = ANY($2::text[]) ORDER BY line_hash FOR UPDATE) AS locked
     WHERE b.tenant_id = $1 AND b.line_hash = locked.line_hash`,
    [tenantId, sorted],
  );
  await tx.query('DELETE FROM boilerplate_lines WHERE tenant_id = $1 AND line_hash = ANY($2::text[]) AND documents <= 0', [tenantId, sorted]);
}
