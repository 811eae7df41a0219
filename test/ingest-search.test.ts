import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTenant, type Principal } from '../src/auth/index.js';
import { verifyAuditLog } from '../src/audit/index.js';
import { deleteDocument, ingestDocument, listDocuments, refreshSearchStatistics } from '../src/data/index.js';
import { KgovError } from '../src/core/index.js';
import { searchChunks } from '../src/search/index.js';
import { openDatabase, type Database } from '../src/store/index.js';
import { backends, skipReason } from './helpers/backends.js';

const operator: Principal = { kind: 'operator', name: 'test' };
const reader = (tenantId: string, clearance: 'public' | 'internal' | 'restricted', role: 'staff' | 'public' = 'staff'): Principal =>
  ({ kind: 'api-key', keyId: 'test', tenantId, role, clearance });
const text = (value: string) => new TextEncoder().encode(value);

/**
 * Each document carries a marker word. Bigram matching lets other documents share parts of a marker,
 * so tests assert which documents may and may not appear, not an exact list.
 */
const documents = {
  mois: [
    { fileName: 'public-notice.txt', grade: 'public' as const, body: '행정안전부 공개 안내문\n\n민원 처리 기한은 7일이며 공개마커알파 를 참고한다.' },
    { fileName: 'internal-memo.txt', grade: 'internal' as const, body: '내부 업무 메모\n\n예산 집행 계획 내부마커베타 에 따라 진행한다.' },
    { fileName: 'restricted-plan.txt', grade: 'restricted' as const, body: '정보보호 대응 계획\n\n침해사고 대응 절차 대외비마커감마 를 따른다.' },
    // Given as public, but stamped 대외비 in its first line: the stricter grade wins.
    { fileName: 'stamped.txt', grade: 'public' as const, body: '[대외비]\n\n조직 개편안 초안 스탬프마커델타 포함.' },
  ],
  msit: [{ fileName: 'msit-report.txt', grade: 'public' as const, body: '과학기술정보통신부 보고서\n\n연구개발 예산 타기관마커엡실론 증액.' }],
};

for (const backend of backends) {
  describe(`ingest and permission-aware search on ${backend.name}`, { skip: skipReason(backend) }, () => {
    let place: Awaited<ReturnType<typeof backend.prepare>>;
    let database: Database;
    const find = async (principal: Principal, tenantId: string, query: string) =>
      (await searchChunks(database, principal, { tenantId, query, k: 10 })).map((hit) => hit.document);

    before(async () => {
      place = await backend.prepare();
      database = await openDatabase(place.config());
      await createTenant(database, operator, { id: 'mois', name: '행정안전부' });
      await createTenant(database, operator, { id: 'msit', name: '과학기술정보통신부' });
      for (const [tenantId, list] of Object.entries(documents)) {
        for (const document of list) {
          const outcome = await ingestDocument(database, operator, { tenantId, fileName: document.fileName, bytes: text(document.body), grade: document.grade });
          assert.equal(outcome.status, 'ingested', JSON.stringify(outcome));
        }
      }
      await refreshSearchStatistics(database);
    });
    after(async () => {
      await database?.close();
      await place?.cleanup();
    });

    test('same bytes again: a duplicate, nothing written', async () => {
      const outcome = await ingestDocument(database, operator, { tenantId: 'mois', fileName: 'public-notice.txt', bytes: text(documents.mois[0]!.body), grade: 'public' });
      assert.equal(outcome.status, 'duplicate');
      assert.equal((await listDocuments(database, operator, 'mois')).find((row) => row.name === 'public-notice.txt')?.versions, 1);
      // Without a grade, or with a looser one, it is the same duplicate; with a stricter one it fails, saying what to do,
      // rather than leave the document open at the grade the operator just said is too open.
      assert.equal((await ingestDocument(database, operator, { tenantId: 'mois', fileName: 'public-notice.txt', bytes: text(documents.mois[0]!.body) })).status, 'duplicate');
      const stricter = await ingestDocument(database, operator, { tenantId: 'mois', fileName: 'public-notice.txt', bytes: text(documents.mois[0]!.body), grade: 'restricted' });
      assert.equal(stricter.status, 'failed');
      assert.ok(stricter.status === 'failed' && stricter.code === 'grade_conflict' && /documents delete/.test(stricter.reason));
      assert.equal((await listDocuments(database, operator, 'mois')).find((row) => row.name === 'public-notice.txt')?.grade, 'public');
    });

    test('a marking in the document raises the grade; the stricter wins', async () => {
      const stamped = (await listDocuments(database, operator, 'mois')).find((row) => row.name === 'stamped.txt');
      assert.equal(stamped?.grade, 'restricted');
    });

    test('hits carry document, chunk, 1-based line spans and scores', async () => {
      const [hit] = await searchChunks(database, reader('mois', 'restricted'), { tenantId: 'mois', query: '민원 처리 기한', k: 1 });
      assert.equal(hit?.document, 'public-notice.txt');
      assert.deepEqual(hit?.lines, [1, 3]);
      assert.ok(hit!.score > 0);
    });

    test('clearance bounds what is found: public < internal < restricted', async () => {
      assert.equal((await find(reader('mois', 'restricted'), 'mois', '대외비마커감마'))[0], 'restricted-plan.txt');
      const internal = await find(reader('mois', 'internal'), 'mois', '대외비마커감마 스탬프마커델타 내부마커베타');
      assert.ok(!internal.includes('restricted-plan.txt') && !internal.includes('stamped.txt'), internal.join());
      assert.equal(internal[0], 'internal-memo.txt');
      const publicOnly = await find(reader('mois', 'public'), 'mois', '내부마커베타 대외비마커감마');
      assert.deepEqual([...new Set(publicOnly)], publicOnly.length ? ['public-notice.txt'] : []);
    });

    test('the public tier sees public documents only, whatever the key row says', async () => {
      const publicKey = reader('mois', 'restricted', 'public');
      assert.equal((await find(publicKey, 'mois', '공개마커알파'))[0], 'public-notice.txt');
      for (const marker of ['내부마커베타', '대외비마커감마', '스탬프마커델타']) {
        assert.ok((await find(publicKey, 'mois', marker)).every((name) => name === 'public-notice.txt'), marker);
      }
      // A broad query returns only public documents too (the filter is in the query, not after top-k).
      const broad = await searchChunks(database, publicKey, { tenantId: 'mois', query: '계획 대응 예산 안내 민원 조직', k: 50 });
      assert.ok(broad.every((hit) => hit.document === 'public-notice.txt'), JSON.stringify(broad.map((hit) => hit.document)));
    });

    test('no reading across tenants', async () => {
      assert.ok(!(await find(reader('mois', 'restricted'), 'mois', '타기관마커엡실론')).includes('msit-report.txt'));
      await assert.rejects(searchChunks(database, reader('mois', 'restricted'), { tenantId: 'msit', query: '타기관마커엡실론', k: 5 }),
        (error: unknown) => error instanceof KgovError && error.code === 'forbidden');
      assert.deepEqual(await find(reader('msit', 'public'), 'msit', '타기관마커엡실론'), ['msit-report.txt'], 'msit has one document');
    });

    test('a new version supersedes the old one: old text is never served, new text is', async () => {
      const outcome = await ingestDocument(database, operator, { tenantId: 'mois', fileName: 'public-notice.txt', bytes: text('행정안전부 공개 안내문 (개정)\n\n민원 처리 기한은 5일로 단축하며 개정마커제타 를 참고한다.'), grade: 'public' });
      assert.equal(outcome.status, 'ingested');
      assert.equal(outcome.status === 'ingested' && outcome.version, 2);
      const hits = await searchChunks(database, reader('mois', 'restricted'), { tenantId: 'mois', query: '공개마커알파 민원 처리 기한', k: 50 });
      assert.ok(hits.every((hit) => !hit.text.includes('공개마커알파')), 'the superseded text is never served');
      const [hit] = await searchChunks(database, reader('mois', 'public', 'public'), { tenantId: 'mois', query: '개정마커제타', k: 1 });
      assert.equal(hit?.version, 2);
      const stored = await database.query<{ count: number }>("SELECT count(*)::int AS count FROM chunks WHERE text LIKE '%공개마커알파%'");
      assert.equal(stored[0]?.count, 1, 'the old version is kept for audit');
    });

    test('a deleted document disappears from search and listing', async () => {
      await deleteDocument(database, operator, { tenantId: 'mois', document: 'internal-memo.txt' });
      assert.ok(!(await find(reader('mois', 'restricted'), 'mois', '내부마커베타 예산 집행 계획')).includes('internal-memo.txt'));
      assert.ok(!(await listDocuments(database, operator, 'mois')).some((row) => row.name === 'internal-memo.txt'));
      await assert.rejects(deleteDocument(database, operator, { tenantId: 'mois', document: 'internal-memo.txt' }),
        (error: unknown) => error instanceof KgovError && error.code === 'document_not_found');
    });

    test('index statistics match the active chunks after supersede and delete', async () => {
      const [stats] = await database.query<{ chunks: number; terms: number }>('SELECT sum(chunk_count)::int AS chunks, sum(term_total)::int AS terms FROM index_stats');
      const [actual] = await database.query<{ chunks: number; terms: number }>('SELECT count(*)::int AS chunks, sum(term_count)::int AS terms FROM chunks WHERE active');
      assert.deepEqual(stats, actual);
      const [orphans] = await database.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM posting_segments p CROSS JOIN LATERAL unnest(p.chunk_ids) AS posting(chunk_id)
         JOIN chunks c ON c.id = posting.chunk_id WHERE NOT c.active OR c.tenant_id <> p.tenant_id OR c.grade <> p.grade`);
      assert.equal(orphans?.count, 0);
      // The document frequency a search sums (the segments' df) equals the number of distinct active chunks in the lists.
      const [mismatch] = await database.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM (SELECT tenant_id, grade, term, sum(df)::int AS df FROM posting_segments GROUP BY 1, 2, 3) s
         FULL JOIN (
           SELECT p.tenant_id, p.grade, p.term, count(DISTINCT c.id)::int AS df
           FROM posting_segments p CROSS JOIN LATERAL unnest(p.chunk_ids) AS posting(chunk_id) JOIN chunks c ON c.id = posting.chunk_id AND c.active
           GROUP BY 1, 2, 3
         ) actual USING (tenant_id, grade, term) WHERE coalesce(s.df, 0) <> coalesce(actual.df, 0)`);
      assert.equal(mismatch?.count, 0);
    });

    test('a corrupt file fails alone with a code; ingest and delete are audited; the chain verifies', async () => {
      const outcome = await ingestDocument(database, operator, { tenantId: 'mois', fileName: 'broken.hwp', bytes: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]) });
      assert.equal(outcome.status, 'failed');
      const actions = (await database.query<{ action: string }>("SELECT action FROM audit_log WHERE action LIKE 'document.%'")).map((row) => row.action);
      assert.equal(actions.filter((action) => action === 'document.ingested').length, 6);
      assert.equal(actions.filter((action) => action === 'document.deleted').length, 1);
      assert.equal((await verifyAuditLog(database)).ok, true);
    });
  });
}
