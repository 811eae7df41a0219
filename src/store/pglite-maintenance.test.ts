import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Database } from './database.js';
import { openPgliteDatabase, type PgliteOptions } from './pglite-database.js';
import { openPgliteWorkerDatabase } from './pglite-worker-database.js';
import { createMaintenance } from './pglite-maintenance.js';

const modes: [string, (dir: string, options?: PgliteOptions) => Promise<Database>][] = [
  ['worker thread', openPgliteWorkerDatabase],
  ['main thread', openPgliteDatabase],
];

const walSegments = (dir: string) => readdirSync(join(dir, 'pg', 'pg_wal')).filter((name) => /^[0-9A-F]{24}$/.test(name)).length;
const redo = async (database: Database) => (await database.query<{ redo: string }>('SELECT redo_lsn::text AS redo FROM pg_control_checkpoint()'))[0]!.redo;

/** ~20 MB of WAL per call, in one statement or in one transaction. */
async function write(database: Database, round: number, inTransaction: boolean): Promise<void> {
  const sql = 'INSERT INTO t SELECT g, repeat(md5(g::text), 40) FROM generate_series($1::int, $1::int + 14999) g';
  if (inTransaction) await database.transaction(async (tx) => { await tx.query(sql, [round * 15_000]); });
  else await database.query(sql, [round * 15_000]);
}

for (const [mode, open] of modes) {
  /** A fresh data directory with table `t`, removed afterwards. */
  const withTable = async (options: PgliteOptions['maintenance'], work: (database: Database, dir: string) => Promise<void>) => {
    const dir = mkdtempSync(join(tmpdir(), 'kgov-maintenance-'));
    try {
      const database = await open(dir, { maintenance: options });
      await database.exec('CREATE TABLE t (id int, body text)');
      await work(database, dir);
      await database.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  describe(`PGlite maintenance on the ${mode}`, () => {
    test('WAL past the threshold makes the next write checkpoint, so old segments are recycled, not piled up', () =>
      withTable({ walBytes: 32 * 1024 * 1024, checkIntervalMs: 0 }, async (database, dir) => {
        const before = await redo(database);
        for (let round = 0; round < 12; round++) await write(database, round, round % 2 === 1);
        assert.notEqual(await redo(database), before, 'no checkpoint ran');
        // ~240 MB of WAL written; with a checkpoint every 32 MB the segments stay well below that (1 MB each).
        const segments = walSegments(dir);
        assert.ok(segments < 160, `${segments} WAL segments`);
        const [row] = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM t');
        assert.equal(row!.n, 12 * 15_000);
      }));

    test('below the threshold nothing is checkpointed', () =>
      withTable({ checkIntervalMs: 0 }, async (database) => {
        const before = await redo(database);
        await write(database, 0, false);
        assert.equal(await redo(database), before);
      }));

    test('a table that grew since its last ANALYZE (or was never analysed) is analysed after a write', () =>
      withTable({ checkIntervalMs: 0, analyzeIntervalMs: 0 }, async (database) => {
        const reltuples = async () => Number((await database.query<{ n: number }>("SELECT reltuples::float8 AS n FROM pg_class WHERE relname = 't'"))[0]!.n);
        // Small: below 8 pages (64 KB) nothing is analysed.
        await database.query("INSERT INTO t SELECT g, 'x' FROM generate_series(1, 100) g");
        assert.equal(await reltuples(), -1);
        await write(database, 0, true);
        assert.equal(await reltuples(), 15_100);
        // Grown by less than 10%: left alone; by more: analysed again.
        await database.query("INSERT INTO t SELECT g, 'x' FROM generate_series(1, 100) g");
        assert.equal(await reltuples(), 15_100);
        await write(database, 1, false);
        assert.equal(await reltuples(), 30_200);
      }));
  });
}

test('a failing duty never throws into the write that triggered it, does not stop the other, and is tried again', async () => {
  const statements: string[] = [];
  const maintenance = createMaintenance(async (sql) => {
    statements.push(sql.trim().split(/\s+/)[0]!);
    throw new Error('database gone');
  }, { checkIntervalMs: 0, analyzeIntervalMs: 0 });
  await maintenance.afterWrite();
  await maintenance.afterWrite();
  // Each write: the WAL check and the size check, each failing on its own.
  assert.deepEqual(statements, ['SELECT', 'SELECT', 'SELECT', 'SELECT']);
  assert.deepEqual(maintenance.counts(), { checkpoints: 0, analyzes: 0 });
  // Within the intervals a write does not ask at all.
  let asked = 0;
  const quiet = createMaintenance(async (sql) => {
    asked++;
    return sql.includes('redo_lsn') ? [{ bytes: '0' }] : [];
  }, { checkIntervalMs: 60_000, analyzeIntervalMs: 60_000 });
  await quiet.afterWrite();
  await quiet.afterWrite();
  assert.equal(asked, 2);
});
