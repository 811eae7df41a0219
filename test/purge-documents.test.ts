import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { verifyAuditLog } from '../src/audit/index.js';
import { createTenant, type Principal } from '../src/auth/index.js';
import { KgovError } from '../src/core/index.js';
import { deleteDocument, getDocument, ingestDocument, listDocuments, purgeDocuments, purgedFileName } from '../src/data/index.js';
import { searchChunks } from '../src/search/index.js';
import { openDatabase, type Database } from '../src/store/index.js';
import { backends, skipReason } from './helpers/backends.js';
import { kgov } from './helpers/cli.js';

const operator: Principal = { kind: 'operator', name: 'test' };
const person = (role: 'admin' | 'staff', clearance: 'internal' | 'restricted'): Principal =>
  ({ kind: 'api-key', keyId: `k-${role}-${clearance}`, tenantId: 'mois', role, clearance, groups: [] });
const text = (value: string) => new TextEncoder().encode(value);
const day = 86_400_000;

/**
 * Purging (파기, src/data/purge-documents.ts): deleted documents and superseded versions leave the database for good —
 * passages, versions, provenance, file names — while what is served stays, version numbers are never reused, and the
 * audit log keeps ids and hashes only.
 */
for (const backend of backends) {
  describe(`purging documents on ${backend.name}`, { skip: skipReason(backend) }, () => {
    let place: Awaited<ReturnType<typeof backend.prepare>>;
    let database: Database;
    const stored = async (marker: string) => Number((await database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM chunks WHERE text LIKE $1', [`%${marker}%`]))[0]!.n);
    const found = async (query: string) => (await searchChunks(database, operator, { tenantId: 'mois', query, k: 20 })).map((hit) => hit.document);

    before(async () => {
      place = await backend.prepare();
      database = await openDatabase(place.config());
      await createTenant(database, operator, { id: 'mois', name: '행정안전부' });
    });
    after(async () => {
      await database?.close();
      await place?.cleanup();
    });

    test('deleted documents and superseded versions go; the current version stays and is still found', async () => {
      await ingestDocument(database, operator, { tenantId: 'mois', fileName: '홍길동_민원.txt', bytes: text('민원 회신\n\n민원인 홍길동 주민번호 구판파기마커 기재본.'), grade: 'internal' });
      await ingestDocument(database, operator, { tenantId: 'mois', fileName: '홍길동_민원.txt', bytes: text('민원 회신\n\n민원인 정보를 가린 신판유지마커 회신본.'), grade: 'internal' });
      await ingestDocument(database, operator, { tenantId: 'mois', fileName: '폐기대상.txt', bytes: text('보존 기간 만료\n\n삭제문서파기마커 내용.'), grade: 'internal' });
      await deleteDocument(database, operator, { tenantId: 'mois', document: '폐기대상.txt' });
      assert.equal(await stored('구판파기마커'), 1, 'a superseded version is kept until purged');
      assert.equal(await stored('삭제문서파기마커'), 1, 'a deleted document is kept until purged');

      // Nothing is old enough yet.
      const early = await purgeDocuments(database, person('admin', 'internal'), { tenantId: 'mois', olderThanDays: 30 });
      assert.deepEqual([early.documents, early.vacuumed], [[], 'none']);

      const result = await purgeDocuments(database, person('admin', 'internal'), { tenantId: 'mois', olderThanDays: 30, now: new Date(Date.now() + 31 * day) });
      assert.deepEqual(result.documents.map((document) => [document.whole, document.versions.map((version) => version.version), document.chunks]).sort(),
        [[false, [1], 1], [true, [1], 1]]);
      assert.equal(result.vacuumed, 'vacuum');
      assert.equal(await stored('구판파기마커'), 0);
      assert.equal(await stored('삭제문서파기마커'), 0);
      assert.equal(await stored('신판유지마커'), 1);
      assert.equal((await found('신판유지마커'))[0], '홍길동_민원.txt');
      const names = await database.query<{ name: string }>('SELECT name FROM documents');
      assert.deepEqual(names.map((row) => row.name), ['홍길동_민원.txt'], 'the deleted document row is gone');
      const detail = await getDocument(database, operator, 'mois', '홍길동_민원.txt');
      assert.deepEqual(detail.versionList.map((version) => version.version), [2]);
      const versions = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM document_versions');
      assert.equal(Number(versions[0]!.n), 1);

      // The audit record says what went by id and hash, never by name; the chain stays sound.
      const [record] = await database.query<{ target: string; detail: Record<string, unknown> }>(
        "SELECT target, detail FROM audit_log WHERE action = 'document.purged' AND detail->>'whole' = 'true'");
      assert.ok(record);
      assert.deepEqual(Object.keys(record.detail).sort(), ['chunks', 'versions', 'whole']);
      assert.doesNotMatch(JSON.stringify(record.detail), /폐기대상|홍길동/);
      assert.match(JSON.stringify(record.detail), /"sha256":"[0-9a-f]{64}"/);
      assert.equal((await verifyAuditLog(database)).ok, true);
      // Job items no longer name the purged file.
      const items = await database.query<{ file_name: string }>("SELECT file_name FROM ingest_items WHERE file_name LIKE '%폐기대상%'");
      assert.deepEqual(items, []);
    });

    test('version numbers are never reused, and a purged document ingested again is a new one', async () => {
      const first = '출장 규정\n\n여비 첫판번호마커.';
      await ingestDocument(database, operator, { tenantId: 'mois', fileName: 'travel.txt', bytes: text(first), grade: 'internal' });
      await ingestDocument(database, operator, { tenantId: 'mois', fileName: 'travel.txt', bytes: text('출장 규정\n\n여비 둘째판번호마커.'), grade: 'internal' });
      // Deleted, then the first file again: version 1 comes back, version 2 is superseded (the highest number), then purged.
      await deleteDocument(database, operator, { tenantId: 'mois', document: 'travel.txt' });
      const revived = await ingestDocument(database, operator, { tenantId: 'mois', fileName: 'travel.txt', bytes: text(first), grade: 'internal' });
      assert.equal(revived.status === 'ingested' && revived.version, 1, JSON.stringify(revived));
      const purged = await purgeDocuments(database, operator, { tenantId: 'mois', document: 'travel.txt' });
      assert.deepEqual(purged.documents.map((document) => document.versions.map((version) => version.version)), [[2]]);
      const next = await ingestDocument(database, operator, { tenantId: 'mois', fileName: 'travel.txt', bytes: text('출장 규정\n\n여비 셋째판번호마커.'), grade: 'internal' });
      assert.equal(next.status === 'ingested' && next.version, 3, 'not 2: that number named the purged file');

      const gone = '폐지 규정\n\n재수집파기마커 본문.';
      const original = await ingestDocument(database, operator, { tenantId: 'mois', fileName: 'old-rule.txt', bytes: text(gone), grade: 'internal' });
      await deleteDocument(database, operator, { tenantId: 'mois', document: 'old-rule.txt' });
      await purgeDocuments(database, operator, { tenantId: 'mois', document: 'old-rule.txt' });
      const again = await ingestDocument(database, operator, { tenantId: 'mois', fileName: 'old-rule.txt', bytes: text(gone), grade: 'internal' });
      assert.equal(again.status, 'ingested');
      assert.notEqual(again.status === 'ingested' && again.documentId, original.status === 'ingested' && original.documentId);
      assert.equal((await found('재수집파기마커'))[0], 'old-rule.txt');
    });

    test('only administrators purge, within their clearance; a live document with nothing superseded purges nothing', async () => {
      await ingestDocument(database, operator, { tenantId: 'mois', fileName: 'secret.txt', bytes: text('대외비 보고\n\n기밀파기마커.'), grade: 'restricted' });
      await deleteDocument(database, operator, { tenantId: 'mois', document: 'secret.txt' });
      await assert.rejects(purgeDocuments(database, person('staff', 'restricted'), { tenantId: 'mois', document: 'secret.txt' }),
        (error: unknown) => error instanceof KgovError && error.code === 'forbidden');
      await assert.rejects(purgeDocuments(database, person('admin', 'internal'), { tenantId: 'mois', document: 'secret.txt' }),
        (error: unknown) => error instanceof KgovError && error.code === 'document_not_found');
      const tenantWide = await purgeDocuments(database, person('admin', 'internal'), { tenantId: 'mois', olderThanDays: 0 });
      assert.ok(tenantWide.documents.every((document) => !document.whole), 'a restricted document is out of an internal admin\'s reach');
      assert.equal(await stored('기밀파기마커'), 1);
      const mine = await purgeDocuments(database, person('admin', 'restricted'), { tenantId: 'mois', document: 'secret.txt', compact: true });
      assert.deepEqual([mine.documents.length, mine.vacuumed, mine.notCompacted], [1, 'vacuum-full', []]);
      assert.equal(await stored('기밀파기마커'), 0);
      const live = await purgeDocuments(database, operator, { tenantId: 'mois', document: '홍길동_민원.txt' });
      assert.deepEqual(live.documents, []);
      await assert.rejects(purgeDocuments(database, operator, { tenantId: 'mois', olderThanDays: -1 }),
        (error: unknown) => error instanceof KgovError && error.code === 'invalid_request');
      assert.ok((await listDocuments(database, operator, 'mois')).some((document) => document.name === '홍길동_민원.txt'));
    });

    test('what a review found left behind: statistics, template-line counts, near-duplicate reports; compacting later; an unknown tenant', async () => {
      const letterhead = '행정안전부 디지털정부혁신실 공공데이터정책과 담당 주무관 이순신';
      const body = (marker: string) => `${letterhead}\n\n${'공공데이터 개방 확대 추진 계획에 관한 안내. '.repeat(12)}\n\n${marker} 본문.`;
      for (const name of ['서식1.txt', '서식2.txt', '서식3.txt']) {
        await ingestDocument(database, operator, { tenantId: 'mois', fileName: name, bytes: text(body(`통계파기마커${name.slice(2, 3)}`)), grade: 'internal' });
      }
      const counts = async () => (await database.query<{ documents: number }>('SELECT max(documents)::int AS documents FROM boilerplate_lines WHERE tenant_id = $1', ['mois']))[0]!.documents;
      const before = await counts();
      assert.ok(before >= 3, `the letterhead counted on three documents (${before})`);
      const nearReports = async () => Number((await database.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM document_versions WHERE cleaning ? 'nearDuplicateOf'"))[0]!.n);
      await database.query('ANALYZE chunks');
      const sampled = async (marker: string) => Number((await database.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stats WHERE tablename = 'chunks'
           AND (coalesce(most_common_vals::text, '') || coalesce(histogram_bounds::text, '')) LIKE $1`, [`%${marker}%`]))[0]!.n);
      assert.ok(await sampled('통계파기마커1') > 0, 'ANALYZE keeps sample passages in pg_statistic');
      await deleteDocument(database, operator, { tenantId: 'mois', document: '서식1.txt' });
      const nearBefore = await nearReports();
      const result = await purgeDocuments(database, operator, { tenantId: 'mois', document: '서식1.txt' });
      assert.equal(result.documents.length, 1);
      assert.equal(await counts(), before - 1, 'the purged document no longer counts toward template lines');
      assert.equal(await sampled('통계파기마커1'), 0, 'statistics gathered again without the purged passages');
      assert.ok(await nearReports() <= nearBefore);
      const nearNames = await database.query<{ n: number }>("SELECT count(*)::int AS n FROM document_versions WHERE cleaning::text LIKE '%서식1.txt%'");
      assert.equal(Number(nearNames[0]!.n), 0, 'no cleaning report names the purged file');

      // Compacting later, with nothing left to purge, still rewrites the tables.
      const later = await purgeDocuments(database, operator, { tenantId: 'mois', olderThanDays: 0, compact: true });
      assert.equal(later.vacuumed, 'vacuum-full');
      // The server rewrites every table; embedded PGlite rewrites a table with added columns once per process (said).
      if (backend.name === 'postgres') assert.deepEqual(later.notCompacted, []);
      else assert.ok(later.notCompacted.every((table) => ['documents', 'chunks', 'document_versions', 'ingest_items'].includes(table)), later.notCompacted.join());
      await assert.rejects(purgeDocuments(database, operator, { tenantId: 'nosuch' }),
        (error: unknown) => error instanceof KgovError && error.code === 'tenant_not_found');
    });

    test('a document deleted too recently to go whole still loses the versions it replaced long ago', async () => {
      await ingestDocument(database, operator, { tenantId: 'mois', fileName: '보존.txt', bytes: text('보존 규정\n\n오래된판마커 내용.'), grade: 'internal' });
      await ingestDocument(database, operator, { tenantId: 'mois', fileName: '보존.txt', bytes: text('보존 규정\n\n새판마커 내용.'), grade: 'internal' });
      await database.query("UPDATE document_versions SET superseded_at = now() - interval '40 days' WHERE superseded_at IS NOT NULL AND document_id = (SELECT id FROM documents WHERE name = '보존.txt')");
      await deleteDocument(database, operator, { tenantId: 'mois', document: '보존.txt' });
      const result = await purgeDocuments(database, operator, { tenantId: 'mois', olderThanDays: 30 });
      const mine = result.documents.filter((document) => document.versions.some((version) => version.version === 1) && !document.whole);
      assert.ok(mine.length >= 1, JSON.stringify(result.documents));
      assert.equal(await stored('오래된판마커'), 0);
      assert.equal(await stored('새판마커'), 1, 'the deleted document itself waits for its own period');
    });

    test('kgov documents purge: says what it destroyed; refuses to guess what to purge', async () => {
      await database.close();
      const env = place.env;
      const data = ['--data', place.dataDir];
      const file = join(place.dataDir, '회의록.txt');
      writeFileSync(file, '회의록\n\n명령줄파기마커 안건.');
      assert.equal(kgov(['ingest', file, '--tenant', 'mois', ...data], { env }).status, 0);
      assert.equal(kgov(['documents', 'delete', '회의록.txt', '--tenant', 'mois', ...data], { env }).status, 0);

      const unsaid = kgov(['documents', 'purge', '--tenant', 'mois', ...data], { env });
      assert.equal(unsaid.status, 2, unsaid.stderr);
      assert.match(unsaid.stderr, /--older-than|--all/);
      assert.equal(kgov(['documents', 'purge', '--tenant', 'mois', '--older-than', '한달', ...data], { env }).status, 2);
      assert.equal(kgov(['documents', 'purge', '회의록.txt', '--all', '--tenant', 'mois', ...data], { env }).status, 2);
      const unknown = kgov(['documents', 'purge', '--all', '--tenant', 'nosuch', ...data], { env });
      assert.equal(unknown.status, 1, unknown.stderr);
      assert.match(unknown.stderr, /tenant_not_found/);
      const waiting = kgov(['documents', 'purge', '--tenant', 'mois', '--older-than', '30d', ...data], { env });
      assert.equal(waiting.status, 0, waiting.stderr);
      assert.match(waiting.stdout, /파기할 것이 없습니다/);

      const done = kgov(['documents', 'purge', '회의록.txt', '--tenant', 'mois', '--json', ...data], { env });
      assert.equal(done.status, 0, done.stderr);
      const result = JSON.parse(done.stdout) as { documents: { whole: boolean; chunks: number }[]; vacuumed: string };
      assert.deepEqual([result.documents.map((document) => document.whole), result.vacuumed], [[true], 'vacuum']);
      const search = kgov(['search', '--tenant', 'mois', '--jsonl', ...data], { env, input: '{"id":"q","question":"명령줄파기마커 안건"}\n' });
      assert.equal(search.status, 0, search.stderr);
      const answered = JSON.parse(search.stdout) as { id: string; hits: { document: string }[] };
      assert.equal(answered.id, 'q');
      assert.deepEqual(answered.hits.filter((hit) => hit.document.includes('회의록')), []);
      assert.equal(kgov(['audit', 'verify', ...data], { env }).status, 0);
      const listed = kgov(['audit', 'list', '--tenant', 'mois', '--action', 'document.purged', '--jsonl', ...data], { env });
      assert.equal(listed.status, 0, listed.stderr);
      assert.ok(listed.stdout.trim().split('\n').length >= 1);
      assert.doesNotMatch(listed.stdout, /회의록/);
      database = await openDatabase(place.config());
      const items = await database.query<{ file_name: string }>('SELECT file_name FROM ingest_items WHERE file_name = $1', [purgedFileName]);
      assert.ok(items.length >= 1);
    });
  });
}
