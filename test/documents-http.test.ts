import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../src/api/index.js';
import { createApiKey, createTenant, type Principal } from '../src/auth/index.js';
import { openDatabase, type Database } from '../src/store/index.js';
import { backends, skipReason } from './helpers/backends.js';

const operator: Principal = { kind: 'operator', name: 'test' };
const corpus = new URL('../../../shared/corpus/nia-it-future-strategy-2023.txt', import.meta.url);

type Job = { id: string; finished: boolean; counts: Record<string, number>; items: { file: string; status: string; code: string | null; documentId: string | null }[] };

for (const backend of backends) {
  describe(`document HTTP API on ${backend.name}`, { skip: skipReason(backend) }, () => {
    let place: Awaited<ReturnType<typeof backend.prepare>>;
    let database: Database;
    let app: FastifyInstance;
    let base: string;
    const keys: Record<string, string> = {};

    before(async () => {
      place = await backend.prepare();
      const config = place.config({ logging: { level: 'silent' }, storage: { keyDir: join(place.dataDir, 'keys') }, ingest: { workers: 1, maxFileBytes: 200_000, maxUploadFiles: 5 } });
      database = await openDatabase(config);
      await createTenant(database, operator, { id: 'mois', name: '행정안전부' });
      await createTenant(database, operator, { id: 'msit', name: '과학기술정보통신부' });
      keys.staff = (await createApiKey(database, operator, { tenantId: 'mois', role: 'staff', clearance: 'internal' })).key;
      keys.reader = (await createApiKey(database, operator, { tenantId: 'mois', role: 'public', clearance: 'public' })).key;
      keys.admin = (await createApiKey(database, operator, { tenantId: 'mois', role: 'admin', clearance: 'restricted' })).key;
      keys.other = (await createApiKey(database, operator, { tenantId: 'msit', role: 'staff', clearance: 'restricted' })).key;
      app = await buildServer({ config, database, version: 'test' });
      await app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    });
    after(async () => {
      await app?.close();
      await database?.close();
      await place?.cleanup();
    });

    const pick = (error: { code: string; param: string }) => ({ code: error.code, param: error.param });
    const call = (path: string, key: string, init: RequestInit = {}) =>
      fetch(`${base}${path}`, { ...init, headers: { authorization: `Bearer ${key}`, ...(init.headers as Record<string, string>) } });
    const upload = (key: string, files: [string, string | Uint8Array][], fields: Record<string, string> = {}) => {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      for (const [name, content] of files) form.append('file', new Blob([content]), name);
      return call('/api/documents', key, { method: 'POST', body: form });
    };

    test('POST /api/documents: each file through the job pipeline; bad and oversized files fail alone', async () => {
      const response = await upload(keys.staff!, [
        ['공고.txt', '[내부용] 행정안전부 공고\n2023. 12. 1.\n\n업로드마커 민원 안내.'],
        ['빈파일.txt', ''],
        ['큰파일.txt', '가'.repeat(100_000)],
        ['공개자료.txt', '공개 자료\n\n공개업로드마커.'],
      ], { grade: 'public', provider: '행정안전부 정보공개포털' });
      assert.equal(response.status, 201, await response.clone().text());
      const { job } = (await response.json()) as { job: Job };
      assert.equal(job.finished, true);
      const byFile = Object.fromEntries(job.items.map((item) => [item.file, item.code ?? item.status]));
      assert.deepEqual(byFile, { '공고.txt': 'done', '빈파일.txt': 'empty_file', '큰파일.txt': 'file_too_large', '공개자료.txt': 'done' });
      const again = await (await call(`/api/documents/jobs/${job.id}`, keys.staff!)).json() as { job: Job };
      assert.deepEqual(again.job.counts, { queued: 0, running: 0, done: 2, duplicate: 0, failed: 2 });
      // Its file names and document ids are for the uploader (and the tenant's administrators), not every reader.
      for (const key of [keys.reader!, keys.other!]) {
        const foreign = await call(`/api/documents/jobs/${job.id}`, key);
        assert.equal(foreign.status, 404);
        assert.equal(((await foreign.json()) as { error: { code: string } }).error.code, 'ingest_job_not_found');
      }
      const secondStaff = (await createApiKey(database, operator, { tenantId: 'mois', role: 'staff', clearance: 'internal' })).key;
      assert.equal((await call(`/api/documents/jobs/${job.id}`, secondStaff)).status, 404);
      const admin = (await createApiKey(database, operator, { tenantId: 'mois', role: 'admin', clearance: 'internal' })).key;
      assert.equal((await call(`/api/documents/jobs/${job.id}`, admin)).status, 200);
    });

    test('an upload graded above the uploader\'s clearance is refused (they could not read it back); a bad grade names the grade field', async () => {
      const above = await upload(keys.staff!, [['계획.txt', '청사 이전 계획\n\n내부 검토.']], { grade: 'restricted' });
      assert.equal(above.status, 403);
      assert.deepEqual(Object.values(pick(((await above.json()) as { error: { code: string; param: string } }).error)), ['forbidden', 'grade']);
      const unknown = await upload(keys.staff!, [['계획.txt', '청사 이전 계획']], { grade: 'topsecret' });
      assert.equal(unknown.status, 400);
      assert.deepEqual(Object.values(pick(((await unknown.json()) as { error: { code: string; param: string } }).error)), ['invalid_clearance', 'grade']);
    });

    test('GET /api/documents and /:id: tenant and grade bounded, versions with effective date and signature', async () => {
      const list = (await (await call('/api/documents', keys.staff!)).json()) as { data: { id: string; name: string; effectiveDate: string }[] };
      assert.deepEqual(list.data.map((row) => row.name).sort(), ['공개자료.txt', '공고.txt']);
      const notice = list.data.find((row) => row.name === '공고.txt')!;
      assert.equal(notice.effectiveDate, '2023-12-01');
      const detail = (await (await call(`/api/documents/${notice.id}`, keys.staff!)).json()) as { document: { versionList: { signed: boolean; effectiveDate: string }[] } };
      assert.deepEqual(detail.document.versionList.map((version) => [version.signed, version.effectiveDate]), [[true, '2023-12-01']]);
      const other = await call('/api/documents', keys.other!);
      assert.deepEqual(((await other.json()) as { data: unknown[] }).data, [], 'another tenant sees nothing');
      assert.equal((await call(`/api/documents/${notice.id}`, keys.other!)).status, 404);
    });

    test('the public role reads public documents only and may not upload or delete', async () => {
      const list = (await (await call('/api/documents', keys.reader!)).json()) as { data: { id: string; name: string; source: string | null }[] };
      assert.deepEqual(list.data.map((row) => row.name), ['공개자료.txt']);
      // Where it came from (a path on the agency's server, or the upload) is not the public tier's to see.
      assert.deepEqual(list.data.map((row) => row.source), [null]);
      const detail = (await (await call(`/api/documents/${list.data[0]!.id}`, keys.reader!)).json()) as { document: { source: string | null } };
      assert.equal(detail.document.source, null);
      const staff = (await (await call('/api/documents', keys.staff!)).json()) as { data: { name: string; source: string | null }[] };
      assert.ok(staff.data.find((row) => row.name === '공개자료.txt')?.source, 'staff see the source');
      const refused = await upload(keys.reader!, [['x.txt', '내용']]);
      assert.equal(refused.status, 403);
      assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'forbidden');
      assert.equal((await call('/api/documents/공개자료.txt', keys.reader!, { method: 'DELETE' })).status, 403);
    });

    test('the server answers while a large upload is being ingested', async () => {
      const large = readFileSync(corpus).subarray(0, 190_000);
      const pending = upload(keys.staff!, [['대용량.txt', large]]);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const started = Date.now();
      const health = await fetch(`${base}/healthz`);
      assert.equal(health.status, 200);
      assert.ok(Date.now() - started < 1000, `healthz took ${Date.now() - started} ms`);
      assert.equal((await pending).status, 201);
    });

    test('DELETE /api/documents/:id: gone from listing, audited; a second delete is 404', async () => {
      const deleted = await call('/api/documents/공고.txt', keys.staff!, { method: 'DELETE' });
      assert.equal(deleted.status, 200);
      const list = (await (await call('/api/documents', keys.staff!)).json()) as { data: { name: string }[] };
      assert.ok(!list.data.some((row) => row.name === '공고.txt'));
      assert.equal((await call('/api/documents/공고.txt', keys.staff!, { method: 'DELETE' })).status, 404);
      const [audit] = await database.query<{ actor: string }>("SELECT actor FROM audit_log WHERE action = 'document.deleted'");
      assert.match(audit!.actor, /^key:/);
    });

    test('POST /api/documents/purge: administrators only, what to purge named, the deleted document destroyed', async () => {
      const purge = (key: string, body: unknown) => call('/api/documents/purge', key, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const staff = await purge(keys.staff!, { document: '공고.txt' });
      assert.equal(staff.status, 403, await staff.clone().text());
      const unsaid = await purge(keys.admin!, {});
      assert.deepEqual([unsaid.status, ((await unsaid.json()) as { error: { code: string } }).error.code], [400, 'invalid_request']);
      assert.equal((await purge(keys.admin!, { document: '공고.txt', all: true })).status, 400);
      assert.equal((await purge(keys.admin!, { olderThanDays: -3 })).status, 400);
      const done = await purge(keys.admin!, { document: '공고.txt' });
      assert.equal(done.status, 200, await done.clone().text());
      const result = (await done.json()) as { documents: { whole: boolean }[]; vacuumed: string };
      assert.deepEqual([result.documents.map((document) => document.whole), result.vacuumed], [[true], 'vacuum']);
      const [left] = await database.query<{ n: number }>("SELECT count(*)::int AS n FROM chunks WHERE text LIKE '%업로드마커 민원%'");
      assert.equal(Number(left!.n), 0);
      assert.equal((await purge(keys.admin!, { document: '공고.txt' })).status, 404);
    });
  });
}
