import type { Principal } from '../auth/index.js';
import type { KgovConfig } from '../core/index.js';
import type { Database } from '../store/index.js';
import { unfinishedUploadJobs } from './ingest-jobs.js';
import { createIngestService, type IngestService } from './ingest-service.js';
import { refreshSearchStatistics } from './statistics.js';

export type RecoveryLog = {
  info(fields: Record<string, unknown>, text: string): void;
  error(fields: Record<string, unknown>, text: string): void;
};

export type RecoverySweep = {
  /** Settles when every job found at start has been worked (or the sweep was stopped); never rejects. */
  readonly done: Promise<{ jobs: number; failed: number }>;
  /** Stops taking new items; an item cut short stays running and is taken up again by the next sweep. */
  stop(): Promise<void>;
};

/** Who the sweep acts as in audit records: the platform itself, finishing what an uploader started. */
const recoveryPrincipal: Principal = { kind: 'operator', name: 'kgov-serve-recovery' };

/**
 * Resumes upload jobs a stopped or crashed server left unfinished (see `unfinishedUploadJobs`).
 * Runs in the background with its own parser pool (threads start only when there is work), at most
 * `concurrency` jobs at a time; errors are logged, never thrown, so the server's start-up neither
 * waits for it nor fails because of it.
 */
export function startRecoverySweep(database: Database, config: KgovConfig, options: { log: RecoveryLog; concurrency?: number; principal?: Principal }): RecoverySweep {
  const concurrency = Math.max(1, options.concurrency ?? 2);
  const principal = options.principal ?? recoveryPrincipal;
  let service: IngestService | undefined;
  let stopped = false;
  const done = (async () => {
    let jobs: { id: string; tenantId: string; open: number }[];
    try {
      jobs = await unfinishedUploadJobs(database, { soleProcess: database.kind === 'pglite' });
    } catch (error) {
      options.log.error({ err: error }, 'ingest recovery: could not list unfinished upload jobs');
      return { jobs: 0, failed: 0 };
    }
    if (jobs.length === 0 || stopped) return { jobs: 0, failed: 0 };
    options.log.info({ jobs: jobs.length, files: jobs.reduce((sum, job) => sum + job.open, 0) }, 'ingest recovery: resuming unfinished upload jobs');
    service = createIngestService(database, config);
    let failed = 0;
    let next = 0;
    const lane = async () => {
      while (!stopped && next < jobs.length) {
        const job = jobs[next++]!;
        try {
          await service!.runJob(principal, job.id);
          options.log.info({ jobId: job.id, tenantId: job.tenantId }, 'ingest recovery: job resumed');
        } catch (error) {
          failed++;
          options.log.error({ err: error, jobId: job.id, tenantId: job.tenantId }, 'ingest recovery: job failed');
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, lane));
    if (!stopped) await refreshSearchStatistics(database).catch((error: unknown) => options.log.error({ err: error }, 'ingest recovery: statistics refresh failed'));
    await service.close().catch(() => undefined);
    return { jobs: jobs.length, failed };
  })().catch((error: unknown) => {
    options.log.error({ err: error }, 'ingest recovery failed');
    return { jobs: 0, failed: 0 };
  });
  return {
    done,
    async stop() {
      stopped = true;
      await service?.close().catch(() => undefined);
      await done;
    },
  };
}
