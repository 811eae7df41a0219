import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  authenticateApiKey, createApiKey, parseApiKey, createTenant, createUser, listApiKeys, listTenants, listUsers, login, logout,
  authenticateSession, revokeApiKey, type Principal,
} from '../src/auth/index.js';
import { appendAudit, verifyAuditLog } from '../src/audit/index.js';
import { KgovError } from '../src/core/index.js';
import { currentVersion, migrate, migrations, openDatabase, openPostgresDatabase, type Database, type Queryable } from '../src/store/index.js';
import { backends, skipReason } from './helpers/backends.js';

const operator: Principal = { kind: 'operator', name: 'test' };
const policy = { minPasswordLength: 10, maxFailedLogins: 3, lockoutMinutes: 15, sessionTtlHours: 1 };

async function rejects(promise: Promise<unknown>, code: string) {
  await assert.rejects(promise, (error: unknown) => error instanceof KgovError && error.code === code);
}

for (const backend of backends) {
  describe(`store on ${backend.name}`, { skip: skipReason(backend) }, () => {
    let place: Awaited<ReturnType<typeof backend.prepare>>;
    let database: Database;

    before(async () => {
      place = await backend.prepare();
      database = await openDatabase(place.config());
    });
    after(async () => {
      await database?.close();
      await place?.cleanup();
    });

    test('migrations are applied once and recorded', async () => {
      assert.equal(await currentVersion(database), migrations.at(-1)!.version);
      const again = await migrate(database);
      assert.deepEqual(again.applied, []);
    });

    test('a prepared statement (QueryOptions.prepare) answers as the plain one, again and again, inside transactions too', async () => {
      const sql = 'SELECT $1::int + $2::int AS sum, $3::text AS label';
      for (let round = 0; round < 8; round++) {
        const params = [round, 10, `${round}번`];
        assert.deepEqual(await database.query(sql, params, { prepare: 'kgov_test_sum' }), await database.query(sql, params));
      }
      // A pooled server runs each of these on some connection: several may need to prepare it, each once.
      const concurrent = await Promise.all(Array.from({ length: 12 }, (_, index) => database.query<{ sum: number }>(sql, [index, 1, 'x'], { prepare: 'kgov_test_sum' })));
      assert.deepEqual(concurrent.map(([row]) => row!.sum), Array.from({ length: 12 }, (_, index) => index + 1));
      const inside = await database.transaction((tx) => tx.query<{ sum: number }>(sql, [2, 3, 'y'], { prepare: 'kgov_test_sum' }));
      assert.equal(inside[0]!.sum, 5);
    });

    if (backend.name === 'postgres') {
      test('a named statement the server no longer has (a pooler in transaction mode) is sent unnamed from then on', async () => {
        const single = await openPostgresDatabase(place.config().storage.databaseUrl!, 1);
        try {
          const sql = 'SELECT $1::int * 2 AS doubled';
          assert.deepEqual(await single.query(sql, [2], { prepare: 'kgov_test_pooled' }), [{ doubled: 4 }]);
          // What a pooler does: the next statement reaches a server connection where the name was never prepared.
          await single.query('DEALLOCATE kgov_test_pooled');
          assert.deepEqual(await single.query(sql, [3], { prepare: 'kgov_test_pooled' }), [{ doubled: 6 }]);
          assert.deepEqual(await single.query(sql, [4], { prepare: 'kgov_test_pooled' }), [{ doubled: 8 }]);
          const prepared = await single.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name = 'kgov_test_pooled'");
          assert.equal(prepared[0]!.n, 0, 'no longer prepared by name');
        } finally {
          await single.close();
        }
      });
    }

    test('transactions roll back as a whole', async () => {
      await assert.rejects(database.transaction(async (tx) => {
        await tx.query("INSERT INTO tenants (id, name) VALUES ('rollback', 'x')");
        throw new Error('boom');
      }));
      assert.equal((await database.query("SELECT 1 FROM tenants WHERE id = 'rollback'")).length, 0);
    });

    test('tenants: create, list, duplicate, bad id', async () => {
      await createTenant(database, operator, { id: 'mois', name: '행정안전부' });
      await createTenant(database, operator, { id: 'msit', name: '과학기술정보통신부' });
      await rejects(createTenant(database, operator, { id: 'mois', name: 'again' }), 'tenant_exists');
      await rejects(createTenant(database, operator, { id: 'MOIS!', name: 'bad' }), 'invalid_id');
      assert.deepEqual((await listTenants(database, operator)).map((tenant) => tenant.id), ['mois', 'msit']);
    });

    test('users: create with password, duplicates, weak passwords, unknown tenant', async () => {
      const user = await createUser(database, operator, { tenantId: 'mois', username: 'kim', displayName: '김민수', role: 'staff', clearance: 'internal', password: 'Seoul-2026-gov' }, policy);
      assert.equal(user.hasPassword, true);
      await rejects(createUser(database, operator, { tenantId: 'mois', username: 'kim', role: 'staff', clearance: 'internal' }, policy), 'user_exists');
      await rejects(createUser(database, operator, { tenantId: 'mois', username: 'lee', role: 'staff', clearance: 'internal', password: 'short1A' }, policy), 'weak_password');
      await rejects(createUser(database, operator, { tenantId: 'mois', username: 'lee', role: 'staff', clearance: 'internal', password: 'onlylowercase' }, { minPasswordLength: 10 }), 'weak_password');
      await rejects(createUser(database, operator, { tenantId: 'nope', username: 'lee', role: 'staff', clearance: 'internal' }, policy), 'tenant_not_found');
      await rejects(createUser(database, operator, { tenantId: 'mois', username: 'citizen', role: 'public', clearance: 'internal' }, policy), 'public_role_clearance');
      assert.deepEqual((await listUsers(database, operator, 'mois')).map((row) => row.username), ['kim']);
    });

    test('API keys: shown once, stored hashed, authenticate, expire, revoke, last used', async () => {
      const { apiKey, key } = await createApiKey(database, operator, { tenantId: 'mois', role: 'staff', clearance: 'internal', name: '민원 챗봇' });
      assert.match(key, /^kgov_[a-z2-7]{12}_[A-Za-z0-9_-]{43}$/);
      const stored = await database.query<{ secret_hash: string }>('SELECT secret_hash FROM api_keys WHERE id = $1', [apiKey.id]);
      assert.ok(!key.includes(stored[0]!.secret_hash), 'only a hash is stored');
      assert.equal((await database.query('SELECT 1 FROM api_keys WHERE secret_hash = $1', [parseApiKey(key)!.secret])).length, 0);

      const principal = await authenticateApiKey(database, key);
      assert.deepEqual(principal, { kind: 'api-key', keyId: apiKey.id, tenantId: 'mois', role: 'staff', clearance: 'internal', groups: [] });
      // last_used_at is written behind the request: wait for it (bounded) rather than for a fixed time.
      let lastUsed: Date | null = null;
      for (let attempt = 0; attempt < 100 && !lastUsed; attempt++) {
        [{ last_used_at: lastUsed }] = await database.query<{ last_used_at: Date | null }>('SELECT last_used_at FROM api_keys WHERE id = $1', [apiKey.id]) as [{ last_used_at: Date | null }];
        if (!lastUsed) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.ok(lastUsed instanceof Date);

      await rejects(authenticateApiKey(database, 'sk-not-ours'), 'malformed_api_key');
      await rejects(authenticateApiKey(database, `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`), 'invalid_api_key');
      await rejects(authenticateApiKey(database, `kgov_aaaaaaaaaaaa_${parseApiKey(key)!.secret}`), 'invalid_api_key');

      const expiring = await createApiKey(database, operator, { tenantId: 'mois', role: 'staff', clearance: 'public', expiresAt: new Date(Date.now() + 60_000) });
      await database.query("UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1", [expiring.apiKey.id]);
      await rejects(authenticateApiKey(database, expiring.key), 'api_key_expired');

      await revokeApiKey(database, operator, apiKey.id);
      await rejects(authenticateApiKey(database, key), 'api_key_revoked');
      const listed = await listApiKeys(database, operator, 'mois');
      assert.ok(listed.find((row) => row.id === apiKey.id)?.revokedAt);
      await rejects(revokeApiKey(database, operator, 'nosuchkey'), 'api_key_not_found');
    });

    test('authorization: an admin stays in its tenant and cannot grant above itself', async () => {
      const admin: Principal = { kind: 'api-key', keyId: 'x', tenantId: 'mois', role: 'admin', clearance: 'internal' };
      await rejects(createApiKey(database, admin, { tenantId: 'msit', role: 'staff', clearance: 'public' }), 'forbidden');
      await rejects(createApiKey(database, admin, { tenantId: 'mois', role: 'staff', clearance: 'restricted' }), 'forbidden');
      await rejects(listUsers(database, admin, 'msit'), 'forbidden');
      await rejects(createTenant(database, admin, { id: 'evil', name: 'x' }), 'forbidden');
      const staff: Principal = { kind: 'api-key', keyId: 'y', tenantId: 'mois', role: 'staff', clearance: 'internal' };
      await rejects(listApiKeys(database, staff, 'mois'), 'forbidden');
      const otherTenantKey = await createApiKey(database, operator, { tenantId: 'msit', role: 'staff', clearance: 'public' });
      await rejects(revokeApiKey(database, admin, otherTenantKey.apiKey.id), 'api_key_not_found');
      assert.deepEqual((await listTenants(database, admin)).map((tenant) => tenant.id), ['mois']);
    });

    test('console sessions: login, wrong password, lockout, logout', async () => {
      const session = await login(database, { tenantId: 'mois', username: 'kim', password: 'Seoul-2026-gov' }, policy);
      assert.equal((await authenticateSession(database, session.token)).username, 'kim');
      await logout(database, session.token);
      await rejects(authenticateSession(database, session.token), 'session_required');

      await rejects(login(database, { tenantId: 'mois', username: 'ghost', password: 'whatever' }, policy), 'invalid_credentials');
      await rejects(login(database, { tenantId: 'mois', username: 'kim', password: 'wrong-1' }, policy), 'invalid_credentials');
      await rejects(login(database, { tenantId: 'mois', username: 'kim', password: 'wrong-2' }, policy), 'invalid_credentials');
      await rejects(login(database, { tenantId: 'mois', username: 'kim', password: 'wrong-3' }, policy), 'account_locked');
      // Locked: even the right password is refused until the lock expires.
      await rejects(login(database, { tenantId: 'mois', username: 'kim', password: 'Seoul-2026-gov' }, policy), 'account_locked');
      await database.query("UPDATE users SET locked_until = now() - interval '1 second' WHERE username = 'kim'");
      const again = await login(database, { tenantId: 'mois', username: 'kim', password: 'Seoul-2026-gov' }, policy);
      assert.ok(again.token);
    });

    test('every security act wrote one audit record and the chain verifies', async () => {
      const actions = (await database.query<{ action: string; outcome: string }>('SELECT action, outcome FROM audit_log ORDER BY seq'))
        .map((row) => `${row.action}:${row.outcome}`);
      for (const expected of ['tenant.created:success', 'user.created:success', 'key.created:success', 'key.revoked:success',
        'key.rejected:denied', 'auth.login:success', 'auth.login:failure', 'auth.logout:success', 'auth.locked:success', 'auth.login:denied']) {
        assert.ok(actions.includes(expected), `audit has ${expected}`);
      }
      const verification = await verifyAuditLog(database);
      assert.equal(verification.ok, true, JSON.stringify(verification.problems));
      assert.equal(verification.records, actions.length);
      const details = await database.query<{ detail: unknown }>('SELECT detail FROM audit_log');
      assert.ok(!JSON.stringify(details).includes('Seoul-2026-gov'), 'no password in the audit log');
    });

    test('the audit log refuses UPDATE, DELETE and TRUNCATE', async () => {
      await assert.rejects(database.query("UPDATE audit_log SET actor = 'x' WHERE seq = 1"), /append-only/);
      await assert.rejects(database.query('DELETE FROM audit_log WHERE seq = 1'), /append-only/);
      await assert.rejects(database.query('TRUNCATE audit_log'), /append-only/);
    });

    test('concurrent appends keep one unbroken chain', async () => {
      await Promise.all(Array.from({ length: 20 }, (_, index) =>
        database.transaction((tx) => appendAudit(tx, { tenantId: 'mois', actor: 'system', action: 'policy.changed', detail: { index } }))));
      assert.equal((await verifyAuditLog(database)).ok, true);
    });

    test('a record appended while the log is being verified is not mistaken for truncation', async () => {
      let appended = false;
      // The append commits right after the verifier has read the records and before it reads the head again.
      const racing: Queryable = {
        async query(sql, params) {
          const rows = await database.query(sql, params);
          if (!appended && sql.startsWith('SELECT * FROM audit_log')) {
            appended = true;
            await database.transaction((tx) => appendAudit(tx, { tenantId: 'mois', actor: 'system', action: 'policy.changed', detail: { racing: true } }));
          }
          return rows as never;
        },
      };
      const verification = await verifyAuditLog(racing);
      assert.ok(appended);
      assert.equal(verification.ok, true, JSON.stringify(verification.problems));
      assert.equal((await verifyAuditLog(database)).ok, true);
    });

    test('a tampered audit table is detected and the record named', async () => {
      // A superuser can switch the trigger off; the hash chain is what still catches them.
      await database.exec('ALTER TABLE audit_log DISABLE TRIGGER USER');
      try {
        const [{ max }] = await database.query<{ max: number }>('SELECT max(seq)::int AS max FROM audit_log') as [{ max: number }];

        await database.query("UPDATE audit_log SET detail = '{\"role\":\"admin\"}' WHERE seq = 3");
        let result = await verifyAuditLog(database);
        assert.deepEqual(result.problems.map((problem) => [problem.kind, 'seq' in problem ? problem.seq : null]), [['edited', 3]]);

        await database.query('DELETE FROM audit_log WHERE seq = 5');
        result = await verifyAuditLog(database);
        assert.ok(result.problems.some((problem) => problem.kind === 'missing' && problem.seq === 5));
        assert.ok(result.problems.some((problem) => problem.kind === 'chain-broken' && problem.seq === 6));

        // Reorder: swap two records' positions.
        await database.query('UPDATE audit_log SET seq = -1 WHERE seq = 8');
        await database.query('UPDATE audit_log SET seq = 8 WHERE seq = 9');
        await database.query('UPDATE audit_log SET seq = 9 WHERE seq = -1');
        result = await verifyAuditLog(database);
        assert.ok(result.problems.some((problem) => problem.kind === 'edited' && problem.seq === 8));
        assert.ok(result.problems.some((problem) => problem.kind === 'edited' && problem.seq === 9));

        await database.query('DELETE FROM audit_log WHERE seq = $1', [max]);
        result = await verifyAuditLog(database);
        assert.ok(result.problems.some((problem) => problem.kind === 'truncated' && problem.lastSeq === max - 1 && problem.headSeq === max));
        assert.equal(result.ok, false);
      } finally {
        await database.exec('ALTER TABLE audit_log ENABLE TRIGGER USER');
      }
    });

    test('a schema newer than the code refuses to open, and changes nothing', async () => {
      await database.query("INSERT INTO schema_migrations (version, name) VALUES (999, 'from-the-future')");
      await rejects(migrate(database), 'schema_too_new');
      await database.query('DELETE FROM schema_migrations WHERE version = 999');
    });
  });
}
