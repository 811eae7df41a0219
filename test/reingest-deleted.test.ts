import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createTenant, type Principal } from '../src/auth/index.js';
import { deleteDocument, getDocument, ingestDocument, listDocuments } from '../src/data/index.js';
import { searchChunks, searchModes, type SearchMode } from '../src/search/index.js';
import { openDatabase, type Database } from '../src/store/index.js';
import { backends, skipReason } from './helpers/backends.js';
import { kgov, lastLine } from './helpers/cli.js';

const operator: Principal = { kind: 'operator', name: 'test' };
const member = (groups: string[], clearance: 'internal' | 'restricted' = 'internal'): Principal =>
  ({ kind: 'api-key', keyId: `k-${groups.join('-') || 'none'}-${clearance}`, tenantId: 'mois', role: 'staff', clearance, groups });
const text = (value: string) => new TextEncoder().encode(value);

/**
 * Uploading the exact bytes of a deleted document again (security review of issue 4, finding 1). It used to match
 * the deleted document's version as a duplicate: the document came back listed, with no passage in the index.
 * Now that version comes back as the current one, its passages decided and indexed afresh, under the sharing and
 * permission rules of any other upload.
 */
for (const backend of backends) {
  describe(`re-uploading a deleted document on ${backend.name}`, { skip: skipReason(backend) }, () => {
    let place: Awaited<ReturnType<typeof backend.prepare>>;
    let database: Database;
    const hits = async (principal: Principal, query: string, mode: SearchMode = 'lexical') =>
      searchChunks(database, principal, { tenantId: 'mois', query, k: 50, mode });

    before(async () => {
      place = await backend.prepare();
      database = await openDatabase(place.config());
      await createTenant(database, operator, { id: 'mois', name: '행정안전부' });
    });
    after(async () => {
      await database?.close();
      await place?.cleanup();
    });

    test('the same bytes after deletion: searchable again in every mode, listed once, no duplicate passages', async () => {
      const body = '민원 처리 지침\n\n민원은 접수마커하나 기준으로 7일 안에 처리한다.\n\n처리 결과는 회신마커둘 절차로 알린다.';
      const first = await ingestDocument(database, operator, { tenantId: 'mois', fileName: 'civil.txt', bytes: text(body), grade: 'internal' });
      assert.equal(first.status, 'ingested');
      const before = (await hits(operator, '접수마커하나 회신마커둘 민원')).filter((hit) => hit.document === 'civil.txt');
      assert.ok(before.length > 0);
      await deleteDocument(database, operator, { tenantId: 'mois', document: 'civil.txt' });
      assert.deepEqual((await hits(operator, '접수마커하나 회신마커둘 민원')).filter((hit) => hit.document === 'civil.txt'), []);

      const again = await ingestDocument(database, operator, { tenantId: 'mois', fileName: 'civil.txt', bytes: text(body), grade: 'internal' });
      assert.equal(again.status, 'ingested', JSON.stringify(again));
      assert.equal(again.status === 'ingested' && again.documentId, first.status === 'ingested' && first.documentId, 'the same document, revived');
      assert.equal(again.status === 'ingested' && again.version, 1, 'the version with these bytes is current again');
      assert.equal(again.status === 'ingested' && again.cleaning.indexed, first.status === 'ingested' && first.cleaning.indexed);
      for (const mode of searchModes) {
        const found = (await hits(member([]), '접수마커하나 회신마커둘 민원', mode)).filter((hit) => hit.document === 'civil.txt');
        assert.deepEqual(found.map((hit) => hit.chunk).sort(), before.map((hit) => hit.chunk).sort(), mode);
        assert.equal(new Set(found.map((hit) => hit.chunk)).size, found.length, `${mode}: no passage twice`);
      }
      const listed = (await listDocuments(database, operator, 'mois')).filter((document) => document.name === 'civil.txt');
      assert.deepEqual(listed.map((document) => [document.version, document.versions, document.chunks]), [[1, 1, before.length]]);
      const [stored] = await database.query<{ chunks: number }>(
        "SELECT count(*)::int AS chunks FROM chunks c JOIN documents d ON d.id = c.document_id WHERE d.name = 'civil.txt'");
      assert.equal(Number(stored!.chunks), before.length, 'no second copy of the passages is stored');
      const audit = await database.query<{ detail: { revived?: boolean } }>("SELECT detail FROM audit_log WHERE action = 'document.ingested' AND detail->>'name' = 'civil.txt' ORDER BY seq");
      assert.deepEqual(audit.map((record) => record.detail.revived ?? false), [false, true]);
      // Uploading it once more is a duplicate again, and writes nothing.
      const third = await ingestDocument(database, operator, { tenantId: 'mois', fileName: 'civil.txt', bytes: text(body), grade: 'internal' });
      assert.deepEqual(third, { status: 'duplicate', documentId: again.status === 'ingested' ? again.documentId : '', version: 1 });
    });

    test('an older version of a deleted document comes back as the current one; a stricter grade is kept', async () => {
      const older = '출장 규정\n\n출장 여비는 구판마커셋 기준으로 지급한다.';
      await ingestDocument(database, operator, { tenantId: 'mois', fileName: 'travel.txt', bytes: text(older), grade: 'internal' });
      await ingestDocument(database, operator, { tenantId: 'mois', fileName: 'travel.txt', bytes: text('출장 규정 (개정)\n\n출장 여비는 신판마커넷 기준으로 지급한다.'), grade: 'internal' });
      await deleteDocument(database, operator, { tenantId: 'mois', document: 'travel.txt' });
      const again = await ingestDocument(database, operator, { tenantId: 'mois', fileName: 'travel.txt', bytes: text(older), grade: 'restricted' });
      assert.equal(again.status === 'ingested' && `${again.version} ${again.grade}`, '1 restricted');
      const detail = await getDocument(database, operator, 'mois', 'travel.txt');
      assert.deepEqual([detail.version, detail.grade, detail.versionList.map((version) => [version.version, version.supersededAt === null])],
        [1, 'restricted', [[2, false], [1, true]]]);
      assert.deepEqual((await hits(member([], 'internal'), '구판마커셋 출장 여비')).filter((hit) => hit.document === 'travel.txt'), [], 'not below its new grade');
      assert.deepEqual([...new Set((await hits(member([], 'restricted'), '구판마커셋 신판마커넷 출장 여비')).filter((hit) => hit.document === 'travel.txt').map((hit) => hit.version))], [1]);
    });

    test('a passage served elsewhere meanwhile is withheld as a duplicate, not served twice', async () => {
      const paragraph = '보안 점검 안내\n\n정기 보안 점검은 점검마커다섯 절차로 한다.';
      await ingestDocument(database, operator, { tenantId: 'mois', fileName: 'security.txt', bytes: text(paragraph), grade: 'internal' });
      const copy = await ingestDocument(database, operator, { tenantId: 'mois', fileName: 'security-copy.txt', bytes: text(paragraph), grade: 'internal' });
      assert.equal(copy.status === 'ingested' && copy.cleaning.withheld.duplicate > 0, true);
      await deleteDocument(database, operator, { tenantId: 'mois', document: 'security.txt' });
      const again = await ingestDocument(database, operator, { tenantId: 'mois', fileName: 'security.txt', bytes: text(paragraph), grade: 'internal' });
      assert.equal(again.status === 'ingested' && again.cleaning.withheld.duplicate > 0, true, JSON.stringify(again));
      const found = (await hits(member([]), '점검마커다섯 정기 보안 점검')).filter((hit) => hit.document.startsWith('security'));
      assert.deepEqual([...new Set(found.map((hit) => hit.document))], ['security-copy.txt']);
      assert.equal(new Set(found.map((hit) => hit.text)).size, found.length, 'each passage once');
    });

    test('someone who could not read the deleted document gets the same refusal for its exact bytes, and it stays deleted', async () => {
      const body = '감사 자료\n\n비공개 감사마커여섯 내용을 정리한다.';
      await ingestDocument(database, operator, { tenantId: 'mois', fileName: 'audit.txt', bytes: text(body), grade: 'internal', share: '감사관실' });
      await deleteDocument(database, operator, { tenantId: 'mois', document: 'audit.txt' });
      const refused = { status: 'failed', code: 'document_forbidden', reason: 'not readable by the uploader' };
      assert.deepEqual(await ingestDocument(database, member(['기획조정실']), { tenantId: 'mois', fileName: 'audit.txt', bytes: text(body), grade: 'internal' }), refused);
      assert.deepEqual(await ingestDocument(database, member(['기획조정실']), { tenantId: 'mois', fileName: 'audit.txt', bytes: text(body), grade: 'internal', share: '' }), refused);
      assert.deepEqual(await ingestDocument(database, member(['기획조정실']), { tenantId: 'mois', fileName: 'audit.txt', bytes: text('다른 내용\n\n전혀 다른 글.'), grade: 'internal' }), refused,
        'the same answer as for other bytes: nothing tells the versions apart');
      assert.equal((await listDocuments(database, operator, 'mois')).some((document) => document.name === 'audit.txt'), false, 'still deleted');
      assert.deepEqual((await hits(operator, '감사마커여섯 비공개')).filter((hit) => hit.document === 'audit.txt'), []);
      // A member may bring it back; it keeps its sharing, so outsiders still do not see it.
      const auditor = member(['감사관실']);
      assert.equal((await ingestDocument(database, auditor, { tenantId: 'mois', fileName: 'audit.txt', bytes: text(body), grade: 'internal' })).status, 'ingested');
      for (const mode of searchModes) {
        assert.deepEqual((await hits(member(['기획조정실']), '감사마커여섯 비공개', mode)).filter((hit) => hit.document === 'audit.txt'), [], mode);
        assert.equal((await hits(auditor, '감사마커여섯 비공개', mode)).some((hit) => hit.document === 'audit.txt'), true, mode);
      }
      const [restricted] = await database.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM restricted_segments r JOIN documents d ON d.id = r.document_id WHERE d.name = 'audit.txt' AND r.access_groups = '{감사관실}'");
      assert.ok(Number(restricted!.n) > 0, 'its segments are listed as restricted again');
    });

    test('a version above the uploader\'s clearance does not come back through them', async () => {
      const body = '인사 기록\n\n대외비 인사마커일곱 심사 결과.';
      await ingestDocument(database, operator, { tenantId: 'mois', fileName: 'personnel.txt', bytes: text(body), grade: 'restricted' });
      await ingestDocument(database, operator, { tenantId: 'mois', fileName: 'personnel.txt', bytes: text('인사 기록 (공지용)\n\n내부 공지.'), grade: 'internal' });
      await deleteDocument(database, operator, { tenantId: 'mois', document: 'personnel.txt' });
      const outcome = await ingestDocument(database, member([], 'internal'), { tenantId: 'mois', fileName: 'personnel.txt', bytes: text(body), grade: 'internal' });
      assert.equal(outcome.status === 'failed' && outcome.code, 'document_forbidden');
      assert.equal((await listDocuments(database, operator, 'mois')).some((document) => document.name === 'personnel.txt'), false, 'still deleted');
    });
  });
}

for (const backend of backends) {
  describe(`kgov documents delete, then kgov ingest of the same file, on ${backend.name}`, { skip: skipReason(backend) }, () => {
    let place: Awaited<ReturnType<typeof backend.prepare>>;
    let folder: string;
    before(async () => {
      place = await backend.prepare();
      folder = mkdtempSync(join(tmpdir(), 'kgov-reingest-'));
    });
    after(async () => {
      await place?.cleanup();
      rmSync(folder, { recursive: true, force: true });
    });

    test('the file is searchable again and listed once', () => {
      const env = { ...place.env, KGOV_LANG: 'en' };
      assert.equal(kgov(['tenants', 'create', 'mois', '--name', '행정안전부'], { env }).status, 0);
      const file = join(folder, '복무지침.txt');
      writeFileSync(file, '복무 지침\n\n유연근무는 씨엘아이재등록마커 절차로 신청한다.');
      const ingest = () => kgov(['ingest', file, '--tenant', 'mois', '--json'], { env });
      const first = ingest();
      assert.equal(first.status, 0, first.stderr);
      const list = () => (JSON.parse(lastLine(kgov(['documents', 'list', '--tenant', 'mois', '--json'], { env }).stdout)) as { name: string; chunks: number }[])
        .map((row) => [row.name, row.chunks]);
      const listedFirst = list();
      assert.equal(listedFirst.length, 1);
      assert.equal(kgov(['documents', 'delete', '복무지침.txt', '--tenant', 'mois'], { env }).status, 0);
      const second = ingest();
      assert.equal(second.status, 0, second.stderr);
      assert.equal((JSON.parse(lastLine(second.stdout)) as { status: string }).status, 'ingested', second.stdout);
      const search = kgov(['search', '--tenant', 'mois', '--k', '5', '--jsonl'], { env, input: JSON.stringify({ id: 'q', question: '씨엘아이재등록마커 유연근무' }) });
      assert.equal(search.status, 0, search.stderr);
      assert.deepEqual((JSON.parse(lastLine(search.stdout)) as { hits: { document: string }[] }).hits.map((hit) => hit.document), ['복무지침.txt']);
      assert.deepEqual(list(), listedFirst);
    });
  });
}
