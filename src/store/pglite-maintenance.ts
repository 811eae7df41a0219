/**
 * What a PostgreSQL server's background processes do, done for the embedded database. PGlite runs PostgreSQL as a
 * single backend with no postmaster, no checkpointer and no autovacuum, and its statistics counters are never
 * flushed (`pg_stat_user_tables` stays at zero), so two things that a server does on its own never happen:
 *
 * - **Checkpoints.** PostgreSQL requests one when WAL piles up only under a postmaster (`XLogWrite`:
 *   `IsUnderPostmaster && XLogCheckpointNeeded`). Without them the WAL grows without bound (4.5 GB beside 3.4 GB of
 *   data at 260,000 chunks, BENCHMARKS.md "Scale, tenth run"), new WAL segments are created and zero-filled instead
 *   of recycled (writes 1.7× slower, `bench:checkpoints`), and opening after a crash replays all of it (278 s at
 *   700,000 chunks). After a write this reads the WAL written since the last checkpoint (one statement) and runs
 *   `CHECKPOINT` past `walBytes`: 512 MB by default, about where a server with PostgreSQL's defaults (max_wal_size
 *   1 GB, checkpoint_completion_target 0.9) starts its own.
 * - **ANALYZE** (autovacuum's analyze). A table never analysed keeps `reltuples = -1`, and the planner's guesses
 *   for it go wrong as it grows: at ~550,000 chunks the exact-duplicate check of every ingested document switched to
 *   a nested loop over `documents` (estimated 2 rows) and took 2.2 s a document instead of ~15 ms, halving the
 *   ingest rate. Since the counters autovacuum reads are not kept, growth is read from the files: a table whose
 *   size passed 110% of its size at the last ANALYZE, plus 8 pages (64 KB), is analysed (autovacuum's default is
 *   10% of the rows plus 50).
 *
 * Both run after a write has finished, at most once per `checkIntervalMs` (the WAL check) and `analyzeIntervalMs`
 * (the size check, which stats every table's file). A failure loses nothing (the WAL and the data are still there);
 * the next check tries again. VACUUM is not run: what KGov writes is mostly appended, and PostgreSQL prunes the
 * few rows it updates (HOT) as it reads their pages.
 */
export type MaintenanceOptions = { walBytes?: number; checkIntervalMs?: number; analyzeIntervalMs?: number };

export const defaultCheckpointWalBytes = 512 * 1024 * 1024;
const defaultCheckIntervalMs = 1000;
const defaultAnalyzeIntervalMs = 10_000;

/** Tables grown by 10% and 8 pages since their last ANALYZE (or never analysed and 8 pages large) are analysed again. */
const grownTablesSql = `
SELECT format('%I.%I', n.nspname, c.relname) AS name
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
  AND pg_relation_size(c.oid) >= 8192::float8 * (8 + 1.1 * greatest(c.relpages, 0))
ORDER BY 1`;

export type Maintenance = {
  /** Call after a statement or transaction that may have written has finished. Never throws. */
  afterWrite(): Promise<void>;
  /** Checkpoints and ANALYZE statements run so far (for tests and diagnostics). */
  counts(): { checkpoints: number; analyzes: number };
};

/**
 * `run` executes one statement on the database itself, outside any transaction and outside the write counting
 * (maintenance is not a change a cache must see).
 */
export function createMaintenance(run: (sql: string) => Promise<readonly Record<string, unknown>[]>, options: MaintenanceOptions = {}): Maintenance {
  const walBytes = options.walBytes ?? defaultCheckpointWalBytes;
  const checkIntervalMs = options.checkIntervalMs ?? defaultCheckIntervalMs;
  const analyzeIntervalMs = options.analyzeIntervalMs ?? defaultAnalyzeIntervalMs;
  let lastCheck = -Infinity;
  let lastAnalyzeCheck = -Infinity;
  let running: Promise<void> | null = null;
  const counts = { checkpoints: 0, analyzes: 0 };

  const checkpoint = async () => {
    const [row] = await run('SELECT (pg_current_wal_insert_lsn() - redo_lsn)::text AS bytes FROM pg_control_checkpoint()');
    if (Number(row?.['bytes'] ?? 0) < walBytes) return;
    await run('CHECKPOINT');
    counts.checkpoints++;
  };
  const analyze = async () => {
    const grown = (await run(grownTablesSql)).map((row) => String(row['name']));
    if (grown.length === 0) return;
    await run(`ANALYZE ${grown.join(', ')}`);
    counts.analyzes++;
  };
  const maintain = async (withAnalyze: boolean) => {
    // Each duty on its own: a failing one does not keep the other from running.
    await checkpoint().catch(() => undefined);
    if (withAnalyze) await analyze().catch(() => undefined);
  };

  return {
    async afterWrite() {
      const now = performance.now();
      if (running !== null || now - lastCheck < checkIntervalMs) return;
      lastCheck = now;
      const withAnalyze = now - lastAnalyzeCheck >= analyzeIntervalMs;
      if (withAnalyze) lastAnalyzeCheck = now;
      running = maintain(withAnalyze).finally(() => {
        running = null;
      });
      await running;
    },
    counts: () => ({ ...counts }),
  };
}
