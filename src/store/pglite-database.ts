import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite/vector';
import { KgovError } from '../core/index.js';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';
import type { Database, Queryable, Row } from './database.js';
import { createWriteCounter } from './local-writes.js';

/** Resolves and creates the data directory and takes its lock (one kgov process per directory). */
export function preparePgliteDirectory(dataDir: string | undefined): { directory: string | undefined; lock: DataDirLock | undefined } {
  if (dataDir === undefined) return { directory: undefined, lock: undefined };
  const directory = resolve(dataDir);
  try {
    mkdirSync(directory, { recursive: true });
  } catch (error) {
    throw new KgovError('data_dir_unusable', { dir: directory, detail: (error as Error).message }, { cause: error });
  }
  return { directory, lock: acquireDataDirLock(directory) };
}

/**
 * Embedded PostgreSQL (PGlite, WASM) in a data directory, on the calling thread (`storage.pgliteThread:
 * 'main'`; the default runs it on a worker thread: pglite-worker-database.ts). PGlite is pinned to
 * 0.3.x because its pgvector extension loads on Node 20. It runs one connection; PGlite serialises
 * queries and transactions itself.
 */
export async function openPgliteDatabase(dataDir: string | undefined): Promise<Database> {
  const { directory, lock } = preparePgliteDirectory(dataDir);
  let database: PGlite;
  try {
    database = await PGlite.create({
      ...(directory ? { dataDir: `${directory}/pg` } : {}),
      extensions: { vector },
    });
  } catch (error) {
    lock?.release();
    throw new KgovError('data_dir_unusable', { dir: directory ?? '(memory)', detail: (error as Error).message }, { cause: error });
  }
  const writes = createWriteCounter();
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
