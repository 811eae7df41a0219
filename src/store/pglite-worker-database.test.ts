import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Database } from './database.js';
import { openPgliteDatabase } from './pglite-database.js';
import { openPgliteWorkerDatabase } from './pglite-worker-database.js';

const modes: [string, (dir: string) => Promise<Database>][] = [
  ['worker thread', openPgliteWorkerDatabase],
  ['main thread', openPgliteDatabase],
];

for (const [mode, open] of modes) {
  describe(`PGlite on the ${mode}`, () => {
    test('queries, transactions, rollbacks, PostgreSQL error fields and the data-dir lock behave alike', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'kgov-pglite-'));
      try {
        const database = await open(dir);
        await database.exec('CREATE TABLE t (id int PRIMARY KEY, at timestamptz, body bytea, tags text[])');
        const at = new Date('2026-11-28T01:02:03.000Z');
        await database.query('INSERT INTO t VALUES ($1, $2, $3, $4)', [1, at, Buffer.from('한글'), ['가', 'b']]);
        const [row] = await database.query<{ id: number; at: Date; body: Uint8Array; tags: string[] }>('SELECT * FROM t');
        assert.equal(row!.id, 1);
        assert.equal(new Date(row!.at).toISOString(), at.toISOString());
        assert.equal(Buffer.from(row!.body).toString(), '한글');
        assert.deepEqual(row!.tags, ['가', 'b']);

        // A unique violation keeps its SQLSTATE (callers tell transient from permanent failures by it).
        await assert.rejects(database.query('INSERT INTO t (id) VALUES (1)'), (error: unknown) => (error as { code?: string }).code === '23505');

        // A throwing transaction rolls back; statements outside wait for it and then see the committed state only.
        await assert.rejects(database.transaction(async (tx) => {
          await tx.query('INSERT INTO t (id) VALUES (2)');
          throw new Error('abandon');
        }), /abandon/);
        const outside = database.query<{ n: number }>('SELECT count(*)::int AS n FROM t');
        const committed = await database.transaction(async (tx) => {
          await tx.query('INSERT INTO t (id) VALUES (3)');
          return (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM t'))[0]!.n;
        });
        assert.equal(committed, 2);
        assert.ok([1, 2].includes((await outside)[0]!.n));
        assert.equal((await database.query<{ n: number }>('SELECT count(*)::int AS n FROM t'))[0]!.n, 2);

        // The data directory's lock holds our pid while open, and closing releases it.
        assert.equal(readFileSync(join(dir, 'kgov.lock'), 'utf8'), String(process.pid));
        await database.close();
        assert.equal(existsSync(join(dir, 'kgov.lock')), false);
        const again = await open(dir);
        assert.equal((await again.query<{ n: number }>('SELECT count(*)::int AS n FROM t'))[0]!.n, 2);
        await again.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
