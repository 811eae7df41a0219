import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { verifyAuditLog } from '../src/audit/index.js';
import { openDatabase } from '../src/store/index.js';
import { backends, skipReason } from './helpers/backends.js';

const writer = fileURLToPath(new URL('./helpers/crash-writer.js', import.meta.url));

/** Starts the writer, lets it commit for a while after its first commit, then SIGKILLs it mid-write. Returns the ids it reported committed. */
function runAndKill(env: Record<string, string>, prefix: string, killAfterMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, prefix], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const committed: string[] = [];
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        if (!line.startsWith('committed ')) continue;
        // Count from the first commit, so a slow start on a loaded machine still gets killed mid-write.
        if (committed.length === 0) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        committed.push(line.slice('committed '.length));
      }
    });
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(committed) : reject(new Error(`writer exited ${code}: ${stderr}`))));
  });
}

for (const backend of backends) {
  describe(`crash safety on ${backend.name}`, { skip: skipReason(backend) }, () => {
    test('kill -9 during writes: nothing committed is lost, nothing is duplicated or half-written', async (t) => {
      const place = await backend.prepare();
      try {
        const reported: string[] = [];
        // Several kills at different moments; every restart must open the same store (taking over the stale lock).
        for (const [round, delay] of [150, 700, 40, 1200].entries()) {
          const committed = await runAndKill(place.env, `r${round}`, delay);
          assert.ok(committed.length > 0, `round ${round} committed something before the kill`);
          reported.push(...committed);
        }
        const database = await openDatabase(place.config());
        try {
          // One snapshot for every reading: on a server, the killed writer's last COMMIT may still be on its way and
          // land between two statements (its client is gone, its backend is not yet).
          await database.transaction(async (tx) => {
            await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
            const tenants = (await tx.query<{ id: string }>('SELECT id FROM tenants')).map((row) => row.id);
            const stored = new Set(tenants);
            const lost = reported.filter((id) => !stored.has(id));
            assert.deepEqual(lost, [], 'every commit the writer saw is still there');
            // At most one write per round was in flight when killed: it either fully exists or not at all.
            assert.ok(tenants.length - reported.length <= 4, `${tenants.length} stored vs ${reported.length} reported`);
            // Act and audit record are one transaction: the same number of each, and the chain is whole.
            const [{ count }] = (await tx.query<{ count: number }>("SELECT count(*)::int AS count FROM audit_log WHERE action = 'tenant.created'")) as [{ count: number }];
            assert.equal(count, tenants.length);
            t.diagnostic(`${reported.length} commits reported over 4 kills, ${tenants.length} stored`);
            const verification = await verifyAuditLog(tx);
            assert.equal(verification.ok, true, JSON.stringify(verification.problems));
          });
          // And outside any snapshot, as `kgov audit verify` reads it.
          const verification = await verifyAuditLog(database);
          assert.equal(verification.ok, true, JSON.stringify(verification.problems));
        } finally {
          await database.close();
        }
      } finally {
        await place.cleanup();
      }
    });
  });
}
