import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { backends, skipReason } from './helpers/backends.js';
import { kgov } from './helpers/cli.js';

/**
 * Issue 3 from a user's fresh clone: `kgov ingest` of a folder where some files are broken. Each bad
 * file fails alone with one line that says why; the good ones are ingested; and a hit on PDF text
 * cites the page the text is on.
 */
const shared = new URL('../../../shared/fixtures/', import.meta.url);
const documents = new URL('../../test/__fixtures__/documents/', import.meta.url);

type Line = { file: string; status: string; code?: string; reason?: string };
type Hit = { document: string; page: number | null; lines: [number, number] | null };

for (const backend of backends) {
  describe(`kgov ingest of a folder with damaged files on ${backend.name}`, { skip: skipReason(backend) }, () => {
    test('damaged and textless files fail alone with their codes; the good ones are ingested; PDF hits name their page', async () => {
      const place = await backend.prepare();
      try {
        const configFile = join(place.dataDir, 'kgov.json');
        writeFileSync(configFile, JSON.stringify({ storage: { keyDir: join(place.dataDir, 'keys') }, ingest: { workers: 1 } }));
        assert.equal(kgov(['tenants', 'create', 'mois', '--name', '행정안전부', '--config', configFile], { env: place.env }).status, 0);
        const folder = join(place.dataDir, '자료');
        mkdirSync(folder);
        writeFileSync(join(folder, '표.hwp'), Buffer.from(readFileSync(new URL('hwp/표.hwp', shared))).fill(0, 4096, 12000));
        writeFileSync(join(folder, '손상된문서.pdf'), Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * 7919 + 13) % 251)));
        copyFileSync(new URL('hwp/그림.hwp', shared), join(folder, '그림.hwp'));
        copyFileSync(new URL('sample.pdf', documents), join(folder, 'guideline.pdf'));
        writeFileSync(join(folder, '공고문.txt'), '행정안전부 공고 제2023-100호\n\n민원 처리 기한 안내 공고마커.');

        const ingest = kgov(['ingest', folder, '--tenant', 'mois', '--json', '--config', configFile], { env: { ...place.env, KGOV_LANG: 'en' } });
        assert.equal(ingest.status, 1, 'some files failed');
        const lines = ingest.stdout.trim().split('\n').map((line) => JSON.parse(line) as Line);
        const byName = Object.fromEntries(lines.map((line) => [line.file.slice(folder.length + 1), line.status === 'failed' ? line.code : line.status]));
        assert.deepEqual(byName, { '표.hwp': 'corrupt_file', '손상된문서.pdf': 'corrupt_file', '그림.hwp': 'no_text', 'guideline.pdf': 'ingested', '공고문.txt': 'ingested' });
        const errors = ingest.stderr.split('\n').filter((line) => line.startsWith('kgov: error'));
        assert.equal(errors.length, 3, ingest.stderr);
        assert.ok(errors.some((line) => /\[corrupt_file\] .*표\.hwp: the file is damaged or unreadable \(BodyText\/Section0: damaged record stream/.test(line)), ingest.stderr);
        assert.ok(errors.some((line) => /\[corrupt_file\] .*손상된문서\.pdf: the file is damaged or unreadable \(not a PDF file: no %PDF- header\)$/.test(line)), ingest.stderr);
        assert.ok(errors.some((line) => /\[no_text\] .*그림\.hwp: the document has no text, so it was not ingested \(no text in the HWP body/.test(line)), ingest.stderr);
        assert.match(ingest.stderr, /ingested 2, skipped as duplicate 0, failed 3/);

        const search = kgov(['search', '--tenant', 'mois', '--jsonl', '--config', configFile], {
          env: place.env,
          input: `${JSON.stringify({ id: 'annex', question: 'Budget table and contacts' })}\n${JSON.stringify({ id: 'first', question: 'disclosure procedure guideline' })}\n`,
        });
        assert.equal(search.status, 0, search.stderr);
        const answers = search.stdout.trim().split('\n').map((line) => JSON.parse(line) as { id: string; hits: Hit[] });
        const top = (id: string) => answers.find((answer) => answer.id === id)!.hits[0]!;
        assert.deepEqual([top('annex').document, top('annex').page, top('annex').lines], ['guideline.pdf', 2, null], 'page 2 text is cited on page 2');
        assert.deepEqual([top('first').document, top('first').page], ['guideline.pdf', 1]);

        // A line that is JSON but no request (null, a number, an array) is answered with an error; the batch goes on.
        const mixed = kgov(['search', '--tenant', 'mois', '--jsonl', '--config', configFile], {
          env: place.env, input: `{"id":1,"question":"guideline"}\nnull\n42\n[]\n{"id":3,"question":"공고"}\n`,
        });
        assert.equal(mixed.status, 1, 'some lines were bad');
        const replies = mixed.stdout.trim().split('\n').map((line) => JSON.parse(line) as { id: unknown; hits?: unknown[]; error?: { code: string } });
        assert.deepEqual(replies.map((reply) => [reply.id, reply.error?.code ?? 'hits']), [[1, 'hits'], [null, 'invalid_request'], [null, 'invalid_request'], [null, 'invalid_request'], [3, 'hits']]);
        assert.doesNotMatch(mixed.stderr, /internal_error/);

        // kgov eval retrieval names the line (as the file numbers it) and what is wrong with it, and never crashes.
        for (const [content, expected] of [
          ['null\n', /1.*(line|줄)/],
          ['{"id":"a","gold":[{"start":1,"end":2}]}\n', /question/],
          ['\n\n{"id":"a","question":"x"}\nbad\n', /4/],
          ['{"id":"a","question":"x","gold":[{"start":"x","end":2}]}\n', /gold\.0\.start/],
          // Gold lines count from 1, as the file's own lines do.
          ['{"id":"a","question":"x","gold":[{"start":0,"end":2}]}\n', /gold\.0\.start/],
        ] as const) {
          const file = join(place.dataDir, 'questions.jsonl');
          writeFileSync(file, content);
          const evaluated = kgov(['eval', 'retrieval', '--queries', file, '--tenant', 'mois', '--config', configFile], { env: place.env });
          assert.equal(evaluated.status, 2, `${JSON.stringify(content)}: ${evaluated.stderr}`);
          assert.match(evaluated.stderr, expected);
          assert.doesNotMatch(evaluated.stderr, /internal_error/);
        }
        // A gold document the tenant does not hold, and a file without gold, are said.
        const notes = join(place.dataDir, 'notes.jsonl');
        writeFileSync(notes, '{"id":"z","question":"공고","gold":[{"start":1,"end":2}],"document":"없는문서.txt"}\n');
        const missing = kgov(['eval', 'retrieval', '--queries', notes, '--tenant', 'mois', '--config', configFile], { env: place.env });
        assert.equal(missing.status, 0, missing.stderr);
        assert.match(missing.stderr, /없는문서\.txt/);
        // Gold lines past the document's last line are said too (a typo, or lines counted in another copy of the file).
        writeFileSync(notes, '{"id":"far","question":"공고","gold":[{"start":20000,"end":20001}],"document":"공고문.txt"}\n');
        const beyond = kgov(['eval', 'retrieval', '--queries', notes, '--tenant', 'mois', '--config', configFile], { env: place.env });
        assert.equal(beyond.status, 0, beyond.stderr);
        assert.match(beyond.stderr, /far.*20000/);
        writeFileSync(notes, '{"id":"a","question":"공고"}\n');
        const noGold = kgov(['eval', 'retrieval', '--queries', notes, '--tenant', 'mois', '--config', configFile], { env: place.env });
        assert.equal(noGold.status, 0, noGold.stderr);
        assert.match(noGold.stderr, /gold/);
      } finally {
        await place.cleanup();
      }
    });
  });
}
