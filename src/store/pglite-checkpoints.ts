/**
 * Checkpoints for the embedded database. PGlite runs PostgreSQL as a single backend without a postmaster, and
 * PostgreSQL asks for a checkpoint when WAL piles up only under a postmaster (`XLogWrite`: `IsUnderPostmaster &&
 * XLogCheckpointNeeded`); PGlite has no checkpointer either. So an embedded database never checkpoints on its own:
 * its WAL grows without bound (3.6 GB of WAL beside 2.6 GB of data at 200,000 chunks, BENCHMARKS.md "Scale, tenth
 * run") and opening it after a crash replays all of it (278 s at 700,000 chunks).
 *
 * After a write, at most once per `checkIntervalMs`, this asks how much WAL was written since the last checkpoint
 * (one statement) and runs `CHECKPOINT` once that passes `walBytes`: 512 MB by default, about where a server with
 * PostgreSQL's defaults (max_wal_size 1 GB, checkpoint_completion_target 0.9) starts its own. PostgreSQL then
 * recycles the old segments, so the WAL stays near `max_wal_size`.
 *
 * A checkpoint that fails loses nothing (the WAL is still there); the next check tries again.
 */
export type CheckpointOptions = { walBytes?: number; checkIntervalMs?: number };

export const defaultCheckpointWalBytes = 512 * 1024 * 1024;
const defaultCheckIntervalMs = 1000;

export type Checkpointer = {
  /** Call after a statement or transaction that may have written has finished. Never throws. */
  afterWrite(): Promise<void>;
  /** Checkpoints run so far (for tests and diagnostics). */
  count(): number;
};

/**
 * `run` executes one statement on the database itself, outside any transaction and outside the write counting
 * (a checkpoint is not a change a cache must see).
 */
export function createCheckpointer(run: (sql: string) => Promise<readonly Record<string, unknown>[]>, options: CheckpointOptions = {}): Checkpointer {
  const walBytes = options.walBytes ?? defaultCheckpointWalBytes;
  const checkIntervalMs = options.checkIntervalMs ?? defaultCheckIntervalMs;
  let lastCheck = -Infinity;
  let running: Promise<void> | null = null;
  let checkpoints = 0;
  const check = async () => {
    try {
      const [row] = await run('SELECT (pg_current_wal_insert_lsn() - redo_lsn)::text AS bytes FROM pg_control_checkpoint()');
      if (Number(row?.['bytes'] ?? 0) < walBytes) return;
      await run('CHECKPOINT');
      checkpoints++;
    } catch {
      // Nothing is lost: the WAL stays until a later check succeeds.
    }
  };
  return {
    async afterWrite() {
      const now = performance.now();
      if (running !== null || now - lastCheck < checkIntervalMs) return;
      lastCheck = now;
      running = check().finally(() => {
        running = null;
      });
      await running;
    },
    count: () => checkpoints,
  };
}
