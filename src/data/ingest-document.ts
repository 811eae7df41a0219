import { basename } from 'node:path';
import { appendAudit } from '../audit/index.js';
import { actorOf, authorize, canReadDocument, parseGroups, readScope, sharedWithSql, sharingRefusal, type Grade, type Principal } from '../auth/index.js';
import { randomId, seoulDay } from '../core/index.js';
import { unindexChunksForSearch } from '../search/index.js';
import type { Database, Queryable } from '../store/index.js';
import type { WithheldReason } from './chunk-quality.js';
import { stricterGrade } from './disclosure-grade.js';
import { restoreWithheldDuplicates } from './exact-duplicates.js';
import { defaultIngestTreatment, piiTreatmentFor, type IngestTreatment, type PiiTreatment } from './ingest-treatment.js';
import { nameForAudit } from './treat-personal-data.js';
import { defaultParseLimits, type ParseLimits } from './parsers/index.js';
import { parserVersion, prepareDocument, type PrepareFailureCode, type PreparedDocument } from './prepare-document.js';
import { reviveVersion, type StoredVersion } from './revive-version.js';
import { storeVersionChunks } from './store-version-chunks.js';
import { documentKey } from './document-reference.js';
import { sha256Hex, signStatement, type ProvenanceStatement } from './provenance.js';
import type { SigningKey } from './signing-keys.js';

export type IngestInput = {
  tenantId: string;
  /** The file's name (a path is reduced to its base name): the document's name, shown to users and in search hits. */
  fileName: string;
  /**
   * The file's path on disk, for a file ingested from disk: what identifies the document within the tenant (the same
   * path again with other bytes is a new version of it). Omitted (an upload): the document is identified by its
   * base name (`documentKey`).
   */
  path?: string;
  bytes: Uint8Array;
  /** Grade given at upload; markings in the document can only raise it. Default: internal (not public). */
  grade?: Grade;
  source?: string;
  /** Who supplied the file (recorded in the signed provenance). */
  provider?: string;
  /**
   * Groups to share the document with (comma-separated or a list; empty: the whole tenant). Omitted: a new
   * document is shared with the whole tenant and a new version keeps the document's sharing.
   */
  share?: string | readonly string[];
};

/**
 * What cleaning did to one version: chunks indexed, chunks stored but withheld from the index (by
 * reason), boilerplate lines, personal data (types only) and the treatment applied, and the document
 * it nearly duplicates.
 */
export type CleaningReport = {
  indexed: number;
  withheld: Record<WithheldReason, number>;
  boilerplateLines: number;
  piiTreatment: PiiTreatment;
  /** Chunks in which personal data was found, and its types (overlapping chunks share findings, so no totals). */
  piiChunks: number;
  piiTypes: string[];
  nearDuplicateOf: { documentId: string; name: string; version: number; similarity: number } | null;
};

export type IngestOutcome =
  | { status: 'ingested'; documentId: string; version: number; grade: Grade; chunks: number; format: string; effectiveDate: string; pages: number | null; cleaning: CleaningReport; loweredFrom?: Grade }
  | { status: 'duplicate'; documentId: string; version: number }
  | { status: 'failed'; code: IngestFailureCode; reason: string };

/** Stable codes of a file that failed: parsing's own, the pool's, and a store that kept failing. */
export type IngestFailureCode = PrepareFailureCode | 'file_too_large' | 'ingest_failed' | 'database_unavailable' | 'document_forbidden' | 'grade_conflict';

export type StoreOptions = {
  /** The tenant's key: the version's provenance statement is signed with it. */
  signingKey?: SigningKey;
  /** Runs inside the version's transaction (the job marks its item there, so both commit together). */
  withinTransaction?: (tx: Queryable, outcome: IngestOutcome) => Promise<void>;
  /** The tenant's cleaning and personal-data settings (`treatmentFor(config.ingest, tenant)`); default: the configuration's defaults. */
  treatment?: IngestTreatment;
};

/**
 * Ingests one file in this thread: prepare (parse, chunk, analyse), then store. The job runner does
 * the same with the preparation in a worker thread. Same bytes as a version of a live document: nothing
 * is written (idempotent, so an interrupted batch can simply be re-run). Same bytes as a version of a
 * deleted document: that version comes back, its passages decided and indexed afresh (`reviveVersion`).
 */
export async function ingestDocument(
  database: Database,
  principal: Principal,
  input: IngestInput,
  limits: ParseLimits = defaultParseLimits,
  options: StoreOptions = {},
): Promise<IngestOutcome> {
  authorize(principal, 'documents.write', { tenantId: input.tenantId });
  const existing = await findVersion(database, principal, input.tenantId, documentKey(input), sha256Hex(input.bytes));
  if (existing) {
    const conflict = gradeConflict(existing, input.grade);
    if (conflict) return { status: 'failed', ...conflict };
    return { status: 'duplicate', documentId: existing.documentId, version: existing.version };
  }
  const grade = input.grade ?? await defaultGrade(database, input.tenantId, documentKey(input), sha256Hex(input.bytes));
  const prepared = await prepareDocument(input.bytes, basename(input.fileName), limits, { grade, treatment: options.treatment });
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
  const key = documentKey(input);
  const source = input.source ?? (input.path ? key : null);
  const hash = sha256Hex(input.bytes);
  // A new document without a grade is internal; a new version without one keeps its document's (below), as it keeps
  // its sharing: re-ingesting a changed restricted file must not open it to every internal reader.
  // A new document with the bytes of a stricter one (a restricted file copied or moved to another folder) takes that
  // grade: copying a file is no way to declassify it.
  const sameBytes = input.grade === undefined ? await gradeOfSameBytes(database, input.tenantId, hash) : undefined;
  const newDocumentGrade = stricterGrade(stricterGrade(input.grade ?? 'internal', sameBytes ?? null), prepared.detectedGrade);
  const share = input.share === undefined ? null : parseGroups(input.share);
  const ingestedAt = new Date();
  const effectiveDate = prepared.effectiveDate?.date ?? seoulDay(ingestedAt);

  return database.transaction(async (tx) => {
    const finish = async (outcome: IngestOutcome) => {
      await options.withinTransaction?.(tx, outcome);
      return outcome;
    };
    // Create the document row if it is new, then lock it, so concurrent ingests of one source get consecutive
    // versions and an upload racing another one's new document sees it (and its sharing) before writing anything.
    const [created] = await tx.query<{ id: string }>(
      `INSERT INTO documents (id, tenant_id, name, source, source_key, grade, access_groups) VALUES ($1, $2, $3, $4, $5, $6, coalesce($7::text[], '{}'::text[]))
       ON CONFLICT (tenant_id, source_key) DO NOTHING RETURNING id`,
      [`d_${randomId()}`, input.tenantId, name, source, key, newDocumentGrade, share],
    );
    const [previous] = await tx.query<{ id: string; grade: Grade; access_groups: string[]; deleted: boolean }>(
      'SELECT id, grade, access_groups, deleted_at IS NOT NULL AS deleted FROM documents WHERE tenant_id = $1 AND source_key = $2 FOR UPDATE', [input.tenantId, key]);
    const grade = created ? newDocumentGrade : stricterGrade(input.grade ?? previous!.grade, prepared.detectedGrade);
    // A new version replaces what readers of the document see: only someone who may read the current one (or the
    // deleted one, whose versions come back with the source) may write it; else a lower clearance or another
    // department could supersede a document, or by its grade or sharing open it. Fails this file alone (the rest
    // of a batch goes on) and reveals nothing about the document.
    if (!created && !canReadDocument(principal, { tenantId: input.tenantId, grade: previous!.grade, accessGroups: previous!.access_groups })) {
      return finish({ status: 'failed', code: 'document_forbidden', reason: 'not readable by the uploader' });
    }
    // A new version's `share` may narrow the document's sharing; widening it takes what `shareDocument` takes.
    const refusal = !created && share !== null ? sharingRefusal(principal, previous!.access_groups ?? [], share) : null;
    if (refusal !== null) return finish({ status: 'failed', code: 'document_forbidden', reason: refusal });
    const [same] = await tx.query<StoredVersion>(
      `SELECT id, version, grade, format, effective_date::text AS effective_date, cleaning, minhash FROM document_versions
       WHERE document_id = $1 AND sha256 = $2`, [previous!.id, hash]);
    // The same bytes as a version of a live document (an upload racing another): nothing is written.
    if (same && !previous!.deleted) return finish({ status: 'duplicate', documentId: previous!.id, version: Number(same.version) });
    // The same bytes as a version of a deleted one: that version comes back (below), so its grade must be one the
    // uploader may read too, like the document's.
    const revivedGrade = same ? stricterGrade(grade, same.grade) : grade;
    if (same && !canReadDocument(principal, { tenantId: input.tenantId, grade: same.grade, accessGroups: previous!.access_groups })) {
      return finish({ status: 'failed', code: 'document_forbidden', reason: 'not readable by the uploader' });
    }
    const [row] = await tx.query<{ id: string; access_groups: string[] }>(
      `UPDATE documents SET grade = $2, source = coalesce($3, source), deleted_at = NULL, access_groups = coalesce($4::text[], access_groups)
       WHERE id = $1 RETURNING id, access_groups`,
      [previous!.id, revivedGrade, source, share],
    );
    const documentId = row!.id;
    const accessGroups = row!.access_groups ?? [];
    if (same) {
      const revived = await reviveVersion(tx, { tenantId: input.tenantId, documentId, stored: same, grade: revivedGrade, accessGroups, treatment: options.treatment ?? defaultIngestTreatment });
      const version = Number(same.version);
      const effectiveDate = same.effective_date ?? seoulDay(ingestedAt);
      await appendAudit(tx, {
        tenantId: input.tenantId, actor: actorOf(principal), action: 'document.ingested', target: `document:${documentId}`,
        detail: {
          name: nameForAudit(name), version, sha256: hash, grade: revivedGrade, revived: true, ...(accessGroups.length > 0 ? { sharedWith: accessGroups } : {}), chunks: revived.chunks, format: same.format,
          effectiveDate, indexed: revived.cleaning.indexed, withheld: revived.cleaning.withheld,
        },
      });
      return finish({ status: 'ingested', documentId, version, grade: revivedGrade, chunks: revived.chunks, format: same.format, effectiveDate, pages: prepared.pageCount, cleaning: revived.cleaning });
    }
    // The personal data of the file was treated for the grade its document had when it was prepared (`documentGrade`);
    // regraded since, the treatment may be another (masked for public, kept for internal): ingest it again.
    if (JSON.stringify(prepared.piiTreatment) !== JSON.stringify(piiTreatmentFor((options.treatment ?? defaultIngestTreatment).pii, grade))) {
      return finish({ status: 'failed', code: 'grade_conflict', reason: `문서 등급이 ${grade}(으)로 바뀌는 동안 파일을 준비했습니다. 다시 수집하세요 / the document became ${grade} while the file was prepared; ingest it again` });
    }
    const [{ next }] = (await tx.query<{ next: number }>(
      // Never a number a purged version had (purge-documents.ts).
      `SELECT greatest(coalesce(max(v.version), 0), (SELECT highest_purged_version FROM documents WHERE id = $1)) + 1 AS next
       FROM document_versions v WHERE v.document_id = $1`, [documentId])) as [{ next: number }];
    const version = Number(next);
    const versionId = `v_${randomId()}`;
    const statement: ProvenanceStatement | null = options.signingKey ? {
      type: 'kgov.provenance/v1', tenantId: input.tenantId, documentId, name, version, sha256: hash, bytes: input.bytes.byteLength,
      format: prepared.format, grade, source, provider: input.provider ?? null, ingestedBy: actorOf(principal),
      ingestedAt: ingestedAt.toISOString(), effectiveDate, keyId: options.signingKey.keyId,
    } : null;
    await tx.query(
      `INSERT INTO document_versions (id, document_id, version, sha256, bytes, format, grade, effective_date, ingested_at, metadata, provenance, signature, signing_key_id, minhash, parser_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [versionId, documentId, version, hash, input.bytes.byteLength, prepared.format, grade, effectiveDate, ingestedAt,
        JSON.stringify({ ...prepared.metadata, title: prepared.title, warnings: prepared.warnings, pages: prepared.pageCount, effectiveDateSource: prepared.effectiveDate?.source ?? 'ingest' }),
        statement ? JSON.stringify(statement) : null, statement && options.signingKey ? signStatement(statement, options.signingKey) : null,
        statement?.keyId ?? null, prepared.minhash, parserVersion],
    );
    // Superseding first: the previous version's chunks leave the index, so they are not taken for duplicates of this one.
    await supersede(tx, documentId, versionId);
    const { cleaning, facts } = await storeVersionChunks(tx, { tenantId: input.tenantId, documentId, versionId, version, grade, accessGroups, prepared, treatment: options.treatment ?? defaultIngestTreatment });
    const quarantineKinds = [...new Set(facts.flatMap((fact) => fact.injection?.kinds ?? []))];
    // A grade given lower than the document had is a declassification: said in the audit record and to the uploader.
    const loweredFrom = !created && previous!.grade !== grade && stricterGrade(grade, previous!.grade) === previous!.grade ? previous!.grade : undefined;
    await appendAudit(tx, {
      tenantId: input.tenantId, actor: actorOf(principal), action: 'document.ingested', target: `document:${documentId}`,
      detail: {
        name: nameForAudit(name), version, sha256: hash, grade, ...(loweredFrom ? { loweredFrom } : {}), ...(accessGroups.length > 0 ? { sharedWith: accessGroups } : {}), chunks: prepared.chunks.length, format: prepared.format, effectiveDate, signed: statement !== null,
        indexed: cleaning.indexed, withheld: cleaning.withheld, piiTreatment: cleaning.piiTreatment, piiTypes: cleaning.piiTypes,
        ...(quarantineKinds.length > 0 ? { quarantined: cleaning.withheld.quarantined, quarantineKinds } : {}),
        ...(cleaning.nearDuplicateOf ? { nearDuplicateOf: `document:${cleaning.nearDuplicateOf.documentId}`, similarity: cleaning.nearDuplicateOf.similarity } : {}),
      },
    });
    return finish({ status: 'ingested', documentId, version, grade, chunks: prepared.chunks.length, format: prepared.format, effectiveDate, pages: prepared.pageCount, cleaning, ...(loweredFrom ? { loweredFrom } : {}) });
  });
}

/**
 * The version of a (live) document with these bytes, if the principal may read that document: a match the caller
 * may not see is not reported (its id would confirm the document and its contents); storing then refuses the file.
 * `key` is the document's identity in the tenant (`documentKey`: the file's path, or an upload's name).
 */
export async function findVersion(database: Queryable, principal: Principal, tenantId: string, key: string, hash: string) {
  const scope = readScope(principal);
  const [row] = await database.query<{ document_id: string; version: number; grade: Grade }>(
    `SELECT v.document_id, v.version, d.grade FROM document_versions v JOIN documents d ON d.id = v.document_id
     WHERE d.tenant_id = $1 AND d.source_key = $2 AND v.sha256 = $3 AND d.deleted_at IS NULL
       AND d.grade = ANY($4::text[]) AND ${sharedWithSql('d.access_groups', '$5')}`,
    [tenantId, key, hash, scope.grades, scope.groups],
  );
  return row ? { documentId: row.document_id, version: Number(row.version), grade: row.grade } : undefined;
}

/**
 * The grade a file ingested without one gets, as `storeDocument` decides it: its document's, if it is a new version;
 * else the strictest grade of the tenant's versions with the same bytes (a copy of a restricted file); else none
 * (internal). Read before the file is prepared, so its personal data is treated for that grade.
 */
export async function defaultGrade(database: Queryable, tenantId: string, key: string, sha256: string): Promise<Grade | undefined> {
  return (await documentGrade(database, tenantId, key)) ?? gradeOfSameBytes(database, tenantId, sha256);
}

/** The strictest grade among the tenant's versions with these bytes (deleted documents too), if any. */
async function gradeOfSameBytes(database: Queryable, tenantId: string, sha256: string): Promise<Grade | undefined> {
  const rows = await database.query<{ grade: Grade }>(
    'SELECT DISTINCT v.grade FROM document_versions v JOIN documents d ON d.id = v.document_id WHERE d.tenant_id = $1 AND v.sha256 = $2', [tenantId, sha256]);
  return rows.reduce<Grade | undefined>((strictest, row) => (strictest === undefined ? row.grade : stricterGrade(strictest, row.grade)), undefined);
}

/**
 * The grade of the tenant's document at this source (deleted or not), if there is one: a new version without a grade
 * of its own keeps it (`storeDocument`), so its personal data is treated for it. Read before the writer's permission
 * is checked (`storeDocument` refuses a writer who may not read the document), and only to choose that treatment.
 */
export async function documentGrade(database: Queryable, tenantId: string, key: string): Promise<Grade | undefined> {
  const [row] = await database.query<{ grade: Grade }>('SELECT grade FROM documents WHERE tenant_id = $1 AND source_key = $2', [tenantId, key]);
  return row?.grade;
}

/**
 * The same bytes again with a stricter `--grade` than the document has: skipping it as a duplicate would leave the
 * document readable at the grade the operator just said is too open. Nothing regrades a document in place (its index
 * entries are kept per grade), so the file fails with what to do; a looser or no grade is an ordinary duplicate.
 */
export function gradeConflict(existing: { grade: Grade }, requested: Grade | undefined): { code: 'grade_conflict'; reason: string } | undefined {
  if (requested === undefined || stricterGrade(existing.grade, requested) === existing.grade) return undefined;
  return {
    code: 'grade_conflict',
    reason: `이미 ${existing.grade} 등급으로 수집된 문서입니다. ${requested} 등급으로 바꾸려면 문서를 삭제(kgov documents delete)한 뒤 다시 수집하세요 / already ingested as ${existing.grade}; to make it ${requested}, delete the document (kgov documents delete) and ingest it again`,
  };
}

/** Older versions stop being served (their chunks leave the index) but stay stored for audit. */
async function supersede(tx: Queryable, documentId: string, currentVersionId: string): Promise<void> {
  await tx.query('UPDATE document_versions SET superseded_at = now() WHERE document_id = $1 AND id <> $2 AND superseded_at IS NULL', [documentId, currentVersionId]);
  const rows = await tx.query<{ id: number | string }>('SELECT id FROM chunks WHERE document_id = $1 AND version_id <> $2 AND active', [documentId, currentVersionId]);
  const removed = rows.map((chunkRow) => Number(chunkRow.id));
  await unindexChunksForSearch(tx, removed);
  await restoreWithheldDuplicates(tx, removed);
}
