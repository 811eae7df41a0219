import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createApiKey, createTenant, type Principal } from '../src/auth/index.js';
import { readAuditLog } from '../src/audit/index.js';
import { KgovError } from '../src/core/index.js';
import { ingestDocument } from '../src/data/index.js';
import { answerFromDocuments } from '../src/services/index.js';
import { getTenantSynonyms, normalizeSynonymGroups, parseSynonymLines, searchChunks, setTenantSynonyms, tenantSynonymMap } from '../src/search/index.js';
import { openDatabase, type Database } from '../src/store/index.js';
import { backends, skipReason } from './helpers/backends.js';
import { kgov } from './helpers/cli.js';
import { startTestServer } from './helpers/test-server.js';

const operator: Principal = { kind: 'operator', name: 'test' };
const text = (value: string) => new TextEncoder().encode(value);
const invalid = (error: unknown) => error instanceof KgovError && error.code === 'invalid_synonyms';

test('the file format: one group per line, commas or =, # comments, line numbers kept for errors', () => {
  const parsed = parseSynonymLines('# 약칭\n\n디플정, 디지털 플랫폼 정부\r\n구 안전행정부 = 행정안전부  # 옛 이름\n');
  assert.deepEqual(parsed, { groups: [['디플정', ' 디지털 플랫폼 정부'], ['구 안전행정부 ', ' 행정안전부']], lines: [3, 4] });
  assert.deepEqual(normalizeSynonymGroups(parsed.groups), [['디플정', '디지털플랫폼정부'], ['구안전행정부', '행정안전부']]);
  // NFKC and lower case, as the analyzer sees text; duplicates within a group dropped.
  assert.deepEqual(normalizeSynonymGroups([['ＫＩＳＡ', 'kisa', '한국인터넷진흥원']]), [['kisa', '한국인터넷진흥원']]);
  assert.throws(() => normalizeSynonymGroups([['행안부', '행안부']], { lines: [7] }), (error: unknown) => invalid(error) && /7행|line 7/.test(JSON.stringify((error as KgovError).params)));
  for (const bad of [[['혼자']], [['가', 'x'.repeat(65)]], [['가', '!!!']], [['가', 3]], 'text', [Array.from({ length: 33 }, (_, index) => `단어${index}`)]]) {
    assert.throws(() => normalizeSynonymGroups(bad), invalid, JSON.stringify(bad).slice(0, 40));
  }
  assert.throws(() => normalizeSynonymGroups(Array.from({ length: 2001 }, (_, index) => [`a${index}`, `b${index}`])), invalid);
});

test("a tenant's groups merge with the built-in ones and are found under the analyzer's form of a member", () => {
  const map = tenantSynonymMap([['디플정', '디지털플랫폼정부'], ['Services', '서비스'], ['행안부', '안행부']]);
  assert.deepEqual(map.get('디플정'), ['디지털플랫폼정부']);
  assert.ok(map.get('service')?.includes('서비스'), 'an English member is also looked up by its stem');
  // 행안부 is built in (with 행정안전부, mois, and moi: the analyzer's word for "MOIS"); the tenant's 안행부 joins that group.
  assert.deepEqual(new Set(map.get('안행부')), new Set(['행안부', '행정안전부', 'mois', 'moi']));
  assert.ok(map.get('과기부')?.includes('과학기술정보통신부'), 'built-in groups still apply');
  // Members with numbers are no one-word form of each other: 2,000 such groups stay 2,000 groups.
  const numbered = tenantSynonymMap(Array.from({ length: 2000 }, (_, index) => [`사업${index}`, `과제명칭${index}`]));
  assert.deepEqual(numbered.get('사업5'), ['과제명칭5']);
  assert.equal(numbered.get('사업'), undefined);
  // A chain of lists joins, but not without bound: the ends of a 500-link chain are no synonyms of each other.
  const chain = tenantSynonymMap(Array.from({ length: 500 }, (_, index) => [`단어${index}`, `단어${index + 1}`]));
  assert.ok(chain.get('단어0')?.includes('단어30'));
  assert.ok(!chain.get('단어0')?.includes('단어400'));
  assert.ok(Math.max(...[...chain.values()].map((others) => others.length)) <= 2 * 64, 'a word at the seam of two joined groups has both');
});

for (const backend of backends) {
  describe(`tenant synonyms on ${backend.name}`, { skip: skipReason(backend) }, () => {
    let place: Awaited<ReturnType<typeof backend.prepare>>;
    let database: Database;
    let app: FastifyInstance;
    let base: string;
    const keys: Record<string, string> = {};
    const query = '디플정 데이터 개방';
    const found = async (tenantId: string) =>
      (await searchChunks(database, { kind: 'operator-as', name: 'test', tenantId, role: 'staff', clearance: 'restricted', groups: null }, { tenantId, query, k: 5 })).map((hit) => hit.document);

    before(async () => {
      place = await backend.prepare();
      const config = place.config({ logging: { level: 'silent' } });
      database = await openDatabase(config);
      for (const [id, name] of [['mois', '행정안전부'], ['msit', '과학기술정보통신부']] as const) {
        await createTenant(database, operator, { id, name });
        // The same documents in both tenants: only the tenant whose list says 디플정 = 디지털플랫폼정부 finds the plan.
        await ingestDocument(database, operator, { tenantId: id, fileName: '추진계획.txt', bytes: text('디지털플랫폼정부 추진계획\n\n정부는 디지털플랫폼정부 실현을 위해 공공 부문 혁신을 추진한다.'), grade: 'internal' });
        await ingestDocument(database, operator, { tenantId: id, fileName: '인사.txt', bytes: text('인사 규정\n\n공무원 연가는 연 21일이며 개방형 직위는 따로 정한다.'), grade: 'internal' });
      }
      keys.admin = (await createApiKey(database, operator, { tenantId: 'mois', role: 'admin', clearance: 'restricted' })).key;
      keys.staff = (await createApiKey(database, operator, { tenantId: 'mois', role: 'staff', clearance: 'restricted' })).key;
      keys.otherAdmin = (await createApiKey(database, operator, { tenantId: 'msit', role: 'admin', clearance: 'restricted' })).key;
      ({ app, base } = await startTestServer({ config, database, version: 'test' }));
    });
    after(async () => {
      await app?.close();
      await database?.close();
      await place?.cleanup();
    });

    test("a question's abbreviation finds the documents of its tenant's list, and no other tenant's search changes", async () => {
      assert.ok(!(await found('mois')).includes('추진계획.txt'), 'without the list, the abbreviation matches nothing in the plan');
      const saved = await setTenantSynonyms(database, operator, { tenantId: 'mois', groups: [['디플정', '디지털 플랫폼 정부']] });
      assert.deepEqual(saved.groups, [['디플정', '디지털플랫폼정부']]);
      assert.equal(saved.updatedBy, 'cli:test');
      assert.equal((await found('mois'))[0], '추진계획.txt', 'the change applies at once in this process');
      assert.ok(!(await found('msit')).includes('추진계획.txt'), 'another tenant is not affected');
      // Answers read the list too: the abbreviation is held by the plan's own word (an answer, not "no evidence").
      const ask = (tenantId: string) => answerFromDocuments(database, { kind: 'operator-as', name: 'test', tenantId, role: 'staff', clearance: 'restricted', groups: null }, { tenantId, question: '디플정 실현 추진?' });
      assert.match((await ask('mois')).text, /디지털플랫폼정부 실현을 위해/);
      assert.equal((await ask('msit')).mode, 'no-evidence');
      const records = [];
      for await (const record of readAuditLog(database)) if (record.action === 'synonyms.changed') records.push(record);
      assert.deepEqual(records.map((record) => [record.tenantId, record.detail]), [['mois', { groupsBefore: 0, groupsAfter: 1 }]]);
      // Cleared again: the built-in groups only.
      await setTenantSynonyms(database, operator, { tenantId: 'mois', groups: [] });
      assert.ok(!(await found('mois')).includes('추진계획.txt'));
      assert.deepEqual((await getTenantSynonyms(database, operator, 'mois')).groups, []);
    });

    test('HTTP: administrators read and replace their own tenant\'s list; staff get 403; bad lists 400 with a stable code', async () => {
      const call = (method: string, key: string, body?: unknown) => fetch(`${base}/api/synonyms`, {
        method, headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined,
      });
      const put = await call('PUT', keys.admin!, { groups: [['디플정', '디지털플랫폼정부'], ['구 안전행정부', '행정안전부']] });
      assert.equal(put.status, 200, await put.clone().text());
      assert.deepEqual(((await put.json()) as { groups: string[][] }).groups, [['디플정', '디지털플랫폼정부'], ['구안전행정부', '행정안전부']]);
      const search = await fetch(`${base}/api/search`, { method: 'POST', headers: { authorization: `Bearer ${keys.staff}`, 'content-type': 'application/json' }, body: JSON.stringify({ query, k: 3 }) });
      assert.equal(((await search.json()) as { data: { document: string }[] }).data[0]?.document, '추진계획.txt', 'a staff search in the same server uses the new list');
      assert.equal((await call('GET', keys.staff!)).status, 403);
      assert.equal((await call('PUT', keys.staff!, { groups: [] })).status, 403);
      const mine = (await (await call('GET', keys.otherAdmin!)).json()) as { tenantId: string; groups: string[][] };
      assert.deepEqual([mine.tenantId, mine.groups], ['msit', []], 'an administrator sees their own tenant only');
      const bad = await call('PUT', keys.admin!, { groups: [['혼자']] });
      assert.equal(bad.status, 400);
      assert.equal(((await bad.json()) as { error: { code: string } }).error.code, 'invalid_synonyms');
      assert.equal((await call('PUT', keys.admin!, { groups: 'x' })).status, 400);
      assert.equal((await (await call('GET', keys.admin!)).json() as { groups: string[][] }).groups.length, 2, 'a refused list changes nothing');
    });
  });

  describe(`kgov synonyms on ${backend.name}`, { skip: skipReason(backend) }, () => {
    let place: Awaited<ReturnType<typeof backend.prepare>>;
    let env: Record<string, string>;
    const query = '디플정 데이터 개방';
    before(async () => {
      place = await backend.prepare();
      env = place.env;
      assert.equal(kgov(['tenants', 'create', 'msit', '--name', '과학기술정보통신부'], { env }).status, 0);
      const docs = join(place.dataDir, 'docs');
      mkdirSync(docs);
      writeFileSync(join(docs, '추진계획.txt'), '디지털플랫폼정부 추진계획\n\n정부는 디지털플랫폼정부 실현을 위해 공공 부문 혁신을 추진한다.');
      writeFileSync(join(docs, '인사.txt'), '인사 규정\n\n공무원 연가는 연 21일이며 개방형 직위는 따로 정한다.');
      assert.equal(kgov(['ingest', docs, '--tenant', 'msit'], { env }).status, 0);
    });
    after(async () => {
      await place?.cleanup();
    });

    test('kgov synonyms set/list from a file and stdin; errors name the line; kgov search uses the list', async () => {
      const folder = join(place.dataDir, 'synonyms');
      mkdirSync(folder, { recursive: true });
      const file = join(folder, 'mois.txt');
      writeFileSync(file, '# 우리 기관 약칭\n디플정, 디지털플랫폼정부\n');
      const before = kgov(['search', '--tenant', 'msit', '--k', '3', '--jsonl'], { env, input: `${JSON.stringify({ id: 'q0', question: query })}\n` });
      assert.notEqual((JSON.parse(before.stdout) as { hits: { document: string }[] }).hits[0]?.document, '추진계획.txt');
      const saved = kgov(['synonyms', 'set', file, '--tenant', 'msit'], { env });
      assert.equal(saved.status, 0, saved.stderr);
      const listed = kgov(['synonyms', 'list', '--tenant', 'msit'], { env });
      assert.equal(listed.stdout, '디플정, 디지털플랫폼정부\n', 'list prints the format set reads');
      const searched = kgov(['search', '--tenant', 'msit', '--k', '3', '--jsonl'], { env, input: `${JSON.stringify({ id: 'q1', question: query })}\n` });
      assert.equal(searched.status, 0, searched.stderr);
      assert.equal((JSON.parse(searched.stdout) as { hits: { document: string }[] }).hits[0]?.document, '추진계획.txt');
      writeFileSync(file, '디플정, 디지털플랫폼정부\n\n혼자\n');
      const refused = kgov(['synonyms', 'set', file, '--tenant', 'msit'], { env: { ...env, KGOV_LANG: 'en' } });
      assert.notEqual(refused.status, 0);
      assert.match(refused.stderr, /invalid_synonyms.*line 3/);
      const cleared = kgov(['synonyms', 'set', '-', '--tenant', 'msit'], { env, input: '' });
      assert.equal(cleared.status, 0, cleared.stderr);
      assert.deepEqual(JSON.parse(kgov(['synonyms', 'list', '--tenant', 'msit', '--json'], { env }).stdout).groups, []);
      writeFileSync(file, '디플정, 디지털플랫폼정부\n');
      assert.match(kgov(['synonyms', 'set', file, '--tenant', 'nosuch'], { env }).stderr, /tenant_not_found/);
    });
  });
}
