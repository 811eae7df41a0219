import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../src/api/index.js';
import { createApiKey, createTenant, type Principal } from '../src/auth/index.js';
import { ingestDocument, parserVersion, treatmentFor } from '../src/data/index.js';
import type { KgovConfig } from '../src/core/index.js';
import { openDatabase, type Database } from '../src/store/index.js';
import { backends, skipReason } from './helpers/backends.js';

const operator: Principal = { kind: 'operator', name: 'test' };
const encode = (text: string) => new TextEncoder().encode(text);
const regulation = (word: string) => Array.from({ length: 20 }, (_, index) =>
  `제${index + 1}조 ${word}기관은 접수한 민원 ${index * 13}건을 처리 기한 안에 처리하고 그 결과를 신청인에게 알려야 한다.`).join('\n');

type Version = {
  version: number; grade: string; parserVersion: number | null;
  nearDuplicateOf: { documentId: string; name: string; version: number; similarity: number } | null;
  personalData: { treatment: string | null; chunks: number; types: Record<string, number> } | null;
};

/** GET /api/documents/:id: near-duplicates and personal-data types per version, within the caller's permissions (issue 3). */
for (const backend of backends) {
  describe(`document detail on ${backend.name}`, { skip: skipReason(backend) }, () => {
    let place: Awaited<ReturnType<typeof backend.prepare>>;
    let config: KgovConfig;
    let database: Database;
    let app: FastifyInstance;
    const keys: Record<string, string> = {};
    const ids: Record<string, string> = {};

    before(async () => {
      place = await backend.prepare();
      config = place.config({ logging: { level: 'silent' }, storage: { keyDir: join(place.dataDir, 'keys') }, ingest: { workers: 1, pii: { tenants: { mois: { internal: 'mask' } } } } });
      database = await openDatabase(config);
      await createTenant(database, operator, { id: 'mois', name: '행정안전부' });
      keys.staff = (await createApiKey(database, operator, { tenantId: 'mois', role: 'staff', clearance: 'internal' })).key;
      keys.reader = (await createApiKey(database, operator, { tenantId: 'mois', role: 'public', clearance: 'public' })).key;
      const ingest = async (fileName: string, body: string, grade: 'public' | 'internal' | 'restricted') => {
        const outcome = await ingestDocument(database, operator, { tenantId: 'mois', fileName, bytes: encode(body), grade }, undefined, { treatment: treatmentFor(config.ingest, 'mois') });
        assert.equal(outcome.status, 'ingested', JSON.stringify(outcome));
        ids[fileName] = (outcome as { documentId: string }).documentId;
      };
      await ingest('rule-2023.txt', regulation('행정'), 'public');
      await ingest('rule-2024.txt', regulation('행정').replace('제7조', '제7조의2'), 'public');
      await ingest('secret.txt', regulation('보안'), 'restricted');
      await ingest('secret-copy.txt', regulation('보안').replace('제3조', '제3조의2'), 'internal');
      await ingest('contact.txt', '민원 담당 안내\n\n문의 전화 010-9876-5432 또는 이메일 minwon.kim@example.go.kr 으로 연락 바랍니다.', 'internal');
      app = await buildServer({ config, database, version: 'test' });
    });
    after(async () => {
      await app?.close();
      await database?.close();
      await place?.cleanup();
    });

    const detail = async (key: string, document: string) => {
      const response = await app.inject({ method: 'GET', url: `/api/documents/${document}`, headers: { authorization: `Bearer ${key}` } });
      return { status: response.statusCode, versions: response.statusCode === 200 ? (response.json() as { document: { versionList: Version[] } }).document.versionList : [] };
    };

    test('a near-duplicate version names the document it resembles, with the similarity', async () => {
      const { status, versions } = await detail(keys.staff!, ids['rule-2024.txt']!);
      assert.equal(status, 200);
      assert.equal(versions[0]!.nearDuplicateOf?.name, 'rule-2023.txt');
      assert.equal(versions[0]!.nearDuplicateOf?.documentId, ids['rule-2023.txt']);
      assert.equal(versions[0]!.nearDuplicateOf?.version, 1);
      assert.ok(versions[0]!.nearDuplicateOf!.similarity >= 0.9 && versions[0]!.nearDuplicateOf!.similarity <= 1);
      const original = await detail(keys.staff!, ids['rule-2023.txt']!);
      assert.equal(original.versions[0]!.nearDuplicateOf, null);
      const reader = await detail(keys.reader!, ids['rule-2024.txt']!);
      assert.equal(reader.versions[0]!.nearDuplicateOf?.name, 'rule-2023.txt', 'a public reader sees a public original');
    });

    test('a near-duplicate of a document above the caller\'s clearance is not named', async () => {
      const [row] = await database.query<{ near_duplicate_of: string | null }>('SELECT near_duplicate_of FROM document_versions WHERE document_id = $1', [ids['secret-copy.txt']]);
      assert.ok(row?.near_duplicate_of, 'recorded in storage');
      const { status, versions } = await detail(keys.staff!, ids['secret-copy.txt']!);
      assert.equal(status, 200);
      assert.equal(versions[0]!.nearDuplicateOf, null);
    });

    test('personal-data types are counted per version, never values; readers below the grade see nothing', async () => {
      const response = await app.inject({ method: 'GET', url: `/api/documents/${ids['contact.txt']}`, headers: { authorization: `Bearer ${keys.staff}` } });
      assert.equal(response.statusCode, 200);
      assert.ok(!response.body.includes('010-9876-5432') && !response.body.includes('minwon.kim'), 'no values');
      const version = (response.json() as { document: { versionList: Version[] } }).document.versionList[0]!;
      assert.equal(version.personalData?.treatment, 'mask');
      assert.ok(version.personalData!.chunks >= 1);
      assert.ok(version.personalData!.types.PHONE! >= 1 && version.personalData!.types.EMAIL! >= 1, JSON.stringify(version.personalData));
      assert.equal(version.parserVersion, parserVersion, 'the parser that made its chunks');
      const plain = await detail(keys.staff!, ids['rule-2023.txt']!);
      assert.deepEqual({ ...plain.versions[0]!.personalData, treatment: null }, { treatment: null, chunks: 0, types: {} });
      assert.equal((await detail(keys.reader!, ids['contact.txt']!)).status, 404, 'an internal document stays hidden from a public reader');
    });
  });
}
