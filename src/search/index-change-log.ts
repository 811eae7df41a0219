import type { Queryable } from '../store/index.js';

/** How long rows of the lexical index's change log (migration 0011) are kept: an in-memory copy that has not read
 * the log for longer reloads its tenant instead. */
export const changeLogRetentionMs = 60 * 60 * 1000;

/**
 * Deletes change-log rows older than `olderThanMs` and, in the same statement, raises `search_index_pruned.horizon`
 * above the newest transaction deleted, so an in-memory copy that last read the log below it knows it may have
 * missed rows and reloads (`MemoryLexicalIndex`). Safe from any process at any time: pruning too early costs a
 * reload, never a wrong answer. Returns the number of rows deleted.
 *
 * Only rows of transactions below the oldest one still running (this snapshot's xmin) go. A copy that starts
 * loading now reads the log from its own snapshot's xmin, which is at or above that, so the horizon never lands
 * above it. Without this bound, a transaction left open anywhere on the server (another database's counts: the
 * xmin is the cluster's) would make every load find the horizon above its xmin and fail, and the tenant would
 * stay on the SQL path.
 */
export async function pruneIndexChangeLog(database: Queryable, olderThanMs = changeLogRetentionMs): Promise<number> {
  const [row] = await database.query<{ deleted: number }>(
    `WITH pruned AS (
       DELETE FROM search_index_changes
       WHERE at < now() - make_interval(secs => $1::float8 / 1000) AND tx < pg_snapshot_xmin(pg_current_snapshot())
       RETURNING tx
     ), raised AS (
       -- xid8 has no arithmetic: one more than the newest deleted transaction, through numeric.
       UPDATE search_index_pruned
       SET horizon = greatest(horizon, ((SELECT max(tx) FROM pruned)::text::numeric + 1)::text::xid8)
       WHERE EXISTS (SELECT 1 FROM pruned)
     )
     SELECT count(*)::int AS deleted FROM pruned`,
    [olderThanMs],
  );
  return row?.deleted ?? 0;
}
