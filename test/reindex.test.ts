import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createTenant, type Principal } from '../src/auth/index.js';
import { ingestDocument, reindexDocuments, staleIndex } from '../src/data/index.js';
import { analyzerVersion, searchChunks } from '../src/search/index.js';
import { openDatabase } from '../src/store/index.js';
import { backends, skipReason } from './helpers/backends.js';
import { statisticsMismatch } from './helpers/index-stats.js';
import { kgov, kgovAsync } from './helpers/cli.js';

const operator: Principal = { kind: 'operator', name: 'test' };
const text = (value: string) => new TextEncoder().encode(value);
const report = readFileSync(new URL('../../../shared/corpus/nia-it-future-strategy-2023.txt', import.meta.url), 'utf8').split('\n').slice(3900, 4100).join('\n');
const questions = ['GPT-4 미세조정에 걸린 기간', '초거대 AI 파라미터 규모', '파인튜닝하는데 걸린 시간', '감사 계획 대외비'];

/** What a reader gets, without the ids (they differ between two tenants holding the same documents). */
const ranking = async (database: Parameters<typeof searchChunks>[0], tenantId: string, groups: string[] | null, query: string) =>
  (await searchChunks(database, { kind: 'operator-as', name: 'test', tenantId, role: 'staff', clearance: 'restricted', groups }, { tenantId, query, k: 10 }))
    .map((hit) => `${hit.document} ${hit.lines?.join('-')} ${hit.score.toFixed(6)}`);

for (const backend of backends) {
  describe(`kgov reindex on ${backend.name}`, { skip: skipReason(backend) }, () => {
    test('an older analyzer\'s index is analysed again: rankings become those of a fresh ingest, sharing and external vectors stay, a second run does nothing', async () => {
      const place = await backend.prepare();
      const database = await openDatabase(place.config());
      try {
        for (const tenantId of ['fresh', 'old']) {
          await createTenant(database, operator, { id: tenantId, name: tenantId });
          await ingestDocument(database, operator, { tenantId, fileName: 'report.txt', bytes: text(report), grade: 'internal' });
          await ingestDocument(database, operator, { tenantId, fileName: '감사.txt', bytes: text('감사 계획\n\n감사관실은 대외비 감사 계획을 세운다.'), grade: 'restricted', share: ['감사관실'] });
        }
        assert.deepEqual(await staleIndex(database), { documents: 0, chunks: 0 }, 'ingest records the current analyzer');
        // What an older analyzer left: other terms for every passage of one tenant, and version 1 on its chunks.
        await database.query("UPDATE posting_segments SET term = 'v1:' || term WHERE tenant_id = 'old'");
        await database.query("UPDATE chunks SET analyzer_version = 1 WHERE tenant_id = 'old'");
        const [chunk] = await database.query<{ id: string; grade: string }>("SELECT id::text, grade FROM chunks WHERE tenant_id = 'old' AND active ORDER BY id LIMIT 1");
        await database.query("INSERT INTO chunk_vectors (chunk_id, embedder, tenant_id, grade, embedding) VALUES ($1, 'external-test', 'old', $2, ARRAY[1, 0, 0]::real[])", [chunk!.id, chunk!.grade]);
        const stale = await staleIndex(database, 'old');
        assert.equal(stale.documents, 2);
        assert.deepEqual(await ranking(database, 'old', null, questions[0]!), [], 'nothing matches the old terms');

        const progress: number[] = [];
        const result = await reindexDocuments(database, operator, { tenantId: 'old', onDocument: (step) => progress.push(step.done) });
        assert.deepEqual(result, { documents: 2, chunks: stale.chunks });
        assert.deepEqual(progress, [1, 2]);
        for (const question of questions) {
          for (const groups of [null, [], ['감사관실']]) {
            assert.deepEqual(await ranking(database, 'old', groups, question), await ranking(database, 'fresh', groups, question), `${question} as ${JSON.stringify(groups)}`);
          }
        }
        assert.ok(!(await ranking(database, 'old', [], '감사 계획 대외비')).some((hit) => hit.startsWith('감사.txt')), 'still shared with 감사관실 only');
        const vectors = await database.query<{ embedder: string }>('SELECT embedder FROM chunk_vectors WHERE chunk_id = $1 ORDER BY embedder', [chunk!.id]);
        assert.equal(vectors.length, 2, 'the external vector stays beside the built-in one');
        assert.ok(vectors.some((row) => row.embedder === 'external-test'));
        assert.equal(await statisticsMismatch(database, 'old'), 0, 'statistics match the chunks served');
        assert.deepEqual(await staleIndex(database), { documents: 0, chunks: 0 });
        assert.deepEqual(await reindexDocuments(database, operator), { documents: 0, chunks: 0 }, 'a second run finds nothing to do');
        const [version] = await database.query<{ versions: number[] }>("SELECT array_agg(DISTINCT analyzer_version)::int[] AS versions FROM chunks WHERE tenant_id = 'old' AND active");
        assert.deepEqual(version!.versions, [analyzerVersion]);
        await assert.rejects(reindexDocuments(database, { kind: 'api-key', keyId: 'k', tenantId: 'old', role: 'staff', clearance: 'restricted' }), /forbidden|tenants\.manage/, 'across tenants: the operator only');
      } finally {
        await database.close();
        await place.cleanup();
      }
    });

    test('kgov serve warns at start, kgov reindex --check says what is stale (exit 3), and kgov reindex fixes it', async () => {
      const place = await backend.prepare();
      try {
        const env = place.env;
        assert.equal(kgov(['tenants', 'create', 'mois', '--name', '행정안전부'], { env }).status, 0);
        const folder = join(place.dataDir, 'docs');
        mkdirSync(folder);
        writeFileSync(join(folder, '규정.txt'), '복무 규정\n\n연가는 파인튜닝하는데 필요한 기간만큼 쓴다.');
        assert.equal(kgov(['ingest', folder, '--tenant', 'mois'], { env }).status, 0);
        assert.equal(kgov(['reindex', '--check'], { env }).status, 0);
        const database = await openDatabase(place.config());
        await database.query('UPDATE chunks SET analyzer_version = 1');
        await database.close();
        const server = kgovAsync(['serve', '--port', '0', '--host', '127.0.0.1'], { env });
        let stdout = '';
        server.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        const closed = new Promise<number | null>((resolve) => server.on('close', resolve));
        try {
          const started = Date.now();
          while (!stdout.includes('older analyzer')) {
            assert.ok(Date.now() - started < 30_000, `no warning at start: ${stdout}`);
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
          const warning = stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { level: number; msg: string; chunks?: number })
            .find((entry) => entry.msg.includes('older analyzer'));
          assert.deepEqual([warning?.level, warning?.chunks], [40, 1], 'a warning with the count');
        } finally {
          server.kill('SIGTERM');
          assert.equal(await closed, 0);
        }
        const check = kgov(['reindex', '--check', '--tenant', 'mois'], { env: { ...env, KGOV_LANG: 'en' } });
        assert.equal(check.status, 3, check.stderr);
        assert.match(check.stdout, /1 documents \(1 chunks\)/);
        const run = kgov(['reindex'], { env: { ...env, KGOV_LANG: 'en' } });
        assert.equal(run.status, 0, run.stderr);
        assert.match(run.stdout, /Reindexed 1 documents \(1 chunks\)/);
        assert.equal(kgov(['reindex', '--check'], { env }).status, 0);
        const searched = kgov(['search', '--tenant', 'mois', '--k', '1', '--jsonl'], { env, input: '{"id":"q","question":"미세조정 기간"}\n' });
        assert.equal((JSON.parse(searched.stdout) as { hits: { document: string }[] }).hits[0]?.document, '규정.txt');
      } finally {
        await place.cleanup();
      }
    });
  });
}
