import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createTenant, type Principal } from '../src/auth/index.js';
import { ingestDocument, parserVersion, prepareDocument, reparseFile, staleParsing, storeDocument, type PreparedDocument } from '../src/data/index.js';
import { defaultParseLimits } from '../src/data/parsers/index.js';
import { analyzeForIndex, searchChunks } from '../src/search/index.js';
import { openDatabase, type Database } from '../src/store/index.js';
import { backends, skipReason } from './helpers/backends.js';
import { statisticsMismatch } from './helpers/index-stats.js';
import { kgov } from './helpers/cli.js';

const operator: Principal = { kind: 'operator', name: 'test' };
const text = (value: string) => new TextEncoder().encode(value);

const ordinance = text(`서울특별시 공공데이터 제공 조례

제1장 총칙

제1조(목적) 이 조례는 공공데이터의 제공과 이용 활성화에 필요한 사항을 규정함을 목적으로 한다.

제2조(정의) 이 조례에서 사용하는 용어의 뜻은 다음과 같다.

제2장 공공데이터의 제공

제3조(제공 책임관) 시장은 공공데이터 제공 책임관을 지정하여야 한다. 책임관은 정보화담당관으로 한다.

제4조(제공 신청) 공공데이터를 이용하려는 자는 시장에게 제공을 신청할 수 있다.
`);
const audit = text('감사 계획\n\n1. 목적\n\n감사관실은 대외비 감사 계획을 세운다.\n\n2. 대상\n\n정보화사업 예산 집행을 점검한다.\n');
// Two documents with the same text (a copy under another name): the second's passages are withheld as duplicates.
const travel = text('출장 규정\n\n여비 정산은 출장 종료 후 5일 이내에 증빙서류를 첨부하여 신청한다. 숙박비는 실비로 정산한다.\n');
const questions = ['공공데이터 제공 책임관은 누가 맡나요', '조례의 목적', '감사 계획 대상', '여비 정산 기한', '정보화사업 예산 점검'];

/** What a reader gets: document, lines, section and score (not the chunk ids, which differ between tenants). */
const ranking = async (database: Database, tenantId: string, groups: string[] | null, query: string) =>
  (await searchChunks(database, { kind: 'operator-as', name: 'test', tenantId, role: 'staff', clearance: 'restricted', groups }, { tenantId, query, k: 10 }))
    .map((hit) => `${hit.document} ${hit.lines?.join('-')} ${hit.section ?? '-'} ${hit.score.toFixed(6)}`);

/** What an older parser left: another section on every chunk (and the terms analysed with it), none inside; its version unknown. */
function asOlderParser(prepared: PreparedDocument): PreparedDocument {
  const chunks = prepared.chunks.map(({ innerSections: _inner, lineRuns: _runs, ...chunk }) => ({ ...chunk, section: '본문' }));
  return { ...prepared, chunks, chunkTerms: chunks.map((chunk, index) => (prepared.chunkFacts[index]!.withheld ? [] : analyzeForIndex(chunk.text, chunk.section))) };
}

/** Outcomes of one file come in document-id order (random ids): compare a pair in the order they came. */
const byDocumentOrder = (outcomes: readonly { status: string }[], from: number) => (left: string[], right: string[]) => {
  const names = outcomes.slice(from, from + 2).map((outcome) => ('name' in outcome ? outcome.name : ''));
  return names.indexOf(left[1]!) - names.indexOf(right[1]!);
};

async function prepared(bytes: Uint8Array, name: string): Promise<PreparedDocument> {
  const result = await prepareDocument(bytes, name, defaultParseLimits);
  assert.ok(result.ok);
  return result.prepared;
}

for (const backend of backends) {
  describe(`kgov reindex --reparse on ${backend.name}`, { skip: skipReason(backend) }, () => {
    test('versions an older parser made are parsed again from their files: searches become those of a fresh ingest; ids, versions, sharing and duplicates stay', async () => {
      const place = await backend.prepare();
      const database = await openDatabase(place.config());
      try {
        const files: { name: string; bytes: Uint8Array; grade: 'internal' | 'restricted'; share?: string[] }[] = [
          { name: 'law.txt', bytes: ordinance, grade: 'internal' as const },
          { name: '감사.txt', bytes: audit, grade: 'restricted' as const, share: ['감사관실'] },
          { name: 'travel-a.txt', bytes: travel, grade: 'internal' as const },
          { name: 'travel-b.txt', bytes: travel, grade: 'internal' as const },
        ];
        await createTenant(database, operator, { id: 'fresh', name: 'fresh' });
        await createTenant(database, operator, { id: 'old', name: 'old' });
        for (const file of files) {
          await ingestDocument(database, operator, { tenantId: 'fresh', fileName: file.name, bytes: file.bytes, grade: file.grade, ...(file.share ? { share: file.share } : {}) });
          const outcome = await storeDocument(database, operator, { tenantId: 'old', fileName: file.name, bytes: file.bytes, grade: file.grade, ...(file.share ? { share: file.share } : {}) },
            asOlderParser(await prepared(file.bytes, file.name)));
          assert.equal(outcome.status, 'ingested');
        }
        assert.deepEqual(await staleParsing(database), { documents: 0 }, 'ingest records the current parser');
        await database.query("UPDATE document_versions SET parser_version = NULL WHERE document_id IN (SELECT id FROM documents WHERE tenant_id = 'old')");
        assert.deepEqual(await staleParsing(database, 'old'), { documents: 4 });
        assert.notDeepEqual(await ranking(database, 'old', null, questions[0]!), await ranking(database, 'fresh', null, questions[0]!), 'the older parse ranks differently');
        const before = await database.query<{ id: string; name: string; version: number; signature: string | null; access_groups: string[] }>(
          "SELECT d.id, d.name, v.version, v.signature, d.access_groups FROM documents d JOIN document_versions v ON v.document_id = d.id WHERE d.tenant_id = 'old' ORDER BY d.name");
        // The shared paragraph is served once, from the first travel file; the second's copy is withheld.
        const servedCopies = async (tenantId: string) => (await ranking(database, tenantId, null, '여비 정산 기한')).filter((hit) => hit.startsWith('travel-')).map((hit) => hit.split(' ')[0]);
        assert.deepEqual(await servedCopies('old'), ['travel-a.txt']);

        const outcomes = [];
        for (const file of files) outcomes.push(...await reparseFile(database, operator, { bytes: file.bytes }, { tenantId: 'old' }));
        // The travel file is the current version of two documents: the first time it is given, both are parsed again.
        assert.deepEqual(outcomes.map((outcome) => [outcome.status, 'name' in outcome ? outcome.name : null]),
          [['reparsed', 'law.txt'], ['reparsed', '감사.txt'], ...[['reparsed', 'travel-a.txt'], ['reparsed', 'travel-b.txt']].sort(byDocumentOrder(outcomes, 2)),
            ...[['current', 'travel-a.txt'], ['current', 'travel-b.txt']].sort(byDocumentOrder(outcomes, 4))]);
        for (const question of questions) {
          for (const groups of [null, [], ['감사관실']]) {
            assert.deepEqual(await ranking(database, 'old', groups, question), await ranking(database, 'fresh', groups, question), `${question} as ${JSON.stringify(groups)}`);
          }
        }
        const law = (await ranking(database, 'old', null, questions[0]!))[0]!;
        assert.match(law, /^law\.txt 1-13 /, law);
        assert.deepEqual(await servedCopies('old'), ['travel-a.txt'], 'the document parsed again keeps serving its passage; the other copy stays withheld');
        assert.ok(!(await ranking(database, 'old', [], '감사 계획 대상')).some((hit) => hit.startsWith('감사.txt')), 'still shared with 감사관실 only');
        const after = await database.query<{ id: string; name: string; version: number; signature: string | null; access_groups: string[] }>(
          "SELECT d.id, d.name, v.version, v.signature, d.access_groups FROM documents d JOIN document_versions v ON v.document_id = d.id WHERE d.tenant_id = 'old' ORDER BY d.name");
        assert.deepEqual(after, before, 'same documents, version numbers, signatures and sharing');
        const [inner] = await database.query<{ inner_sections: unknown }>(
          "SELECT c.inner_sections FROM chunks c JOIN documents d ON d.id = c.document_id WHERE d.tenant_id = 'old' AND d.name = 'law.txt'");
        assert.ok(JSON.stringify(inner?.inner_sections).includes('제3조(제공 책임관)'), 'sections opening inside the chunk are recorded');
        // Parser version 2 records each text line's source line (the older parse had none): a quotation's own lines.
        const [runs] = await database.query<{ line_runs: number[] | null }>(
          "SELECT c.line_runs FROM chunks c JOIN documents d ON d.id = c.document_id WHERE d.tenant_id = 'old' AND d.name = 'law.txt' ORDER BY c.ordinal LIMIT 1");
        assert.ok(Array.isArray(runs?.line_runs) && runs.line_runs.length >= 2 && runs.line_runs.every((value) => typeof value === 'number'), JSON.stringify(runs));
        assert.equal(await statisticsMismatch(database, 'old'), 0, 'statistics match the chunks served');
        const lines = async (tenantId: string) => (await database.query<{ line_hash: string; documents: number }>(
          'SELECT line_hash, documents FROM boilerplate_lines WHERE tenant_id = $1 ORDER BY line_hash', [tenantId])).map((row) => `${row.line_hash}:${row.documents}`);
        assert.deepEqual(await lines('old'), await lines('fresh'), 'template-line counts as after a fresh ingest');
        const [orphans] = await database.query<{ count: number }>(
          "SELECT count(*)::int AS count FROM chunks c WHERE c.tenant_id = 'old' AND NOT EXISTS (SELECT 1 FROM document_versions v WHERE v.id = c.version_id AND v.parser_version = $1)", [parserVersion]);
        assert.equal(orphans!.count, 0, 'no chunk of the older parse is left');
        const audits = await database.query<{ detail: { parserVersion: { from: number; to: number } } }>("SELECT detail FROM audit_log WHERE action = 'document.reparsed' AND tenant_id = 'old'");
        assert.equal(audits.length, 4);
        assert.deepEqual(audits[0]!.detail.parserVersion, { from: 0, to: parserVersion });

        assert.deepEqual(await staleParsing(database), { documents: 0 });
        assert.deepEqual((await reparseFile(database, operator, { bytes: ordinance }, { tenantId: 'old' })).map((outcome) => outcome.status), ['current'], 'a second run does nothing');
        assert.deepEqual(await reparseFile(database, operator, { bytes: text('어디에도 없는 파일') }), [{ status: 'not-stored' }]);
        // Only current versions: the bytes of a superseded version are no longer served, so nothing is parsed.
        await ingestDocument(database, operator, { tenantId: 'old', fileName: 'law.txt', bytes: text('서울특별시 공공데이터 제공 조례\n\n제1조(목적) 개정된 목적.\n\n제2조(정의) 개정된 정의.\n') });
        assert.deepEqual(await reparseFile(database, operator, { bytes: ordinance }, { tenantId: 'old' }), [{ status: 'not-stored' }]);
        // Across tenants only the operator; a key of one tenant never reaches another's documents.
        const staff: Principal = { kind: 'api-key', keyId: 'k', tenantId: 'fresh', role: 'admin', clearance: 'restricted' };
        await assert.rejects(reparseFile(database, staff, { bytes: audit }), /forbidden|tenants\.manage/);
        await database.query("UPDATE document_versions SET parser_version = NULL WHERE document_id IN (SELECT id FROM documents WHERE tenant_id = 'fresh' AND name = '감사.txt')");
        const internalKey: Principal = { kind: 'api-key', keyId: 'k', tenantId: 'fresh', role: 'admin', clearance: 'internal' };
        assert.deepEqual(await reparseFile(database, internalKey, { bytes: audit }, { tenantId: 'fresh' }), [{ status: 'not-stored' }], 'a restricted document is not touched by a lower clearance');
        // Read the same by the new parser (it changed another format): its chunks and their ids stay, only the number moves.
        const chunkIds = async () => (await database.query<{ id: string }>(
          "SELECT c.id::text AS id FROM chunks c JOIN documents d ON d.id = c.document_id WHERE d.tenant_id = 'fresh' AND d.name = '감사.txt' ORDER BY c.id")).map((row) => row.id);
        const idsBefore = await chunkIds();
        const [same] = await reparseFile(database, operator, { bytes: audit }, { tenantId: 'fresh' });
        assert.deepEqual([same!.status, same!.status === 'reparsed' && same!.unchanged], ['reparsed', true]);
        assert.deepEqual(await chunkIds(), idsBefore);
        assert.deepEqual(await staleParsing(database, 'fresh'), { documents: 0 });
      } finally {
        await database.close();
        await place.cleanup();
      }
    });

    test('kgov reindex --check says which documents an older parser read, and kgov reindex --reparse FOLDER parses them again', async () => {
      const place = await backend.prepare();
      try {
        const env = { ...place.env, KGOV_LANG: 'en' };
        assert.equal(kgov(['tenants', 'create', 'seoul', '--name', '서울시'], { env }).status, 0);
        const folder = join(place.dataDir, 'docs');
        mkdirSync(folder);
        writeFileSync(join(folder, 'law.txt'), ordinance);
        writeFileSync(join(folder, 'new.txt'), '아직 수집하지 않은 문서입니다.');
        assert.equal(kgov(['ingest', join(folder, 'law.txt'), '--tenant', 'seoul'], { env }).status, 0);
        const database = await openDatabase(place.config());
        await database.query('UPDATE document_versions SET parser_version = NULL');
        await database.close();
        const listed = kgov(['documents', 'list', '--tenant', 'seoul'], { env });
        assert.match(listed.stdout, /PARSER/);
        assert.match(listed.stdout, /law\.txt .* -\* /, 'a version no parser release is recorded for is marked');
        const check = kgov(['reindex', '--check'], { env });
        assert.equal(check.status, 4, 'exit code 3 is for what kgov reindex alone fixes; 4: only the originals can');
        assert.match(check.stdout, /1 documents were parsed by an older parser: kgov reindex --reparse/);
        assert.match(check.stdout, /^ {2}- seoul law\.txt v1 \(parser -\)$/m, 'each such document is named');
        const run = kgov(['reindex', '--reparse', folder, join(folder, 'missing.hwp'), '--tenant', 'seoul', '--json'], { env });
        assert.equal(run.status, 1, 'a missing path fails the run');
        const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { file: string; status: string; chunks?: number });
        assert.deepEqual(lines.map((line) => [line.file.split('/').pop(), line.status]), [['missing.hwp', 'failed'], ['law.txt', 'reparsed'], ['new.txt', 'not-stored']], run.stderr);
        assert.match(run.stderr, /Reparsed 1 documents \(1 → 1 chunks; 1 read the same and kept their chunks and ids\), 0 already current, 1 files with no stored current version, 1 failed/);
        const again = kgov(['reindex', '--reparse', folder], { env });
        assert.equal(again.status, 0, again.stderr);
        assert.match(again.stdout, /Reparsed 0 documents .*1 already current/);
        const after = kgov(['reindex', '--check'], { env });
        assert.equal(after.status, 0);
        assert.doesNotMatch(after.stdout, /older parser/);
        const [row] = JSON.parse(kgov(['documents', 'list', '--tenant', 'seoul', '--json'], { env }).stdout) as { parserVersion: number }[];
        assert.equal(row?.parserVersion, parserVersion);
      } finally {
        await place.cleanup();
      }
    });
  });
}
