import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { appendAudit } from '../audit/index.js';
import { actorOf, authorize, type Grade, type Principal } from '../auth/index.js';
import { randomId } from '../core/index.js';
import { analyzeForIndex, indexChunks, unindexChunks } from '../search/index.js';
import type { Database, Queryable } from '../store/index.js';
import { chunkDocument } from './chunker.js';
import { detectGrade, stricterGrade } from './disclosure-grade.js';
import { defaultParseLimits, parseFile, type ParseFailureCode, type ParseLimits } from './parsers/index.js';

export type IngestInput = {
  tenantId: string;
  /** Path or name; the document is identified by its base name within the tenant. */
  fileName: string;
  bytes: Uint8Array;
  /** Grade given at upload; markings in the document can only raise it. Default: internal (not public). */
  grade?: Grade;
  source?: string;
};

export type IngestOutcome =
  | { status: 'ingested'; documentId: string; version: number; grade: Grade; chunks: number; format: string }
  | { status: 'duplicate'; documentId: string; version: number }
  | { status: 'failed'; code: ParseFailureCode; reason: string };

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Ingests one file as one transaction: a new document version, its chunks and index entries, the
 * previous version superseded, and the audit record commit together or not at all. Same bytes as an
 * existing version: nothing is written (idempotent, so an interrupted batch can simply be re-run).
 */
export async function ingestDocument(
  database: Database,
  principal: Principal,
  input: IngestInput,
  limits: ParseLimits = defaultParseLimits,
): Promise<IngestOutcome> {
  authorize(principal, 'documents.write', { tenantId: input.tenantId });
  const name = basename(input.fileName);
  const hash = sha256(input.bytes);
  const existing = await findVersion(database, input.tenantId, name, hash);
  if (existing) return { status: 'duplicate', documentId: existing.documentId, version: existing.version };

  const parsed = await parseFile(input.bytes, name, limits);
  if (!parsed.ok) return { status: 'failed', code: parsed.code, reason: parsed.reason };
  const document = parsed.document;
  const grade = stricterGrade(input.grade ?? 'internal', detectGrade(document));
  const chunks = chunkDocument(document);
  // Analysed once, outside the transaction: the CPU work should not hold row locks.
  const chunkTerms = chunks.map((chunk) => analyzeForIndex(chunk.text, chunk.section));

  return database.transaction(async (tx) => {
    // Lock the document row (or create it) so concurrent ingests of one name get consecutive versions.
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO documents (id, tenant_id, name, source, grade) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant_id, name) DO UPDATE SET grade = EXCLUDED.grade, source = coalesce(EXCLUDED.source, documents.source), deleted_at = NULL
       RETURNING id`,
      [`d_${randomId()}`, input.tenantId, name, input.source ?? null, grade],
    );
    const documentId = row!.id;
    const [same] = await tx.query<{ version: number }>('SELECT version FROM document_versions WHERE document_id = $1 AND sha256 = $2', [documentId, hash]);
    if (same) return { status: 'duplicate' as const, documentId, version: Number(same.version) };
    const [{ next }] = (await tx.query<{ next: number }>(
      'SELECT coalesce(max(version), 0) + 1 AS next FROM document_versions WHERE document_id = $1', [documentId])) as [{ next: number }];
    const version = Number(next);
    const versionId = `v_${randomId()}`;
    await tx.query(
      `INSERT INTO document_versions (id, document_id, version, sha256, bytes, format, grade, metadata)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [versionId, documentId, version, hash, input.bytes.byteLength, document.format, grade, JSON.stringify({ ...document.metadata, title: document.title ?? null, warnings: document.warnings.length })],
    );
    await supersede(tx, documentId, versionId);
    const ids = await insertChunks(tx, { tenantId: input.tenantId, documentId, versionId, grade, chunks, termCounts: chunkTerms.map((terms) => terms.length) });
    await indexChunks(tx, ids.map((id, index) => ({ id, tenantId: input.tenantId, grade, terms: chunkTerms[index]! })));
    await appendAudit(tx, {
      tenantId: input.tenantId, actor: actorOf(principal), action: 'document.ingested', target: `document:${documentId}`,
      detail: { name, version, sha256: hash, grade, chunks: chunks.length, format: document.format },
    });
    return { status: 'ingested' as const, documentId, version, grade, chunks: chunks.length, format: document.format };
  });
}

async function findVersion(database: Queryable, tenantId: string, name: string, hash: string) {
  const [row] = await database.query<{ document_id: string; version: number }>(
    `SELECT v.document_id, v.version FROM document_versions v JOIN documents d ON d.id = v.document_id
     WHERE d.tenant_id = $1 AND d.name = $2 AND v.sha256 = $3 AND d.deleted_at IS NULL`,
    [tenantId, name, hash],
  );
  return row ? { documentId: row.document_id, version: Number(row.version) } : undefined;
}

/** Older versions stop being served (their chunks leave the index) but stay stored for audit. */
async function supersede(tx: Queryable, documentId: string, currentVersionId: string): Promise<void> {
  await tx.query('UPDATE document_versions SET superseded_at = now() WHERE document_id = $1 AND id <> $2 AND superseded_at IS NULL', [documentId, currentVersionId]);
  const rows = await tx.query<{ id: number | string }>('SELECT id FROM chunks WHERE document_id = $1 AND version_id <> $2 AND active', [documentId, currentVersionId]);
  await unindexChunks(tx, rows.map((chunkRow) => Number(chunkRow.id)));
}

async function insertChunks(
  tx: Queryable,
  input: { tenantId: string; documentId: string; versionId: string; grade: Grade; chunks: ReturnType<typeof chunkDocument>; termCounts: number[] },
): Promise<number[]> {
  if (input.chunks.length === 0) return [];
  const rows = await tx.query<{ id: number | string; ordinal: number }>(
    `INSERT INTO chunks (tenant_id, document_id, version_id, grade, ordinal, section, line_start, line_end, page, text, term_count)
     SELECT $1, $2, $3, $4, input.* FROM unnest($5::int[], $6::text[], $7::int[], $8::int[], $9::int[], $10::text[], $11::int[])
       AS input(ordinal, section, line_start, line_end, page, text, term_count)
     RETURNING id, ordinal`,
    [input.tenantId, input.documentId, input.versionId, input.grade,
      input.chunks.map((chunk) => chunk.ordinal), input.chunks.map((chunk) => chunk.section),
      input.chunks.map((chunk) => chunk.lines?.[0] ?? null), input.chunks.map((chunk) => chunk.lines?.[1] ?? null),
      input.chunks.map((chunk) => chunk.page), input.chunks.map((chunk) => chunk.text), input.termCounts],
  );
  return rows.sort((a, b) => Number(a.ordinal) - Number(b.ordinal)).map((row) => Number(row.id));
}
