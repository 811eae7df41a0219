import { authorize, type Grade, type Principal } from '../auth/index.js';
import { analyzerVersion } from '../search/index.js';
import type { Database, Queryable } from '../store/index.js';
import { indexPassagesAgain } from './index-again.js';

/** Chunks served today whose terms an older analyzer produced, and the documents they belong to. */
export type StaleIndex = { documents: number; chunks: number };

export async function staleIndex(database: Queryable, tenantId?: string): Promise<StaleIndex> {
  const [row] = await database.query<{ documents: number; chunks: number }>(
    `SELECT count(DISTINCT document_id)::int AS documents, count(*)::int AS chunks FROM chunks
     WHERE active AND analyzer_version < $1 AND ($2::text IS NULL OR tenant_id = $2)`,
    [analyzerVersion, tenantId ?? null],
  );
  return { documents: Number(row?.documents ?? 0), chunks: Number(row?.chunks ?? 0) };
}

export type ReindexProgress = { tenantId: string; documentId: string; chunks: number; done: number; total: number };

/**
 * Analyses again, with the current analyzer, every served chunk that an older one indexed (`analyzerVersion`), and
 * writes its postings, statistics and built-in vectors anew; an external embedder's vectors stay (the text is the
 * same). One transaction per document: a reader sees a document indexed either the old way or the new way, never
 * half of each, and an interrupted run goes on where it stopped when started again (nothing is done twice).
 * Terms come from the stored text with the lines that ingest left out of search as boilerplate blanked again
 * (`analyzeStoredPassages`; versions ingested before that was recorded are analysed whole).
 */
export async function reindexDocuments(
  database: Database,
  principal: Principal,
  options: { tenantId?: string; onDocument?: (progress: ReindexProgress) => void } = {},
): Promise<{ documents: number; chunks: number }> {
  // Across tenants only the operator; within one, whoever may write its documents.
  authorize(principal, options.tenantId === undefined ? 'tenants.manage' : 'documents.write', { tenantId: options.tenantId });
  const pending = await database.query<{ tenant_id: string; document_id: string }>(
    `SELECT DISTINCT tenant_id, document_id FROM chunks
     WHERE active AND analyzer_version < $1 AND ($2::text IS NULL OR tenant_id = $2) ORDER BY tenant_id, document_id`,
    [analyzerVersion, options.tenantId ?? null],
  );
  let chunks = 0;
  for (const [index, document] of pending.entries()) {
    const count = await database.transaction((tx) => reindexDocument(tx, document.document_id));
    chunks += count;
    options.onDocument?.({ tenantId: document.tenant_id, documentId: document.document_id, chunks: count, done: index + 1, total: pending.length });
  }
  return { documents: pending.length, chunks };
}

/**
 * One document's served chunks, all of them (a posting segment holds one document's chunks, and is replaced whole).
 * The document is locked first, like a reshare or a restore does, so its sharing cannot change in between.
 */
async function reindexDocument(tx: Queryable, documentId: string): Promise<number> {
  const [locked] = await tx.query<{ access_groups: string[] | null }>('SELECT access_groups FROM documents WHERE id = $1 FOR SHARE', [documentId]);
  if (!locked) return 0;
  const rows = await tx.query<{ id: number | string; tenant_id: string; grade: Grade; text: string; section: string | null; stale: boolean }>(
    `SELECT id, tenant_id, grade, text, section, analyzer_version < $2 AS stale FROM chunks WHERE document_id = $1 AND active ORDER BY id`,
    [documentId, analyzerVersion],
  );
  // Another run got here first (it committed while this one waited for the lock).
  if (!rows.some((row) => row.stale)) return 0;
  await indexPassagesAgain(tx, rows.map((row) => ({
    id: Number(row.id), tenantId: row.tenant_id, documentId, grade: row.grade, accessGroups: locked.access_groups ?? [], text: row.text, section: row.section,
  })), { keepVectors: true });
  return rows.length;
}
