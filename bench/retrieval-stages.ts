/**
 * In-memory experiment for issue 4's second stages: the production chunks and terms
 * (`prepareDocument`, the same call ingestion makes), BM25+ as `lexical-index.ts` scores it, and
 * candidate re-orderings on top (proximity, best line, query-side stop words, pseudo-relevance
 * feedback, window sizes). Every variant prints recall@1/5/10 and MRR@10 over the answerable
 * nia-qa-dev questions, and the same for the odd- and the even-numbered half, so that a change
 * that only helps one half shows up as noise.
 * Run: flock /tmp/kgov-build.lock npm run build && node dist/bench/retrieval-stages.js [--failures]
 */
import { readFileSync } from 'node:fs';
import { cleanDocument } from '../src/data/clean-text.js';
import { chunkDocument } from '../src/data/chunker.js';
import { parseFile } from '../src/data/parsers/index.js';
import { prepareDocument } from '../src/data/prepare-document.js';
import { analyze, analyzeForIndex, analyzeQuery, builtInSynonyms, normalizeText, stripKoreanSuffix } from '../src/search/analyzer/index.js';
import { counters, questionStopwords } from '../src/search/analyzer/korean-suffixes.js';
import { coversGold } from '../src/search/evaluate-retrieval.js';
import { proximityRerank, proximityWords as proximityWordsOf, rerankByWindowEvidence, type ProximityOptions } from './retrieval-stage-variants.js';

type Question = { id: string; question: string; gold: { start: number; end: number }[] };
type Passage = { index: number; text: string; section: string | null; lines: [number, number]; terms: readonly string[] };
type Scored = { passage: Passage; score: number };

const root = new URL('../../../shared/', import.meta.url);
const fileName = 'nia-it-future-strategy-2023.txt';
const bytes = readFileSync(new URL(`corpus/${fileName}`, root));
const questions = readFileSync(new URL('eval/rag/nia-qa-dev.jsonl', root), 'utf8').trim().split('\n')
  .map((line) => JSON.parse(line) as Question).filter((question) => question.gold.length > 0);

async function productionPassages(): Promise<Passage[]> {
  const result = await prepareDocument(bytes, fileName, { maxBytes: 1e8, maxExpandedBytes: 5e8, maxEntries: 1e4 });
  if (!result.ok) throw new Error(result.reason);
  const { chunks, chunkTerms } = result.prepared;
  return chunks.map((chunk, index) => ({ index, text: chunk.text, section: chunk.section, lines: chunk.lines!, terms: chunkTerms[index]! }));
}

async function windowPassages(maxLines: number): Promise<Passage[]> {
  const parsed = await parseFile(bytes, fileName);
  if (!parsed.ok) throw new Error(parsed.reason);
  return chunkDocument(cleanDocument(parsed.document), { maxLines, maxChars: 1200 })
    .map((chunk, index) => ({ index, text: chunk.text, section: chunk.section, lines: chunk.lines!, terms: analyzeForIndex(chunk.text, chunk.section) }));
}

/** BM25+ exactly as the SQL of `searchLexical` (k1 1.2, b 0.75, δ 1, idf ln(1 + (n − df + ½)/(df + ½))). */
function bm25Plus(passages: readonly Passage[], { k1 = 1.2, b = 0.75, delta = 1 } = {}) {
  const docs = passages.map((passage) => {
    const tf = new Map<string, number>();
    for (const term of passage.terms) tf.set(term, (tf.get(term) ?? 0) + 1);
    return { tf, length: passage.terms.length };
  });
  const df = new Map<string, number>();
  for (const doc of docs) for (const term of doc.tf.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const indexed = docs.filter((doc) => doc.length > 0).length;
  const average = docs.reduce((sum, doc) => sum + doc.length, 0) / indexed;
  const idf = (term: string) => {
    const frequency = df.get(term);
    return frequency ? Math.log(1 + (indexed - frequency + 0.5) / (frequency + 0.5)) : 0;
  };
  const search = (queryTerms: readonly string[], k: number, weights?: ReadonlyMap<string, number>): Scored[] => {
    const frequencies = new Map<string, number>();
    for (const term of queryTerms) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
    for (const [term, weight] of weights ?? []) frequencies.set(term, (frequencies.get(term) ?? 0) + weight);
    const scored: Scored[] = [];
    docs.forEach((doc, index) => {
      let score = 0;
      for (const [term, qtf] of frequencies) {
        const tf = doc.tf.get(term);
        if (!tf) continue;
        score += qtf * idf(term) * ((tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * doc.length) / average)) + delta);
      }
      if (score > 0) scored.push({ passage: passages[index]!, score });
    });
    return scored.sort((left, right) => right.score - left.score || left.passage.index - right.passage.index).slice(0, k);
  };
  return { search, idf, docs };
}

type Metrics = { r1: number; r5: number; r10: number; mrr: number; ranks: (number | null)[] };

function measure(ranked: readonly (readonly Passage[])[], subset: readonly number[]): Metrics {
  let r1 = 0, r5 = 0, r10 = 0, mrr = 0;
  const ranks: (number | null)[] = [];
  for (const position of subset) {
    const question = questions[position]!;
    const hits = ranked[position]!.slice(0, 10);
    // As kgov eval retrieval (evaluate-retrieval.ts): the first hit decides recall@k.
    const rank = hits.findIndex((hit) => question.gold.some((gold) => coversGold(hit.lines, gold)));
    if (rank === 0) r1++;
    if (rank >= 0 && rank < 5) r5++;
    if (rank >= 0) r10++;
    if (rank >= 0) mrr += 1 / (rank + 1);
    ranks.push(rank >= 0 ? rank + 1 : null);
  }
  const count = subset.length;
  return { r1: r1 / count, r5: r5 / count, r10: r10 / count, mrr: mrr / count, ranks };
}

const all = questions.map((_question, index) => index);
const odd = all.filter((index) => index % 2 === 0); // 1st, 3rd, … question
const even = all.filter((index) => index % 2 === 1);
let baselineRanks: (number | null)[] | undefined;

function report(name: string, ranked: readonly (readonly Passage[])[]): void {
  const whole = measure(ranked, all);
  const first = measure(ranked, odd);
  const second = measure(ranked, even);
  const format = (metrics: Metrics) => `${metrics.r1.toFixed(3)} ${metrics.r5.toFixed(3)} ${metrics.r10.toFixed(3)} ${metrics.mrr.toFixed(3)}`;
  baselineRanks ??= whole.ranks;
  const moved = whole.ranks.flatMap((rank, index) => rank === baselineRanks![index] ? [] : [`${questions[index]!.id}:${baselineRanks![index] ?? '-'}→${rank ?? '-'}`]);
  console.log(`| ${name} | ${format(whole).replaceAll(' ', ' | ')} | ${format(first).split(' ').slice(0, 2).join('/')} | ${format(second).split(' ').slice(0, 2).join('/')} | ${moved.join(' ')} |`);
}

const depth = 50;
const passages = await productionPassages();
const index = bm25Plus(passages);
const averagePassageTerms = passages.reduce((sum, passage) => sum + passage.terms.length, 0) / passages.filter((passage) => passage.terms.length > 0).length;
const queryTerms = questions.map((question) => analyzeQuery(question.question));
const firstStage = queryTerms.map((terms) => index.search(terms, depth));
console.log(`${passages.length} production passages, ${questions.length} answerable questions`);
console.log('| variant | r@1 | r@5 | r@10 | MRR@10 | odd half r@1/r@5 | even half r@1/r@5 | first-hit ranks that moved (baseline→variant) |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
report('BM25+ (production)', firstStage.map((list) => list.map((hit) => hit.passage)));

if (process.argv.includes('--failures')) {
  questions.forEach((question, position) => {
    const rank = baselineRanks![position];
    if (rank === 1) return;
    console.log(`${question.id} rank=${rank ?? '-'} ${question.question}`);
    console.log(`   words: ${queryTerms[position]!.filter((term) => !term.startsWith('b:')).join(' ')}`);
  });
}

const rerank = (options: Partial<ProximityOptions>) => firstStage.map((list, position) =>
  proximityRerank(questions[position]!.question, list.map((hit) => ({ item: hit.passage, text: hit.passage.text, score: hit.score })), options).map((hit) => hit.item));

for (const weight of [0.1, 0.2, 0.3, 0.5]) report(`proximity, weight ${weight}`, rerank({ weight }));
for (const window of [40, 80, 160]) report(`proximity, window ${window} chars`, rerank({ window }));

// Chunk sizes (same analyzer and scoring, windows from the production chunker).
for (const lines of [12, 16, 20, 24, 30]) {
  const sized = await windowPassages(lines);
  const sizedIndex = bm25Plus(sized);
  report(`BM25+ on ${lines}/${lines / 2}-line windows`, queryTerms.map((terms) => sizedIndex.search(terms, 10).map((hit) => hit.passage)));
}

// Pseudo-relevance feedback (RM3-like): top f passages' most frequent stems, weighted by the passage scores.
for (const [feedback, expansion, weight] of [[3, 10, 0.3], [5, 20, 0.3], [3, 10, 0.5]] as const) {
  const ranked = queryTerms.map((terms, position) => {
    const top = firstStage[position]!.slice(0, feedback);
    const mass = new Map<string, number>();
    const total = top.reduce((sum, hit) => sum + hit.score, 0) || 1;
    for (const hit of top) {
      const words = hit.passage.terms.filter((term) => term.startsWith('w:'));
      const counts = new Map<string, number>();
      for (const term of words) counts.set(term, (counts.get(term) ?? 0) + 1);
      for (const [term, count] of counts) mass.set(term, (mass.get(term) ?? 0) + (hit.score / total) * (count / words.length) * index.idf(term));
    }
    const chosen = [...mass].sort((left, right) => right[1] - left[1]).slice(0, expansion);
    const top1 = chosen[0]?.[1] ?? 1;
    const weights = new Map(chosen.map(([term, value]) => [term, (weight * value) / top1]));
    return index.search(terms, 10, weights).map((hit) => hit.passage);
  });
  report(`RM3-like PRF, ${feedback} docs, ${expansion} terms, weight ${weight}`, ranked);
}

// Query-side analysis: the stored terms stay; only which bigrams a question contributes changes.
const queryWords = (question: string) => analyze(question, { query: true, synonyms: builtInSynonyms, bigrams: false });
const bigramsOf = (text: string) => {
  const compact = text.replace(/[^\p{L}\p{N}]+/gu, '');
  return Array.from({ length: Math.max(0, compact.length - 1) }, (_unused, at) => `b:${compact.slice(at, at + 2)}`);
};
const contentEojeols = (question: string) => normalizeText(question).split(/\s+/).map((word) => word.replace(/[^\p{L}\p{N}]+/gu, ''))
  .filter((word) => word && !questionStopwords.has(word) && !questionStopwords.has(stripKoreanSuffix(word)));
const variants: [string, (question: string) => string[]][] = [
  ['query: words only, no bigrams', (question) => queryWords(question)],
  ['query: bigrams inside each eojeol (no cross-word)', (question) => [...queryWords(question), ...contentEojeols(question).flatMap(bigramsOf)]],
  ['query: bigrams inside each stem (particles/endings off)', (question) => [...queryWords(question), ...contentEojeols(question).flatMap((word) => bigramsOf(stripKoreanSuffix(word)))]],
  ['query: bigrams across stems joined', (question) => [...queryWords(question), ...bigramsOf(contentEojeols(question).map(stripKoreanSuffix).join(''))]],
  ['query: no synonym expansion (the index already expands them)', (question) => analyze(question, { query: true })],
  ['query: synonyms expanded as words only, no synonym bigrams', (question) => [...analyze(question, { query: true, synonyms: builtInSynonyms, bigrams: false }), ...analyze(question, { query: true }).filter((term) => term.startsWith('b:'))]],
  ['query: words + bigrams, counter word after number dropped', (question) => analyzeQuery(question).filter((term) => !(term.startsWith('w:') && counters.some((counter) => term.slice(2).startsWith(counter) && term.length - 2 <= counter.length + 2)))],
];
for (const [name, analyzeVariant] of variants) report(name, questions.map((question) => index.search(analyzeVariant(question.question), 10).map((hit) => hit.passage)));

// Best line (MaxP-like): a passage also scored by its best run of `span` lines, each scored by BM25+ with the
// passage collection's idf and the average line length; final = passage/max + weight × line/max.
const lineScorer = (span: number, contentOnly = false, idf: (term: string) => number = index.idf) => (terms: readonly string[], text: string) => {
  const lines = contentOnly ? text.split('\n').filter((line) => line.trim()) : text.split('\n');
  const frequencies = new Map<string, number>();
  for (const term of terms) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
  let best = 0;
  for (let start = 0; start < lines.length; start++) {
    const window = lines.slice(start, start + span).join('\n');
    if (!window.trim()) continue;
    const tf = new Map<string, number>();
    const windowTerms = analyzeForIndex(window);
    for (const term of windowTerms) tf.set(term, (tf.get(term) ?? 0) + 1);
    let score = 0;
    for (const [term, qtf] of frequencies) {
      const count = tf.get(term);
      if (count) score += qtf * idf(term) * ((count * 2.2) / (count + 1.2 * (0.25 + (0.75 * windowTerms.length) / (averageLineTerms * span))) + 1);
    }
    best = Math.max(best, score);
  }
  return best;
};
const averageLineTerms = (() => {
  const lines = passages.flatMap((passage) => passage.text.split('\n')).filter((line) => line.trim());
  return lines.slice(0, 2000).reduce((sum, line) => sum + analyzeForIndex(line).length, 0) / Math.min(2000, lines.length);
})();
for (const [span, contentOnly, idfKind] of [[1, false, 'collection'], [2, false, 'collection'], [3, false, 'collection'], [4, false, 'collection'], [6, false, 'collection'], [3, true, 'collection'], [3, false, 'candidates'], [4, false, 'candidates'], [3, true, 'candidates'], [3, false, 'none']] as const) {
  const started = performance.now();
  const lineScores = firstStage.map((list, position) => {
    const df = new Map<string, number>();
    for (const hit of list) for (const term of new Set(hit.passage.terms)) df.set(term, (df.get(term) ?? 0) + 1);
    const localIdf = (term: string) => Math.log(1 + (list.length - (df.get(term) ?? 0) + 0.5) / ((df.get(term) ?? 0) + 0.5));
    const idf = idfKind === 'collection' ? index.idf : idfKind === 'candidates' ? localIdf : () => 1;
    return list.map((hit) => lineScorer(span, contentOnly, idf)(queryTerms[position]!, hit.passage.text));
  });
  console.log(`  (${span}-line scoring of 50 candidates: ${((performance.now() - started) / questions.length).toFixed(1)} ms a question)`);
  for (const weight of [0.5, 1, 2]) {
    report(`best ${span}-${contentOnly ? 'text-' : ''}line window, ${idfKind} idf, weight ${weight}`, firstStage.map((list, position) => {
      const top = list[0]?.score ?? 1;
      const topLine = Math.max(...lineScores[position]!, 1e-9);
      return list.map((hit, rank) => ({ hit, rank, score: hit.score / top + (weight * lineScores[position]![rank]!) / topLine }))
        .sort((left, right) => right.score - left.score || left.rank - right.rank).map((entry) => entry.hit.passage);
    }));
  }
}

// Window evidence without index statistics (no idf; windows normalised against the candidates' mean window),
// the form a self-contained second stage would take.
for (const [lines, weight, candidates] of [[3, 1, 50], [3, 1, 20], [3, 0.5, 50], [3, 2, 50], [2, 1, 50], [4, 1, 50], [6, 1, 50]] as const) {
  const started = performance.now();
  const ranked = firstStage.map((list, position) => rerankByWindowEvidence(queryTerms[position]!, list.slice(0, candidates).map((hit) => ({ item: hit.passage, text: hit.passage.text, score: hit.score })), { lines, weight }).map((hit) => hit.item));
  const perQuestion = (performance.now() - started) / questions.length;
  report(`window evidence: ${lines} lines, weight ${weight}, depth ${candidates} (${perQuestion.toFixed(0)} ms/q)`, ranked);
}

// Overlapping passages: chunks overlap their neighbours by half, so a top list can hold two views of the
// same lines. A chunk that overlaps a better-ranked one moves behind the chunks that overlap none
// (passage retrieval's non-overlap rule, INEX/TREC Genomics); with `drop`, it goes entirely.
const overlaps = (left: Passage, right: Passage) => left.lines[0] <= right.lines[1] && right.lines[0] <= left.lines[1];
for (const [name, minShare] of [['any overlap', 0], ['overlap ≥ half of the chunk', 0.5]] as const) {
  report(`demote chunks that overlap a better one (${name})`, firstStage.map((list) => {
    const kept: Passage[] = [];
    const later: Passage[] = [];
    for (const { passage } of list) {
      const clash = kept.some((other) => overlaps(passage, other)
        && (Math.min(passage.lines[1], other.lines[1]) - Math.max(passage.lines[0], other.lines[0]) + 1) / (passage.lines[1] - passage.lines[0] + 1) >= minShare);
      (clash ? later : kept).push(passage);
    }
    return [...kept, ...later];
  }));
}

// Statistical stop words on the query side (terms in more than a share of all passages are dropped),
// instead of a longer list of question words.
for (const share of [0.05, 0.1, 0.2]) {
  const limit = Math.log(1 + (1 - share) / share);
  report(`query: drop terms in > ${share * 100}% of passages`, queryTerms.map((terms) => index.search(terms.filter((term) => index.idf(term) === 0 || index.idf(term) >= limit), 10).map((hit) => hit.passage)));
}

// BM25TP (Rasolofo & Savoy 2003): pairs of query words within 5 eojeols add 1/d² to both words'
// accumulators; TP = Σ min(1, idf) × acc(k1 + 1)/(acc + K), K the BM25 length factor; added to BM25+.
{
  const wordsOf = (question: string) => proximityWordsOf(question);
  for (const [span, scaled] of [[5, false], [5, true]] as const) {
    report(`BM25TP (pairs within ${span} eojeols)${scaled ? ', scaled by query terms per word' : ''} over top 50`, firstStage.map((list, position) => {
      const words = wordsOf(questions[position]!.question);
      return list.map((hit, rank) => {
        const eojeols = normalizeText(hit.passage.text).split(/\s+/).map((word) => word.replace(/[^\p{L}\p{N}]+/gu, '')).filter(Boolean);
        const at = words.map((word) => eojeols.flatMap((eojeol, offset) => eojeol.includes(word) ? [offset] : []));
        const accumulator = words.map(() => 0);
        for (let left = 0; left < words.length; left++) {
          for (let right = left + 1; right < words.length; right++) {
            for (const i of at[left]!) for (const j of at[right]!) {
              const distance = Math.abs(i - j);
              if (distance >= 1 && distance <= span) { accumulator[left]! += 1 / distance ** 2; accumulator[right]! += 1 / distance ** 2; }
            }
          }
        }
        const K = 1.2 * (0.25 + (0.75 * hit.passage.terms.length) / averagePassageTerms);
        const tp = words.reduce((sum, word, index) => sum + Math.min(1, index === -1 ? 1 : wordIdf(word)) * (accumulator[index]! * 2.2) / (accumulator[index]! + K), 0);
        return { passage: hit.passage, rank, score: hit.score + tp * (scaled ? queryTerms[position]!.length / Math.max(1, words.length) : 1) };
      }).sort((left, right) => right.score - left.score || left.rank - right.rank).map((entry) => entry.passage);
    }));
  }
}
function wordIdf(word: string): number {
  return index.idf(`w:${word}`) || 1;
}
