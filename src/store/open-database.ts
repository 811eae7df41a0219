import { join, resolve } from 'node:path';
import type { KgovConfig } from '../core/index.js';
import type { Database } from './database.js';
import { migrate } from './migrate.js';
import { openPgliteDatabase } from './pglite-database.js';
import { openPgliteWorkerDatabase } from './pglite-worker-database.js';
import { openPostgresDatabase } from './postgres-database.js';

export type StorageLocation = { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };

export function storageLocation(config: KgovConfig): StorageLocation {
  if (config.storage.databaseUrl) return { kind: 'postgres', url: config.storage.databaseUrl };
  return { kind: 'pglite', dataDir: resolve(config.storage.dataDir ?? './data') };
}

/**
 * Where what must not live in the database lives (`storage.keyDir`, default DATA/keys): tenants' signing keys and the
 * audit chain's checkpoint. Whoever can edit rows must not also be able to re-sign them or move the checkpoint.
 */
export function keyDirectory(config: KgovConfig): string {
  if (config.storage.keyDir) return resolve(config.storage.keyDir);
  const location = storageLocation(config);
  return join(location.kind === 'pglite' ? location.dataDir : resolve(config.storage.dataDir ?? './data'), 'keys');
}

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase(config: KgovConfig): Promise<Database> {
  const location = storageLocation(config);
  const database =
    location.kind === 'postgres'
      ? await openPostgresDatabase(location.url, config.storage.poolSize)
      : await (config.storage.pgliteThread === 'worker' ? openPgliteWorkerDatabase : openPgliteDatabase)(location.dataDir, {
        maintenance: { walBytes: config.storage.pgliteCheckpointWalMb * 1024 * 1024 },
      });
  try {
    await migrate(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}
