import type { Principal } from '../auth/index.js';
import type { KgovConfig } from '../core/index.js';
import type { Database } from '../store/index.js';
import { purgeDocuments } from './purge-documents.js';

export type RetentionLog = {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
};

export type RetentionSweep = {
  /** The sweep made at start: what it purged per tenant (empty when retention is off). */
  readonly first: Promise<RetentionRun>;
  /** Stops the timer and waits for a sweep under way. */
  stop(): Promise<void>;
};

export type RetentionRun = { tenants: number; documents: number; versions: number; failed: number };

/** Who purges by the retention period, as the audit log names it. */
export const retentionPrincipal: Principal = { kind: 'operator', name: 'retention' };

/**
 * Applies `retention.purgeAfterDays` (src/core/config.ts): at start, then every `sweepMinutes`, every tenant's deleted
 * documents and superseded versions older than the period are purged (purge-documents.ts), tenant by tenant, one sweep
 * at a time. A tenant that fails is logged and retried at the next sweep; the others go on.
 */
export function startRetentionSweep(database: Database, config: KgovConfig, options: { log: RetentionLog }): RetentionSweep {
  const days = config.retention.purgeAfterDays;
  if (days === null) return { first: Promise.resolve({ tenants: 0, documents: 0, versions: 0, failed: 0 }), stop: async () => {} };
  let stopped = false;
  let running: Promise<RetentionRun> = Promise.resolve({ tenants: 0, documents: 0, versions: 0, failed: 0 });
  const sweep = async (): Promise<RetentionRun> => {
    const run: RetentionRun = { tenants: 0, documents: 0, versions: 0, failed: 0 };
    let tenants: { id: string }[];
    try {
      tenants = await database.query<{ id: string }>('SELECT id FROM tenants ORDER BY id');
    } catch (error) {
      options.log.error({ err: error }, 'retention: could not list tenants');
      return run;
    }
    for (const { id } of tenants) {
      if (stopped) break;
      run.tenants++;
      try {
        const result = await purgeDocuments(database, retentionPrincipal, { tenantId: id, olderThanDays: days });
        run.documents += result.documents.length;
        run.versions += result.versions;
      } catch (error) {
        run.failed++;
        options.log.error({ err: error, tenantId: id }, 'retention: purge failed');
      }
    }
    if (run.documents > 0 || run.failed > 0) options.log.info({ ...run, purgeAfterDays: days }, 'retention: purged what its period had run out for');
    return run;
  };
  const first = running = sweep();
  const timer = setInterval(() => {
    if (stopped) return;
    // Never two sweeps at once: a long one delays the next.
    running = running.then(() => (stopped ? { tenants: 0, documents: 0, versions: 0, failed: 0 } : sweep()));
  }, config.retention.sweepMinutes * 60_000);
  timer.unref();
  return {
    first,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running.catch(() => undefined);
    },
  };
}
