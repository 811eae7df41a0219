import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createApiKey, type Principal } from '../src/auth/index.js';
import { migrate, migrations, openDatabase, openPgliteDatabase, openPostgresDatabase, storageLocation, type Database } from '../src/store/index.js';
import { backends, skipReason } from './helpers/backends.js';
import { kgov, lastLine } from './helpers/cli.js';
import { startTestServer } from './helpers/test-server.js';

/**
 * A document is identified by where it came from (migration 0013): two folders' `붙임1.txt` are two documents, each
 * versioned by its own path; uploads, which have no path, are identified by their file name as before. A command
 * given a name that several documents share refuses it (`document_ambiguous`) and lists them.
 */
const operator: Principal = { kind: 'operator', name: 'test' };

type Line = { file: string; status: string; documentId: string; version: number };
type Listed = { id: string; name: string; source: string | null; version: number; versions: number };

for (const backend of backends) {
  describe(`documents with the same base name in two folders, on ${backend.name}`, { skip: skipReason(backend) }, () => {
    let place: Awaited<ReturnType<typeof backend.prepare>>;
    let root: string;
    let env: Record<string, string>;
    const planning = () => join(root, 'q', '기획조정실', '붙임1.txt');
    const audit = () => join(root, 'q', '감사관실', '붙임1.txt');
    const ids: Record<string, string> = {};

    before(async () => {
      place = await backend.prepare();
      env = { ...place.env, KGOV_LANG: 'en' };
      root = mkdtempSync(join(tmpdir(), 'kgov-identity-'));
      mkdirSync(join(root, 'q', '기획조정실'), { recursive: true });
      mkdirSync(join(root, 'q', '감사관실'), { recursive: true });
      writeFileSync(planning(), '기획조정실 붙임\n\n예산 편성 일정은 기획동명마커알파 절차에 따라 정한다.');
      writeFileSync(audit(), '감사관실 붙임\n\n자체 감사 계획은 감사동명마커베타 기준으로 수립한다.');
      assert.equal(kgov(['tenants', 'create', 'mois', '--name', '행정안전부'], { env }).status, 0);
    });
    after(async () => {
      await place?.cleanup();
      rmSync(root, { recursive: true, force: true });
    });

    const ingest = () => {
      const result = kgov(['ingest', join(root, 'q'), '--tenant', 'mois', '--json'], { env });
      assert.equal(result.status, 0, result.stderr);
      return Object.fromEntries(result.stdout.trim().split('\n').map((line) => JSON.parse(line) as Line).map((line) => [line.file, line]));
    };
    const list = () => JSON.parse(lastLine(kgov(['documents', 'list', '--tenant', 'mois', '--json'], { env }).stdout)) as Listed[];
    const search = (question: string) => {
      const result = kgov(['search', '--tenant', 'mois', '--k', '5', '--jsonl'], { env, input: JSON.stringify({ id: 'q', question }) });
      assert.equal(result.status, 0, result.stderr);
      return (JSON.parse(lastLine(result.stdout)) as { hits: { document: string; chunk: number; version: number }[] }).hits;
    };
    // Hits name the passage (`chunk`, its id) and the document's version: each document's passages are told apart by id.
    const chunks: Record<string, number> = {};

    test('kgov ingest of both folders: two documents, each searchable with its own text, hits named by the base name', () => {
      const lines = ingest();
      assert.deepEqual([lines[planning()]?.status, lines[planning()]?.version, lines[audit()]?.status, lines[audit()]?.version], ['ingested', 1, 'ingested', 1]);
      ids.planning = lines[planning()]!.documentId;
      ids.audit = lines[audit()]!.documentId;
      assert.notEqual(ids.planning, ids.audit);
      const listed = list();
      assert.deepEqual(listed.map((row) => [row.name, row.source]).sort(), [['붙임1.txt', audit()], ['붙임1.txt', planning()]].sort());
      const [planningHit] = search('기획동명마커알파');
      const [auditHit] = search('감사동명마커베타');
      assert.deepEqual([planningHit?.document, planningHit?.version, auditHit?.document, auditHit?.version], ['붙임1.txt', 1, '붙임1.txt', 1]);
      assert.notEqual(planningHit!.chunk, auditHit!.chunk);
      chunks.planning = planningHit!.chunk;
      chunks.audit = auditHit!.chunk;
    });

    test('changing one file and ingesting the folder again: a new version of that document only', () => {
      writeFileSync(audit(), '감사관실 붙임 (개정)\n\n자체 감사 계획은 감사개정마커감마 기준으로 수립한다.');
      const lines = ingest();
      assert.deepEqual([lines[planning()]?.status, lines[planning()]?.documentId, lines[planning()]?.version], ['duplicate', ids.planning, 1]);
      assert.deepEqual([lines[audit()]?.status, lines[audit()]?.documentId, lines[audit()]?.version], ['ingested', ids.audit, 2]);
      const byId = Object.fromEntries(list().map((row) => [row.id, [row.version, row.versions]]));
      assert.deepEqual(byId, { [ids.planning!]: [1, 1], [ids.audit!]: [2, 2] });
      assert.ok(!search('감사동명마커베타').some((hit) => hit.chunk === chunks.audit), 'the superseded version leaves the index');
      const [revised] = search('감사개정마커감마');
      assert.deepEqual([revised?.document, revised?.version], ['붙임1.txt', 2]);
      assert.ok(revised!.chunk !== chunks.planning && revised!.chunk !== chunks.audit);
      chunks.revised = revised!.chunk;
      const [planningHit] = search('기획동명마커알파');
      assert.deepEqual([planningHit?.chunk, planningHit?.version], [chunks.planning, 1], 'the other document is untouched');
    });

    test('a name two documents share is refused with document_ambiguous (Korean first, English available); an id picks one', () => {
      const korean = kgov(['documents', 'delete', '붙임1.txt', '--tenant', 'mois'], { env: place.env });
      assert.notEqual(korean.status, 0);
      assert.match(korean.stderr, /\[document_ambiguous\] 이름이 '붙임1\.txt'인 문서가 2개 있습니다/);
      const english = kgov(['documents', 'delete', '붙임1.txt', '--tenant', 'mois'], { env });
      assert.notEqual(english.status, 0);
      assert.match(english.stderr, /\[document_ambiguous\] 2 documents are named '붙임1\.txt'; name one by its id or path/);
      for (const expected of [ids.planning!, ids.audit!, planning(), audit()]) assert.ok(english.stderr.includes(expected), `${expected} in ${english.stderr}`);
      const shared = kgov(['documents', 'share', '붙임1.txt', '--tenant', 'mois', '--groups', '감사관실'], { env });
      assert.notEqual(shared.status, 0);
      assert.match(shared.stderr, /document_ambiguous/);
      assert.equal(list().length, 2, 'both are still there');

      const byId = kgov(['documents', 'delete', ids.audit!, '--tenant', 'mois'], { env });
      assert.equal(byId.status, 0, byId.stderr);
      assert.ok(byId.stdout.includes(ids.audit!), byId.stdout);
      assert.deepEqual(list().map((row) => row.id), [ids.planning]);
      assert.ok(!search('감사개정마커감마').some((hit) => hit.chunk === chunks.revised));
      assert.equal(search('기획동명마커알파')[0]?.chunk, chunks.planning);
    });

    test('a path names a document too, relative to where the command runs', () => {
      const byPath = kgov(['documents', 'share', join('q', '기획조정실', '붙임1.txt'), '--tenant', 'mois', '--groups', '기획조정실'], { env, cwd: root });
      assert.equal(byPath.status, 0, byPath.stderr);
      const [row] = JSON.parse(lastLine(kgov(['documents', 'list', '--tenant', 'mois', '--json'], { env }).stdout)) as (Listed & { sharedWith: string[] })[];
      assert.deepEqual([row?.id, row?.sharedWith], [ids.planning, ['기획조정실']]);
      // With one live document of that name left, the name alone is enough again.
      const byName = kgov(['documents', 'share', '붙임1.txt', '--tenant', 'mois', '--all'], { env });
      assert.equal(byName.status, 0, byName.stderr);
    });

    test('HTTP uploads are identified by their file name: uploading it again adds a version; a name shared with a file on disk is ambiguous', async () => {
      const config = place.config({ logging: { level: 'silent' }, storage: { keyDir: join(place.dataDir, 'keys') }, ingest: { workers: 1 } });
      const database = await openDatabase(config);
      const { app, base } = await startTestServer({ config, database, version: 'test' });
      try {
        const { key } = await createApiKey(database, operator, { tenantId: 'mois', role: 'staff', clearance: 'internal' });
        const call = (path: string, init: RequestInit = {}) => fetch(`${base}${path}`, { ...init, headers: { authorization: `Bearer ${key}`, ...(init.headers as Record<string, string>) } });
        const upload = async (name: string, content: string) => {
          const form = new FormData();
          form.append('file', new Blob([content]), name);
          const response = await call('/api/documents', { method: 'POST', body: form });
          assert.equal(response.status, 201, await response.clone().text());
          return ((await response.json()) as { job: { items: { status: string; documentId: string; version: number }[] } }).job.items[0]!;
        };
        const first = await upload('보고서.txt', '업무 보고\n\n업로드판마커하나 내용.');
        const second = await upload('보고서.txt', '업무 보고 (수정)\n\n업로드판마커둘 내용.');
        assert.deepEqual([first.status, first.version, second.status, second.documentId, second.version], ['done', 1, 'done', first.documentId, 2]);
        const uploadedTwin = await upload('붙임1.txt', '업로드 붙임\n\n업로드동명마커 내용.');
        assert.equal(uploadedTwin.version, 1);
        assert.notEqual(uploadedTwin.documentId, ids.planning, 'an upload never versions a file ingested from disk');

        const ambiguous = await call(`/api/documents/${encodeURIComponent('붙임1.txt')}`, { headers: { 'accept-language': 'ko' } });
        assert.equal(ambiguous.status, 409);
        const body = (await ambiguous.json()) as { error: { code: string; message: string } };
        assert.equal(body.error.code, 'document_ambiguous');
        assert.match(body.error.message, /^이름이 '붙임1\.txt'인 문서가 2개 있습니다/);
        assert.ok(body.error.message.includes(ids.planning!) && body.error.message.includes(uploadedTwin.documentId), body.error.message);
        assert.equal((await call(`/api/documents/${encodeURIComponent('붙임1.txt')}`, { method: 'DELETE' })).status, 409);
        const detail = await call(`/api/documents/${uploadedTwin.documentId}`);
        assert.equal(detail.status, 200);
        assert.equal(((await detail.json()) as { document: { source: string } }).document.source, 'upload:붙임1.txt');
        const byPath = await call(`/api/documents/${encodeURIComponent(planning())}`);
        assert.equal(byPath.status, 200, await byPath.clone().text());
        assert.equal(((await byPath.json()) as { document: { id: string } }).document.id, ids.planning);
        const deleted = await call(`/api/documents/${uploadedTwin.documentId}`, { method: 'DELETE' });
        assert.deepEqual(await deleted.json(), { deleted: uploadedTwin.documentId, id: uploadedTwin.documentId });
      } finally {
        await app.close();
        await database.close();
      }
    });
  });
}

for (const backend of backends) {
  describe(`upgrading documents to source keys (migration 0013) on ${backend.name}`, { skip: skipReason(backend) }, () => {
    let place: Awaited<ReturnType<typeof backend.prepare>>;
    let database: Database;

    before(async () => {
      place = await backend.prepare({ unmigrated: true });
      const location = storageLocation(place.config());
      database = location.kind === 'postgres' ? await openPostgresDatabase(location.url, 2) : await openPgliteDatabase(location.dataDir);
      await migrate(database, migrations.filter((migration) => migration.version < 13));
      // As 0002–0012 stored them: a file from disk, an upload, a document stored with no source, and two documents
      // that recorded the same path (possible only through direct callers): those two keep their names.
      await database.exec(`
        INSERT INTO tenants (id, name) VALUES ('mois', '행정안전부'), ('msit', '과학기술정보통신부');
        INSERT INTO documents (id, tenant_id, name, source, grade) VALUES
          ('d_disk', 'mois', '붙임1.hwp', '/srv/문서/기획조정실/붙임1.hwp', 'internal'),
          ('d_upload', 'mois', '보고서.hwp', 'upload:보고서.hwp', 'internal'),
          ('d_none', 'mois', '메모.txt', NULL, 'internal'),
          ('d_same_a', 'mois', 'a.txt', '/srv/같은경로.txt', 'internal'),
          ('d_same_b', 'mois', 'b.txt', '/srv/같은경로.txt', 'internal'),
          ('d_other', 'msit', '붙임1.hwp', '/srv/문서/기획조정실/붙임1.hwp', 'internal');
      `);
    });
    after(async () => {
      await database?.close();
      await place?.cleanup();
    });

    test('each document gets its path when it recorded one of its own, else its name; names need no longer be unique', async () => {
      await migrate(database);
      const rows = await database.query<{ id: string; source_key: string }>('SELECT id, source_key FROM documents ORDER BY id');
      assert.deepEqual(Object.fromEntries(rows.map((row) => [row.id, row.source_key])), {
        d_disk: '/srv/문서/기획조정실/붙임1.hwp', d_upload: '보고서.hwp', d_none: '메모.txt', d_same_a: 'a.txt', d_same_b: 'b.txt', d_other: '/srv/문서/기획조정실/붙임1.hwp',
      });
      await database.query(`INSERT INTO documents (id, tenant_id, name, source, source_key, grade) VALUES ('d_twin', 'mois', '붙임1.hwp', '/srv/문서/감사관실/붙임1.hwp', '/srv/문서/감사관실/붙임1.hwp', 'internal')`);
      await assert.rejects(database.query(`INSERT INTO documents (id, tenant_id, name, source_key, grade) VALUES ('d_again', 'mois', '붙임1.hwp', '/srv/문서/감사관실/붙임1.hwp', 'internal')`));
      await assert.rejects(database.query(`INSERT INTO documents (id, tenant_id, name, grade) VALUES ('d_nokey', 'mois', 'x.txt', 'internal')`));
    });
  });
}
