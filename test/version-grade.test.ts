import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Principal } from '../src/auth/index.js';
import { ingestDocument } from '../src/data/index.js';
import { openDatabase } from '../src/store/index.js';
import { backends, skipReason } from './helpers/backends.js';
import { kgov, lastLine } from './helpers/cli.js';

/**
 * A changed file ingested again without `--grade` keeps its document's grade, as it keeps its sharing (a review found a
 * restricted document opened to every internal reader by re-ingesting it plainly), and its personal data is treated
 * for that grade (a public document's phone numbers stay masked).
 */
const operator: Principal = { kind: 'operator', name: 'test' };
const text = (value: string) => new TextEncoder().encode(value);

for (const backend of backends) {
  describe(`a new version's grade, on ${backend.name}`, { skip: skipReason(backend) }, () => {
    let place: Awaited<ReturnType<typeof backend.prepare>>;
    let root: string;
    let env: Record<string, string>;

    before(async () => {
      place = await backend.prepare();
      env = { ...place.env, KGOV_LANG: 'en' };
      root = mkdtempSync(join(tmpdir(), 'kgov-version-grade-'));
      assert.equal(kgov(['tenants', 'create', 'mois', '--name', '행정안전부'], { env }).status, 0);
    });
    after(async () => {
      await place?.cleanup();
      rmSync(root, { recursive: true, force: true });
    });

    const grades = () => Object.fromEntries((JSON.parse(lastLine(kgov(['documents', 'list', '--tenant', 'mois', '--json'], { env }).stdout)) as { name: string; grade: string; version: number }[])
      .map((row) => [row.name, `${row.grade} v${row.version}`]));
    const found = (clearance: string, question: string) => {
      const result = kgov(['search', '--tenant', 'mois', '--clearance', clearance, '--k', '5', '--jsonl'], { env, input: JSON.stringify({ id: 'q', question }) });
      assert.equal(result.status, 0, result.stderr);
      return (JSON.parse(lastLine(result.stdout)) as { hits: { document: string }[] }).hits.map((hit) => hit.document);
    };

    test('kgov ingest: a restricted document changed and ingested again without --grade stays restricted', () => {
      const file = join(root, '감사계획.txt');
      writeFileSync(file, '감사 계획\n\n2027년 정기 감사 대상 기관은 감사등급마커 세 곳이다.');
      assert.equal(kgov(['ingest', file, '--tenant', 'mois', '--grade', 'restricted'], { env }).status, 0);
      writeFileSync(file, '감사 계획 (수정)\n\n2027년 정기 감사 대상 기관은 감사등급마커 네 곳이다.');
      const again = kgov(['ingest', file, '--tenant', 'mois'], { env });
      assert.equal(again.status, 0, again.stderr);
      assert.equal(grades()['감사계획.txt'], 'restricted v2');
      assert.deepEqual(found('internal', '감사등급마커 대상 기관'), []);
      assert.deepEqual(found('restricted', '감사등급마커 대상 기관'), ['감사계획.txt']);
      // An explicit grade still decides (the operator lowers it on purpose).
      writeFileSync(file, '감사 계획 (공개본)\n\n2027년 정기 감사 대상 기관은 감사등급마커 다섯 곳이다.');
      const lowered = kgov(['ingest', file, '--tenant', 'mois', '--grade', 'internal', '--json'], { env });
      assert.equal(lowered.status, 0);
      assert.equal(grades()['감사계획.txt'], 'internal v3');
      // Said to the operator and in the JSON line (and audited as loweredFrom).
      assert.match(lowered.stderr, /lowered from restricted to internal/);
      assert.equal((JSON.parse(lowered.stdout.trim().split('\n')[0]!) as { loweredFrom?: string }).loweredFrom, 'restricted');
    });

    test('a copy of a restricted file ingested from another folder without --grade is restricted too (a security review)', () => {
      const original = join(root, '원본', '인사안.txt');
      const copy = join(root, '사본', '인사안.txt');
      mkdirSync(join(root, '원본'));
      mkdirSync(join(root, '사본'));
      writeFileSync(original, '인사 발령안\n\n승진 대상자 명단 복사등급마커 검토.');
      writeFileSync(copy, '인사 발령안\n\n승진 대상자 명단 복사등급마커 검토.');
      assert.equal(kgov(['ingest', original, '--tenant', 'mois', '--grade', 'restricted'], { env }).status, 0);
      assert.equal(kgov(['ingest', join(root, '사본'), '--tenant', 'mois'], { env }).status, 0);
      const rows = (JSON.parse(lastLine(kgov(['documents', 'list', '--tenant', 'mois', '--json'], { env }).stdout)) as { name: string; grade: string; source: string }[])
        .filter((row) => row.name === '인사안.txt');
      assert.deepEqual(rows.map((row) => row.grade), ['restricted', 'restricted']);
      assert.ok(!found('internal', '복사등급마커 승진 대상자').includes('인사안.txt'));
    });

    test('a public document ingested again without a grade stays public, its personal data masked as public text is', async () => {
      const database = await openDatabase(place.config());
      try {
        const first = await ingestDocument(database, operator, { tenantId: 'mois', fileName: '민원안내.txt', bytes: text('민원 안내\n\n담당자 연락처는 010-2345-6789 입니다. 공개마커감마.'), grade: 'public' });
        assert.equal(first.status, 'ingested');
        const second = await ingestDocument(database, operator, { tenantId: 'mois', fileName: '민원안내.txt', bytes: text('민원 안내 (개정)\n\n담당자 연락처는 010-3456-7890 입니다. 공개마커감마.') });
        assert.ok(second.status === 'ingested' && second.grade === 'public', JSON.stringify(second));
        const rows = await database.query<{ text: string; grade: string }>(
          `SELECT c.text, c.grade FROM chunks c JOIN document_versions v ON v.id = c.version_id WHERE v.document_id = $1 AND v.version = 2`, [second.documentId]);
        assert.ok(rows.length > 0);
        for (const row of rows) {
          assert.equal(row.grade, 'public');
          assert.ok(!row.text.includes('010-3456-7890'), row.text);
        }
      } finally {
        await database.close();
      }
    });
  });
}
