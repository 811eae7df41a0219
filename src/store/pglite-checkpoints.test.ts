import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Database } from './database.js';
import { openPgliteDatabase, type PgliteOptions } from './pglite-database.js';
import { openPgliteWorkerDatabase } from './pglite-worker-database.js';
import { createCheckpointer } from './pglite-checkpoints.js';

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
  describe(`PGlite checkpoints on the ${mode}`, () => {
    test('WAL past the threshold makes the next write checkpoint, so old segments are recycled, not piled up', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'kgov-checkpoint-'));
      try {
        const database = await open(dir, { checkpoints: { walBytes: 32 * 1024 * 1024, checkIntervalMs: 0 } });
        await database.exec('CREATE TABLE t (id int, body text)');
        const before = await redo(database);
        for (let round = 0; round < 12; round++) await write(database, round, round % 2 === 1);
        const after = await redo(database);
        assert.notEqual(after, before, 'no checkpoint ran');
        // ~240 MB of WAL written; with a checkpoint every 32 MB the segments stay well below that (1 MB each).
        const segments = walSegments(dir);
        assert.ok(segments < 160, `${segments} WAL segments`);
        const [{ n }] = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM t') as [{ n: number }];
        assert.equal(n, 12 * 15_000);
        await database.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test('below the threshold nothing is checkpointed', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'kgov-checkpoint-'));
      try {
        const database = await open(dir, { checkpoints: { checkIntervalMs: 0 } });
        await database.exec('CREATE TABLE t (id int, body text)');
        const before = await redo(database);
        await write(database, 0, false);
        assert.equal(await redo(database), before);
        await database.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

test('a failing check never throws into the write that triggered it, and is tried again at the next interval', async () => {
  let calls = 0;
  const checkpointer = createCheckpointer(async () => {
    calls++;
    throw new Error('database gone');
  }, { checkIntervalMs: 0 });
  await checkpointer.afterWrite();
  await checkpointer.afterWrite();
  assert.equal(calls, 2);
  assert.equal(checkpointer.count(), 0);
  // Within the interval a write does not ask at all.
  const slow = createCheckpointer(async () => {
    calls++;
    return [{ bytes: '0' }];
  }, { checkIntervalMs: 60_000 });
  await slow.afterWrite();
  await slow.afterWrite();
  assert.equal(calls, 3);
});
