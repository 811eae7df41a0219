import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../src/api/index.js';
import { readAuditLog, type AuditRecord } from '../src/audit/index.js';
import { createApiKey, createTenant, createUser, parseApiKey, type Principal } from '../src/auth/index.js';
import { ingestDocument } from '../src/data/index.js';
import { migrations, openDatabase, type Database } from '../src/store/index.js';
import { backends, skipReason } from './helpers/backends.js';
import { startTestServer } from './helpers/test-server.js';

const operator: Principal = { kind: 'operator', name: 'test' };

for (const backend of backends) {
  describe(`HTTP API on ${backend.name}`, { skip: skipReason(backend) }, () => {
    let place: Awaited<ReturnType<typeof backend.prepare>>;
    let database: Database;
    let app: FastifyInstance;
    let base: string;
    const keys: Record<string, string> = {};

    before(async () => {
      place = await backend.prepare();
      const config = place.config({ logging: { level: 'silent' }, auth: { maxFailedLogins: 2 } });
      database = await openDatabase(config);
      await createTenant(database, operator, { id: 'mois', name: '행정안전부' });
      await createTenant(database, operator, { id: 'msit', name: '과학기술정보통신부' });
      await createUser(database, operator, { tenantId: 'mois', username: 'admin', role: 'admin', clearance: 'restricted', password: 'Gwanghwamun-2026' }, config.auth);
      keys.staff = (await createApiKey(database, operator, { tenantId: 'mois', role: 'staff', clearance: 'internal' })).key;
      keys.admin = (await createApiKey(database, operator, { tenantId: 'mois', role: 'admin', clearance: 'internal' })).key;
      keys.revoked = (await createApiKey(database, operator, { tenantId: 'mois', role: 'staff', clearance: 'internal' })).key;
      await database.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1', [keys.revoked.split('_')[1]]);
      ({ app, base } = await startTestServer({ config, database, version: 'test' }));
    });
    after(async () => {
      await app?.close();
      await database?.close();
      await place?.cleanup();
    });

    const call = (path: string, init: RequestInit & { key?: string } = {}) => {
      const headers = new Headers(init.headers);
      if (init.key) headers.set('authorization', `Bearer ${init.key}`);
      if (init.body) headers.set('content-type', 'application/json');
      return fetch(`${base}${path}`, { ...init, headers });
    };

    test('/healthz answers without a key', async () => {
      const response = await call('/healthz');
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { status: 'ok', version: 'test', database: backend.name, schemaVersion: migrations.at(-1)!.version });
      assert.match(response.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
    });

    test('/v1/models: 401 in OpenAI error shape without a key, 200 with one', async () => {
      const missing = await call('/v1/models');
      assert.equal(missing.status, 401);
      const body = (await missing.json()) as { error: Record<string, unknown> };
      assert.deepEqual(Object.keys(body.error).sort(), ['code', 'message', 'param', 'request_id', 'type']);
      assert.equal(body.error.code, 'missing_api_key');
      assert.equal(body.error.type, 'authentication_error');
      assert.match(String(body.error.message), /API 키가 필요합니다/);

      const ok = await call('/v1/models', { key: keys.staff });
      assert.equal(ok.status, 200);
      assert.deepEqual(((await ok.json()) as { data: { id: string }[] }).data.map((model) => model.id), ['kgov-rag', 'kgov-task', 'kgov-embedding'], 'no providers configured: only the platform\'s own models');
    });

    test('bad keys get distinct stable codes, in English on request', async () => {
      const cases: [string, string][] = [['garbage', 'malformed_api_key'], [keys.revoked!, 'api_key_revoked'],
        [`kgov_aaaaaaaaaaaa_${'A'.repeat(43)}`, 'invalid_api_key']];
      for (const [key, code] of cases) {
        const response = await call('/v1/models', { key, headers: { 'accept-language': 'en-US,en;q=0.9' } });
        assert.equal(response.status, 401);
        const body = (await response.json()) as { error: { code: string; message: string } };
        assert.equal(body.error.code, code);
        assert.match(body.error.message, /^[\x20-\x7e…]+$/, 'English message');
      }
    });

    test('request ids: a plain incoming id is kept, a hostile one replaced', async () => {
      assert.equal((await call('/healthz', { headers: { 'x-request-id': 'trace-123' } })).headers.get('x-request-id'), 'trace-123');
      const hostile = `<script>${'x'.repeat(300)}`;
      const replaced = (await call('/healthz', { headers: { 'x-request-id': hostile } })).headers.get('x-request-id');
      assert.match(replaced ?? '', /^[0-9a-f-]{36}$/);
    });

    test('schema-validated requests: unknown fields and wrong types are 400 validation_failed naming the field', async () => {
      const response = await call('/api/keys', { method: 'POST', key: keys.admin, body: JSON.stringify({ role: 'staff', clearance: 'secret' }) });
      assert.equal(response.status, 400);
      const body = (await response.json()) as { error: { code: string; param: string; message: string } };
      assert.equal(body.error.code, 'validation_failed');
      assert.equal(body.error.param, 'clearance');
      const broken = await call('/api/keys', { method: 'POST', key: keys.admin, body: '{not json' });
      assert.equal(broken.status, 400);
      assert.equal(((await broken.json()) as { error: { code: string } }).error.code, 'invalid_request');
      // The caller's language reaches the validation details too, not only the message around them.
      const english = await call('/api/keys', { method: 'POST', key: keys.admin, body: JSON.stringify({ role: 'staff', clearance: 'secret' }), headers: { 'accept-language': 'en' } });
      const englishError = ((await english.json()) as { error: { code: string; message: string } }).error;
      assert.equal(englishError.code, 'validation_failed');
      assert.match(englishError.message, /^[\x20-\x7e…]+$/, `English throughout: ${englishError.message}`);
      // No Content-Type at all (a byte body): a media-type error, not a malformed request.
      const plain = await fetch(`${base}/api/keys`, { method: 'POST', headers: { authorization: `Bearer ${keys.admin}` }, body: new TextEncoder().encode('{"role":"staff"}') });
      assert.equal(plain.status, 415);
      const plainError = ((await plain.json()) as { error: { code: string; message: string } }).error;
      assert.equal(plainError.code, 'unsupported_media_type');
      assert.doesNotMatch(plainError.message, /Unsupported Media Type/, 'names the type it got, not the status line');
      // JSON sent as text/plain: the wrong media type too, not a body of the wrong type.
      const asText = await fetch(`${base}/api/keys`, { method: 'POST', headers: { authorization: `Bearer ${keys.admin}`, 'content-type': 'text/plain' }, body: '{"role":"staff"}' });
      assert.equal(asText.status, 415);
      assert.match(((await asText.json()) as { error: { message: string } }).error.message, /text\/plain/);
      // A compressed body: refused by name (415), not read as broken JSON.
      const { gzipSync } = await import('node:zlib');
      const zipped = await fetch(`${base}/api/keys`, {
        method: 'POST', headers: { authorization: `Bearer ${keys.admin}`, 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: gzipSync('{"role":"staff","clearance":"internal"}'),
      });
      assert.equal(zipped.status, 415);
      assert.equal(((await zipped.json()) as { error: { code: string } }).error.code, 'unsupported_encoding');
      // A wrong type is worded by what was expected; the value's type was never "undefined".
      const wrongType = await call('/api/keys', { method: 'POST', key: keys.admin, body: JSON.stringify({ role: 'staff', clearance: 'internal', expires: 5 }) });
      const wrongTypeError = ((await wrongType.json()) as { error: { message: string } }).error;
      assert.match(wrongTypeError.message, /expires: .*string/);
      assert.doesNotMatch(wrongTypeError.message, /undefined/);
      // Valid JSON with a prototype-poisoning key: refused, and said so (not "not valid JSON").
      const poisoned = await call('/api/keys', { method: 'POST', key: keys.admin, body: '{"role":"staff","clearance":"internal","__proto__":{"admin":true}}' });
      assert.equal(poisoned.status, 400);
      const poisonedError = ((await poisoned.json()) as { error: { code: string; message: string } }).error;
      assert.equal(poisonedError.code, 'invalid_request');
      assert.match(poisonedError.message, /__proto__/);
      const brokenEnglish = await call('/api/keys', { method: 'POST', key: keys.admin, body: '{not json', headers: { 'accept-language': 'en' } });
      assert.match(((await brokenEnglish.json()) as { error: { message: string } }).error.message, /^[\x20-\x7e…]+$/);
    });

    test('without a credential every protected route answers 401 before it reads the body (no schema leaks)', async () => {
      const cases: { path: string; body: string; code: string }[] = [
        { path: '/v1/chat/completions', body: '{}', code: 'missing_api_key' },
        { path: '/v1/chat/completions', body: '{not json', code: 'missing_api_key' },
        { path: '/v1/embeddings', body: '{"input":42}', code: 'missing_api_key' },
        { path: '/api/keys', body: '{"role":"staff","clearance":"secret"}', code: 'session_required' },
        { path: '/api/search', body: '{}', code: 'session_required' },
      ];
      for (const { path, body, code } of cases) {
        const response = await call(path, { method: 'POST', body });
        assert.equal(response.status, 401, `${path} ${body}`);
        const error = ((await response.json()) as { error: { code: string; message: string } }).error;
        assert.equal(error.code, code, path);
        assert.doesNotMatch(error.message, /messages|model|clearance|input/, 'nothing about the route\'s fields');
      }
      const basic = await call('/v1/chat/completions', { method: 'POST', body: '{}', headers: { authorization: 'Basic dXNlcjpwYXNz' } });
      assert.equal(basic.status, 401);
      assert.equal(((await basic.json()) as { error: { code: string } }).error.code, 'malformed_api_key');
    });

    test('admin API: create a key (shown once), it works, revoke it, it stops working', async () => {
      const created = await call('/api/keys', { method: 'POST', key: keys.admin, body: JSON.stringify({ role: 'public', clearance: 'public', name: '공개 API', expires: '30d' }) });
      assert.equal(created.status, 201);
      const { key, apiKey } = (await created.json()) as { key: string; apiKey: { id: string; expiresAt: string } };
      assert.ok(apiKey.expiresAt);
      assert.equal((await call('/v1/models', { key })).status, 200);
      const listed = (await (await call('/api/keys', { key: keys.admin })).json()) as { data: { id: string }[] };
      assert.ok(listed.data.some((row) => row.id === apiKey.id));
      assert.ok(!JSON.stringify(listed).includes(parseApiKey(key)!.secret), 'secrets never listed');
      // Some clients send a JSON content type on every request, a DELETE without a body included.
      const revoked = await call(`/api/keys/${apiKey.id}`, { method: 'DELETE', key: keys.admin, headers: { 'content-type': 'application/json' } });
      assert.equal(revoked.status, 200, await revoked.clone().text());
      assert.equal((await call('/v1/models', { key })).status, 401);
      // The parser is still Fastify's: a prototype-poisoning body is refused.
      const poisoned = await call('/api/keys', { method: 'POST', key: keys.admin, body: '{"role":"staff","clearance":"public","__proto__":{"admin":true}}' });
      assert.equal(poisoned.status, 400);
      assert.equal(((await poisoned.json()) as { error: { code: string } }).error.code, 'invalid_request', 'refused by the parser, before validation');
    });

    test('staff cannot administer; an admin cannot reach another tenant', async () => {
      const response = await call('/api/keys', { key: keys.staff });
      assert.equal(response.status, 403);
      assert.equal(((await response.json()) as { error: { type: string } }).error.type, 'permission_error');
      const restricted = await call('/api/keys', { method: 'POST', key: keys.admin, body: JSON.stringify({ role: 'staff', clearance: 'restricted' }) });
      assert.equal(restricted.status, 403, 'an internal-clearance admin cannot mint a restricted key');
    });

    test('console login sets a secure HttpOnly cookie; logout ends the session; lockout after failures', async () => {
      const login = await call('/api/auth/login', { method: 'POST', body: JSON.stringify({ tenant: 'mois', username: 'admin', password: 'Gwanghwamun-2026' }) });
      assert.equal(login.status, 200);
      const cookie = login.headers.get('set-cookie') ?? '';
      assert.match(cookie, /kgov_session=/);
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /Secure/);
      assert.match(cookie, /SameSite=Strict/);
      const session = cookie.split(';')[0]!;
      const me = await call('/api/auth/me', { headers: { cookie: session } });
      assert.equal(((await me.json()) as { principal: { username: string } }).principal.username, 'admin');
      assert.equal((await call('/api/users', { headers: { cookie: session } })).status, 200);
      assert.equal((await call('/api/auth/logout', { method: 'POST', headers: { cookie: session } })).status, 204);
      assert.equal((await call('/api/auth/me', { headers: { cookie: session } })).status, 401);

      const wrong = () => call('/api/auth/login', { method: 'POST', body: JSON.stringify({ tenant: 'mois', username: 'admin', password: 'nope' }) });
      assert.equal((await wrong()).status, 401);
      const locked = await wrong();
      assert.equal(locked.status, 423);
      assert.equal(((await locked.json()) as { error: { code: string } }).error.code, 'account_locked');
      // A username that does not exist answers the same way: a 423 tells nothing of which names exist.
      const unknown = () => call('/api/auth/login', { method: 'POST', body: JSON.stringify({ tenant: 'mois', username: 'nobody-here', password: 'nope' }) });
      assert.equal((await unknown()).status, 401);
      assert.equal((await unknown()).status, 423);
      const lastLocked = await unknown();
      assert.equal(lastLocked.status, 423);
      // The access record names where each attempt came from (IP, the request id of the server's log), never the name typed:
      // people type passwords and resident registration numbers into that field.
      const logins: AuditRecord[] = [];
      for await (const record of readAuditLog(database)) if (record.action === 'auth.login') logins.push(record);
      assert.ok(logins.length >= 4);
      for (const record of logins) {
        assert.equal((record.detail.client as { ip?: string }).ip, '127.0.0.1', JSON.stringify(record));
        assert.match(String((record.detail.client as { requestId?: string }).requestId), /^[0-9a-f-]{36}$/);
      }
      const unknownAttempts = logins.filter((record) => record.target === 'tenant:mois');
      assert.deepEqual(unknownAttempts.map((record) => [record.outcome, record.detail.reason]),
        [['failure', 'unknown_user'], ['failure', 'unknown_user'], ['denied', 'locked']], 'as for a known name');
      assert.ok(!JSON.stringify(logins).includes('nobody-here'), 'the typed name is not kept');
    });

    test('PATCH and DELETE /api/users/:username: a lowered clearance ends the user\'s sessions at once; nobody is raised above the caller', async () => {
      const created = await call('/api/users', { method: 'POST', key: keys.admin, body: JSON.stringify({ username: 'choi', role: 'staff', clearance: 'internal', password: 'Deoksugung-Palace-9' }) });
      assert.equal(created.status, 201, await created.clone().text());
      const login = await call('/api/auth/login', { method: 'POST', body: JSON.stringify({ tenant: 'mois', username: 'choi', password: 'Deoksugung-Palace-9' }) });
      const session = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
      assert.equal((await call('/api/auth/me', { headers: { cookie: session } })).status, 200);
      const lowered = await call('/api/users/choi', { method: 'PATCH', key: keys.admin, body: JSON.stringify({ clearance: 'public', role: 'public' }) });
      assert.equal(lowered.status, 200, await lowered.clone().text());
      const { user } = (await lowered.json()) as { user: { username: string; role: string; clearance: string } };
      assert.deepEqual([user.username, user.role, user.clearance], ['choi', 'public', 'public']);
      assert.equal((await call('/api/auth/me', { headers: { cookie: session } })).status, 401, 'the session ended with the change');
      // The record says what the access was before, so it alone tells what changed.
      const [updated] = await database.query<{ detail: { before: unknown; clearance: string; endedSessions: number } }>(
        "SELECT detail FROM audit_log WHERE action = 'user.updated' ORDER BY seq DESC LIMIT 1");
      assert.deepEqual(updated!.detail.before, { role: 'staff', clearance: 'internal', groups: [] });
      assert.equal(updated!.detail.clearance, 'public');
      assert.equal(updated!.detail.endedSessions, 1);
      // The admin key is internal: it may not raise anyone to restricted.
      const raised = await call('/api/users/choi', { method: 'PATCH', key: keys.admin, body: JSON.stringify({ role: 'staff', clearance: 'restricted' }) });
      assert.equal(raised.status, 403);
      assert.equal((await call('/api/users/nobody', { method: 'PATCH', key: keys.admin, body: JSON.stringify({ unlock: true }) })).status, 404);
      assert.equal((await call('/api/users/choi', { method: 'DELETE', key: keys.admin })).status, 204);
      assert.equal((await call('/api/users/choi', { method: 'DELETE', key: keys.admin })).status, 404);
    });

    test('an auditor\'s view: refusals are recorded, a junior admin cannot act on a senior\'s key, leavers can be removed, ids hold no personal data', async () => {
      const records = async (action: string) => (await database.query<{ tenant_id: string | null; actor: string; target: string; outcome: string; detail: Record<string, unknown> }>(
        'SELECT tenant_id, actor, target, outcome, detail FROM audit_log WHERE action = $1 ORDER BY seq', [action]));
      const flush = () => new Promise((resolve) => setTimeout(resolve, 100)); // the audit writer's group commit
      // A staff key reading the audit, an internal admin minting a restricted key: 403, and recorded as denials.
      await flush(); // refusals of the tests before (they are recorded too) are written first
      const deniedBefore = (await records('access.denied')).length;
      assert.equal((await call('/api/audit', { key: keys.staff })).status, 403);
      assert.equal((await call('/api/keys', { method: 'POST', key: keys.admin, body: JSON.stringify({ role: 'staff', clearance: 'restricted' }) })).status, 403);
      // Written behind the response by the group-committing writer: waited for, not timed (a loaded machine is slower).
      let denied = (await records('access.denied')).slice(deniedBefore);
      for (let waited = 0; waited < 100 && denied.length < 2; waited++) {
        await flush();
        denied = (await records('access.denied')).slice(deniedBefore);
      }
      assert.deepEqual(denied.map((record) => [record.tenant_id, record.target, record.outcome]), [['mois', 'GET /api/audit', 'denied'], ['mois', 'POST /api/keys', 'denied']]);
      assert.match(String(denied[1]!.detail.reason), /clearance restricted > internal/);
      // The internal admin key may not revoke a restricted admin's key (it could lock out its senior).
      const senior = await createApiKey(database, operator, { tenantId: 'mois', role: 'admin', clearance: 'restricted' });
      assert.equal((await call(`/api/keys/${senior.apiKey.id}`, { method: 'DELETE', key: keys.admin })).status, 403);
      const juniorStaff = await createApiKey(database, operator, { tenantId: 'mois', role: 'staff', clearance: 'internal' });
      assert.equal((await call(`/api/keys/${juniorStaff.apiKey.id}`, { method: 'DELETE', key: keys.admin })).status, 200);
      // A leaver in groups the admin is not in: their groups can be narrowed, and they can be removed; not widened.
      await createUser(database, operator, { tenantId: 'mois', username: 'leaver', role: 'staff', clearance: 'internal', groups: ['감사관실', '기획조정실'] }, { minPasswordLength: 10 });
      assert.equal((await call('/api/users/leaver', { method: 'PATCH', key: keys.admin, body: JSON.stringify({ groups: ['감사관실'] }) })).status, 200);
      assert.equal((await call('/api/users/leaver', { method: 'PATCH', key: keys.admin, body: JSON.stringify({ groups: ['감사관실', '운영지원과'] }) })).status, 403);
      assert.equal((await call('/api/users/leaver', { method: 'DELETE', key: keys.admin })).status, 204);
      // A request id that holds personal data is not taken: it would stay in the logs and the audit chain for good.
      const traced = await call('/api/audit?since=1h&limit=1', { key: keys.admin, headers: { 'x-request-id': '900101-1234567' } });
      assert.equal(traced.status, 200, await traced.clone().text());
      assert.notEqual(traced.headers.get('x-request-id'), '900101-1234567');
      for (const hidden of ['870713.1234562', '870711_1234560', '870713:1234562', 'X870713-1234562X', '870713..1234562']) {
        assert.notEqual((await call('/healthz', { headers: { 'x-request-id': hidden } })).headers.get('x-request-id'), hidden, hidden);
      }
      assert.equal((await call('/api/audit', { key: keys.admin, headers: { 'x-request-id': 'lb-7f3a2c9e-0001' } })).headers.get('x-request-id'), 'lb-7f3a2c9e-0001');
      // 2026-11-31 is no date; 1h (as on the command line) is a time filter.
      assert.equal((await call('/api/audit?since=2026-11-31', { key: keys.admin })).status, 400);
      // A failed sign-in under an unknown name is the tenant's record, for its admins to see.
      await call('/api/auth/login', { method: 'POST', body: JSON.stringify({ tenant: 'mois', username: 'nobody-here', password: 'whatever-123' }) });
      const unknown = (await records('auth.login')).filter((record) => record.detail.reason === 'unknown_user').at(-1);
      assert.equal(unknown?.tenant_id, 'mois');
      // An internal admin sees that a restricted document was ingested, not which one: its name can be confidential.
      const secret = await ingestDocument(database, operator, { tenantId: 'mois', fileName: '감사결과_징계대상.txt', bytes: new TextEncoder().encode('징계 대상 명단 검토 결과.'), grade: 'restricted', share: ['감사관실'] });
      const open = await ingestDocument(database, operator, { tenantId: 'mois', fileName: '민원안내.txt', bytes: new TextEncoder().encode('민원 처리 기한 안내.'), grade: 'internal' });
      const listed = (await (await call('/api/audit?action=document.ingested', { key: keys.admin })).json()) as { data: { target: string; detail: Record<string, unknown> }[] };
      const bySecret = listed.data.find((record) => record.target === `document:${secret.status === 'ingested' ? secret.documentId : ''}`)!;
      assert.equal(bySecret.detail.name, undefined);
      assert.deepEqual(bySecret.detail.redacted, ['name', 'sha256']);
      assert.doesNotMatch(JSON.stringify(listed), /징계대상/);
      assert.equal(listed.data.find((record) => record.target === `document:${open.status === 'ingested' ? open.documentId : ''}`)!.detail.name, '민원안내.txt');
      // A log that cannot be written refuses the act as 503 audit_unavailable (retry later), and the act is not done.
      await database.query(`CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit store down'; END $$`);
      await database.query('CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit()');
      try {
        const keysBefore = (await database.query('SELECT id FROM api_keys')).length;
        const refused = await call('/api/keys', { method: 'POST', key: keys.admin, body: JSON.stringify({ role: 'staff', clearance: 'internal' }) });
        assert.equal(refused.status, 503);
        assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'audit_unavailable');
        assert.equal((await database.query('SELECT id FROM api_keys')).length, keysBefore, 'no key without its record');
      } finally {
        await database.query('DROP TRIGGER refuse_audit ON audit_log');
        await database.query('DROP FUNCTION refuse_audit()');
      }
    });

    test('headers over the limit get the one error shape (431 headers_too_large), not the HTTP server\'s own', async () => {
      const response = await fetch(`${base}/healthz`, { headers: { 'x-filler': 'a'.repeat(20_000) } });
      assert.equal(response.status, 431);
      const body = (await response.json()) as { error: { code: string; type: string; request_id: string } };
      assert.equal(body.error.code, 'headers_too_large');
      assert.equal(body.error.type, 'invalid_request_error');
      assert.ok(body.error.request_id);
    });

    test('audit verify over HTTP for admins', async () => {
      const response = await call('/api/audit/verify', { key: keys.admin });
      assert.equal(response.status, 200);
      const body = (await response.json()) as { ok: boolean; records: number; lastSeq: number };
      assert.equal(body.ok, true);
      assert.ok(body.records > 5);
      // A tenant's administrator counts the tenant's own records: what other tenants did is not theirs to learn.
      let own = 0;
      let all = 0;
      for await (const record of readAuditLog(database)) {
        all++;
        if (record.tenantId === 'mois') own++;
      }
      assert.ok(all > own, 'other tenants (and the operator) have records too');
      // Read after the answer: records written meanwhile can only add to the counts.
      assert.ok(body.records > 0 && body.records <= own && own < all, `${body.records} of ${own} own, ${all} in all`);
    });

    test('GET /api/audit: an administrator reads the tenant\'s records, filtered and paged; staff cannot', async () => {
      const page = async (query: string) => {
        const response = await call(`/api/audit?${query}`, { key: keys.admin });
        assert.equal(response.status, 200, await response.clone().text());
        return (await response.json()) as { data: { seq: number; tenantId: string; action: string; detail: Record<string, unknown> }[]; next: number | null };
      };
      const all = await page('limit=1000');
      assert.ok(all.data.length > 5);
      assert.ok(all.data.every((record) => record.tenantId === 'mois'), 'the tenant\'s own records only');
      assert.equal(all.next, null);
      const keysCreated = await page('action=key.created');
      assert.ok(keysCreated.data.length >= 3 && keysCreated.data.every((record) => record.action === 'key.created'));
      const first = await page('limit=2');
      assert.equal(first.data.length, 2);
      const second = await page(`limit=2&after=${first.next}`);
      assert.ok(second.data[0]!.seq > first.data[1]!.seq);
      assert.equal((await page(`since=${new Date(Date.now() + 60_000).toISOString()}`)).data.length, 0);
      assert.equal((await call('/api/audit', { key: keys.staff })).status, 403);
      assert.equal((await call('/api/audit?limit=0', { key: keys.admin })).status, 400);
    });

    test('unknown routes are 404 in the same error shape', async () => {
      const response = await call('/v1/nothing-here', { key: keys.staff });
      assert.equal(response.status, 404);
      assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'not_found');
    });

    test('/metrics exposes request counters in Prometheus format', async () => {
      const response = await call('/metrics');
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /text\/plain/);
      const text = await response.text();
      assert.match(text, /kgov_http_requests_total\{method="GET",route="\/v1\/models",status="401"\} \d+/);
      assert.match(text, /kgov_http_request_duration_seconds_bucket/);
      assert.match(text, /kgov_process_cpu_seconds_total/);
    });

    test('with publicMetrics off, /metrics needs a key', async () => {
      const closed = await buildServer({ config: place.config({ logging: { level: 'silent' }, server: { publicMetrics: false } }), database, version: 'test' });
      await closed.listen({ port: 0, host: '127.0.0.1' });
      try {
        const url = `http://127.0.0.1:${(closed.server.address() as AddressInfo).port}/metrics`;
        assert.equal((await fetch(url)).status, 401);
        assert.equal((await fetch(url, { headers: { authorization: `Bearer ${keys.staff}` } })).status, 200);
      } finally {
        await closed.close();
      }
    });

    test('/openapi.json documents the routes', async () => {
      const document = (await (await call('/openapi.json')).json()) as { openapi: string; paths: Record<string, unknown> };
      assert.equal(document.openapi, '3.1.0');
      for (const path of ['/healthz', '/v1/models', '/api/auth/login', '/api/keys', '/api/keys/{id}']) assert.ok(document.paths[path], path);
    });
  });
}
