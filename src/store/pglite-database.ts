import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite/vector';
import { KgovError, makeDirectory } from '../core/index.js';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';
import type { Database, Queryable, Row } from './database.js';
import { createWriteCounter } from './local-writes.js';
import { createMaintenance, type MaintenanceOptions } from './pglite-maintenance.js';

/** `maintenance`: checkpoints and ANALYZE, which PGlite does not run on its own (pglite-maintenance.ts). */
export type PgliteOptions = { maintenance?: MaintenanceOptions };

/**
 * Resolves and creates the data directory and takes its lock (one kgov process per directory). On a directory
 * whose cluster does not exist yet, `created()` must be called once PGlite has opened it: the cluster is made by
 * PGlite's initdb on first open, and a process killed during it leaves a cluster that opens but lacks parts
 * (`language "plpgsql" does not exist` in the first migration). A marker file stands for "initdb under way"; the
 * next open finds it, removes the half-made cluster (it can hold no data: nothing was ever written to it) and
 * starts again.
 */
export function preparePgliteDirectory(dataDir: string | undefined): { directory: string | undefined; lock: DataDirLock | undefined; created: () => void } {
  if (dataDir === undefined) return { directory: undefined, lock: undefined, created: () => {} };
  const directory = resolve(dataDir);
  try {
    makeDirectory(directory);
  } catch (error) {
    throw new KgovError('data_dir_unusable', { dir: directory, detail: (error as Error).message }, { cause: error });
  }
  const lock = acquireDataDirLock(directory);
  const cluster = join(directory, 'pg');
  const marker = join(directory, 'pg.initialising');
  try {
    if (existsSync(marker)) rmSync(cluster, { recursive: true, force: true });
    if (existsSync(cluster)) return { directory, lock, created: () => {} };
    writeFileSync(marker, `${process.pid}\n`);
  } catch (error) {
    lock.release();
    throw new KgovError('data_dir_unusable', { dir: directory, detail: (error as Error).message }, { cause: error });
  }
  return { directory, lock, created: () => rmSync(marker, { force: true }) };
}

/**
 * Embedded PostgreSQL (PGlite, WASM) in a data directory, on the calling thread (`storage.pgliteThread:
 * 'main'`; the default runs it on a worker thread: pglite-worker-database.ts). PGlite is pinned to
 * 0.3.x because its pgvector extension loads on Node 20. It runs one connection; PGlite serialises
 * queries and transactions itself.
 */
export async function openPgliteDatabase(dataDir: string | undefined, options: PgliteOptions = {}): Promise<Database> {
  const { directory, lock, created } = preparePgliteDirectory(dataDir);
  let database: PGlite;
  try {
    database = await PGlite.create({
      ...(directory ? { dataDir: `${directory}/pg` } : {}),
      extensions: { vector },
    });
    created();
  } catch (error) {
    lock?.release();
    throw new KgovError('data_dir_unusable', { dir: directory ?? '(memory)', detail: (error as Error).message }, { cause: error });
  }
  const maintenance = createMaintenance(async (sql) => (await database.query<Record<string, unknown>>(sql)).rows, options.maintenance);
  const writes = createWriteCounter(maintenance.afterWrite);
  const queryable = (target: Pick<PGlite, 'query'>): Queryable => ({
    async query<T extends Row>(sql: string, params: readonly unknown[] = []) {
      const result = await target.query<T>(sql, params as unknown[]);
      return result.rows;
    },
  });
  const outside = queryable(database);
  return {
    kind: 'pglite',
    // Inside a transaction, the transaction counts when it ends.
    query<T extends Row>(sql: string, params: readonly unknown[] = []) {
      return writes.around(sql, () => outside.query<T>(sql, params));
    },
    localWriteCount: writes.count,
    async exec(sql) {
      await writes.around(null, () => database.exec(sql));
    },
    transaction(work) {
      return writes.around(null, () => database.transaction((tx) => work(queryable(tx))));
    },
    async close() {
      try {
        if (!database.closed) await database.close();
      } finally {
        lock?.release();
      }
    },
  };
}
