import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { hashRecord, readAuditLog, type AuditRecord } from '../src/audit/index.js';
import { createApiKey, createTenant, type Principal } from '../src/auth/index.js';
import { openDatabase } from '../src/store/index.js';
import { backends, skipReason } from './helpers/backends.js';
import { kgov } from './helpers/cli.js';

/**
 * What the hash chain alone cannot catch, with write access to the database (triggers switched off): the last records
 * deleted and the head moved back, the log emptied, a record dropped and every hash after it recomputed. The
 * checkpoint kept outside the database (DATA/keys/audit-checkpoint.json) catches each.
 */
for (const backend of backends) {
  describe(`audit checkpoint on ${backend.name}`, { skip: skipReason(backend) }, () => {
    /** Two tenants and four keys (audit records #1–#6), made by the CLI, which leaves the checkpoint at #6. */
    async function place() {
      const prepared = await backend.prepare();
      for (const args of [['tenants', 'create', 'mois', '--name', '행정안전부'], ['tenants', 'create', 'msit', '--name', '과학기술정보통신부']]) {
        assert.equal(kgov(args, { env: prepared.env }).status, 0);
      }
      for (let index = 0; index < 4; index++) {
        assert.equal(kgov(['keys', 'create', '--tenant', 'mois', '--role', 'staff', '--clearance', 'internal'], { env: prepared.env }).status, 0);
      }
      return prepared;
    }
    /**
     * The same six records made in-process, and one CLI command to move the checkpoint to #6: what the tampering tests
     * start from, at a sixth of the CLI runs (each opens the database anew).
     */
    async function quickPlace() {
      const prepared = await backend.prepare();
      const database = await openDatabase(prepared.config());
      try {
        const operator: Principal = { kind: 'operator', name: 'test' };
        await createTenant(database, operator, { id: 'mois', name: '행정안전부' });
        await createTenant(database, operator, { id: 'msit', name: '과학기술정보통신부' });
        for (let index = 0; index < 4; index++) await createApiKey(database, operator, { tenantId: 'mois', role: 'staff', clearance: 'internal' });
      } finally {
        await database.close();
      }
      const listed = kgov(['tenants', 'list'], { env: prepared.env });
      assert.equal(listed.status, 0, listed.stderr);
      assert.equal((JSON.parse(readFileSync(checkpointFile(prepared.dataDir), 'utf8')) as { seq: number }).seq, 6);
      return prepared;
    }
    async function tamper(prepared: Awaited<ReturnType<typeof place>>, work: (sql: (text: string, params?: unknown[]) => Promise<unknown>, records: AuditRecord[]) => Promise<void>) {
      const database = await openDatabase(prepared.config());
      try {
        const records: AuditRecord[] = [];
        for await (const record of readAuditLog(database)) records.push(record);
        await database.exec('ALTER TABLE audit_log DISABLE TRIGGER USER');
        await work((text, params) => database.query(text, params as unknown[]), records);
        await database.exec('ALTER TABLE audit_log ENABLE TRIGGER USER');
      } finally {
        await database.close();
      }
    }
    const checkpointFile = (dataDir: string) => join(dataDir, 'keys', 'audit-checkpoint.json');

    test('every CLI command leaves the head outside the database; verify reads it and does not move it', async () => {
      const prepared = await place();
      try {
        assert.ok(existsSync(checkpointFile(prepared.dataDir)));
        const checkpoint = JSON.parse(readFileSync(checkpointFile(prepared.dataDir), 'utf8')) as { seq: number; hash: string };
        assert.equal(checkpoint.seq, 6, 'two tenants and four keys');
        const verified = kgov(['audit', 'verify'], { env: prepared.env });
        assert.equal(verified.status, 0, verified.stderr);
        assert.match(verified.stdout, /감사 기록 정상: 6건/);
        assert.match(verified.stdout, /검증점: #6 /);
        const json = JSON.parse(kgov(['audit', 'verify', '--json'], { env: prepared.env }).stdout) as { ok: boolean; checkpoint: { seq: number; hash: string } };
        assert.deepEqual([json.ok, json.checkpoint.seq, json.checkpoint.hash], [true, 6, checkpoint.hash]);
      } finally {
        await prepared.cleanup();
      }
    });

    test('the last records deleted and the head moved back: caught, and no later command moves the checkpoint', async () => {
      const prepared = await quickPlace();
      try {
        await tamper(prepared, async (sql, records) => {
          await sql('DELETE FROM audit_log WHERE seq > 4');
          await sql('UPDATE audit_head SET seq = 4, hash = $1 WHERE id = 1', [records[3]!.hash]);
        });
        const verified = kgov(['audit', 'verify'], { env: prepared.env });
        assert.equal(verified.status, 1);
        assert.match(verified.stderr, /검증점 #6.*마지막 기록 #4/);
        // A command run afterwards says so on stderr, does its work, and leaves the checkpoint where it was.
        const created = kgov(['keys', 'create', '--tenant', 'mois', '--role', 'staff', '--clearance', 'internal'], { env: prepared.env });
        assert.equal(created.status, 0);
        assert.match(created.stderr, /\[audit_checkpoint_mismatch\]/);
        assert.equal((JSON.parse(readFileSync(checkpointFile(prepared.dataDir), 'utf8')) as { seq: number }).seq, 6);
        assert.equal(kgov(['audit', 'verify'], { env: prepared.env }).status, 1, 'still caught with a new record at #5');
      } finally {
        await prepared.cleanup();
      }
    });

    test('the log emptied, and a chain rewritten with fresh hashes: caught', async () => {
      const emptied = await quickPlace();
      try {
        await tamper(emptied, async (sql) => {
          await sql('DELETE FROM audit_log');
          await sql("UPDATE audit_head SET seq = 0, hash = repeat('0', 64) WHERE id = 1");
        });
        const verified = kgov(['audit', 'verify', '--json'], { env: emptied.env });
        assert.equal(verified.status, 1);
        const result = JSON.parse(verified.stdout) as { ok: boolean; records: number; problems: { kind: string }[] };
        assert.deepEqual([result.ok, result.records, result.problems.map((problem) => problem.kind)], [false, 0, ['checkpoint']]);
      } finally {
        await emptied.cleanup();
      }
      const rewritten = await quickPlace();
      try {
        // Record #3 (a key created) credited to someone else and every hash from it recomputed: the chain itself is
        // sound and as long as before, only the hash at the checkpoint differs.
        await tamper(rewritten, async (sql, records) => {
          await sql('DELETE FROM audit_log');
          let previous = '0'.repeat(64);
          const kept = records.map((record) => (record.seq === 3 ? { ...record, actor: 'cli:someone-else' } : record));
          for (const [index, record] of kept.entries()) {
            const unhashed = { ...record, seq: index + 1, prevHash: previous };
            delete (unhashed as Partial<AuditRecord>).hash;
            const hash = hashRecord(unhashed);
            await sql('INSERT INTO audit_log (seq, at, tenant_id, actor, action, target, outcome, detail, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
              [index + 1, record.at, record.tenantId, record.actor, record.action, record.target, record.outcome, JSON.stringify(record.detail), previous, hash]);
            previous = hash;
          }
          await sql('UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1', [kept.length, previous]);
        });
        const verified = kgov(['audit', 'verify', '--json'], { env: rewritten.env });
        assert.equal(verified.status, 1);
        assert.deepEqual((JSON.parse(verified.stdout) as { problems: { kind: string }[] }).problems.map((problem) => problem.kind), ['checkpoint']);
      } finally {
        await rewritten.cleanup();
      }
    });
  });
}
