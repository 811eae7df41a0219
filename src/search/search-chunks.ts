import { authorize, readScope, seesEveryGroup, sharedWith, type Grade, type Principal, type ReadScope } from '../auth/index.js';
import type { Queryable } from '../store/index.js';
import { analyzeQuery } from './analyzer/index.js';
import type { Embedder } from './embedders/index.js';
import { defaultFusion, fuseRankings, type Fusion, type ScoredChunk } from './fuse-rankings.js';
import { builtInEmbedder } from './index-chunks.js';
import { rankLexical, searchLexical } from './lexical-index.js';
import type { CachedPassage, PassageView } from './memory-index/index.js';
import type { Reranker } from './reranker.js';
import { readPassages } from './read-passages.js';
import { synonymsForSearch } from './tenant-synonyms.js';
import { searchVectors } from './vector-index.js';

export type SearchHit = {
  /** The file's base name as ingested. */
  document: string;
  documentId: string;
  version: number;
  /** Chunk id, stable for citations. */
  chunk: string;
  section: string | null;
  /**
   * The sections that open inside the passage after its start: each heading as it stands in `text`, and its path.
   * For citing a quotation under the section it is in (`sectionAt`); not part of the search contract's hit.
   */
  innerSections?: readonly { heading: string; section: string }[];
  lines: [number, number] | null;
  /** The source line of each line of `text` (`Chunk.lineRuns`), for citing a quotation at its lines; internal. */
  lineRuns?: readonly number[];
  page: number | null;
  score: number;
  text: string;
};

export const searchModes = ['lexical', 'vector', 'hybrid'] as const;
export type SearchMode = (typeof searchModes)[number];

export type SearchInput = {
  tenantId: string;
  query: string;
  k: number;
  /**
   * Default `lexical`: with the built-in embedder, BM25 alone measured as good as any fusion
   * (BENCHMARKS.md). Choose `hybrid` with an external embedder (bge-m3, multilingual-e5).
   */
  mode?: SearchMode;
  /** Whose vectors to search; default the built-in hashed n-gram embedder. */
  embedder?: Embedder;
  fusion?: Fusion;
  reranker?: Reranker;
};

/**
 * Permission-aware search: the caller's tenant and visible grades go into every index query itself
 * (lexical, vector, and the candidate re-scoring of hybrid), so a hit the caller may not read is
 * never even a candidate.
 */
export async function searchChunks(database: Queryable, principal: Principal, input: SearchInput): Promise<SearchHit[]> {
  authorize(principal, 'documents.read', { tenantId: input.tenantId });
  const scope = readScope(principal);
  const { grades, groups } = scope;
  const mode = input.mode ?? 'lexical';
  // Fusion and reranking need more candidates than they return.
  const depth = mode === 'lexical' && !input.reranker ? input.k : Math.max(50, input.k * 3, input.reranker?.depth ?? 0);
  let ranked: ScoredChunk[];
  // Texts from the in-memory index's passage cache, when it ranked (lexical search of a tenant held in memory).
  let passages: PassageView | null = null;
  if (mode === 'lexical') {
    const terms = analyzeQuery(input.query, await synonymsForSearch(database, input.tenantId));
    ({ hits: ranked, passages } = await rankLexical(database, { tenantId: input.tenantId, grades, groups, terms, k: depth }));
  } else {
    const embedder = input.embedder ?? builtInEmbedder;
    const embedded = await embedder.embed([input.query], 'query');
    // An unreachable embedder degrades to keyword search rather than failing the question.
    const vector = embedded.ok ? embedded.vectors[0]! : undefined;
    ranked = mode === 'vector'
      ? vector ? await searchVectors(database, { tenantId: input.tenantId, grades, groups, embedder, vector, k: depth }) : []
      : await hybrid(database, { tenantId: input.tenantId, grades, groups, query: input.query, embedder, vector, depth, fusion: input.fusion ?? defaultFusion });
  }
  const hits = await loadHits(database, scope, input.tenantId, ranked.slice(0, depth), passages);
  return (input.reranker ? await rerank(input.reranker, input.query, hits) : hits).slice(0, input.k);
}

async function hybrid(
  database: Queryable,
  input: { tenantId: string; grades: Grade[]; groups: string[]; query: string; embedder: Embedder; vector: Float32Array | undefined; depth: number; fusion: Fusion },
): Promise<ScoredChunk[]> {
  const terms = analyzeQuery(input.query, await synonymsForSearch(database, input.tenantId));
  const lexical = await searchLexical(database, { tenantId: input.tenantId, grades: input.grades, groups: input.groups, terms, k: input.depth });
  if (!input.vector) return lexical;
  const scope = { tenantId: input.tenantId, grades: input.grades, groups: input.groups, embedder: input.embedder, vector: input.vector };
  const nearest = await searchVectors(database, { ...scope, k: input.depth });
  // Lexical candidates the vector top list missed still need their similarity for a linear mix.
  const missing = lexical.map((hit) => hit.chunkId).filter((id) => !nearest.some((hit) => hit.chunkId === id));
  const rescored = missing.length > 0 && input.fusion.method === 'linear'
    ? await searchVectors(database, { ...scope, k: missing.length, candidates: missing })
    : [];
  return fuseRankings(lexical, [...nearest, ...rescored], input.fusion);
}

async function rerank(reranker: Reranker, query: string, hits: SearchHit[]): Promise<SearchHit[]> {
  const head = hits.slice(0, reranker.depth);
  const result = await reranker.rerank(query, head.map((hit) => hit.text));
  if (!result.ok || result.scores.length !== head.length) return hits;
  const reordered = head.map((hit, index) => ({ ...hit, score: result.scores[index]! })).sort((left, right) => right.score - left.score);
  return [...reordered, ...hits.slice(reranker.depth)];
}

/**
 * The passages of the ranked ids; tenant, grade and sharing are checked once more here (defence in depth): in the
 * database's query, or for passages from the cache against what that query read (`PassageCache` keeps an entry
 * only while the tenant's indexed state is the one it was read in).
 */
async function loadHits(
  database: Queryable, scope: ReadScope, tenantId: string, ranked: readonly ScoredChunk[], passages: PassageView | null,
): Promise<SearchHit[]> {
  if (ranked.length === 0) return [];
  const found = new Map<number, CachedPassage>();
  const missing: number[] = [];
  for (const hit of ranked) {
    const cached = passages?.cache.get(passages, hit.chunkId);
    if (cached) found.set(hit.chunkId, cached);
    else missing.push(hit.chunkId);
  }
  if (missing.length > 0) {
    for (const [id, passage] of await readPassages(database, tenantId, scope, missing)) {
      found.set(id, passage);
      if (passages) passages.cache.remember(passages, id, passage);
    }
  }
  return ranked.flatMap((hit) => {
    const passage = found.get(hit.chunkId);
    if (!passage || !readable(scope, tenantId, passage)) return [];
    return [{
      document: passage.name, documentId: passage.documentId, version: passage.version, chunk: String(hit.chunkId), section: passage.section,
      ...(passage.innerSections ? { innerSections: passage.innerSections } : {}),
      lines: passage.lines, ...(passage.lineRuns ? { lineRuns: passage.lineRuns } : {}), page: passage.page, score: hit.score, text: passage.text,
    }];
  });
}

/** The database query's conditions, for a passage it read earlier (a null sharing list: as in SQL, no group's). */
function readable(scope: ReadScope, tenantId: string, passage: CachedPassage): boolean {
  if (passage.tenantId !== tenantId || !scope.grades.includes(passage.grade)) return false;
  return passage.accessGroups === null ? seesEveryGroup(scope) : sharedWith(scope, passage.accessGroups);
}
