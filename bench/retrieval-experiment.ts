/**
 * Quick, in-memory experiment to choose the analyzer and chunking by numbers before building the
 * PostgreSQL index: BM25 over different term sets and window sizes on nia-qa-dev.
 * Run: npm run build && node dist/bench/retrieval-experiment.js
 */
import { readFileSync } from 'node:fs';
import { analyze } from '../src/search/analyzer/analyzer.js';
import { builtInSynonyms } from '../src/search/analyzer/index.js';
import { normalizeText } from '../src/search/analyzer/normalize.js';
import { coversGold } from '../src/search/evaluate-retrieval.js';

type Question = { id: string; question: string; gold: { start: number; end: number }[]; kind: string };
const root = new URL('../../../shared/', import.meta.url);
const lines = readFileSync(new URL('corpus/nia-it-future-strategy-2023.txt', root), 'utf8').split('\n');
const questions = readFileSync(new URL('eval/rag/nia-qa-dev.jsonl', root), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Question);

type Chunk = { start: number; end: number; text: string };
function windows(size: number, stride: number): Chunk[] {
  const chunks: Chunk[] = [];
  for (let start = 0; start < lines.length; start += stride) {
    const end = Math.min(lines.length, start + size);
    chunks.push({ start: start + 1, end, text: lines.slice(start, end).join('\n') });
    if (end === lines.length) break;
  }
  return chunks;
}

function bigrams(text: string): string[] {
  const compact = normalizeText(text).replace(/\s+/g, '');
  const out: string[] = [];
  for (let index = 0; index + 2 <= compact.length; index++) out.push(compact.slice(index, index + 2));
  return out;
}

function bm25(chunks: Chunk[], tokenize: (text: string, query: boolean) => string[], k1 = 1.2, b = 0.75) {
  const docs = chunks.map((chunk) => {
    const tf = new Map<string, number>();
    const terms = tokenize(chunk.text, false);
    for (const term of terms) tf.set(term, (tf.get(term) ?? 0) + 1);
    return { tf, length: terms.length };
  });
  const df = new Map<string, number>();
  for (const doc of docs) for (const term of doc.tf.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const average = docs.reduce((sum, doc) => sum + doc.length, 0) / docs.length;
  return (query: string, k: number) => {
    const terms = new Map<string, number>();
    for (const term of tokenize(query, true)) terms.set(term, (terms.get(term) ?? 0) + 1);
    const scores = docs.map((doc, index) => {
      let score = 0;
      for (const [term, qtf] of terms) {
        const tf = doc.tf.get(term);
        if (!tf) continue;
        const idf = Math.log(1 + (docs.length - df.get(term)! + 0.5) / (df.get(term)! + 0.5));
        score += qtf * idf * (tf * (k1 + 1)) / (tf + k1 * (1 - b + b * doc.length / average));
      }
      return { index, score };
    });
    return scores.sort((x, y) => y.score - x.score).slice(0, k).map((entry) => chunks[entry.index]!);
  };
}

function evaluate(name: string, chunks: Chunk[], search: (query: string, k: number) => Chunk[]) {
  const answerable = questions.filter((question) => question.gold.length > 0);
  // As kgov eval retrieval (evaluate-retrieval.ts): a question counts once a chunk of its top k overlaps a gold range.
  const recall = (k: number) => {
    let total = 0;
    for (const question of answerable) {
      const hits = search(question.question, k);
      if (hits.some((chunk) => question.gold.some((gold) => coversGold([chunk.start, chunk.end], gold)))) total++;
    }
    return total / answerable.length;
  };
  let mrr = 0;
  for (const question of answerable) {
    const hits = search(question.question, 10);
    const rank = hits.findIndex((chunk) => question.gold.some((gold) => coversGold([chunk.start, chunk.end], gold)));
    if (rank >= 0) mrr += 1 / (rank + 1);
  }
  console.log(`${name.padEnd(40)} chunks=${String(chunks.length).padStart(5)} r@1=${recall(1).toFixed(3)} r@5=${recall(5).toFixed(3)} r@10=${recall(10).toFixed(3)} mrr=${(mrr / answerable.length).toFixed(3)}`);
}

for (const [size, stride] of [[12, 12], [12, 6], [16, 8], [20, 10], [24, 12], [30, 15]] as const) {
  const chunks = windows(size, stride);
  evaluate(`bigram baseline ${size}/${stride}`, chunks, bm25(chunks, (text) => bigrams(text)));
  evaluate(`analyzer ${size}/${stride}`, chunks, bm25(chunks, (text, query) => analyze(text, { query })));
  evaluate(`analyzer stems only ${size}/${stride}`, chunks, bm25(chunks, (text, query) => analyze(text, { query, bigrams: false })));
  evaluate(`analyzer+synonyms ${size}/${stride}`, chunks, bm25(chunks, (text, query) => analyze(text, { query, synonyms: builtInSynonyms })));
}

if (process.env.FAILURES) {
  const chunks = windows(20, 10);
  const search = bm25(chunks, (text, query) => analyze(text, { query, synonyms: builtInSynonyms }));
  evaluate('combined 20/10', chunks, search);
  for (const question of questions.filter((q) => q.gold.length > 0)) {
    const hits = search(question.question, 5);
    const rank = hits.findIndex((chunk) => question.gold.some((gold) => coversGold([chunk.start, chunk.end], gold)));
    if (rank !== 0) {
      console.log(`${question.id} rank=${rank} q=${question.question}`);
      console.log(`   gold ${JSON.stringify(question.gold)}: ${lines.slice(question.gold[0]!.start - 1, question.gold[0]!.end).join(' | ').slice(0, 200)}`);
      console.log(`   top ${hits[0]!.start}-${hits[0]!.end}`);
      console.log(`   terms ${analyze(question.question, { query: true, bigrams: false }).join(' ')}`);
    }
  }
}
