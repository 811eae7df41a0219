/**
 * Counts the statements of this process that may have written, for a database no other process can write
 * (PGlite: the data directory's lock). `Database.localWriteCount` exposes it, so a cache can tell "nothing can
 * have changed since I last asked" without asking the database. Only a plain SELECT outside a transaction is
 * taken as read-only; every other statement, `exec` and transaction counts once it has finished (committed or
 * not), so a reader that sees the old count before a write and the new one after never misses it.
 * `afterWrite` runs once each such statement has finished (PGlite's checkpoints and ANALYZE: pglite-maintenance.ts).
 */
export function createWriteCounter(afterWrite?: () => Promise<void>) {
  let writes = 0;
  return {
    count: () => writes,
    async around<T>(sql: string | null, work: () => Promise<T>): Promise<T> {
      if (sql !== null && /^\s*select\b/i.test(sql)) return work();
      try {
        return await work();
      } finally {
        writes += 1;
        // `afterWrite` never throws (maintenance swallows its own failures), so it cannot replace the outcome.
        if (afterWrite) await afterWrite();
      }
    },
  };
}
