import { basename, resolve } from 'node:path';
import { actorOf, authorize, parseGroups, requireTenant, type Grade, type Principal } from '../auth/index.js';
import { KgovError, randomId } from '../core/index.js';
import type { Database, Queryable } from '../store/index.js';

/** The queue of ingestion: a job per batch, an item per file (see migration 0003). */
export type ItemStatus = 'queued' | 'running' | 'done' | 'duplicate' | 'failed';
export type JobOrigin = 'cli' | 'http';

export type NewItem = {
  /** `path`: a file on disk, stored absolute; it identifies the file's document in the tenant (`documentKey`). */
  fileName: string; path?: string; content?: Uint8Array; bytes?: number;
  /** Refused before queueing (an upload over the size limit): recorded as failed so the job reports it. */
  failed?: { code: string; reason: string };
};

export type ClaimedItem = {
  id: number; jobId: string; tenantId: string; grade: Grade | null; provider: string | null;
  /** Groups to share each document with (null: new documents with the whole tenant, new versions keep theirs). */
  share: string[] | null; fileName: string; path: string | null; content: Uint8Array | null; attempts: number;
};

export type ItemRecord = {
  id: number; ordinal: number; fileName: string; path: string | null; status: ItemStatus; attempts: number; errorCode: string | null;
  errorReason: string | null; documentId: string | null; version: number | null; bytes: number | null; pages: number | null;
};

export type JobStatus = {
  id: string; tenantId: string; origin: JobOrigin; createdAt: Date; finishedAt: Date | null;
  counts: Record<ItemStatus, number>; items: ItemRecord[];
};

export async function createJob(
  database: Database,
  principal: Principal,
  input: { tenantId: string; origin: JobOrigin; grade?: Grade | undefined; provider?: string | undefined; share?: readonly string[] | undefined; fingerprint?: string; items: NewItem[] },
): Promise<string> {
  authorize(principal, 'documents.write', { tenantId: input.tenantId });
  await requireTenant(database, input.tenantId);
  const jobId = `j_${randomId()}`;
  await database.transaction(async (tx) => {
    await tx.query('INSERT INTO ingest_jobs (id, tenant_id, actor, origin, grade, provider, fingerprint, share) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text[])',
      [jobId, input.tenantId, actorOf(principal), input.origin, input.grade ?? null, input.provider ?? null, input.fingerprint ?? null,
        input.share === undefined ? null : parseGroups(input.share)]);
    const withContent = input.items.filter((item) => item.content !== undefined || item.failed);
    const byPath = input.items.filter((item) => item.content === undefined && !item.failed);
    if (byPath.length > 0) {
      // One statement for a whole folder: thousands of files queue in milliseconds.
      await tx.query(
        `INSERT INTO ingest_items (job_id, ordinal, file_name, path, bytes)
         SELECT $1, input.* FROM unnest($2::int[], $3::text[], $4::text[], $5::bigint[]) AS input(ordinal, file_name, path, bytes)`,
        [jobId, byPath.map((_, index) => index), byPath.map((item) => basename(item.fileName)), byPath.map((item) => (item.path ? resolve(item.path) : null)), byPath.map((item) => item.bytes ?? null)],
      );
    }
    for (const [index, item] of withContent.entries()) {
      await tx.query(
        `INSERT INTO ingest_items (job_id, ordinal, file_name, content, bytes, status, error_code, error_reason, finished_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $6 = 'failed' THEN now() END)`,
        [jobId, byPath.length + index, basename(item.fileName), item.failed ? null : item.content, item.bytes ?? item.content?.byteLength ?? null,
          item.failed ? 'failed' : 'queued', item.failed?.code ?? null, item.failed?.reason ?? null]);
    }
  });
  return jobId;
}

/** An unfinished job of the same command (same tenant, grade and paths): running it again resumes it. */
export async function findResumableJob(database: Queryable, tenantId: string, fingerprint: string): Promise<string | undefined> {
  const [row] = await database.query<{ id: string }>(
    'SELECT id FROM ingest_jobs WHERE tenant_id = $1 AND fingerprint = $2 AND finished_at IS NULL ORDER BY created_at DESC LIMIT 1', [tenantId, fingerprint]);
  return row?.id;
}

/**
 * Claims the next item: a queued one, or a running one whose worker's lease ran out (it crashed).
 * `SKIP LOCKED` lets several workers and processes claim from one queue without waiting on each
 * other. On embedded PGlite one process owns the database, so a running item of another worker id
 * can only be left over from a killed process: it is taken over at once.
 */
export async function claimItem(
  database: Queryable,
  scope: { jobId: string } | { origin: JobOrigin },
  worker: { id: string; leaseSeconds: number; soleProcess: boolean },
): Promise<ClaimedItem | undefined> {
  const [row] = await database.query<{ id: string | number; job_id: string; tenant_id: string; grade: Grade | null; provider: string | null; share: string[] | null; file_name: string; path: string | null; content: Uint8Array | null; attempts: number }>(
    `UPDATE ingest_items i SET status = 'running', attempts = i.attempts + 1, claimed_by = $3,
            lease_until = now() + make_interval(secs => $4::double precision), started_at = coalesce(i.started_at, now())
     FROM ingest_jobs j
     WHERE j.id = i.job_id AND i.id = (
       SELECT c.id FROM ingest_items c JOIN ingest_jobs cj ON cj.id = c.job_id
       WHERE (c.job_id = $1::text OR ($1::text IS NULL AND cj.origin = $2::text))
         AND (c.status = 'queued' OR (c.status = 'running' AND (c.lease_until < now() OR ($5::boolean AND c.claimed_by <> $3))))
       ORDER BY c.id LIMIT 1 FOR UPDATE OF c SKIP LOCKED)
     RETURNING i.id, i.job_id, j.tenant_id, j.grade, j.provider, j.share, i.file_name, i.path, i.content, i.attempts`,
    ['jobId' in scope ? scope.jobId : null, 'origin' in scope ? scope.origin : null, worker.id, worker.leaseSeconds, worker.soleProcess],
  );
  if (!row) return undefined;
  return {
    id: Number(row.id), jobId: row.job_id, tenantId: row.tenant_id, grade: row.grade, provider: row.provider, share: row.share ?? null, fileName: row.file_name, path: row.path,
    content: row.content ? new Uint8Array(row.content) : null, attempts: Number(row.attempts),
  };
}

export async function renewLeases(database: Queryable, workerId: string, leaseSeconds: number): Promise<void> {
  await database.query(
    `UPDATE ingest_items SET lease_until = now() + make_interval(secs => $2::double precision) WHERE claimed_by = $1 AND status = 'running'`, [workerId, leaseSeconds]);
}

export async function countAttempt(database: Queryable, itemId: number): Promise<void> {
  await database.query('UPDATE ingest_items SET attempts = attempts + 1 WHERE id = $1', [itemId]);
}

export type ItemResult =
  | { status: 'done' | 'duplicate'; documentId: string; version: number; sha256: string; bytes: number; pages?: number | null }
  | { status: 'failed'; code: string; reason: string; sha256?: string; bytes?: number };

/** Records an item's outcome; the uploaded bytes are dropped (the version keeps their hash). */
export async function finishItem(tx: Queryable, itemId: number, result: ItemResult): Promise<void> {
  const failed = result.status === 'failed';
  await tx.query(
    `UPDATE ingest_items SET status = $2, error_code = $3, error_reason = $4, document_id = $5, version = $6, sha256 = coalesce($7, sha256),
            bytes = coalesce($8, bytes), pages = $9, content = NULL, lease_until = NULL, finished_at = now()
     WHERE id = $1`,
    [itemId, result.status, failed ? result.code : null, failed ? result.reason.slice(0, 500) : null, failed ? null : result.documentId,
      failed ? null : result.version, result.sha256 ?? null, result.bytes ?? null, failed ? null : (result.pages ?? null)],
  );
}

export async function finishJobIfDone(database: Queryable, jobId: string): Promise<boolean> {
  const rows = await database.query(
    `UPDATE ingest_jobs SET finished_at = now() WHERE id = $1 AND finished_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM ingest_items WHERE job_id = $1 AND status IN ('queued', 'running')) RETURNING id`, [jobId]);
  return rows.length > 0;
}

export async function openItemCount(database: Queryable, jobId: string): Promise<number> {
  const [row] = await database.query<{ count: number }>(
    "SELECT count(*)::int AS count FROM ingest_items WHERE job_id = $1 AND status IN ('queued', 'running')", [jobId]);
  return Number(row?.count ?? 0);
}

/**
 * A job and its items, for whoever started it and the tenant's administrators: its file names and document ids are
 * not for every reader of the tenant (a public key must not learn of an internal document by polling job ids).
 */
export async function jobStatus(database: Queryable, principal: Principal, jobId: string): Promise<JobStatus> {
  const [job] = await database.query<{ id: string; tenant_id: string; actor: string; origin: JobOrigin; created_at: Date; finished_at: Date | null }>(
    'SELECT id, tenant_id, actor, origin, created_at, finished_at FROM ingest_jobs WHERE id = $1', [jobId]);
  const mayRead = job !== undefined && (principal.kind === 'operator'
    || (principal.tenantId === job.tenant_id && (principal.role === 'admin' || actorOf(principal) === job.actor)));
  if (!job || !mayRead) throw new KgovError('ingest_job_not_found', { job: jobId });
  authorize(principal, 'documents.read', { tenantId: job.tenant_id });
  const rows = await database.query<{ id: string | number; ordinal: number; file_name: string; path: string | null; status: ItemStatus; attempts: number; error_code: string | null; error_reason: string | null; document_id: string | null; version: number | null; bytes: string | number | null; pages: number | null }>(
    `SELECT id, ordinal, file_name, path, status, attempts, error_code, error_reason, document_id, version, bytes, pages
     FROM ingest_items WHERE job_id = $1 ORDER BY ordinal`, [jobId]);
  const items: ItemRecord[] = rows.map((row) => ({
    id: Number(row.id), ordinal: Number(row.ordinal), fileName: row.file_name, path: row.path, status: row.status, attempts: Number(row.attempts),
    errorCode: row.error_code, errorReason: row.error_reason, documentId: row.document_id, version: row.version === null ? null : Number(row.version),
    bytes: row.bytes === null ? null : Number(row.bytes), pages: row.pages === null ? null : Number(row.pages),
  }));
  const counts: Record<ItemStatus, number> = { queued: 0, running: 0, done: 0, duplicate: 0, failed: 0 };
  for (const item of items) counts[item.status]++;
  return { id: job.id, tenantId: job.tenant_id, origin: job.origin, createdAt: new Date(job.created_at), finishedAt: job.finished_at ? new Date(job.finished_at) : null, counts, items };
}

/**
 * Upload jobs (origin `http`) left unfinished by a server that stopped or crashed: items still
 * queued, or running under a lease that ran out. On embedded PGlite one process owns the database,
 * so any running item is a leftover and counts too. CLI jobs are left to their command (run it
 * again), since their files live where that command ran.
 */
export async function unfinishedUploadJobs(database: Queryable, options: { soleProcess: boolean }): Promise<{ id: string; tenantId: string; open: number }[]> {
  const rows = await database.query<{ id: string; tenant_id: string; open: number }>(
    `SELECT j.id, j.tenant_id, count(*)::int AS open FROM ingest_jobs j JOIN ingest_items i ON i.job_id = j.id
     WHERE j.origin = 'http' AND j.finished_at IS NULL
       AND (i.status = 'queued' OR (i.status = 'running' AND ($1::boolean OR i.lease_until IS NULL OR i.lease_until < now())))
     GROUP BY j.id, j.tenant_id, j.created_at ORDER BY j.created_at`, [options.soleProcess]);
  return rows.map((row) => ({ id: row.id, tenantId: row.tenant_id, open: Number(row.open) }));
}

/** What cleaning did to the files a job ingested, summed over its versions (earlier, interrupted runs included). */
export type JobCleaningTotals = {
  /** Versions recorded as near-duplicates of an earlier document. */
  nearDuplicates: number;
  /** Chunks withheld as exact or near duplicates of chunks the tenant already serves. */
  duplicateChunks: number;
  /** Chunks quarantined as indirect prompt injection. */
  quarantinedChunks: number;
  /** Chunks filtered as too short, symbol-heavy or boilerplate. */
  filteredChunks: number;
  /** Chunks whose personal data was masked or pseudonymised before storing and indexing. */
  maskedPiiChunks: number;
};

export const emptyCleaningTotals = (): JobCleaningTotals => ({ nearDuplicates: 0, duplicateChunks: 0, quarantinedChunks: 0, filteredChunks: 0, maskedPiiChunks: 0 });

/** Adds one version's cleaning report (as stored in `document_versions.cleaning`) to the totals. */
export function addCleaning(totals: JobCleaningTotals, report: {
  withheld?: Partial<Record<string, number>>; piiTreatment?: string; piiChunks?: number; nearDuplicateOf?: unknown;
} | null | undefined): JobCleaningTotals {
  if (!report) return totals;
  const withheld = report.withheld ?? {};
  const count = (reason: string) => Number(withheld[reason] ?? 0);
  totals.nearDuplicates += report.nearDuplicateOf ? 1 : 0;
  totals.duplicateChunks += count('duplicate') + count('near-duplicate');
  totals.quarantinedChunks += count('quarantined');
  totals.filteredChunks += count('short') + count('symbols') + count('boilerplate');
  totals.maskedPiiChunks += report.piiTreatment === 'mask' || report.piiTreatment === 'pseudonymise' ? Number(report.piiChunks ?? 0) : 0;
  return totals;
}

export async function jobCleaningTotals(database: Queryable, jobId: string): Promise<JobCleaningTotals> {
  const rows = await database.query<{ cleaning: unknown }>(
    `SELECT v.cleaning FROM ingest_items i JOIN document_versions v ON v.document_id = i.document_id AND v.version = i.version
     WHERE i.job_id = $1 AND i.status = 'done'`, [jobId]);
  const totals = emptyCleaningTotals();
  for (const row of rows) {
    const report = typeof row.cleaning === 'string' ? JSON.parse(row.cleaning) as Parameters<typeof addCleaning>[1] : row.cleaning as Parameters<typeof addCleaning>[1];
    addCleaning(totals, report);
  }
  return totals;
}
