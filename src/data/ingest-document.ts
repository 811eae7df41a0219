import { basename } from 'node:path';
import { appendAudit } from '../audit/index.js';
import { actorOf, authorize, type Grade, type Principal } from '../auth/index.js';
import { randomId } from '../core/index.js';
import { indexChunksForSearch, unindexChunks } from '../search/index.js';
import type { Database, Queryable } from '../store/index.js';
import type { Chunk } from './chunker.js';
import { stricterGrade } from './disclosure-grade.js';
import { defaultParseLimits, type ParseLimits } from './parsers/index.js';
import { prepareDocument, type PrepareFailureCode, type PreparedDocument } from './prepare-document.js';
import { sha256Hex, signStatement, type ProvenanceStatement } from './provenance.js';
import type { SigningKey } from './signing-keys.js';

export type IngestInput = {
  tenantId: string;
  /** Path or name; the document is identified by its base name within the tenant. */
  fileName: string;
  bytes: Uint8Array;
  /** Grade given at upload; markings in the document can only raise it. Default: internal (not public). */
  grade?: Grade;
  source?: string;
  /** Who supplied the file (recorded in the signed provenance). */
  provider?: string;
};

export type IngestOutcome =
  | { status: 'ingested'; documentId: string; version: number; grade: Grade; chunks: number; format: string; effectiveDate: string; pages: number | null }
  | { status: 'duplicate'; documentId: string; version: number }
  | { status: 'failed'; code: IngestFailureCode; reason: string };

/** Stable codes of a file that failed: parsing's own, the pool's, and a store that kept failing. */
export type IngestFailureCode = PrepareFailureCode | 'file_too_large' | 'ingest_failed' | 'database_unavailable';

export type StoreOptions = {
  /** The tenant's key: the version's provenance statement is signed with it. */
  signingKey?: SigningKey;
  /** Runs inside the version's transaction (the job marks its item there, so both commit together). */
  withinTransaction?: (tx: Queryable, outcome: IngestOutcome) => Promise<void>;
};

/**
 * Ingests one file in this thread: prepare (parse, chunk, analyse), then store. The job runner does
 * the same with the preparation in a worker thread. Same bytes as an existing version: nothing is
 * written (idempotent, so an interrupted batch can simply be re-run).
 */
export async function ingestDocument(
  database: Database,
  principal: Principal,
  input: IngestInput,
  limits: ParseLimits = defaultParseLimits,
  options: StoreOptions = {},
): Promise<IngestOutcome> {
  authorize(principal, 'documents.write', { tenantId: input.tenantId });
  const existing = await findVersion(database, input.tenantId, basename(input.fileName), sha256Hex(input.bytes));
  if (existing) return { status: 'duplicate', ...existing };
  const prepared = await prepareDocument(input.bytes, basename(input.fileName), limits);
  if (!prepared.ok) return { status: 'failed', code: prepared.code, reason: prepared.reason };
  return storeDocument(database, principal, input, prepared.prepared, options);
}

/**
 * Stores a prepared document as one transaction: a new version, its chunks and index entries, the
 * previous version superseded, the signed provenance statement and the audit record commit together
 * or not at all.
 */
export async function storeDocument(
  database: Database,
  principal: Principal,
  input: IngestInput,
  prepared: PreparedDocument,
  options: StoreOptions = {},
): Promise<IngestOutcome> {
  authorize(principal, 'documents.write', { tenantId: input.tenantId });
  const name = basename(input.fileName);
  const hash = sha256Hex(input.bytes);
  const grade = stricterGrade(input.grade ?? 'internal', prepared.detectedGrade);
  const ingestedAt = new Date();
  const effectiveDate = prepared.effectiveDate?.date ?? ingestedAt.toISOString().slice(0, 10);

  return database.transaction(async (tx) => {
    const finish = async (outcome: IngestOutcome) => {
      await options.withinTransaction?.(tx, outcome);
      return outcome;
    };
    // Lock the document row (or create it) so concurrent ingests of one name get consecutive versions.
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO documents (id, tenant_id, name, source, grade) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant_id, name) DO UPDATE SET grade = EXCLUDED.grade, source = coalesce(EXCLUDED.source, documents.source), deleted_at = NULL
       RETURNING id`,
      [`d_${randomId()}`, input.tenantId, name, input.source ?? null, grade],
    );
    const documentId = row!.id;
    const [same] = await tx.query<{ version: number }>('SELECT version FROM document_versions WHERE document_id = $1 AND sha256 = $2', [documentId, hash]);
    if (same) return finish({ status: 'duplicate', documentId, version: Number(same.version) });
    const [{ next }] = (await tx.query<{ next: number }>(
      'SELECT coalesce(max(version), 0) + 1 AS next FROM document_versions WHERE document_id = $1', [documentId])) as [{ next: number }];
    const version = Number(next);
    const versionId = `v_${randomId()}`;
    const statement: ProvenanceStatement | null = options.signingKey ? {
      type: 'kgov.provenance/v1', tenantId: input.tenantId, documentId, name, version, sha256: hash, bytes: input.bytes.byteLength,
      format: prepared.format, grade, source: input.source ?? null, provider: input.provider ?? null, ingestedBy: actorOf(principal),
      ingestedAt: ingestedAt.toISOString(), effectiveDate, keyId: options.signingKey.keyId,
    } : null;
    await tx.query(
      `INSERT INTO document_versions (id, document_id, version, sha256, bytes, format, grade, effective_date, ingested_at, metadata, provenance, signature, signing_key_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [versionId, documentId, version, hash, input.bytes.byteLength, prepared.format, grade, effectiveDate, ingestedAt,
        JSON.stringify({ ...prepared.metadata, title: prepared.title, warnings: prepared.warnings, pages: prepared.pageCount, effectiveDateSource: prepared.effectiveDate?.source ?? 'ingest' }),
        statement ? JSON.stringify(statement) : null, statement && options.signingKey ? signStatement(statement, options.signingKey) : null,
        statement?.keyId ?? null],
    );
    await supersede(tx, documentId, versionId);
    const ids = await insertChunks(tx, { tenantId: input.tenantId, documentId, versionId, grade, chunks: prepared.chunks, termCounts: prepared.chunkTerms.map((terms) => terms.length) });
    await indexChunksForSearch(tx, ids.map((id, index) => ({ id, tenantId: input.tenantId, grade, terms: prepared.chunkTerms[index]!, text: prepared.chunks[index]!.text, section: prepared.chunks[index]!.section })));
    await appendAudit(tx, {
      tenantId: input.tenantId, actor: actorOf(principal), action: 'document.ingested', target: `document:${documentId}`,
      detail: { name, version, sha256: hash, grade, chunks: prepared.chunks.length, format: prepared.format, effectiveDate, signed: statement !== null },
    });
    return finish({ status: 'ingested', documentId, version, grade, chunks: prepared.chunks.length, format: prepared.format, effectiveDate, pages: prepared.pageCount });
  });
}

export async function findVersion(database: Queryable, tenantId: string, name: string, hash: string) {
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
  input: { tenantId: string; documentId: string; versionId: string; grade: Grade; chunks: Chunk[]; termCounts: number[] },
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
