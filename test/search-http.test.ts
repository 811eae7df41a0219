import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createApiKey, createTenant, createUser, type Principal } from '../src/auth/index.js';
import { ingestDocument, refreshSearchStatistics } from '../src/data/index.js';
import { openDatabase, type Database } from '../src/store/index.js';
import { backends, skipReason } from './helpers/backends.js';
import { startTestServer } from './helpers/test-server.js';

const operator: Principal = { kind: 'operator', name: 'test' };
const text = (value: string) => new TextEncoder().encode(value);

for (const backend of backends) {
  describe(`POST /api/search on ${backend.name}`, { skip: skipReason(backend) }, () => {
    let place: Awaited<ReturnType<typeof backend.prepare>>;
    let database: Database;
    let app: FastifyInstance;
    let base: string;
    const keys: Record<string, string> = {};

    before(async () => {
      place = await backend.prepare();
      const config = place.config({ logging: { level: 'silent' }, auth: { secureCookies: false } });
      database = await openDatabase(config);
      await createTenant(database, operator, { id: 'mois', name: '행정안전부' });
      await createTenant(database, operator, { id: 'msit', name: '과학기술정보통신부' });
      await createUser(database, operator, { tenantId: 'mois', username: 'hong', role: 'staff', clearance: 'restricted', password: 'Gwanghwamun-2026' }, config.auth);
      for (const [tenantId, fileName, grade, body] of [
        ['mois', 'notice.txt', 'public', '민원 안내\n\n민원 처리 기한은 7일이다 공개마커.'],
        ['mois', 'plan.txt', 'restricted', '대응 계획\n\n민원 대응 절차 대외비마커.'],
        ['msit', 'other.txt', 'public', '민원 처리 기한 타기관마커.'],
      ] as const) {
        await ingestDocument(database, operator, { tenantId, fileName, bytes: text(body), grade });
      }
      await refreshSearchStatistics(database);
      keys.internal = (await createApiKey(database, operator, { tenantId: 'mois', role: 'staff', clearance: 'internal' })).key;
      keys.public = (await createApiKey(database, operator, { tenantId: 'mois', role: 'public', clearance: 'public' })).key;
      ({ app, base } = await startTestServer({ config, database, version: 'test' }));
    });
    after(async () => {
      await app?.close();
      await database?.close();
      await place?.cleanup();
    });

    const search = (body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${base}/api/search`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

    test('401 without a key or session, in the one error shape', async () => {
      const response = await search({ query: '민원' });
      assert.equal(response.status, 401);
      assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'session_required');
    });

    test('an API key searches its own tenant within its clearance, on every mode', async () => {
      for (const mode of ['lexical', 'vector', 'hybrid']) {
        const response = await search({ query: '민원 처리 기한 대응 절차 타기관마커 대외비마커', k: 20, mode }, { authorization: `Bearer ${keys.internal}` });
        assert.equal(response.status, 200);
        const { data } = (await response.json()) as { data: { document: string; lines: [number, number] | null; chunk: string; score: number }[] };
        assert.deepEqual([...new Set(data.map((hit) => hit.document))], ['notice.txt'], mode);
        assert.deepEqual(data[0]?.lines, [1, 3]);
      }
      // Each search is an access record: who, when, from where, which documents; not the query.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const records = await database.query<{ actor: string; detail: { hits: number; documents: string[]; queryLength: number; client: { ip: string } } }>(
        "SELECT actor, detail FROM audit_log WHERE action = 'search.performed' ORDER BY seq");
      assert.equal(records.length, 3);
      for (const record of records) {
        assert.match(record.actor, /^key:/);
        assert.equal(record.detail.documents.length, 1);
        assert.equal(record.detail.client.ip, '127.0.0.1');
        assert.ok(!JSON.stringify(record).includes('타기관마커'), 'the query is not kept');
      }
    });

    test('a public key sees public documents only', async () => {
      const response = await search({ query: '대외비마커 민원', k: 20, mode: 'hybrid' }, { 'x-api-key': keys.public! });
      const { data } = (await response.json()) as { data: { document: string }[] };
      assert.ok(data.every((hit) => hit.document === 'notice.txt'));
    });

    test('a console session searches with the user\'s clearance', async () => {
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tenant: 'mois', username: 'hong', password: 'Gwanghwamun-2026' }),
      });
      assert.equal(login.status, 200, await login.clone().text());
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
      const response = await search({ query: '대외비마커 대응 절차', k: 5 }, { cookie });
      assert.equal(response.status, 200);
      const { data } = (await response.json()) as { data: { document: string }[] };
      assert.equal(data[0]?.document, 'plan.txt');
    });

    test('searches count against the key\'s requests per minute: 429 with Retry-After past the limit', async () => {
      const limited = await startTestServer({
        config: place.config({ logging: { level: 'silent' }, gateway: { limits: { keyRequestsPerMinute: 2 } } }), database, version: 'test',
      });
      try {
        const key = (await createApiKey(database, operator, { tenantId: 'mois', role: 'staff', clearance: 'internal' })).key;
        const call = () => fetch(`${limited.base}/api/search`, {
          method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query: '민원 처리 기한' }),
        });
        // Three searches in one minute window; if a minute boundary falls between them, try once more.
        let statuses: number[] = [];
        let third: Response | undefined;
        for (let attempt = 0; attempt < 2 && !statuses.includes(429); attempt++) {
          const responses = [await call(), await call(), await call()];
          statuses = responses.map((response) => response.status);
          third = responses[2];
        }
        assert.deepEqual(statuses.slice(-1), [429], statuses.join());
        assert.ok(Number(third!.headers.get('retry-after')) >= 1);
      } finally {
        await limited.app.close();
      }
    });

    test('bad bodies are 400: empty query, k above the limit, unknown fields', async () => {
      for (const body of [{ query: ' ' }, { query: '민원', k: 1001 }, { query: '민원', tenant: 'msit' }]) {
        const response = await search(body, { authorization: `Bearer ${keys.internal}` });
        assert.equal(response.status, 400, JSON.stringify(body));
      }
      // Korean messages name the subject in Korean ("number이" read as nobody speaks).
      const tooLarge = await search({ query: '민원', k: 1001 }, { authorization: `Bearer ${keys.internal}` });
      const message = ((await tooLarge.json()) as { error: { message: string } }).error.message;
      assert.match(message, /body\.k: 값이 너무 큽니다/);
      assert.doesNotMatch(message, /number이/);
    });
  });
}
