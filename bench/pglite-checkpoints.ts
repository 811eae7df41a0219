/**
 * What KGov's checkpoints (src/store/pglite-maintenance.ts) do for an embedded database: the same writes with
 * checkpoints at `storage.pgliteCheckpointWalMb` and without (PGlite's own behaviour: none), then a SIGKILL, then the
 * time to open the data directory again (WAL replay) and the WAL left on disk. Each write phase runs in a child
 * process that kills itself, as a crash would.
 *
 * Run: `npm run bench:checkpoints -- [--rounds 150] [--wal-mb 512]` (builds, then `node dist/bench/pglite-checkpoints.js`)
 * (each round inserts 15,000 rows of 1.3 KB: ~20 MB of WAL).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openPgliteDatabase } from '../src/store/index.js';

const { values } = parseArgs({ options: { rounds: { type: 'string' }, 'wal-mb': { type: 'string' }, child: { type: 'string' }, dir: { type: 'string' } }, strict: true });
const rounds = Number(values.rounds ?? '150');
const walMb = Number(values['wal-mb'] ?? '512');
const segments = (dir: string) => readdirSync(join(dir, 'pg', 'pg_wal')).filter((name) => /^[0-9A-F]{24}$/.test(name)).length;

if (values.child !== undefined) {
  // Child: write, report, and die without closing (no shutdown checkpoint), as a crash would.
  const dir = values.dir!;
  const database = await openPgliteDatabase(dir, { maintenance: { walBytes: Number(values.child) * 1024 * 1024 } });
  await database.exec('CREATE TABLE t (id int, body text)');
  const started = performance.now();
  for (let round = 0; round < rounds; round++) {
    await database.query('INSERT INTO t SELECT g, repeat(md5(g::text), 40) FROM generate_series($1::int, $1::int + 14999) g', [round * 15_000]);
  }
  process.stdout.write(`${JSON.stringify({ writeSeconds: (performance.now() - started) / 1000, segments: segments(dir) })}\n`);
  process.kill(process.pid, 'SIGKILL');
} else {
  console.log(`bench:pglite-checkpoints: ${rounds} rounds of 15,000 rows (~${(rounds * 20 / 1024).toFixed(1)} GB of WAL), then SIGKILL and reopen`);
  console.log('| checkpoints | write s | WAL segments (1 MB) at the kill | reopen after the kill s | rows after reopening |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  const off = 1024 * 1024; // 1 TB of WAL: never, as PGlite on its own
  for (const [label, threshold] of [['none (PGlite alone)', off], [`every ${walMb} MB of WAL (default)`, walMb]] as const) {
    const dir = mkdtempSync(join(tmpdir(), 'kgov-bench-checkpoints-'));
    try {
      let output = '';
      try {
        execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', String(threshold), '--dir', dir, '--rounds', String(rounds)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
      } catch (error) {
        // The child kills itself: that is the crash being measured.
        output = String((error as { stdout?: string }).stdout ?? '');
      }
      const written = JSON.parse(output.trim()) as { writeSeconds: number; segments: number };
      const started = performance.now();
      const database = await openPgliteDatabase(dir);
      const [row] = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM t');
      const reopenSeconds = (performance.now() - started) / 1000;
      await database.close();
      console.log(`| ${label} | ${written.writeSeconds.toFixed(1)} | ${written.segments} | ${reopenSeconds.toFixed(1)} | ${row!.n} |`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
