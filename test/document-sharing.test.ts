import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildServer } from '../src/api/index.js';
import { createApiKey, createTenant, everyGroup, type Grade, type Principal } from '../src/auth/index.js';
import { KgovError } from '../src/core/index.js';
import { deleteDocument, getDocument, ingestDocument, listDocuments, refreshSearchStatistics, shareDocument, verifyProvenance } from '../src/data/index.js';
import { analyzeForIndex, analyzeQuery, attachMemoryIndex, builtInEmbedder, detachMemoryIndex, indexChunks, memoryIndexOf, searchChunks, searchLexical, searchModes, searchVectors, unindexChunksForSearch, type SearchMode } from '../src/search/index.js';
import { openDatabase, type Database } from '../src/store/index.js';
import { backends, skipReason } from './helpers/backends.js';
import { kgov, lastLine } from './helpers/cli.js';

const operator: Principal = { kind: 'operator', name: 'test' };
const member = (groups: string[], clearance: 'public' | 'internal' | 'restricted' = 'internal'): Principal =>
  ({ kind: 'api-key', keyId: `k-${groups.join('-') || 'none'}-${clearance}`, tenantId: 'mois', role: clearance === 'public' ? 'public' : 'staff', clearance, groups });
const text = (value: string) => new TextEncoder().encode(value);
const notFound = (error: unknown) => error instanceof KgovError && error.code === 'document_not_found';

/**
 * Document-level sharing (issue 4): a document shared with some groups is, for everyone else in the tenant, as if
 * it did not exist — not a hit in any search mode, not a term in the statistics that score the others, not in
 * listings, detail, provenance or deletion — and sharing never lifts a document above the reader's clearance.
 */
// Every test runs twice: lexical search computed by the database, and from the in-memory index the server keeps.
for (const engine of ['sql', 'memory'] as const) for (const backend of backends) {
  describe(`document sharing on ${backend.name}, lexical index in ${engine}`, { skip: skipReason(backend) }, () => {
    let place: Awaited<ReturnType<typeof backend.prepare>>;
    let database: Database;
    const found = async (principal: Principal, query: string, mode: SearchMode = 'lexical') =>
      (await searchChunks(database, principal, { tenantId: 'mois', query, k: 50, mode }));
    const names = async (principal: Principal, query: string, mode: SearchMode = 'lexical') =>
      new Set((await found(principal, query, mode)).map((hit) => hit.document));

    before(async () => {
      place = await backend.prepare();
      database = await openDatabase(place.config());
      await createTenant(database, operator, { id: 'mois', name: '행정안전부' });
      const ingest = async (fileName: string, body: string, extra: { grade?: 'public' | 'internal' | 'restricted'; share?: string } = {}) => {
        const outcome = await ingestDocument(database, operator, { tenantId: 'mois', fileName, bytes: text(body), grade: extra.grade ?? 'internal', ...(extra.share ? { share: extra.share } : {}) });
        assert.equal(outcome.status, 'ingested', JSON.stringify(outcome));
      };
      await ingest('open-notice.txt', '예산 집행 안내\n\n예산 집행 계획 공유마커알파 를 전 직원이 참고한다.');
      await ingest('audit-findings.txt', '감사 결과 보고\n\n예산 집행 계획 감사마커베타 부적정 사례를 정리한다.', { share: '감사관실' });
      await ingest('hr-plan.txt', '인사 운영 계획\n\n예산 집행 계획 인사마커감마 승진 심사 기준.', { share: '운영지원과,감사관실', grade: 'restricted' });
      await refreshSearchStatistics(database);
      if (engine === 'memory') assert.ok(await attachMemoryIndex(database, { maxPostings: 1_000_000 }).warm('mois'));
    });
    after(async () => {
      if (engine === 'memory') assert.ok((memoryIndexOf(database)?.describe().tenants ?? 0) >= 1, 'searched from memory');
      if (database) await detachMemoryIndex(database);
      await database?.close();
      await place?.cleanup();
    });

    for (const mode of searchModes) {
      test(`${mode}: a shared document reaches only its groups, and never above clearance`, async () => {
        const query = '예산 집행 계획 감사마커베타 인사마커감마 공유마커알파 부적정 승진';
        assert.deepEqual([...await names(member([]), query, mode)].sort(), ['open-notice.txt']);
        assert.deepEqual([...await names(member(['기획조정실']), query, mode)].sort(), ['open-notice.txt']);
        assert.deepEqual([...await names(member(['감사관실']), query, mode)].sort(), ['audit-findings.txt', 'open-notice.txt']);
        assert.deepEqual([...await names(member(['감사관실'], 'restricted'), query, mode)].sort(), ['audit-findings.txt', 'hr-plan.txt', 'open-notice.txt']);
        assert.deepEqual([...await names(member(['운영지원과'], 'restricted'), query, mode)].sort(), ['hr-plan.txt', 'open-notice.txt']);
        // Sharing narrows; it never lifts the grade: a public-tier key in the group sees nothing internal.
        assert.deepEqual([...await names(member(['감사관실'], 'public'), query, mode)], []);
        // The operator (and `kgov search` without --groups) sees every group.
        assert.equal((await names(operator, query, mode)).size, 3);
      });
    }

    test('index queries given null or no groups (a caller that lost the scope) see no document shared with groups', async () => {
      const terms = analyzeQuery('예산 집행 계획 감사마커베타 인사마커감마 공유마커알파');
      const vector = (await builtInEmbedder.embed(['예산 집행 계획 감사마커베타 인사마커감마 공유마커알파'], 'query'));
      assert.ok(vector.ok);
      const tenantWide = new Set((await database.query<{ id: number | string }>(
        "SELECT c.id FROM chunks c JOIN documents d ON d.id = c.document_id WHERE d.tenant_id = 'mois' AND d.access_groups = '{}'")).map((row) => Number(row.id)));
      for (const groups of [null, undefined]) {
        const input = { tenantId: 'mois', grades: ['public', 'internal', 'restricted'] as Grade[], k: 50, ...(groups === null ? { groups } : {}) };
        const lexical = await searchLexical(database, { ...input, terms });
        const vectors = await searchVectors(database, { ...input, embedder: builtInEmbedder, vector: vector.vectors[0]! });
        assert.ok(lexical.length > 0 && vectors.length > 0, String(groups));
        assert.deepEqual([...lexical, ...vectors].filter((hit) => !tenantWide.has(hit.chunkId)), [], String(groups));
      }
      const everyone = await searchLexical(database, { tenantId: 'mois', grades: ['public', 'internal', 'restricted'], k: 50, terms, groups: [everyGroup] });
      assert.ok(everyone.some((hit) => !tenantWide.has(hit.chunkId)), 'the marker, asked for by name, sees every group');
    });

    test('hidden documents do not move the scores of visible ones (passage count, lengths, document frequencies)', async () => {
      const query = '예산 집행 계획';
      const seenByOutsider = await found(member([]), query);
      assert.deepEqual(seenByOutsider.map((hit) => hit.document), ['open-notice.txt']);
      // A second tenant holding only the open document gives the reference score.
      await createTenant(database, operator, { id: 'ref', name: '참조' });
      await ingestDocument(database, operator, { tenantId: 'ref', fileName: 'open-notice.txt', bytes: text('예산 집행 안내\n\n예산 집행 계획 공유마커알파 를 전 직원이 참고한다.'), grade: 'internal' });
      const [reference] = await searchChunks(database, { ...member([]), tenantId: 'ref' } as Principal, { tenantId: 'ref', query, k: 5 });
      assert.ok(Math.abs(reference!.score - seenByOutsider[0]!.score) < 1e-9, `${reference!.score} vs ${seenByOutsider[0]!.score}`);
      const [seenByMember] = (await found(member(['감사관실']), query)).filter((hit) => hit.document === 'open-notice.txt');
      assert.notEqual(seenByMember!.score, seenByOutsider[0]!.score, 'members score over more passages');
    });

    test('listing, detail, provenance and deletion treat a document shared elsewhere as missing', async () => {
      const outsider = member(['기획조정실'], 'restricted');
      assert.deepEqual((await listDocuments(database, outsider, 'mois')).map((document) => document.name), ['open-notice.txt']);
      const listed = await listDocuments(database, member(['감사관실'], 'restricted'), 'mois');
      assert.deepEqual(listed.map((document) => [document.name, document.sharedWith]), [
        ['audit-findings.txt', ['감사관실']], ['hr-plan.txt', ['감사관실', '운영지원과']], ['open-notice.txt', []],
      ]);
      await assert.rejects(getDocument(database, outsider, 'mois', 'audit-findings.txt'), notFound);
      await assert.rejects(verifyProvenance(database, outsider, { tenantId: 'mois', document: 'audit-findings.txt' }), notFound);
      await assert.rejects(deleteDocument(database, outsider, { tenantId: 'mois', document: 'audit-findings.txt' }), notFound);
      await assert.rejects(shareDocument(database, outsider, { tenantId: 'mois', document: 'audit-findings.txt', groups: [] }), notFound);
      assert.equal((await getDocument(database, member(['감사관실']), 'mois', 'audit-findings.txt')).name, 'audit-findings.txt');
    });

    test('someone who may not read a document cannot add a version of it (the file fails alone, nothing changes)', async () => {
      const outcome = await ingestDocument(database, member(['기획조정실'], 'restricted'), {
        tenantId: 'mois', fileName: 'audit-findings.txt', bytes: text('덮어쓰기 시도\n\n공개로 바꾸려는 내용.'), grade: 'public', share: '',
      });
      assert.deepEqual(outcome.status === 'failed' && outcome.code, 'document_forbidden');
      const detail = await getDocument(database, operator, 'mois', 'audit-findings.txt');
      assert.deepEqual([detail.version, detail.grade, detail.sharedWith], [1, 'internal', ['감사관실']]);
    });

    test('the same bytes as a hidden document, or the name of a deleted one, reveal nothing and write nothing', async () => {
      const outsider = member(['기획조정실'], 'restricted');
      const same = await ingestDocument(database, outsider, {
        tenantId: 'mois', fileName: 'audit-findings.txt', bytes: text('감사 결과 보고\n\n예산 집행 계획 감사마커베타 부적정 사례를 정리한다.'), grade: 'internal',
      });
      assert.deepEqual(same, { status: 'failed', code: 'document_forbidden', reason: 'not readable by the uploader' });
      await ingestDocument(database, operator, { tenantId: 'mois', fileName: 'gone.txt', bytes: text('삭제될 감사 자료\n\n삭제마커뮤 내용.'), grade: 'internal', share: '감사관실' });
      await deleteDocument(database, operator, { tenantId: 'mois', document: 'gone.txt' });
      const reused = await ingestDocument(database, outsider, { tenantId: 'mois', fileName: 'gone.txt', bytes: text('새 문서\n\n다른 내용.'), grade: 'internal' });
      assert.equal(reused.status === 'failed' && reused.code, 'document_forbidden');
      await assert.rejects(getDocument(database, operator, 'mois', 'gone.txt'), notFound, 'still deleted');
      // A reader of the deleted document may reuse its name; its sharing stays unless the upload says otherwise.
      const auditor = member(['감사관실']);
      const again = await ingestDocument(database, auditor, { tenantId: 'mois', fileName: 'gone.txt', bytes: text('다시 올린 감사 자료\n\n재등록마커누 내용.'), grade: 'internal' });
      assert.equal(again.status, 'ingested');
      assert.deepEqual((await getDocument(database, auditor, 'mois', 'gone.txt')).sharedWith, ['감사관실']);
    });

    test('a new version keeps the sharing; resharing takes effect at once and is audited', async () => {
      const auditor = member(['감사관실']);
      const outcome = await ingestDocument(database, auditor, { tenantId: 'mois', fileName: 'audit-findings.txt', bytes: text('감사 결과 보고 (수정)\n\n예산 집행 계획 감사마커델타 개선 권고.'), grade: 'internal' });
      assert.equal(outcome.status, 'ingested');
      await refreshSearchStatistics(database);
      assert.ok(!(await names(member([]), '감사마커델타 개선 권고')).has('audit-findings.txt'));
      assert.ok((await names(auditor, '감사마커델타 개선 권고')).has('audit-findings.txt'));

      // Widening takes an admin (in the groups it opens to, or opening to the whole tenant); narrowing does not.
      await assert.rejects(shareDocument(database, auditor, { tenantId: 'mois', document: 'audit-findings.txt', groups: [] }),
        (error: unknown) => error instanceof KgovError && error.code === 'forbidden');
      await assert.rejects(shareDocument(database, { ...auditor, role: 'admin' } as Principal, { tenantId: 'mois', document: 'audit-findings.txt', groups: ['감사관실', '운영지원과'] }),
        (error: unknown) => error instanceof KgovError && error.code === 'forbidden', 'an admin opens only towards groups they are in');
      const widenByUpload = await ingestDocument(database, auditor, { tenantId: 'mois', fileName: 'audit-findings.txt', bytes: text('감사 결과 보고 (공개 시도)\n\n내용.'), grade: 'internal', share: '' });
      assert.equal(widenByUpload.status === 'failed' && widenByUpload.code, 'document_forbidden');
      const opened = await shareDocument(database, { ...auditor, role: 'admin' } as Principal, { tenantId: 'mois', document: 'audit-findings.txt', groups: [] });
      assert.deepEqual(opened.sharedWith, []);
      for (const mode of searchModes) assert.ok((await names(member([]), '감사마커델타 개선 권고', mode)).has('audit-findings.txt'), mode);

      const narrowed = await shareDocument(database, operator, { tenantId: 'mois', document: 'audit-findings.txt', groups: '감사관실' });
      assert.deepEqual(narrowed.sharedWith, ['감사관실']);
      for (const mode of searchModes) assert.ok(!(await names(member([]), '감사마커델타 개선 권고', mode)).has('audit-findings.txt'), mode);
      const records = await database.query<{ detail: { before: string[]; after: string[] } }>("SELECT detail FROM audit_log WHERE action = 'document.shared' ORDER BY seq");
      assert.deepEqual(records.map((record) => [record.detail.before, record.detail.after]), [[['감사관실'], []], [[], ['감사관실']]]);
      await assert.rejects(shareDocument(database, operator, { tenantId: 'mois', document: 'audit-findings.txt', groups: ['bad group!'] }),
        (error: unknown) => error instanceof KgovError && error.code === 'invalid_group');
    });

    test('sharing a document whose passages share a segment with another (indexed before migration 0010) separates them', async () => {
      await ingestDocument(database, operator, { tenantId: 'mois', fileName: 'mix-a.txt', bytes: text('혼합 문서 가\n\n혼합마커파이 첫째 문서 내용.'), grade: 'internal' });
      await ingestDocument(database, operator, { tenantId: 'mois', fileName: 'mix-b.txt', bytes: text('혼합 문서 나\n\n혼합마커프사이 둘째 문서 내용.'), grade: 'internal' });
      // What restoring duplicates did before 0010: several documents' chunks indexed as one segment.
      await database.transaction(async (tx) => {
        const rows = await tx.query<{ id: string | number; tenant_id: string; grade: 'internal'; text: string; section: string | null }>(
          `SELECT c.id, c.tenant_id, c.grade, c.text, c.section FROM chunks c JOIN documents d ON d.id = c.document_id
           WHERE d.name IN ('mix-a.txt', 'mix-b.txt') AND c.active ORDER BY c.id`);
        const chunks = rows.map((row) => ({ id: Number(row.id), tenantId: row.tenant_id, grade: row.grade, terms: analyzeForIndex(row.text, row.section) }));
        await unindexChunksForSearch(tx, chunks.map((chunk) => chunk.id));
        await tx.query('UPDATE chunks SET active = true, term_count = input.n FROM unnest($1::bigint[], $2::int[]) AS input(id, n) WHERE chunks.id = input.id',
          [chunks.map((chunk) => chunk.id), chunks.map((chunk) => chunk.terms.length)]);
        await indexChunks(tx, chunks);
      });
      const mixedSegments = async () => Number((await database.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM (SELECT s.segment_id FROM posting_segment_chunks s JOIN chunks c ON c.id = s.chunk_id
         GROUP BY s.segment_id HAVING count(DISTINCT c.document_id) > 1) mixed`))[0]!.n);
      assert.equal(await mixedSegments(), 1);
      await shareDocument(database, operator, { tenantId: 'mois', document: 'mix-a.txt', groups: ['감사관실'] });
      assert.equal(await mixedSegments(), 0);
      const outsider = await names(member([]), '혼합마커파이 혼합마커프사이 혼합 문서');
      assert.ok(outsider.has('mix-b.txt') && !outsider.has('mix-a.txt'), [...outsider].join());
      assert.ok((await names(member(['감사관실']), '혼합마커파이 첫째')).has('mix-a.txt'));
    });

    test('a passage repeated in a narrower document is still served to everyone from the wider one', async () => {
      const paragraph = '공통 규정 안내\n\n출장 여비는 정액마커오메가 기준으로 지급한다.';
      await ingestDocument(database, operator, { tenantId: 'mois', fileName: 'team-copy.txt', bytes: text(paragraph), grade: 'internal', share: '감사관실' });
      await ingestDocument(database, operator, { tenantId: 'mois', fileName: 'all-staff.txt', bytes: text(paragraph), grade: 'internal' });
      await refreshSearchStatistics(database);
      const seen = await names(member([]), '정액마커오메가 출장 여비');
      assert.ok(seen.has('all-staff.txt') && !seen.has('team-copy.txt'), [...seen].join());
      // And the other way round: when the wide copy becomes narrow, the withheld copy comes back for everyone.
      await ingestDocument(database, operator, { tenantId: 'mois', fileName: 'wide-first.txt', bytes: text('복무 안내\n\n유연근무 신청은 시차마커시그마 절차를 따른다.'), grade: 'internal' });
      const copy = await ingestDocument(database, operator, { tenantId: 'mois', fileName: 'wide-copy.txt', bytes: text('복무 안내\n\n유연근무 신청은 시차마커시그마 절차를 따른다.'), grade: 'internal' });
      assert.equal(copy.status === 'ingested' && copy.cleaning.withheld.duplicate > 0, true);
      await shareDocument(database, operator, { tenantId: 'mois', document: 'wide-first.txt', groups: ['감사관실'] });
      const restored = await names(member([]), '시차마커시그마 유연근무');
      assert.ok(restored.has('wide-copy.txt') && !restored.has('wide-first.txt'), [...restored].join());
    });
  });
}

for (const backend of backends) {
  describe(`document sharing over HTTP and the CLI on ${backend.name}`, { skip: skipReason(backend) }, () => {
    let place: Awaited<ReturnType<typeof backend.prepare>>;
    let database: Database;
    let app: FastifyInstance;
    let base: string;
    let folder: string;
    const keys: Record<string, string> = {};

    before(async () => {
      place = await backend.prepare();
      folder = mkdtempSync(join(tmpdir(), 'kgov-share-'));
      const config = place.config({ logging: { level: 'silent' }, storage: { keyDir: join(place.dataDir, 'keys') }, ingest: { workers: 1 } });
      database = await openDatabase(config);
      await createTenant(database, operator, { id: 'mois', name: '행정안전부' });
      keys.admin = (await createApiKey(database, operator, { tenantId: 'mois', role: 'admin', clearance: 'restricted', groups: ['감사관실'] })).key;
      keys.otherAdmin = (await createApiKey(database, operator, { tenantId: 'mois', role: 'admin', clearance: 'restricted' })).key;
      keys.plain = (await createApiKey(database, operator, { tenantId: 'mois', role: 'staff', clearance: 'internal' })).key;
      app = await buildServer({ config, database, version: 'test' });
      await app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    });
    let closed = false;
    after(async () => {
      if (!closed) {
        await app?.close();
        await database?.close();
      }
      await place?.cleanup();
      rmSync(folder, { recursive: true, force: true });
    });

    const call = (path: string, key: string, init: RequestInit & { json?: unknown } = {}) =>
      fetch(`${base}${path}`, {
        ...init,
        ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
        headers: { authorization: `Bearer ${key}`, ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}) },
      });
    const search = async (key: string, query: string) => {
      const response = await call('/api/search', key, { method: 'POST', json: { query, k: 20 } });
      assert.equal(response.status, 200, await response.clone().text());
      return ((await response.json()) as { data: { document: string }[] }).data.map((hit) => hit.document);
    };

    test('keys with groups, uploads shared with a group, PUT /api/documents/:id/sharing', async () => {
      const created = await call('/api/keys', keys.admin!, { method: 'POST', json: { role: 'staff', clearance: 'internal', groups: ['감사관실'] } });
      assert.equal(created.status, 201, await created.clone().text());
      const auditorKey = ((await created.json()) as { key: string; apiKey: { groups: string[] } });
      assert.deepEqual(auditorKey.apiKey.groups, ['감사관실']);
      const foreignGroup = await call('/api/keys', keys.otherAdmin!, { method: 'POST', json: { role: 'staff', clearance: 'internal', groups: ['감사관실'] } });
      assert.equal(foreignGroup.status, 403, 'nobody grants a group they are not in');
      const badGroups = await call('/api/keys', keys.admin!, { method: 'POST', json: { role: 'staff', clearance: 'internal', groups: ['a,b'] } });
      assert.equal(badGroups.status, 400);
      assert.equal(((await badGroups.json()) as { error: { code: string } }).error.code, 'invalid_group');

      const form = new FormData();
      form.append('share', '감사관실');
      form.append('file', new Blob(['감사 일정\n\n정기 감사 업로드마커카파 일정 안내.']), '감사일정.txt');
      const uploaded = await call('/api/documents', keys.admin!, { method: 'POST', body: form });
      assert.equal(uploaded.status, 201, await uploaded.clone().text());
      assert.deepEqual(await search(keys.plain!, '업로드마커카파 정기 감사'), []);
      assert.deepEqual(await search(auditorKey.key, '업로드마커카파 정기 감사'), ['감사일정.txt']);

      const listed = await call('/api/documents', auditorKey.key);
      assert.deepEqual(((await listed.json()) as { data: { name: string; sharedWith: string[] }[] }).data.map((row) => [row.name, row.sharedWith]), [['감사일정.txt', ['감사관실']]]);
      assert.equal((await call(`/api/documents/${encodeURIComponent('감사일정.txt')}`, keys.plain!)).status, 404);

      // Narrowing to a group the caller is not in (here: one that does not exist) would hide the document from
      // everyone, its admins and the caller included: refused, and the sharing is unchanged.
      for (const groups of [['없는그룹'], ['감사관실', '없는그룹']]) {
        const narrowed = await call(`/api/documents/${encodeURIComponent('감사일정.txt')}/sharing`, auditorKey.key, { method: 'PUT', json: { groups } });
        assert.equal(narrowed.status, 403, JSON.stringify(groups));
      }
      assert.deepEqual(await search(auditorKey.key, '업로드마커카파 정기 감사'), ['감사일정.txt']);
      const hidden = await call(`/api/documents/${encodeURIComponent('감사일정.txt')}/sharing`, keys.plain!, { method: 'PUT', json: { groups: [] } });
      assert.equal(hidden.status, 404);
      const notAdmin = await call(`/api/documents/${encodeURIComponent('감사일정.txt')}/sharing`, auditorKey.key, { method: 'PUT', json: { groups: [] } });
      assert.equal(notAdmin.status, 403, 'widening needs the admin role');
      const opened = await call(`/api/documents/${encodeURIComponent('감사일정.txt')}/sharing`, keys.admin!, { method: 'PUT', json: { groups: [] } });
      assert.equal(opened.status, 200, await opened.clone().text());
      assert.deepEqual(await search(keys.plain!, '업로드마커카파 정기 감사'), ['감사일정.txt']);
    });

    test('kgov ingest --share, kgov search --groups, kgov documents share', async () => {
      // The CLI opens the same storage: the server lets go of it first.
      await app.close();
      await database.close();
      closed = true;
      const env = { ...place.env, KGOV_LANG: 'en' };
      writeFileSync(join(folder, '감사계획.txt'), '연간 감사 계획\n\n내부 통제 점검 씨엘아이마커 일정.');
      const ingested = kgov(['ingest', folder, '--tenant', 'mois', '--share', '감사관실', '--json'], { env });
      assert.equal(ingested.status, 0, ingested.stderr);
      const query = JSON.stringify({ id: 'q1', question: '씨엘아이마커 내부 통제 점검' });
      const asOutsider = kgov(['search', '--tenant', 'mois', '--groups', '기획조정실', '--k', '5', '--jsonl'], { env, input: query });
      assert.equal(asOutsider.status, 0, asOutsider.stderr);
      const documentsOf = (stdout: string) => (JSON.parse(lastLine(stdout)) as { hits: { document: string }[] }).hits.map((hit) => hit.document);
      assert.ok(!documentsOf(asOutsider.stdout).includes('감사계획.txt'), asOutsider.stdout);
      const asMember = kgov(['search', '--tenant', 'mois', '--groups', '감사관실', '--k', '5', '--jsonl'], { env, input: query });
      assert.equal(documentsOf(asMember.stdout)[0], '감사계획.txt');
      const asOperator = kgov(['search', '--tenant', 'mois', '--k', '5', '--jsonl'], { env, input: query });
      assert.equal(documentsOf(asOperator.stdout)[0], '감사계획.txt');
      // The command line's searches are access records as the API's are: the operator reads every grade.
      const listed = kgov(['audit', 'list', '--tenant', 'mois', '--action', 'search.performed', '--jsonl'], { env });
      const searches = listed.stdout.trim().split('\n').map((line) => JSON.parse(line) as { actor: string; detail: { hits: number; documents: string[]; queryLength: number } })
        .filter((record) => record.actor.startsWith('cli:'));
      assert.equal(searches.length, 3, listed.stdout);
      assert.ok(searches.every((record) => record.detail.queryLength === '씨엘아이마커 내부 통제 점검'.length && record.detail.documents.length > 0));
      assert.doesNotMatch(listed.stdout, /씨엘아이마커/, 'ids and counts, never the query');

      const shared = kgov(['documents', 'share', '감사계획.txt', '--tenant', 'mois', '--all'], { env });
      assert.equal(shared.status, 0, shared.stderr);
      assert.match(shared.stdout, /whole tenant/);
      const afterShare = kgov(['search', '--tenant', 'mois', '--groups', '기획조정실', '--k', '5', '--jsonl'], { env, input: query });
      assert.equal(documentsOf(afterShare.stdout)[0], '감사계획.txt');
      const usage = kgov(['documents', 'share', '감사계획.txt', '--tenant', 'mois'], { env });
      assert.notEqual(usage.status, 0);
      const badGroup = kgov(['keys', 'create', '--tenant', 'mois', '--role', 'staff', '--clearance', 'internal', '--groups', 'no spaces'], { env });
      assert.notEqual(badGroup.status, 0);
      assert.match(badGroup.stderr, /group/);
    });
  });
}

/**
 * Resharing a document while another transaction restores its passages (a withheld duplicate that comes back
 * because the copy it duplicated was deleted): the restore must index them under the sharing that commits, or
 * `restricted_segments` falls out of step with `documents.access_groups`. Only a server runs two transactions at
 * once (PGlite has one connection), so this runs there. The interleaving is made certain, not timed: a third
 * connection holds the audit chain's head, so the reshare stops at its last step with everything else written.
 */
for (const backend of backends.filter((candidate) => candidate.name === 'postgres')) {
  describe(`resharing races a duplicate restore on ${backend.name}`, { skip: skipReason(backend) }, () => {
    let place: Awaited<ReturnType<typeof backend.prepare>>;
    let database: Database;
    before(async () => {
      place = await backend.prepare();
      database = await openDatabase(place.config());
      await createTenant(database, operator, { id: 'mois', name: '행정안전부' });
    });
    after(async () => {
      await database?.close();
      await place?.cleanup();
    });

    test('the restored passages follow the sharing committed first', async () => {
      const paragraph = '겸직 허가 안내\n\n겸직 허가는 경합마커제타 절차에 따라 신청한다.';
      await ingestDocument(database, operator, { tenantId: 'mois', fileName: 'source.txt', bytes: text(paragraph), grade: 'internal' });
      const copy = await ingestDocument(database, operator, { tenantId: 'mois', fileName: 'copy.txt', bytes: text(paragraph), grade: 'internal' });
      assert.equal(copy.status === 'ingested' && copy.cleaning.indexed, 0, 'every passage of the copy is withheld as a duplicate');

      const holder = new pg.Client({ connectionString: place.env.KGOV_DATABASE_URL });
      const monitor = new pg.Client({ connectionString: place.env.KGOV_DATABASE_URL });
      await holder.connect();
      await monitor.connect();
      const waiting = async (count: number, pending: Promise<unknown>[]) => {
        let settled = false;
        void Promise.allSettled(pending).then(() => { settled = true; });
        for (;;) {
          const { rows } = await monitor.query<{ n: number }>(
            "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
          if (Number(rows[0]!.n) >= count || settled) return Number(rows[0]!.n);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      };
      try {
        await holder.query('BEGIN');
        await holder.query('SELECT hash FROM audit_head WHERE id = 1 FOR UPDATE');
        // The reshare writes everything (sharing, segments) and then waits for the audit chain, its row lock held.
        const reshare = shareDocument(database, operator, { tenantId: 'mois', document: 'copy.txt', groups: ['감사관실'] });
        assert.equal(await waiting(1, [reshare]), 1);
        // Deleting the source brings the copy's passages back in another transaction, meanwhile.
        const removal = deleteDocument(database, operator, { tenantId: 'mois', document: 'source.txt' });
        assert.equal(await waiting(2, [reshare, removal]), 2);
        await holder.query('COMMIT');
        await Promise.all([reshare, removal]);
      } finally {
        await holder.end();
        await monitor.end();
      }

      const [state] = await database.query<{ active: number; unlisted: number; listed: number }>(
        `SELECT count(*)::int AS active,
                count(*) FILTER (WHERE r.segment_id IS NULL)::int AS unlisted,
                count(*) FILTER (WHERE r.access_groups = d.access_groups)::int AS listed
         FROM chunks c JOIN documents d ON d.id = c.document_id
         JOIN posting_segment_chunks s ON s.chunk_id = c.id LEFT JOIN restricted_segments r ON r.segment_id = s.segment_id
         WHERE d.name = 'copy.txt' AND c.active`);
      assert.ok(Number(state!.active) > 0, 'the copy is served in place of the deleted source');
      assert.deepEqual([Number(state!.unlisted), Number(state!.listed)], [0, Number(state!.active)], 'every segment of the copy is listed with its sharing');
      for (const mode of searchModes) {
        const query = '경합마커제타 겸직 허가';
        assert.equal((await searchChunks(database, member([]), { tenantId: 'mois', query, k: 10, mode })).some((hit) => hit.document === 'copy.txt'), false, mode);
        assert.equal((await searchChunks(database, member(['감사관실']), { tenantId: 'mois', query, k: 10, mode })).some((hit) => hit.document === 'copy.txt'), true, mode);
      }
    });
  });
}
