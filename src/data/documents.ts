import { appendAudit } from '../audit/index.js';
import { actorOf, authorize, visibleGrades, type Grade, type Principal } from '../auth/index.js';
import { KgovError } from '../core/index.js';
import { unindexChunks } from '../search/index.js';
import type { Database, Queryable } from '../store/index.js';

export type DocumentSummary = {
  id: string; name: string; grade: Grade; version: number; versions: number; chunks: number; format: string; ingestedAt: Date;
};

/** Documents the caller may see (tenant and grade), newest version's facts. */
export async function listDocuments(database: Queryable, principal: Principal, tenantId: string): Promise<DocumentSummary[]> {
  authorize(principal, 'documents.read', { tenantId });
  const rows = await database.query<{ id: string; name: string; grade: Grade; version: number; versions: number; chunks: number; format: string; ingested_at: Date }>(
    `SELECT d.id, d.name, d.grade, v.version, counts.versions, counts.chunks, v.format, v.ingested_at
     FROM documents d
     JOIN LATERAL (SELECT * FROM document_versions WHERE document_id = d.id ORDER BY version DESC LIMIT 1) v ON true
     JOIN LATERAL (SELECT count(DISTINCT dv.id)::int AS versions,
                          (SELECT count(*)::int FROM chunks c WHERE c.document_id = d.id AND c.active) AS chunks
                   FROM document_versions dv WHERE dv.document_id = d.id) counts ON true
     WHERE d.tenant_id = $1 AND d.deleted_at IS NULL AND d.grade = ANY($2::text[])
     ORDER BY d.name`,
    [tenantId, visibleGrades(principal)],
  );
  return rows.map((row) => ({
    id: row.id, name: row.name, grade: row.grade, version: Number(row.version), versions: Number(row.versions),
    chunks: Number(row.chunks), format: row.format, ingestedAt: new Date(row.ingested_at),
  }));
}

/** Deletes a document: it stops being served at once; versions and chunks stay stored for audit. */
export async function deleteDocument(database: Database, principal: Principal, input: { tenantId: string; document: string }): Promise<void> {
  authorize(principal, 'documents.write', { tenantId: input.tenantId });
  await database.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string; name: string; grade: Grade }>(
      `SELECT id, name, grade FROM documents WHERE tenant_id = $1 AND (id = $2 OR name = $2) AND deleted_at IS NULL
         AND grade = ANY($3::text[]) FOR UPDATE`,
      [input.tenantId, input.document, visibleGrades(principal)],
    );
    if (!row) throw new KgovError('document_not_found', { document: input.document });
    const chunks = await tx.query<{ id: number | string }>('SELECT id FROM chunks WHERE document_id = $1 AND active', [row.id]);
    await unindexChunks(tx, chunks.map((chunk) => Number(chunk.id)));
    await tx.query('UPDATE documents SET deleted_at = now() WHERE id = $1', [row.id]);
    await appendAudit(tx, {
      tenantId: input.tenantId, actor: actorOf(principal), action: 'document.deleted', target: `document:${row.id}`, detail: { name: row.name },
    });
  });
}
