import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrations } from '../../src/store/migrations/index.js';
import { kgov } from './cli.js';

/**
 * Test places on PGlite start from a copy of one migrated, empty cluster instead of each running PGlite's initdb.
 * initdb took 3.5 s of every new data directory (more on a loaded machine), and the suites make over fifty of them;
 * a copy takes a few tens of milliseconds. What a first open does (initdb, a killed initdb, migrations from nothing)
 * is tested on its own, on directories that are not seeded: store-interrupted-init, migrate and `kgov` on a new
 * directory in cli.test.
 *
 * The cluster is made once per machine by the real `kgov` binary, under a name that changes with the migrations and
 * the PGlite version, so a schema change never starts a test from an old one. Test processes run side by side: each
 * makes its candidate in a directory of its own and renames it into place; one rename wins and the others use it.
 */
const pgliteVersion = (JSON.parse(readFileSync(new URL('../../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8')) as { version: string }).version;

const key = createHash('sha256')
  .update(JSON.stringify([pgliteVersion, migrations.map(({ version, name, sql }) => [version, name, sql])]))
  .digest('hex')
  .slice(0, 16);

const seedCluster = join(tmpdir(), `kgov-test-cluster-${key}`);

function ensureSeedCluster(): string {
  if (existsSync(join(seedCluster, 'PG_VERSION'))) return seedCluster;
  const building = mkdtempSync(join(tmpdir(), 'kgov-test-cluster-building-'));
  try {
    const made = kgov(['tenants', 'list', '--data', building]);
    if (made.status !== 0) throw new Error(`making the seed cluster failed: ${made.stderr}`);
    try {
      renameSync(join(building, 'pg'), seedCluster);
    } catch (error) {
      // Another test process put its cluster there first.
      if (!existsSync(join(seedCluster, 'PG_VERSION'))) throw error;
    }
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
  return seedCluster;
}

/**
 * A new, empty data directory whose cluster is already made, as the first `kgov` command would make it: `mkdtempSync`
 * for tests that are not about a first open.
 */
export function newDataDir(prefix: string): string {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(ensureSeedCluster(), join(dataDir, 'pg'), { recursive: true });
  return dataDir;
}
