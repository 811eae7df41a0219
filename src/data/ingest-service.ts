import { readFile, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Grade, Principal } from '../auth/index.js';
import { KgovError, randomId, type KgovConfig } from '../core/index.js';
import type { Database } from '../store/index.js';
import { documentKey } from './document-reference.js';
import { defaultGrade, findVersion, gradeConflict, storeDocument, type CleaningReport, type IngestFailureCode, type IngestOutcome } from './ingest-document.js';
import { treatmentFor } from './ingest-treatment.js';
import { claimItem, countAttempt, finishItem, finishJobIfDone, openItemCount, renewLeases, type ClaimedItem, type ItemResult } from './ingest-jobs.js';
import { createParsePool, defaultWorkerCount, type ParsePool } from './parse-pool.js';
import { defaultParseLimits } from './parsers/index.js';
import { sha256Hex } from './provenance.js';
import { keyDirectory, signingKeys, type SigningKeys } from './signing-keys.js';
import { backoffMs, isTransient } from './transient-errors.js';

/** What happened to one file, as it happens (progress bars, per-file report lines). */
export type IngestEvent = {
  itemId: number; fileName: string; path: string | null; bytes: number; pages: number | null;
} & ({ status: 'done' | 'duplicate'; documentId: string; version: number; cleaning?: CleaningReport; grade?: Grade; loweredFrom?: Grade } | { status: 'failed'; code: IngestFailureCode | 'path_not_found'; reason: string });

export type IngestService = {
  readonly pool: ParsePool;
  /** Works a job's items until none is left open; resumes a job left by a killed process. */
  runJob(principal: Principal, jobId: string, onEvent?: (event: IngestEvent) => void): Promise<void>;
  close(): Promise<void>;
};

/** Errors that are wrong for every file of the job: stop it rather than fail each file the same way. */
const fatalCodes = new Set(['tenant_not_found', 'forbidden', 'signing_key_missing']);
const isFatal = (error: unknown) => error instanceof KgovError && fatalCodes.has(error.code);
const firstLine = (error: unknown) => ((error as Error)?.message ?? String(error)).split('\n')[0]!.slice(0, 300);

class StoppingSignal extends Error {}

export function createIngestService(database: Database, config: KgovConfig, options: { keys?: SigningKeys } = {}): IngestService {
  const settings = config.ingest;
  const limits = { ...defaultParseLimits, maxBytes: settings.maxFileBytes };
  const pool = createParsePool({ size: settings.workers ?? defaultWorkerCount(), timeoutMs: settings.parseTimeoutSeconds * 1000, memoryMb: settings.workerMemoryMb, limits });
  const keys = options.keys ?? signingKeys(database, keyDirectory(config));
  // Set on close: an item whose parse was cut short stays running (its lease lets it be taken up
  // again) instead of being recorded as a failure of the file.
  let stopping = false;

  async function processItem(principal: Principal, item: ClaimedItem, emit: (event: IngestEvent) => void): Promise<void> {
    const base = { itemId: item.id, fileName: item.fileName, path: item.path, bytes: 0, pages: null };
    const fail = async (code: IngestFailureCode | 'path_not_found', reason: string, extra: { bytes?: number; sha256?: string } = {}) => {
      await finishItem(database, item.id, { status: 'failed', code, reason, ...extra });
      emit({ ...base, bytes: extra.bytes ?? 0, status: 'failed', code, reason });
    };
    // An item that keeps killing its process (or keeps failing) is given up on, not retried forever.
    if (item.attempts > settings.maxAttempts) return fail('ingest_failed', `gave up after ${settings.maxAttempts} attempts`);
    let bytes: Uint8Array;
    if (item.content) {
      bytes = item.content;
    } else {
      try {
        const size = (await stat(item.path!)).size;
        if (size > settings.maxFileBytes) return fail('file_too_large', `${size} > ${settings.maxFileBytes} bytes`, { bytes: size });
        bytes = await readFile(item.path!);
      } catch (error) {
        return fail('path_not_found', (error as NodeJS.ErrnoException).code ?? firstLine(error));
      }
    }
    if (bytes.byteLength > settings.maxFileBytes) return fail('file_too_large', `${bytes.byteLength} > ${settings.maxFileBytes} bytes`, { bytes: bytes.byteLength });
    const sha256 = sha256Hex(bytes);
    const sized = { ...base, bytes: bytes.byteLength };
    const existing = await findVersion(database, principal, item.tenantId, documentKey({ fileName: item.fileName, path: item.path }), sha256);
    if (existing) {
      const conflict = gradeConflict(existing, item.grade ?? undefined);
      if (conflict) return fail(conflict.code, conflict.reason, { bytes: bytes.byteLength, sha256 });
      const duplicate = { documentId: existing.documentId, version: existing.version };
      await finishItem(database, item.id, { status: 'duplicate', ...duplicate, sha256, bytes: bytes.byteLength });
      emit({ ...sized, status: 'duplicate', ...duplicate });
      return;
    }
    const treatment = treatmentFor(settings, item.tenantId);
    // A new version without a grade keeps its document's, a copy of a stricter file takes its grade: its personal data is
    // treated for that grade.
    const grade = item.grade ?? await defaultGrade(database, item.tenantId, documentKey({ fileName: item.fileName, path: item.path }), sha256);
    const prepared = await pool.prepare(bytes, item.fileName, { grade, treatment });
    if (stopping) throw new StoppingSignal();
    if (!prepared.ok) return fail(prepared.code, prepared.reason, { bytes: bytes.byteLength, sha256 });
    const signingKey = await keys.forTenant(item.tenantId);
    const input = {
      tenantId: item.tenantId, fileName: item.fileName, ...(item.path ? { path: item.path } : {}), bytes, grade: item.grade ?? undefined,
      // A file's source is its path (`documentKey`); an upload's says where it came from.
      ...(item.path ? {} : { source: `upload:${item.fileName}` }), provider: item.provider ?? undefined,
      ...(item.share ? { share: item.share } : {}),
    };
    const toResult = (outcome: IngestOutcome): ItemResult => outcome.status === 'failed'
      ? { status: 'failed', code: outcome.code, reason: outcome.reason, sha256, bytes: bytes.byteLength }
      : { status: outcome.status === 'ingested' ? 'done' : 'duplicate', documentId: outcome.documentId, version: outcome.version, sha256, bytes: bytes.byteLength, pages: prepared.prepared.pageCount };
    for (let attempt = item.attempts; ; attempt++) {
      try {
        // The item's outcome commits in the version's own transaction: after a crash, either both exist or neither.
        const outcome = await storeDocument(database, principal, input, prepared.prepared, { signingKey, treatment, withinTransaction: (tx, result) => finishItem(tx, item.id, toResult(result)) });
        if (outcome.status !== 'failed') emit({ ...sized, pages: prepared.prepared.pageCount, status: outcome.status === 'ingested' ? 'done' : 'duplicate', documentId: outcome.documentId, version: outcome.version, ...(outcome.status === 'ingested' ? { cleaning: outcome.cleaning, grade: outcome.grade, ...(outcome.loweredFrom ? { loweredFrom: outcome.loweredFrom } : {}) } : {}) });
        else emit({ ...sized, status: 'failed', code: outcome.code, reason: outcome.reason });
        return;
      } catch (error) {
        if (isFatal(error)) throw error;
        if (isTransient(error) && attempt < settings.maxAttempts) {
          await sleep(backoffMs(attempt));
          await countAttempt(database, item.id).catch(() => undefined);
          continue;
        }
        return fail(isTransient(error) ? 'database_unavailable' : 'ingest_failed', firstLine(error), { bytes: bytes.byteLength, sha256 });
      }
    }
  }

  return {
    pool,
    async runJob(principal, jobId, onEvent = () => undefined) {
      const worker = { id: `w_${randomId()}`, leaseSeconds: settings.leaseSeconds, soleProcess: database.kind === 'pglite' };
      const renew = setInterval(() => void renewLeases(database, worker.id, settings.leaseSeconds).catch(() => undefined), (settings.leaseSeconds * 1000) / 3);
      renew.unref();
      let fatal: unknown;
      // One more lane than parser threads, so the database work of one file overlaps the parsing of the next.
      const lane = async () => {
        while (fatal === undefined && !stopping) {
          const item = await claimItem(database, { jobId }, worker);
          if (!item) return;
          try {
            await processItem(principal, item, onEvent);
          } catch (error) {
            if (!(error instanceof StoppingSignal)) fatal ??= error;
          }
        }
      };
      try {
        for (;;) {
          await Promise.all(Array.from({ length: pool.size + 1 }, lane));
          if (fatal !== undefined) throw fatal;
          if (stopping) return;
          if ((await openItemCount(database, jobId)) === 0) break;
          // Items still held by another live process (server mode): wait for them or for their lease to run out.
          await sleep(Math.min(5000, settings.leaseSeconds * 250));
        }
        await finishJobIfDone(database, jobId);
      } finally {
        clearInterval(renew);
      }
    },
    async close() {
      stopping = true;
      await pool.close();
    },
  };
}
