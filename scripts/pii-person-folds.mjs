#!/usr/bin/env node
/**
 * PERSON quality per fold of kr-pii-dev.jsonl (run after `npm run build`): the two halves split by SHA-256 of the
 * text (`src/guard/classifier/dev-split.ts`: A = even first byte, B = odd), overall, plus the structured types and
 * Presidio's Korean vectors as a guard. `--misses` prints PERSON false negatives and false positives with context.
 *   node scripts/pii-person-folds.mjs [--misses]
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { detectPii } from '../dist/src/guard/pii/index.js';
import { matchSpans, addCounts, precisionRecall, sumCounts } from '../dist/src/guard/pii/score-pii.js';

const evalDir = new URL('../../shared/eval/pii/', import.meta.url);
const readJsonLines = (name) => readFileSync(new URL(name, evalDir), 'utf8').split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line));
const foldOf = (text) => (createHash('sha256').update(text.normalize('NFC').trim()).digest()[0] % 2 === 0 ? 'A' : 'B');
const showMisses = process.argv.includes('--misses');

const totals = { A: new Map(), B: new Map(), all: new Map() };
for (const line of readJsonLines('kr-pii-dev.jsonl')) {
  const predicted = detectPii(line.text).entities;
  const counts = matchSpans(line.entities, predicted);
  addCounts(totals[foldOf(line.text)], counts);
  addCounts(totals.all, counts);
  if (!showMisses) continue;
  const gold = line.entities.filter((entity) => entity.type === 'PERSON');
  const persons = predicted.filter((entity) => entity.type === 'PERSON');
  const covered = (a, b) => Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start)) >= 0.8 * (b.end - b.start);
  const context = (span) => `${line.text.slice(Math.max(0, span.start - 12), span.start)}[${line.text.slice(span.start, span.end)}]${line.text.slice(span.end, span.end + 12)}`;
  for (const span of gold) if (!persons.some((p) => covered(p, span))) console.log(`FN ${foldOf(line.text)} ${line.id}\t${context(span)}`);
  for (const span of persons) if (!gold.some((g) => covered(span, g))) console.log(`FP ${foldOf(line.text)} ${line.id}\t${context(span)}\t@${span.score}`);
}
const format = (value) => value.toFixed(3);
const structured = (map) => precisionRecall(sumCounts([...map].filter(([type]) => type !== 'PERSON').map(([, counts]) => counts)));
for (const fold of ['A', 'B', 'all']) {
  const person = precisionRecall(totals[fold].get('PERSON') ?? { truePositives: 0, falsePositives: 0, falseNegatives: 0 });
  const rest = structured(totals[fold]);
  console.log(`${fold.padEnd(3)} PERSON TP ${person.truePositives} FP ${person.falsePositives} FN ${person.falseNegatives} ` +
    `P ${format(person.precision)} R ${format(person.recall)} F1 ${format(person.f1)} | structured F1 ${format(rest.f1)} (FP ${rest.falsePositives} FN ${rest.falseNegatives})`);
}
let passing = 0;
const vectors = readJsonLines('presidio-kr-vectors.jsonl');
for (const vector of vectors) {
  const found = detectPii(vector.text).entities.filter((entity) => entity.type === vector.entity);
  if (found.length === vector.count && vector.spans.every((span, index) => found[index]?.start === span.start && found[index]?.end === span.end)) passing++;
}
console.log(`presidio-kr-vectors: ${passing}/${vectors.length}`);
