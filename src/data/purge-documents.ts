import { appendAudit } from '../audit/index.js';
import { actorOf, authorize, readScope, requireTenant, sharedWithSql, type Principal } from '../auth/index.js';
import { KgovError } from '../core/index.js';
import type { Database, Queryable } from '../store/index.js';
import { deleteChunks } from './delete-chunks.js';
import { resolveDocument } from './document-reference.js';
import { uncountTenantLines } from './tenant-boilerplate.js';

/**
 * Purging (파기): what a tenant no longer serves — deleted documents and the superseded versions of live ones — is
 * removed from the database for good, passages, versions, signed provenance and file names included. Deleting a
 * document only takes it out of search and keeps it for audit; an agency whose retention period for a record has run
 * out, or who ingested personal data by mistake and replaced the file, must be able to destroy it
 * (개인정보 보호법 제21조). What remains: one audit record per document (`document.purged`: its id, the purged version
 * numbers and SHA-256 hashes, chunk count; never names or text), and job items that name the file `(purged)`.
 *
 * Rows deleted by PostgreSQL stay in the table files: VACUUM frees their space for reuse but does not overwrite the
 * bytes, so a plain purge makes the rows unreadable through the database, not gone from its files. `compact` rewrites
 * the touched tables (VACUUM FULL: new files, the old ones unlinked; it locks those tables while it runs), and does so
 * even when nothing is left to purge, so that a purge run earlier, or one interrupted before its vacuum, can be
 * compacted afterwards. Either way the planner's statistics are gathered again (ANALYZE keeps sample values of
 * passages in `pg_statistic`) and that catalog is vacuumed the same way. Copies outside the tables — WAL segments not
 * yet recycled, backups — are the operator's to age out; so are the names in audit records written before the purge
 * (the log is a hash chain: it is never rewritten).
 */
export type PurgeInput = {
  tenantId: string;
  /** One document (id, source path or name, deleted ones included); otherwise every document of the tenant. */
  document?: string;
  /** Only what was deleted or superseded at least this many days ago. */
  olderThanDays?: number;
  compact?: boolean;
  /** Current time; tests move it. */
  now?: Date;
};

export type PurgedDocument = {
  id: string;
  /** The whole document went (it was deleted); otherwise superseded versions of a live document. */
  whole: boolean;
  versions: Array<{ version: number; sha256: string }>;
  chunks: number;
};

export type PurgeResult = {
  documents: PurgedDocument[]; versions: number; chunks: number; vacuumed: 'none' | 'vacuum' | 'vacuum-full';
  /** Tables `compact` could not rewrite (vacuumed plainly instead): see `compactTables`. Empty otherwise. */
  notCompacted: string[];
};

/** The tables a purge deletes from or rewrites: vacuumed afterwards so the deleted rows leave their pages. */
const touchedTables = ['chunks', 'chunk_vectors', 'posting_segments', 'posting_segment_chunks', 'near_duplicate_buckets', 'document_versions', 'ingest_items',
  'restricted_segments', 'boilerplate_lines', 'documents'];

/** What job items say a purged file was called. */
export const purgedFileName = '(purged)';

export async function purgeDocuments(database: Database, principal: Principal, input: PurgeInput): Promise<PurgeResult> {
  authorize(principal, 'documents.purge', { tenantId: input.tenantId });
  if (input.olderThanDays !== undefined && !(Number.isInteger(input.olderThanDays) && input.olderThanDays >= 0)) {
    throw new KgovError('invalid_request', { detail: 'olderThanDays must be a whole number of days, 0 or more' });
  }
  await requireTenant(database, input.tenantId);
  const scope = readScope(principal);
  const cutoff = new Date((input.now ?? new Date()).getTime() - (input.olderThanDays ?? 0) * 86_400_000);
  const candidates = input.document !== undefined
    ? [(await resolveDocument(database, { tenantId: input.tenantId, reference: input.document, scope, includeDeleted: true })).id]
    : (await database.query<{ id: string }>(
      `SELECT DISTINCT d.id FROM documents d LEFT JOIN document_versions v ON v.document_id = d.id
       WHERE d.tenant_id = $1 AND d.grade = ANY($2::text[]) AND ${sharedWithSql('d.access_groups', '$3')}
         AND (d.deleted_at <= $4 OR v.superseded_at <= $4)
       ORDER BY d.id`,
      [input.tenantId, scope.grades, scope.groups, cutoff],
    )).map((row) => row.id);

  const purged: PurgedDocument[] = [];
  // One transaction per document: locks stay short, and an interrupted purge leaves every document whole or gone.
  for (const id of candidates) {
    const done = await database.transaction((tx) => purgeOne(tx, principal, { tenantId: input.tenantId, id, scope, cutoff }));
    if (done) purged.push(done);
  }
  let vacuumed: PurgeResult['vacuumed'] = 'none';
  let notCompacted: string[] = [];
  if (purged.length > 0 || input.compact) {
    // Statistics first (their sample values of the purged passages become dead rows of pg_statistic), then the vacuum.
    await database.query(`ANALYZE ${touchedTables.join(', ')}`);
    if (input.compact) notCompacted = await compactTables(database, [...touchedTables, 'pg_statistic']);
    else await database.query(`VACUUM ${touchedTables.join(', ')}, pg_statistic`);
    vacuumed = input.compact ? 'vacuum-full' : 'vacuum';
  }
  return {
    documents: purged, vacuumed, notCompacted,
    versions: purged.reduce((sum, document) => sum + document.versions.length, 0),
    chunks: purged.reduce((sum, document) => sum + document.chunks, 0),
  };
}

async function purgeOne(
  tx: Queryable,
  principal: Principal,
  input: { tenantId: string; id: string; scope: ReturnType<typeof readScope>; cutoff: Date },
): Promise<PurgedDocument | null> {
  // Locked as ingest locks it, and checked again under the lock: a re-ingest that revives a deleted document
  // commits either before (nothing to purge any more) or after (a new document).
  const [document] = await tx.query<{ id: string; deleted: boolean; deleted_at: Date | string | null }>(
    `SELECT id, deleted_at IS NOT NULL AS deleted, deleted_at FROM documents
     WHERE id = $1 AND tenant_id = $2 AND grade = ANY($3::text[]) AND ${sharedWithSql('access_groups', '$4')} FOR UPDATE`,
    [input.id, input.tenantId, input.scope.grades, input.scope.groups],
  );
  if (!document) return null;
  // A document deleted too recently to go whole still loses the versions it replaced long enough ago.
  const deletedLongEnough = document.deleted && new Date(document.deleted_at!).getTime() <= input.cutoff.getTime();
  const versions = await tx.query<{ id: string; version: number; sha256: string; visible: boolean }>(
    `SELECT id, version, sha256, grade = ANY($3::text[]) AS visible FROM document_versions
     WHERE document_id = $1 AND ($2::boolean OR (superseded_at IS NOT NULL AND superseded_at <= $4))
     ORDER BY version`,
    [document.id, deletedLongEnough, input.scope.grades, input.cutoff],
  );
  // A version above the caller's clearance stays; so does the document that holds it.
  const chosen = versions.filter((version) => version.visible);
  const whole = deletedLongEnough && chosen.length === versions.length;
  if (chosen.length === 0 && !whole) return null;
  const versionIds = chosen.map((version) => version.id);

  const served = await tx.query<{ count: number | string }>('SELECT count(*) AS count FROM chunks WHERE version_id = ANY($1::text[]) AND active', [versionIds]);
  if (Number(served[0]?.count ?? 0) > 0) {
    // Never reached: deleted and superseded versions are out of the index. Refused rather than purged from under a search.
    throw new KgovError('internal_error', { detail: `document ${document.id} still has passages in search` });
  }
  // The first version's lines were counted across the tenant to find template lines (tenant-boilerplate.ts): they stop
  // counting, so a purged document neither decides what a new one indexes nor leaves its lines' hashes behind.
  const first = chosen.find((version) => Number(version.version) === 1);
  if (first) await uncountTenantLines(tx, input.tenantId, first.id);
  const chunks = (await tx.query<{ id: number | string }>('SELECT id FROM chunks WHERE version_id = ANY($1::text[])', [versionIds])).map((row) => Number(row.id));
  await deleteChunks(tx, chunks);
  await tx.query('DELETE FROM near_duplicate_buckets WHERE version_id = ANY($1::text[])', [versionIds]);
  // Other versions that were found to nearly duplicate a purged one no longer point at it.
  await tx.query('UPDATE document_versions SET near_duplicate_of = NULL, near_duplicate_similarity = NULL WHERE near_duplicate_of = ANY($1::text[])', [versionIds]);
  // …nor name it in their cleaning report.
  const numbers = chosen.map((version) => Number(version.version));
  await tx.query(
    `UPDATE document_versions SET cleaning = cleaning - 'nearDuplicateOf'
     WHERE cleaning->'nearDuplicateOf'->>'documentId' = $1 AND ($2::boolean OR (cleaning->'nearDuplicateOf'->>'version')::int = ANY($3::int[]))`,
    [document.id, whole, numbers],
  );
  await tx.query(
    `UPDATE ingest_items SET file_name = $3, path = NULL, content = NULL
     WHERE document_id = $1 AND ($2::boolean OR version = ANY($4::int[]))`,
    [document.id, whole, purgedFileName, numbers],
  );
  await tx.query('DELETE FROM document_versions WHERE id = ANY($1::text[])', [versionIds]);
  if (whole) {
    // Rows of segments still in the index would make this fail (the foreign key), which rolls the purge back.
    await tx.query('DELETE FROM restricted_segments WHERE document_id = $1 AND NOT EXISTS (SELECT 1 FROM posting_segments p WHERE p.segment_id = restricted_segments.segment_id)', [document.id]);
    await tx.query('DELETE FROM documents WHERE id = $1', [document.id]);
  } else {
    await tx.query('UPDATE documents SET highest_purged_version = greatest(highest_purged_version, $2) WHERE id = $1', [document.id, Math.max(...numbers)]);
  }
  const result: PurgedDocument = { id: document.id, whole, versions: chosen.map((version) => ({ version: Number(version.version), sha256: version.sha256 })), chunks: chunks.length };
  await appendAudit(tx, {
    tenantId: input.tenantId, actor: actorOf(principal), action: 'document.purged', target: `document:${document.id}`,
    detail: { whole, versions: result.versions, chunks: result.chunks },
  });
  return result;
}

/**
 * VACUUM FULL, table by table. PGlite 0.3.16 rewrites a table that has a column added with a default (documents,
 * chunks: `ALTER TABLE … ADD COLUMN … DEFAULT`) once per process; a second rewrite in the same process fails with
 * "tuple concurrently deleted" (plain PGlite does the same; the PostgreSQL server does not). Such a table is vacuumed
 * plainly instead and named in the result, so the caller can say so; `kgov documents purge --compact`, a process of
 * its own, rewrites every table.
 */
async function compactTables(database: Database, tables: readonly string[]): Promise<string[]> {
  const failed: string[] = [];
  for (const table of tables) {
    try {
      await database.query(`VACUUM (FULL) ${table}`);
    } catch {
      failed.push(table);
      await database.query(`VACUUM ${table}`);
    }
  }
  return failed;
}
