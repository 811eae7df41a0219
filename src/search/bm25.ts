/**
 * The ranking function, shared by the SQL index (`lexical-index.ts`) and its in-memory copy (`memory-index/`), so
 * both score exactly alike. BM25 parameters are the usual defaults (Robertson & Zaragoza); chunks are short and
 * similar in length.
 */
export const k1 = 1.2;
export const b = 0.75;
/**
 * BM25+ (Lv & Zhai, 2011): every matched term adds at least `delta` times its idf, so a long
 * passage that contains a rare query term is not normalised below a short one that lacks it.
 * δ = 1 is the paper's default, not tuned here; on nia-qa-dev it lifted recall@1 0.737 → 0.763 and
 * recall@5 0.882 → 0.908 (BENCHMARKS.md), and δ = 0.5 (MiniSearch's default) scored the same.
 */
export const delta = 1;
/** Below this many permitted chunks no term is skipped: in a small index a common term still separates passages. */
export const pruneFromChunks = 1000;

/** The query's terms with how often each occurs, in first-seen order. */
export function termFrequencies(terms: readonly string[]): Map<string, number> {
  const frequencies = new Map<string, number>();
  for (const term of terms) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
  return frequencies;
}

/**
 * A query term's weight (its frequency in the query times idf), or null when the term is skipped: in a large index
 * a term found in more than half of all passages says almost nothing (idf < ln 2) but carries most postings
 * (recall unchanged on nia-qa-dev, BENCHMARKS.md).
 */
export function termWeight(queryFrequency: number, documentFrequency: number, passages: number): number | null {
  if (passages >= pruneFromChunks && documentFrequency > passages * 0.5) return null;
  return queryFrequency * Math.log(1 + (passages - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

/** One posting's contribution before the weight: (tf·(k1+1)) / (tf + k1·(1−b) + k1·b·length/avg) + δ. */
export function termScore(tf: number, length: number, averageLength: number): number {
  return (tf * (k1 + 1)) / (tf + k1 * (1 - b) + (k1 * b * length) / averageLength) + delta;
}
