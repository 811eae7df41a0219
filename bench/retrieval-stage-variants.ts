/**
 * Second-stage variants measured by `retrieval-stages.ts` for issue 4 and not shipped: none
 * clearly improved nia-qa-dev (BENCHMARKS.md, retrieval). Kept here, out of the product, so the
 * measurement can be repeated.
 */
import { analyze, builtInSynonyms, normalizeText, stripKoreanSuffix } from '../src/search/analyzer/index.js';
import { questionStopwords } from '../src/search/analyzer/korean-suffixes.js';
/**
 * Term proximity as a second stage over the lexical top candidates (passage retrieval with
 * fixed windows, Callan 1994; the proximity family surveyed by Tao & Zhai 2007): a passage whose
 * query words stand close together, as in the sentence that answers the question, moves up
 * over one that mentions the same words scattered. Positions are characters of the passage with
 * spaces and punctuation removed, so "경제성장률" in a question meets "경제 성장률" in a passage.
 */
export type ProximityOptions = {
  /** Weight of the window coverage (0..1) against the max-normalised first-stage score. */
  weight: number;
  /** Window length in characters of compacted text (about one sentence). */
  window: number;
};

export const defaultProximity: ProximityOptions = { weight: 0.2, window: 80 };

export type ProximityCandidate<T> = { item: T; text: string; score: number };

/** The content words of a question: eojeols with particles and endings stripped, question words dropped. */
export function proximityWords(query: string): string[] {
  const words = new Set<string>();
  for (const eojeol of normalizeText(query).split(/\s+/)) {
    const bare = compact(eojeol);
    if (!bare) continue;
    const stem = stripKoreanSuffix(bare);
    if (questionStopwords.has(stem) || questionStopwords.has(bare)) continue;
    if (stem.length >= 2) words.add(stem);
  }
  return [...words];
}

/**
 * The largest share of the question's words that occur together inside one window of the passage.
 * Two pointers over the sorted occurrences: O(occurrences × words).
 */
export function windowCoverage(words: readonly string[], text: string, window: number): number {
  if (words.length === 0) return 0;
  const body = compact(normalizeText(text));
  const occurrences: { start: number; end: number; word: number }[] = [];
  words.forEach((word, index) => {
    for (let at = body.indexOf(word); at >= 0; at = body.indexOf(word, at + 1)) occurrences.push({ start: at, end: at + word.length, word: index });
  });
  occurrences.sort((left, right) => left.end - right.end);
  const inWindow = new Array<number>(words.length).fill(0);
  let distinct = 0;
  let best = 0;
  let first = 0;
  for (const occurrence of occurrences) {
    if (inWindow[occurrence.word]!++ === 0) distinct++;
    // Drop occurrences that start before this window (ending at this occurrence's end) begins.
    while (occurrences[first]!.start < occurrence.end - window) {
      if (--inWindow[occurrences[first]!.word]! === 0) distinct--;
      first++;
    }
    best = Math.max(best, distinct);
  }
  return best / words.length;
}

/** Re-orders candidates (already permitted) by first-stage score plus the proximity bonus. */
export function proximityRerank<T>(query: string, candidates: readonly ProximityCandidate<T>[], options: Partial<ProximityOptions> = {}): { item: T; score: number }[] {
  const { weight, window } = { ...defaultProximity, ...options };
  const words = proximityWords(query);
  const top = Math.max(0, ...candidates.map((candidate) => candidate.score)) || 1;
  return candidates
    .map((candidate, rank) => ({ item: candidate.item, rank, score: (1 - weight) * (candidate.score / top) + weight * windowCoverage(words, candidate.text, window) }))
    .sort((left, right) => right.score - left.score || left.rank - right.rank)
    .map(({ item, score }) => ({ item, score }));
}

function compact(text: string): string {
  return text.replace(/[^\p{L}\p{N}]+/gu, '');
}


/**
 * Passage-level evidence as a second stage (Callan 1994, "Passage-level evidence in document
 * retrieval"): a chunk is 24 lines, but the answer to a question usually sits in one to three of
 * them. Each candidate's best window of a few consecutive lines is scored with the question's
 * terms, and the final score adds that to the chunk's BM25+, both max-normalised over the
 * candidates with equal weight (CombSUM). A chunk where the question's words stand together (a
 * table's caption, header and row) moves up over one that mentions them scattered.
 *
 * It only re-orders candidates the permission-aware first stage already returned, with no index
 * statistics: window terms are counted with saturation (BM25's tf part, k1 = 1.2) and no idf, since
 * the first stage has already weighted the rare terms. Measured and not shipped (BENCHMARKS.md, retrieval).
 */
export type WindowEvidenceOptions = {
  /** Consecutive lines of chunk text per window (blank lines count: they separate paragraphs). */
  lines: number;
  /** Weight of the best window against the chunk score; 1 = equal say. */
  weight: number;
  /** BM25 length normalisation of windows against the mean window of the candidates. */
  b: number;
  /** BM25+ lower bound per matched term (as the first stage). */
  delta: number;
};

export const defaultWindowEvidence: WindowEvidenceOptions = { lines: 3, weight: 1, b: 0.75, delta: 1 };

/** How many first-stage candidates the second stage sees. */
export const windowEvidenceDepth = 50;

const k1 = 1.2;

export type WindowCandidate<T> = { item: T; text: string; score: number };

/**
 * The best window's score: Σ over the question's distinct terms of qtf × tf(k1 + 1)/(tf + k1),
 * tf counted in the window. `queryTerms` are the question's analysed terms (`analyzeQuery`).
 * Bigrams are counted in each line's compacted text, words with the index's analyzer.
 */
type Window = { counts: Map<string, number>; length: number };

function windowsOf(wanted: ReadonlyMap<string, number>, text: string, lines: number): Window[] {
  const bigrams = [...wanted.keys()].filter((term) => term.startsWith('b:'));
  const perLine = text.split('\n').map((line) => lineCounts(line, wanted, bigrams));
  const span = Math.max(1, lines);
  const windows: Window[] = [];
  for (let start = 0; start < Math.max(1, perLine.length - span + 1); start++) {
    const counts = new Map<string, number>();
    let length = 0;
    for (const line of perLine.slice(start, start + span)) {
      length += line.length;
      for (const [term, count] of line.counts) counts.set(term, (counts.get(term) ?? 0) + count);
    }
    if (length > 0) windows.push({ counts, length });
  }
  return windows;
}

function windowScore(wanted: ReadonlyMap<string, number>, window: Window, averageLength: number, options: WindowEvidenceOptions): number {
  let score = 0;
  const norm = k1 * (1 - options.b + (options.b * window.length) / averageLength);
  for (const [term, tf] of window.counts) score += wanted.get(term)! * ((tf * (k1 + 1)) / (tf + norm) + options.delta);
  return score;
}

/** The best window's score of one text, windows normalised against `averageLength` terms. */
export function bestWindowScore(queryTerms: readonly string[], text: string, averageLength: number, options: Partial<WindowEvidenceOptions> = {}): number {
  const settings = { ...defaultWindowEvidence, ...options };
  const wanted = termCounts(queryTerms);
  return Math.max(0, ...windowsOf(wanted, text, settings.lines).map((window) => windowScore(wanted, window, averageLength, settings)));
}

function termCounts(terms: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

/** Counts of the wanted terms in one line, and the line's length in index terms (words and bigrams). */
function lineCounts(line: string, wanted: ReadonlyMap<string, number>, bigrams: readonly string[]): { counts: Map<string, number>; length: number } {
  const counts = new Map<string, number>();
  if (!line.trim()) return { counts, length: 0 };
  const words = analyze(line, { synonyms: builtInSynonyms, bigrams: false });
  for (const term of words) {
    if (wanted.has(term)) counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  const compact = normalizeText(line).replace(/[^\p{L}\p{N}]+/gu, '');
  for (const term of bigrams) {
    const pair = term.slice(2);
    let count = 0;
    for (let at = compact.indexOf(pair); at >= 0; at = compact.indexOf(pair, at + 1)) count++;
    if (count > 0) counts.set(term, count);
  }
  return { counts, length: words.length + Math.max(0, compact.length - 1) };
}

/**
 * Re-orders first-stage candidates: chunk score / best chunk score + weight × window score / best
 * window score. Ties keep the first-stage order. Returns the new scores.
 */
export function rerankByWindowEvidence<T>(
  queryTerms: readonly string[],
  candidates: readonly WindowCandidate<T>[],
  options: Partial<WindowEvidenceOptions> = {},
): { item: T; score: number }[] {
  const settings = { ...defaultWindowEvidence, ...options };
  const wanted = termCounts(queryTerms);
  const perCandidate = candidates.map((candidate) => windowsOf(wanted, candidate.text, settings.lines));
  const all = perCandidate.flat();
  const averageLength = all.reduce((sum, window) => sum + window.length, 0) / Math.max(1, all.length) || 1;
  const windows = perCandidate.map((list) => Math.max(0, ...list.map((window) => windowScore(wanted, window, averageLength, settings))));
  const topChunk = Math.max(0, ...candidates.map((candidate) => candidate.score)) || 1;
  const topWindow = Math.max(0, ...windows) || 1;
  return candidates
    .map((candidate, rank) => ({ item: candidate.item, rank, score: candidate.score / topChunk + (settings.weight * windows[rank]!) / topWindow }))
    .sort((left, right) => right.score - left.score || left.rank - right.rank)
    .map(({ item, score }) => ({ item, score }));
}
