/**
 * Hybrid fusion. A linear mix of max-normalised BM25 and cosine similarity, chosen over reciprocal
 * rank fusion by numbers (BENCHMARKS.md, retrieval): with the built-in embedder RRF (k = 60) lost
 * 0.26 recall@1 because it gives the weak vector ranking equal say, while a 0.3 vector weight kept
 * BM25's ranking and broke its ties. RRF stays available for strong external embedders.
 */
export type ScoredChunk = { chunkId: number; score: number };
export type Fusion = { method: 'linear'; vectorWeight: number } | { method: 'rrf'; k: number };

export const defaultFusion: Fusion = { method: 'linear', vectorWeight: 0.3 };

export function fuseRankings(lexical: readonly ScoredChunk[], vector: readonly ScoredChunk[], fusion: Fusion = defaultFusion): ScoredChunk[] {
  const fused = new Map<number, number>();
  const add = (chunkId: number, value: number) => fused.set(chunkId, (fused.get(chunkId) ?? 0) + value);
  if (fusion.method === 'rrf') {
    lexical.forEach((hit, rank) => add(hit.chunkId, 1 / (fusion.k + rank + 1)));
    vector.forEach((hit, rank) => add(hit.chunkId, 1 / (fusion.k + rank + 1)));
  } else {
    const top = Math.max(...lexical.map((hit) => hit.score), 0) || 1;
    for (const hit of lexical) add(hit.chunkId, (1 - fusion.vectorWeight) * (hit.score / top));
    for (const hit of vector) add(hit.chunkId, fusion.vectorWeight * Math.max(0, hit.score));
  }
  return [...fused].map(([chunkId, score]) => ({ chunkId, score })).sort((left, right) => right.score - left.score || left.chunkId - right.chunkId);
}
