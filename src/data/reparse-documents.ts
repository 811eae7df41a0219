import { basename } from 'node:path';
import { appendAudit } from '../audit/index.js';
import { actorOf, authorize, canReadDocument, type Grade, type Principal } from '../auth/index.js';
import { unindexChunksForSearch } from '../search/index.js';
import type { Database, Queryable } from '../store/index.js';
import { deleteChunks } from './delete-chunks.js';
import { stricterGrade } from './disclosure-grade.js';
import { restoreWithheldDuplicates } from './exact-duplicates.js';
import { defaultIngestTreatment, type IngestTreatment } from './ingest-treatment.js';
import { defaultParseLimits } from './parsers/index.js';
import { parserVersion, prepareDocument, type PrepareOptions, type PrepareResult, type PreparedDocument } from './prepare-document.js';
import { sha256Hex } from './provenance.js';
import { storeVersionChunks } from './store-version-chunks.js';
import { uncountTenantLines } from './tenant-boilerplate.js';
import { nameForAudit } from './treat-personal-data.js';

/** Versions served today whose chunks an older parser made, and their documents (one current version each). */
export type StaleParsing = { documents: number };

// Current versions of live documents read by an older parser ($1: this parser's number; $2: a tenant, or null for all).
const staleVersions = 'v.superseded_at IS NULL AND d.deleted_at IS NULL AND coalesce(v.parser_version, 0) < $1 AND ($2::text IS NULL OR d.tenant_id = $2)';

export async function staleParsing(database: Queryable, tenantId?: string): Promise<StaleParsing> {
  const [row] = await database.query<{ documents: number }>(
    `SELECT count(*)::int AS documents FROM document_versions v JOIN documents d ON d.id = v.document_id WHERE ${staleVersions}`,
    [parserVersion, tenantId ?? null],
  );
  return { documents: Number(row?.documents ?? 0) };
}

/** Which current versions an older parser read (the first `limit`, by tenant and name): the files to give back. */
export async function staleParsingDocuments(
  database: Queryable, tenantId: string | undefined, limit: number,
): Promise<{ tenantId: string; name: string; version: number; parserVersion: number | null }[]> {
  const rows = await database.query<{ tenant_id: string; name: string; version: number; parser_version: number | null }>(
    `SELECT d.tenant_id, d.name, v.version, v.parser_version FROM document_versions v JOIN documents d ON d.id = v.document_id
     WHERE ${staleVersions} ORDER BY d.tenant_id, d.name LIMIT $3`,
    [parserVersion, tenantId ?? null, limit],
  );
  return rows.map((row) => ({ tenantId: row.tenant_id, name: row.name, version: Number(row.version), parserVersion: row.parser_version === null ? null : Number(row.parser_version) }));
}

/**
 * What became of one file given to `reparseFile`, for each current version that has its bytes (the same file can be
 * the current version of several documents: two paths, two tenants); `not-stored` alone when none has them.
 * - `reparsed`: parsed again, its chunks replaced (`chunksBefore` → `chunks`);
 * - `current`: already parsed by this parser (a run stopped half-way and started again skips what it did);
 * - `not-stored`: no current version of a live document the caller may read has these bytes (a new or edited
 *   file, a superseded version, a deleted document): nothing is written; ingest it instead;
 * - `failed`: the file no longer parses (the version keeps its chunks).
 */
export type ReparseOutcome =
  | {
    status: 'reparsed'; tenantId: string; documentId: string; name: string; version: number; chunksBefore: number; chunks: number; indexed: number;
    grade: Grade; gradeRaised: boolean;
    /** The new parser made the same chunks: only the version's parser number moved, and every chunk kept its id. */
    unchanged?: boolean;
  }
  | { status: 'current'; tenantId: string; documentId: string; name: string; version: number }
  | { status: 'not-stored' }
  | { status: 'failed'; tenantId: string; documentId: string; name: string; version: number; code: string; reason: string };

export type ReparseOptions = {
  /** Only this tenant's documents (whoever may write its documents); omitted: every tenant's (the operator only). */
  tenantId?: string;
  /** Parses a file (default: `prepareDocument` in this thread; the CLI passes its parse pool, with time and memory limits). */
  prepare?: (bytes: Uint8Array, fileName: string, options: PrepareOptions) => Promise<PrepareResult>;
  /** The tenant's cleaning and personal-data settings (`treatmentFor(config.ingest, tenant)`). */
  treatmentFor?: (tenantId: string) => IngestTreatment;
};

type Match = { tenant_id: string; document_id: string; version_id: string; version: number; parser_version: number | null; name: string; grade: Grade; access_groups: string[] };

/**
 * Parses again, with this release's parser, the stored versions that have the bytes of `file`, and replaces their
 * chunks — after an upgrade that reads documents better (`parserVersion`). The original files are not kept in the
 * database, so the operator gives them back; a file is matched to its versions by SHA-256, wherever it lies now.
 * Only current versions of live documents are parsed again (superseded ones are not served). The document keeps its
 * id, version number, signed provenance, effective date and sharing; its grade can only rise (a marking the new
 * parser reads). One transaction per version: a reader sees the old chunks or the new ones, never a mix, and a run
 * stopped half-way goes on where it stopped when started again.
 */
export async function reparseFile(
  database: Database,
  principal: Principal,
  file: { bytes: Uint8Array },
  options: ReparseOptions = {},
): Promise<ReparseOutcome[]> {
  authorize(principal, options.tenantId === undefined ? 'tenants.manage' : 'documents.write', { tenantId: options.tenantId });
  const sha256 = sha256Hex(file.bytes);
  const matches = (await database.query<Match>(
    `SELECT d.tenant_id, v.document_id, v.id AS version_id, v.version, v.parser_version, d.name, d.grade, d.access_groups
     FROM document_versions v JOIN documents d ON d.id = v.document_id
     WHERE v.sha256 = $1 AND v.superseded_at IS NULL AND d.deleted_at IS NULL AND ($2::text IS NULL OR d.tenant_id = $2)
     ORDER BY d.tenant_id, v.document_id`,
    [sha256, options.tenantId ?? null],
  )).filter((row) => canReadDocument(principal, { tenantId: row.tenant_id, grade: row.grade, accessGroups: row.access_groups ?? [] }));
  if (matches.length === 0) return [{ status: 'not-stored' }];
  const prepare = options.prepare ?? ((bytes, fileName, prepareOptions) => prepareDocument(bytes, fileName, defaultParseLimits, prepareOptions));
  const outcomes: ReparseOutcome[] = [];
  for (const match of matches) {
    const described = { tenantId: match.tenant_id, documentId: match.document_id, name: match.name, version: Number(match.version) };
    if (Number(match.parser_version ?? 0) >= parserVersion) {
      outcomes.push({ status: 'current', ...described });
      continue;
    }
    const treatment = options.treatmentFor?.(match.tenant_id) ?? defaultIngestTreatment;
    // Parsed under the document's name, as at ingest (the format is read from the bytes and the name's extension).
    const prepared = await prepare(file.bytes, basename(match.name), { grade: match.grade, treatment });
    if (!prepared.ok) {
      outcomes.push({ status: 'failed', ...described, code: prepared.code, reason: prepared.reason });
      continue;
    }
    outcomes.push(await database.transaction((tx) => replaceVersionChunks(tx, principal, { match, sha256, prepared: prepared.prepared, treatment })));
  }
  return outcomes;
}

async function replaceVersionChunks(
  tx: Queryable,
  principal: Principal,
  input: { match: Match; sha256: string; prepared: PreparedDocument; treatment: IngestTreatment },
): Promise<ReparseOutcome> {
  const { match, prepared } = input;
  const described = { tenantId: match.tenant_id, documentId: match.document_id, name: match.name, version: Number(match.version) };
  // Locked as ingest, sharing and deletion lock it; then everything is read again under the lock.
  const [document] = await tx.query<{ grade: Grade; access_groups: string[]; deleted: boolean }>(
    'SELECT grade, access_groups, deleted_at IS NOT NULL AS deleted FROM documents WHERE id = $1 FOR UPDATE', [match.document_id]);
  const [version] = await tx.query<{ grade: Grade; sha256: string; superseded: boolean; parser_version: number | null; metadata: Record<string, unknown> | string | null }>(
    'SELECT grade, sha256, superseded_at IS NOT NULL AS superseded, parser_version, metadata FROM document_versions WHERE id = $1', [match.version_id]);
  // Deleted, superseded or re-shared away from the caller while the file was parsed: left as it is.
  if (!document || !version || document.deleted || version.superseded || version.sha256 !== input.sha256
    || !canReadDocument(principal, { tenantId: match.tenant_id, grade: document.grade, accessGroups: document.access_groups ?? [] })) {
    return { status: 'not-stored' };
  }
  // Another run parsed it while this one was parsing.
  if (Number(version.parser_version ?? 0) >= parserVersion) return { status: 'current', ...described };

  const before = (typeof version.metadata === 'string' ? JSON.parse(version.metadata) : version.metadata) as Record<string, unknown> | null;
  const metadata = JSON.stringify({
    ...prepared.metadata, title: prepared.title, warnings: prepared.warnings, pages: prepared.pageCount,
    // The effective date and where it came from stay: the signed provenance statement names that date.
    effectiveDateSource: before?.effectiveDateSource ?? 'ingest',
  });
  // A marking the new parser reads can only make the document stricter, never more open.
  const grade = stricterGrade(stricterGrade(document.grade, version.grade), prepared.detectedGrade);
  const gradeRaised = grade !== document.grade;
  const old = await tx.query<StoredChunk>(
    'SELECT id, active, ordinal, section, line_start, line_end, page, text, inner_sections, line_runs FROM chunks WHERE version_id = $1 ORDER BY ordinal', [match.version_id]);
  // Most files read the same under a new parser (it changed another format): their chunks, ids and index entries
  // stay as they are (a search hit's chunk id is part of the command line's contract), and only the number moves.
  const unchanged = !gradeRaised && sameChunks(old, prepared.chunks);
  const stored = unchanged
    ? { indexed: old.filter((row) => row.active).length }
    : await replaceChunks(tx, { match, prepared, treatment: input.treatment, old, grade, gradeRaised, accessGroups: document.access_groups ?? [] });
  await tx.query(
    'UPDATE document_versions SET parser_version = $2, grade = $3, format = $4, metadata = $5, minhash = $6 WHERE id = $1',
    // Chunks kept as they were keep the grade they were stored with.
    [match.version_id, parserVersion, unchanged ? version.grade : grade, prepared.format, metadata, prepared.minhash],
  );
  await appendAudit(tx, {
    tenantId: match.tenant_id, actor: actorOf(principal), action: 'document.reparsed', target: `document:${match.document_id}`,
    detail: {
      name: nameForAudit(match.name), version: Number(match.version), sha256: input.sha256, parserVersion: { from: Number(version.parser_version ?? 0), to: parserVersion },
      chunks: { before: old.length, after: prepared.chunks.length }, ...(unchanged ? { unchanged: true } : stored),
      ...(gradeRaised ? { grade: { from: document.grade, to: grade } } : {}),
    },
  });
  return {
    status: 'reparsed', ...described, chunksBefore: old.length, chunks: prepared.chunks.length, indexed: stored.indexed, grade, gradeRaised,
    ...(unchanged ? { unchanged: true } : {}),
  };
}

/** The version's chunks replaced by the prepared ones, as ingest stores them; what the new chunks' cleaning counted. */
async function replaceChunks(
  tx: Queryable,
  input: {
    match: Match; prepared: PreparedDocument; treatment: IngestTreatment; old: readonly StoredChunk[]; grade: Grade; gradeRaised: boolean;
    accessGroups: string[];
  },
) {
  const { match, prepared, old, grade } = input;
  const served = old.filter((row) => row.active).map((row) => Number(row.id));
  const withheld = old.filter((row) => !row.active).map((row) => Number(row.id));
  // A first version's lines count toward the tenant's template lines: the old chunks' lines stop counting, and the
  // new ones are counted as ingest counts them (`storeVersionChunks`).
  if (Number(match.version) === 1) await uncountTenantLines(tx, match.tenant_id, match.version_id);
  await unindexChunksForSearch(tx, served);
  await deleteChunks(tx, withheld);
  // Kept until the new chunks are stored (the duplicates they stood for are restored against them); out of the way of
  // the new chunks' ordinals meanwhile.
  if (served.length > 0) await tx.query('UPDATE chunks SET ordinal = -1 - ordinal WHERE id = ANY($1::bigint[])', [served]);
  await tx.query('DELETE FROM near_duplicate_buckets WHERE version_id = $1', [match.version_id]);

  if (input.gradeRaised) await tx.query('UPDATE documents SET grade = $2 WHERE id = $1', [match.document_id, grade]);
  const { cleaning } = await storeVersionChunks(tx, {
    tenantId: match.tenant_id, documentId: match.document_id, versionId: match.version_id, version: Number(match.version), grade, accessGroups: input.accessGroups,
    prepared, treatment: input.treatment,
  });
  // Only now do copies elsewhere that were withheld as duplicates of the old chunks come back, and only those whose
  // text the new chunks no longer serve: a document parsed again keeps serving the passages it served.
  await restoreWithheldDuplicates(tx, served);
  await deleteChunks(tx, served);
  return { indexed: cleaning.indexed, withheld: cleaning.withheld };
}

type StoredChunk = {
  id: number | string; active: boolean; ordinal: number; section: string | null; line_start: number | null; line_end: number | null; page: number | null;
  text: string; inner_sections: unknown; line_runs: number[] | null;
};

/** Whether the stored chunks are the prepared ones: same text, section, place, line runs and inner sections, in order. */
function sameChunks(stored: readonly StoredChunk[], prepared: PreparedDocument['chunks']): boolean {
  if (stored.length !== prepared.length) return false;
  return prepared.every((chunk, index) => {
    const row = stored[index]!;
    const innerSections = typeof row.inner_sections === 'string' ? JSON.parse(row.inner_sections) as unknown : row.inner_sections;
    return Number(row.ordinal) === chunk.ordinal && row.text === chunk.text && row.section === chunk.section
      && (row.line_start === null ? chunk.lines === null : chunk.lines !== null && Number(row.line_start) === chunk.lines[0] && Number(row.line_end) === chunk.lines[1])
      && (row.page === null ? chunk.page === null : Number(row.page) === chunk.page)
      && JSON.stringify((row.line_runs ?? []).map(Number)) === JSON.stringify(chunk.lineRuns ?? [])
      && JSON.stringify(innerSections ?? []) === JSON.stringify(chunk.innerSections ?? []);
  });
}
