import { analyzeNormalized } from '../analyzer/analyzer.js';
import { compactUnits, UnitPairIndex } from '../analyzer/compact-text.js';
import { normalizeText } from '../analyzer/normalize.js';
import { builtInSynonyms } from '../analyzer/index.js';
import { normalizeVector, type Embedder, type EmbeddingResult } from './embedder.js';

/**
 * Hashed feature vectors ("feature hashing", Weinberger et al. 2009): character bigrams of the
 * text with spaces removed, plus the analyzer's stems and numbers, each hashed (FNV-1a) to one of
 * `dimension` signed buckets with a log-scaled count, then L2-normalised. No model, no download,
 * the same vector on every machine. 512 dimensions: 1024 measured a little better on its own
 * (BENCHMARKS.md) but doubles storage and HNSW build time, and fused with BM25 neither helped.
 */
export function createHashedNgramEmbedder(options: { dimension?: number } = {}): Embedder {
  const dimension = options.dimension ?? 512;
  return {
    id: `hashed-ngram-${dimension}`,
    dimension,
    maxBatch: 1024,
    async embed(texts, purpose): Promise<EmbeddingResult> {
      return { ok: true, vectors: texts.map((text) => hashedVector(text, dimension, purpose === 'query')) };
    },
  };
}

export function hashedVector(text: string, dimension: number, query: boolean): Float32Array {
  const normalized = normalizeText(text);
  // Without bigrams the analyzer emits only `w:` and `n:` terms.
  const words = analyzeNormalized(normalized, { query, synonyms: builtInSynonyms, bigrams: false });
  // A query's bigrams come from its content words only, so "어떻게 되나요" adds nothing.
  const source = query ? words.map((term) => term.slice(2)).join(' ') : normalized;
  const vector = new Float32Array(dimension);
  // Features in order of first sight, bigrams before words (one Map of feature strings counted them so):
  // the float32 sums depend on that order.
  addBigrams(vector, source);
  const counts = new Map<string, number>();
  for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
  for (const [word, count] of counts) addFeature(vector, fnv1a(word), count);
  return normalizeVector(vector);
}

function addFeature(vector: Float32Array, hash: number, count: number): void {
  // The top bit picks a sign, so collisions cancel out on average instead of piling up.
  vector[hash % vector.length]! += (hash & 0x80000000 ? -1 : 1) * (1 + Math.log(count));
}

// FNV-1a state after the unit 'g' that starts every bigram feature.
const afterG = Math.imul(0x811c9dc5 ^ 0x67, 0x01000193);

/**
 * Features `g` + two units, for the bigrams of the text with spaces and punctuation removed
 * (`replace(/[^\p{L}\p{N}]+/gu, '')`), hashed from the units without building the strings.
 */
function addBigrams(vector: Float32Array, source: string): void {
  const { units, length } = compactUnits(source);
  const pairs = new UnitPairIndex(length);
  const hashes: number[] = [];
  const counts: number[] = [];
  for (let index = 0; index + 2 <= length; index++) {
    const first = units[index]!;
    const second = units[index + 1]!;
    const position = pairs.numberOf(first, second);
    if (position < counts.length) counts[position]! += 1;
    else {
      hashes.push(Math.imul(Math.imul(afterG ^ first, 0x01000193) ^ second, 0x01000193) >>> 0);
      counts.push(1);
    }
  }
  for (let position = 0; position < counts.length; position++) addFeature(vector, hashes[position]!, counts[position]!);
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
