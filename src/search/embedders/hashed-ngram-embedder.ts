import { analyze } from '../analyzer/analyzer.js';
import { normalizeText } from '../analyzer/normalize.js';
import { builtInSynonyms } from '../analyzer/synonyms.js';
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
  const counts = new Map<string, number>();
  const add = (feature: string) => counts.set(feature, (counts.get(feature) ?? 0) + 1);
  const words = analyze(text, { query, synonyms: builtInSynonyms, bigrams: false }).filter((term) => term.startsWith('w:') || term.startsWith('n:'));
  // A query's bigrams come from its content words only, so "어떻게 되나요" adds nothing.
  const source = query ? words.map((term) => term.slice(2)).join(' ') : normalizeText(text);
  const compact = source.replace(/[^\p{L}\p{N}]+/gu, '');
  for (let index = 0; index + 2 <= compact.length; index++) add(`g${compact.slice(index, index + 2)}`);
  for (const word of words) add(word);
  const vector = new Float32Array(dimension);
  for (const [feature, count] of counts) {
    const hash = fnv1a(feature);
    // The top bit picks a sign, so collisions cancel out on average instead of piling up.
    vector[hash % dimension]! += (hash & 0x80000000 ? -1 : 1) * (1 + Math.log(count));
  }
  return normalizeVector(vector);
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
