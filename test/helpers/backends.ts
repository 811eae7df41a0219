import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { parseConfig, type ConfigInput, type KgovConfig } from '../../src/core/index.js';
import { randomId } from '../../src/core/index.js';
import { newDataDir } from './seed-cluster.js';

/**
 * The storage back ends every integration suite runs against: embedded PGlite always, and a real
 * PostgreSQL server when KGOV_TEST_DATABASE_URL names one (CI starts Debian's server and sets it).
 * Each `prepare()` gives a fresh, empty place: a temporary data directory (its cluster copied from a migrated, empty one:
 * seed-cluster.ts) or a new database.
 */
export type Backend = {
  name: 'pglite' | 'postgres';
  available: boolean;
  /** `unmigrated`: an empty database with no schema, for tests that migrate step by step (upgrades of old data). */
  prepare(options?: { unmigrated?: boolean }): Promise<{ config: (extra?: ConfigInput) => KgovConfig; env: Record<string, string>; dataDir: string; cleanup(): Promise<void> }>;
};

export const serverUrl = process.env.KGOV_TEST_DATABASE_URL;

export const backends: Backend[] = [
  {
    name: 'pglite',
    available: true,
    async prepare({ unmigrated = false } = {}) {
      const dataDir = unmigrated ? mkdtempSync(join(tmpdir(), 'kgov-test-')) : newDataDir('kgov-test-');
      return {
        dataDir,
        env: { KGOV_DATA: dataDir },
        config: (extra = {}) => parseConfig({ ...extra, storage: { ...extra.storage, dataDir } }, 'test'),
        async cleanup() {
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'postgres',
    available: Boolean(serverUrl),
    async prepare() {
      const name = `kgov_test_${randomId(10)}`;
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(serverUrl!);
      url.pathname = `/${name}`;
      const databaseUrl = url.toString();
      const dataDir = mkdtempSync(join(tmpdir(), 'kgov-test-'));
      return {
        dataDir,
        env: { KGOV_DATABASE_URL: databaseUrl, KGOV_DATA: dataDir },
        // The data directory still holds what stays outside the database (signing keys, the audit checkpoint).
        config: (extra = {}) => parseConfig({ ...extra, storage: { dataDir, ...extra.storage, databaseUrl, poolSize: 4 } }, 'test'),
        async cleanup() {
          rmSync(dataDir, { recursive: true, force: true });
          const client = new pg.Client({ connectionString: serverUrl });
          await client.connect();
          await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await client.end();
        },
      };
    },
  },
];

/** Reason shown when the server back end is not configured on a developer's machine. */
export const skipReason = (backend: Backend) =>
  backend.available ? false : 'KGOV_TEST_DATABASE_URL is not set (CI sets it; see scripts/start-test-postgres.sh)';
