#!/usr/bin/env node
// Builds src/guard/pii/recognizers/person-stoplist.json: three-syllable words that begin with a surname syllable
// (소규모, 이미지, 모바일) and recur in ordinary Korean prose, so a bare word like them is not taken for a full name.
// Source: the NIA report in ../shared/corpus/ (a government report with few personal names), never the PII
// evaluation sets. Run after a build: `npm run build && node scripts/build-person-stoplist.mjs`.
//
// A word counts when it starts a Hangul run at least `minCount` times. Strings the report itself marks as a person
// (followed by a title such as 교수, glued to one, or cited as an
// author) are left out, so names stay names.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { doubleSurnames, surnames, titlesAfter } from '../dist/src/guard/pii/recognizers/person-lexicon.js';

const minCount = 2;
const corpus = fileURLToPath(new URL('../../shared/corpus/nia-it-future-strategy-2023.txt', import.meta.url));
const target = fileURLToPath(new URL('../src/guard/pii/recognizers/person-stoplist.json', import.meta.url));
const text = readFileSync(corpus, 'utf8');

const titles = new Set(titlesAfter);
const counts = new Map();
const evidencedNames = new Set();
const runs = [...text.matchAll(/[가-힣]+/g)];
runs.forEach((match, index) => {
  const run = match[0];
  if (run.length < 3) return;
  const word = run.slice(0, 3);
  if (!surnames.has(word[0]) && !doubleSurnames.some((surname) => run.startsWith(surname))) return;
  counts.set(word, (counts.get(word) ?? 0) + 1);
  const next = runs[index + 1];
  const gap = next ? text.slice(match.index + run.length, next.index) : '';
  const glued = run.slice(3);
  const before = text.slice(Math.max(0, match.index - 8), match.index);
  const after = text.slice(match.index + run.length, match.index + run.length + 8);
  if (titles.has(glued) || (next && /^\s?$/.test(gap) && titles.has(next[0]))) evidencedNames.add(word);
  // Authors in references: `[11] 김태원, "…"`, `출처 : 이준범, …`, `이상근(2022.12)`, `김형민 지음`.
  else if (glued === '' && ((/(\]|출처\s*[:：])\s*$/.test(before) && /^\s*[,.(]/.test(after)) ||
    /^(\s*[.,]?\s*\(\d{4}|\s*지음|,\s*['"‘“])/.test(after))) evidencedNames.add(word);
});

const words = [...counts].filter(([word, count]) => count >= minCount && !evidencedNames.has(word)).map(([word]) => word).sort();
const file = {
  source: '../shared/corpus/nia-it-future-strategy-2023.txt (NIA, IT & Future Strategy 2023)',
  rule: `three-syllable run starts beginning with a surname syllable, seen at least ${minCount} times, minus those the report writes with a title or cites as an author`,
  words,
};
// Twenty words a line: small diffs when the corpus or the rule changes.
const lines = [];
for (let index = 0; index < words.length; index += 20) lines.push(words.slice(index, index + 20).map((word) => JSON.stringify(word)).join(','));
writeFileSync(target, `{"source":${JSON.stringify(file.source)},\n"rule":${JSON.stringify(file.rule)},\n"words":[\n${lines.join(',\n')}\n]}\n`);
console.log(`${words.length} words (${evidencedNames.size} left out as names the report titles) → ${target}`);
