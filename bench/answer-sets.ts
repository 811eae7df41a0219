/**
 * Grounded answers on agency documents (issue 6): `npm run bench:answer-sets [-- --set dev|heldout] [--verbose]`.
 * Each set under `bench/answer-sets/<name>/` is a folder of short agency documents (규정, 조례, FAQ, 보도자료, 개조식
 * 보고서, 회의록 …) and `questions.jsonl` ({"id","question","document","answer":[…]}: the file that answers it and
 * strings that state the answer verbatim; `document` null for a question no document answers). The documents go
 * into a temporary PGlite tenant beside the NIA report (a long document on other subjects: what a careless answer
 * quotes from), and every question is answered by `answerFromDocuments` with no generator, as `kgov ask` and
 * `kgov-rag` answer when no model is configured.
 *
 * Per set: of the answerable questions, how many were answered at all, how many answers state the answer (one of its
 * strings in the text) and cite its document, how many put it in the first line; how many quoted lines cite another
 * document than the one that answers; of the unanswerable ones, how many got the no-evidence answer.
 * `dev` was written by a reviewer and used to develop the rules; `heldout` by another, never looked at while doing so.
 * A set's `followups.jsonl` holds conversations ({…, "earlier": [questions before]}): the earlier questions are asked
 * first, and the conversation with their answers goes through `readConversation` as `kgov-rag` reads a chat request;
 * `--last-message-only` answers the last question alone (the baseline). dev's follow-ups were written by the
 * developer of the follow-up rules (optimistic).
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTenant, type Principal } from '../src/auth/index.js';
import { parseConfig } from '../src/core/index.js';
import { ingestDocument, refreshSearchStatistics } from '../src/data/index.js';
import type { ChatMessage } from '../src/models/index.js';
import { answerFromDocuments, readConversation } from '../src/services/index.js';
import { openDatabase } from '../src/store/index.js';

type Question = { id: string; question: string; document: string | null; answer: string[]; earlier?: string[] };

const setsDir = fileURLToPath(new URL('../../bench/answer-sets/', import.meta.url));
const corpus = new URL('../../../shared/corpus/nia-it-future-strategy-2023.txt', import.meta.url);
const option = (name: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
};
if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write([
    'node dist/bench/answer-sets.js [--set NAME] [--verbose] [--last-message-only]',
    `  --set NAME            one set under bench/answer-sets/ (${readdirSync(setsDir).sort().join(', ')}); default: every set`,
    '  --verbose             each question with its verdict and the quoted lines',
    '  --last-message-only   follow-ups answered from their own words alone (the baseline before conversations were read)',
    'Each set\'s docs/ are ingested beside the NIA report into a fresh PGlite tenant; questions.jsonl and followups.jsonl are asked as kgov ask does.',
    '',
  ].join('\n'));
  process.exit(0);
}
const verbose = process.argv.includes('--verbose');
// The baseline for follow-ups: each answered from its own words alone, as before conversations were read.
const lastMessageOnly = process.argv.includes('--last-message-only');
const sets = option('set') ? [option('set')!] : readdirSync(setsDir).sort();
const operator: Principal = { kind: 'operator', name: 'bench' };
const reader: Principal = { kind: 'operator-as', name: 'bench', tenantId: 'agency', role: 'staff', clearance: 'restricted', groups: null };

const results: Record<string, unknown> = {};
for (const set of sets) {
  const dataDir = mkdtempSync(join(tmpdir(), 'kgov-bench-answer-sets-'));
  const database = await openDatabase(parseConfig({ storage: { dataDir }, logging: { level: 'silent' } }, 'bench'));
  try {
    await createTenant(database, operator, { id: 'agency', name: '기관' });
    await ingestDocument(database, operator, { tenantId: 'agency', fileName: 'nia-it-future-strategy-2023.txt', bytes: readFileSync(corpus), grade: 'internal' });
    for (const name of readdirSync(join(setsDir, set, 'docs')).sort()) {
      await ingestDocument(database, operator, { tenantId: 'agency', fileName: name, bytes: readFileSync(join(setsDir, set, 'docs', name)), grade: 'internal' });
    }
    await refreshSearchStatistics(database);
    for (const file of ['questions.jsonl', 'followups.jsonl']) {
    if (!existsSync(join(setsDir, set, file))) continue;
    const questions = readFileSync(join(setsDir, set, file), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Question);
    const counts = { answerable: 0, answered: 0, correct: 0, correctFirst: 0, quotedLines: 0, quotedElsewhere: 0, unanswerable: 0, refused: 0 };
    const misses: string[] = [];
    for (const question of questions) {
      // A follow-up: the conversation as a chat client sends it, each earlier question with the answer it got.
      const messages: ChatMessage[] = [];
      for (const earlier of question.earlier ?? []) {
        messages.push({ role: 'user', content: earlier });
        messages.push({ role: 'assistant', content: (await answerFromDocuments(database, reader, { tenantId: 'agency', question: earlier })).text });
      }
      messages.push({ role: 'user', content: question.question });
      const conversation = lastMessageOnly ? { question: question.question } : readConversation(messages);
      const answer = await answerFromDocuments(database, reader, { tenantId: 'agency', ...conversation });
      // The quoted lines ("- sentence [n]") and the document each cites.
      const quoted = answer.text.split('\n').flatMap((line) => {
        const match = /^- (.*) \[(\d+)\]$/.exec(line);
        return match ? [{ text: match[1]!, document: answer.citations.find((citation) => citation.number === Number(match[2]))?.document ?? null }] : [];
      });
      // A value written as table cells (가족관계증명서 | 1,000원 | 500원) is stated by a row quoted with those cells in
      // that order, as a Markdown row or under its column names (민원 서류: 가족관계증명서, 창구 발급: 1,000원, …).
      const states = (text: string) => question.answer.some((value) => text.includes(value) || (value.includes(' | ') && cellsInOrder(value.split(' | '), text)));
      let verdict: string;
      if (question.document === null) {
        counts.unanswerable++;
        if (answer.mode === 'no-evidence') counts.refused++;
        verdict = answer.mode === 'no-evidence' ? 'refused' : 'ANSWERED';
      } else {
        counts.answerable++;
        if (answer.mode !== 'no-evidence') counts.answered++;
        const correct = quoted.some((line) => line.document === question.document && states(line.text));
        if (correct) counts.correct++;
        if (quoted[0] && quoted[0].document === question.document && states(quoted[0].text)) counts.correctFirst++;
        counts.quotedLines += quoted.length;
        counts.quotedElsewhere += quoted.filter((line) => line.document !== question.document).length;
        verdict = answer.mode === 'no-evidence' ? 'NO-EVIDENCE' : correct ? (states(quoted[0]?.text ?? '') ? 'good' : 'good-not-first') : 'WRONG';
      }
      if (verdict !== 'good' && verdict !== 'refused') misses.push(`${question.id} ${verdict} ${question.question}`);
      if (verbose) {
        console.error(`${question.id} ${verdict} | ${question.question}`);
        for (const line of quoted) console.error(`    [${line.document}] ${line.text.slice(0, 120)}`);
      }
    }
    results[file === 'questions.jsonl' ? set : `${set} follow-ups`] = { ...counts, misses };
    }
  } finally {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
console.log(JSON.stringify(results, null, 2));

/** Whether every cell stands in `text`, each after the one before. */
function cellsInOrder(cells: readonly string[], text: string): boolean {
  let from = 0;
  for (const cell of cells) {
    const at = text.indexOf(cell.trim(), from);
    if (at < 0) return false;
    from = at + cell.trim().length;
  }
  return true;
}
