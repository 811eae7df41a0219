import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTenant, type Principal } from '../src/auth/index.js';
import { deleteDocument, ingestDocument, refreshSearchStatistics } from '../src/data/index.js';
import { attachMemoryIndex, detachMemoryIndex, memoryIndexOf, searchChunks, searchModes, unindexChunks, vectorSupport, type SearchMode } from '../src/search/index.js';
import { openDatabase, type Database } from '../src/store/index.js';
import { backends, skipReason } from './helpers/backends.js';

const operator: Principal = { kind: 'operator', name: 'test' };
const reader = (tenantId: string, clearance: 'public' | 'internal' | 'restricted', role: 'staff' | 'public' = 'staff'): Principal =>
  ({ kind: 'api-key', keyId: 'test', tenantId, role, clearance });
const text = (value: string) => new TextEncoder().encode(value);

/**
 * The permission suite for every search path (lexical, vector, hybrid). Vector search ranks every
 * permitted chunk by similarity, so it returns something for any query: the tests ask broad
 * questions with a large k and check that nothing outside the caller's scope ever comes back.
 */
const corpus = [
  { tenantId: 'mois', fileName: 'public-notice.txt', grade: 'public' as const, body: '행정안전부 공개 안내문\n\n민원 처리 기한은 7일이며 공개마커알파 를 참고한다.' },
  { tenantId: 'mois', fileName: 'internal-memo.txt', grade: 'internal' as const, body: '내부 업무 메모\n\n예산 집행 계획 내부마커베타 에 따라 진행한다.' },
  { tenantId: 'mois', fileName: 'restricted-plan.txt', grade: 'restricted' as const, body: '정보보호 대응 계획\n\n침해사고 대응 절차 대외비마커감마 를 따른다.' },
  { tenantId: 'mois', fileName: 'to-delete.txt', grade: 'public' as const, body: '삭제될 공개 문서\n\n민원 예산 계획 삭제마커이타.' },
  { tenantId: 'msit', fileName: 'msit-report.txt', grade: 'public' as const, body: '과학기술정보통신부 보고서\n\n민원 예산 계획 타기관마커엡실론 증액.' },
];
const broad = '민원 예산 계획 대응 절차 안내 보고서 마커 공개 내부 대외비 삭제 개정';

// Every test runs twice: lexical search computed by the database, and from the in-memory index the server keeps.
for (const engine of ['sql', 'memory'] as const) for (const backend of backends) {
  describe(`search permissions on every path on ${backend.name}, lexical index in ${engine}`, { skip: skipReason(backend) }, () => {
    let place: Awaited<ReturnType<typeof backend.prepare>>;
    let database: Database;
    const documentsFound = async (principal: Principal, tenantId: string, mode: SearchMode, query = broad) =>
      new Set((await searchChunks(database, principal, { tenantId, query, k: 100, mode })).map((hit) => hit.document));

    before(async () => {
      place = await backend.prepare();
      database = await openDatabase(place.config());
      await createTenant(database, operator, { id: 'mois', name: '행정안전부' });
      await createTenant(database, operator, { id: 'msit', name: '과학기술정보통신부' });
      for (const document of corpus) {
        const outcome = await ingestDocument(database, operator, { tenantId: document.tenantId, fileName: document.fileName, bytes: text(document.body), grade: document.grade });
        assert.equal(outcome.status, 'ingested');
      }
      // A superseded version and a deleted document: their chunks must never come back.
      await ingestDocument(database, operator, { tenantId: 'mois', fileName: 'public-notice.txt', bytes: text('행정안전부 공개 안내문 개정\n\n민원 처리 기한은 5일이며 개정마커제타 를 참고한다.'), grade: 'public' });
      await deleteDocument(database, operator, { tenantId: 'mois', document: 'to-delete.txt' });
      await refreshSearchStatistics(database);
      if (engine === 'memory') {
        const index = attachMemoryIndex(database, { maxPostings: 1_000_000 });
        assert.ok(await index.warm('mois') && await index.warm('msit'));
      }
    });
    after(async () => {
      if (engine === 'memory') assert.equal(memoryIndexOf(database)?.describe().tenants, 2, 'both tenants were searched from memory');
      if (database) await detachMemoryIndex(database);
      await database?.close();
      await place?.cleanup();
    });

    test('built-in vectors are stored for active chunks only', async () => {
      const [row] = await database.query<{ stale: number; missing: number }>(
        `SELECT (SELECT count(*) FROM chunk_vectors v JOIN chunks c ON c.id = v.chunk_id WHERE NOT c.active)::int AS stale,
                (SELECT count(*) FROM chunks c WHERE c.active AND NOT EXISTS (SELECT 1 FROM chunk_vectors v WHERE v.chunk_id = c.id))::int AS missing`);
      assert.deepEqual(row, { stale: 0, missing: 0 });
      const support = await vectorSupport(database);
      assert.equal(support.pgvector, backend.name === 'pglite' || support.pgvector, 'PGlite always has pgvector');
    });

    for (const mode of searchModes) {
      test(`${mode}: never across tenants`, async () => {
        const found = await documentsFound(reader('mois', 'restricted'), 'mois', mode, `${broad} 타기관마커엡실론 과학기술정보통신부`);
        assert.ok(!found.has('msit-report.txt'), [...found].join());
        assert.deepEqual([...await documentsFound(reader('msit', 'restricted'), 'msit', mode)], ['msit-report.txt']);
      });

      test(`${mode}: never above clearance`, async () => {
        const internal = await documentsFound(reader('mois', 'internal'), 'mois', mode, `${broad} 대외비마커감마 침해사고`);
        assert.ok(!internal.has('restricted-plan.txt'), [...internal].join());
        assert.ok(internal.has('internal-memo.txt'));
        const publicClearance = await documentsFound(reader('mois', 'public'), 'mois', mode, `${broad} 내부마커베타 대외비마커감마`);
        assert.deepEqual([...publicClearance], ['public-notice.txt']);
      });

      test(`${mode}: the public tier sees public documents only, whatever the key row says`, async () => {
        const found = await documentsFound(reader('mois', 'restricted', 'public'), 'mois', mode, `${broad} 내부마커베타 대외비마커감마`);
        assert.deepEqual([...found], ['public-notice.txt']);
      });

      test(`${mode}: superseded and deleted versions are never served`, async () => {
        const hits = await searchChunks(database, reader('mois', 'restricted'), { tenantId: 'mois', query: `${broad} 공개마커알파 삭제마커이타`, k: 100, mode });
        assert.ok(hits.length > 0);
        assert.ok(hits.every((hit) => !hit.text.includes('공개마커알파') && !hit.text.includes('삭제마커이타')), JSON.stringify(hits.map((hit) => hit.text)));
        assert.ok(hits.every((hit) => hit.document !== 'public-notice.txt' || hit.version === 2));
      });
    }

    test('removing part of a posting segment keeps the lists and statistics consistent', async () => {
      const body = Array.from({ length: 60 }, (_, line) => `${line + 1}번째 줄 부분삭제시험 문장 ${line % 7 === 0 ? '특이어휘' : '보통어휘'}`).join('\n');
      const outcome = await ingestDocument(database, operator, { tenantId: 'mois', fileName: 'long.txt', bytes: text(body), grade: 'internal' });
      assert.ok(outcome.status === 'ingested' && outcome.chunks > 2);
      const [first] = await database.query<{ id: number }>("SELECT min(c.id)::int AS id FROM chunks c JOIN documents d ON d.id = c.document_id WHERE d.name = 'long.txt'");
      await database.transaction((tx) => unindexChunks(tx, [first!.id]));
      const hits = await searchChunks(database, reader('mois', 'restricted'), { tenantId: 'mois', query: '부분삭제시험 특이어휘', k: 50 });
      assert.ok(hits.length > 0 && hits.every((hit) => hit.chunk !== String(first!.id)));
      const [mismatch] = await database.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM (SELECT tenant_id, grade, term, sum(df)::int AS df FROM posting_segments GROUP BY 1, 2, 3) s
         FULL JOIN (
           SELECT p.tenant_id, p.grade, p.term, count(DISTINCT c.id)::int AS df
           FROM posting_segments p CROSS JOIN LATERAL unnest(p.chunk_ids) AS posting(chunk_id) JOIN chunks c ON c.id = posting.chunk_id AND c.active
           GROUP BY 1, 2, 3
         ) actual USING (tenant_id, grade, term) WHERE coalesce(s.df, 0) <> coalesce(actual.df, 0)`);
      assert.equal(mismatch?.count, 0);
      const [vectors] = await database.query<{ count: number }>('SELECT count(*)::int AS count FROM chunk_vectors WHERE chunk_id = $1', [first!.id]);
      assert.equal(vectors?.count, 0);
    });

    test('hybrid and vector rank the passage that matches the question first', async () => {
      for (const mode of ['hybrid', 'vector'] as const) {
        const [hit] = await searchChunks(database, reader('mois', 'restricted'), { tenantId: 'mois', query: '침해사고 대응 절차는?', k: 3, mode });
        assert.equal(hit?.document, 'restricted-plan.txt', mode);
      }
    });
  });
}
