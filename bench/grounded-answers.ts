/**
 * Grounded answers without a model (issue 6): `npm run bench:answers`. The NIA report plus one small unrelated
 * regulation go into a temporary PGlite tenant; every nia-qa-dev question is answered by `answerFromDocuments`
 * with no generator (the extractive provider), as `kgov ask` and `kgov-rag` do when no model is configured.
 * Reports, for the answerable questions, how many got the no-evidence answer and how many cite lines that overlap
 * the gold lines (a quotation's own lines since parser version 2, the whole passage's before); how many quoted lines
 * stand in the report at the lines their citation gives; for the unanswerable ones, how many were (wrongly) answered; and two probes: a question
 * whose only overlap with the documents is a common verb must get the no-evidence answer, and a question about the
 * regulation must cite the regulation only.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTenant, type Principal } from '../src/auth/index.js';
import { parseConfig } from '../src/core/index.js';
import { ingestDocument, refreshSearchStatistics } from '../src/data/index.js';
import { answerFromDocuments } from '../src/services/index.js';
import { openDatabase } from '../src/store/index.js';

type Question = { id: string; question: string; gold: { start: number; end: number }[] };

const shared = new URL('../../../shared/', import.meta.url);
const corpusName = 'nia-it-future-strategy-2023.txt';
const questions = readFileSync(new URL('eval/rag/nia-qa-dev.jsonl', shared), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Question);
const travel = '국외 출장 규정\n\n제3조(출장 승인) 국외 출장은 출발 14일 전까지 기관장의 승인을 받아야 한다.\n제4조(결과 보고) 출장자는 귀국 후 7일 이내에 출장 결과 보고서를 제출한다.\n';
const verbose = process.argv.includes('--verbose');
const operator: Principal = { kind: 'operator', name: 'bench' };
const reader: Principal = { kind: 'operator-as', name: 'bench', tenantId: 'nia', role: 'staff', clearance: 'restricted', groups: null };

/**
 * A table row is quoted under its column names ("[caption] — 기관: IMF, 선진국, 2021: 5.2"): it stands at its lines when
 * every value it quotes (what follows each column name) stands there or in the `tableReach` lines above.
 */
const tableReach = 30;
function tableRowAt(quote: string, cited: string): boolean {
  const pairs = quote.includes(' — ') ? quote.slice(quote.indexOf(' — ') + 3) : quote;
  const values = pairs.split(', ').map((pair) => (pair.includes(': ') ? pair.slice(pair.indexOf(': ') + 2) : pair).replace(/\s+/g, ' ').trim());
  return values.length > 1 && values.every((value) => cited.includes(value));
}

const dataDir = mkdtempSync(join(tmpdir(), 'kgov-bench-answers-'));
const database = await openDatabase(parseConfig({ storage: { dataDir }, logging: { level: 'silent' } }, 'bench'));
try {
  await createTenant(database, operator, { id: 'nia', name: 'NIA' });
  await ingestDocument(database, operator, { tenantId: 'nia', fileName: corpusName, bytes: readFileSync(new URL(`corpus/${corpusName}`, shared)), grade: 'internal' });
  await ingestDocument(database, operator, { tenantId: 'nia', fileName: 'travel-rules.txt', bytes: new TextEncoder().encode(travel), grade: 'internal' });
  await refreshSearchStatistics(database);
  const ask = (question: string) => answerFromDocuments(database, reader, { tenantId: 'nia', question });
  let answerable = 0;
  let noEvidence = 0;
  let goldCited = 0;
  let unanswerable = 0;
  let unanswerableAnswered = 0;
  let quotes = 0;
  let quotesAtCitedLines = 0;
  const corpusLines = readFileSync(new URL(`corpus/${corpusName}`, shared), 'utf8').split(/\r?\n/);
  for (const question of questions) {
    const answer = await ask(question.question);
    // `--verbose`: every answer, to read what the extractive provider quoted.
    if (verbose) console.error(`${question.id} ${answer.mode} ${answer.citations.map((citation) => citation.lines?.join('-')).join(',')} | ${question.question}\n  ${answer.text.replace(/\n/g, ' ').slice(0, 300)}`);
    if (question.gold.length === 0) {
      unanswerable++;
      if (answer.mode !== 'no-evidence') unanswerableAnswered++;
      continue;
    }
    answerable++;
    if (answer.mode === 'no-evidence') {
      noEvidence++;
      continue;
    }
    const covers = answer.citations.some((citation) => citation.document === corpusName && citation.lines
      && question.gold.some((gold) => citation.lines![0] <= gold.end && citation.lines![1] >= gold.start));
    if (covers) goldCited++;
    // Each quoted line ("- sentence [n]") must stand in the source at the lines its citation gives.
    for (const match of answer.text.matchAll(/^- (.*) \[(\d+)\]$/gm)) {
      const citation = answer.citations.find((candidate) => candidate.number === Number(match[2]));
      if (citation?.document !== corpusName || !citation.lines) continue;
      quotes++;
      // A table row is quoted without the markup a converted report left in its cells (<ul style="…">): so are its lines.
      const plain = (lines: string[]) => lines.join(' ').replace(/<\/?[A-Za-z][^<>]{0,200}>/g, ' ').replace(/\s+/g, ' ');
      const cited = plain(corpusLines.slice(citation.lines[0] - 1, citation.lines[1]));
      // A row's merged first cell (IMF over 선진국) stands on a row above it: the table's lines before count for a row.
      const table = plain(corpusLines.slice(Math.max(0, citation.lines[0] - 1 - tableReach), citation.lines[1]));
      if (cited.includes(match[1]!.replace(/\s+/g, ' ').slice(0, 40)) || tableRowAt(match[1]!, table)) quotesAtCitedLines++;
      else if (verbose) console.error(`  NOT AT ${citation.lines.join('-')}: ${match[1]!.slice(0, 80)}`);
    }
  }
  const audit = await ask('정기감사는 언제 실시하나요?');
  const trip = await ask('국외 출장 승인은 언제까지 받아야 하나요?');
  console.log(JSON.stringify({
    answerable, noEvidence, goldCited, goldCitedShare: Number((goldCited / answerable).toFixed(3)), unanswerable, unanswerableAnswered,
    quotes, quotesAtCitedLines,
    probes: {
      commonVerbOnly: audit.mode,
      regulation: { mode: trip.mode, citedDocuments: [...new Set(trip.citations.map((citation) => citation.document))] },
    },
  }, null, 2));
} finally {
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
}
