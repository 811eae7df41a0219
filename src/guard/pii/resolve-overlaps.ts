import type { PiiCandidate } from './pii-types.js';

/**
 * One finding per stretch of text: where candidates overlap, the higher score wins, then the longer span
 * (a card number beats the account pattern inside it), then the earlier one. Output is sorted by start.
 */
export function resolveOverlaps(candidates: readonly PiiCandidate[]): PiiCandidate[] {
  // Most texts have no candidate or one: nothing to rank (and no copies or sorts to allocate).
  if (candidates.length <= 1) return [...candidates];
  const ranked = [...candidates].sort((a, b) =>
    b.score - a.score || (b.end - b.start) - (a.end - a.start) || a.start - b.start);
  const kept = ranked.length > 32 && ranked.every(isPlainSpan) ? keepByOccupancy(ranked) : keepByComparison(ranked);
  return kept.sort((a, b) => a.start - b.start);
}

function keepByComparison(ranked: readonly PiiCandidate[]): PiiCandidate[] {
  const kept: PiiCandidate[] = [];
  for (const candidate of ranked) {
    if (kept.every((other) => candidate.end <= other.start || candidate.start >= other.end)) kept.push(candidate);
  }
  return kept;
}

/**
 * The same choice in time linear in the text: a long text full of one name (`김철수 김철수 …`) yields tens of
 * thousands of candidates, and comparing each with every kept one took seconds.
 */
function keepByOccupancy(ranked: readonly PiiCandidate[]): PiiCandidate[] {
  let end = 0;
  for (const candidate of ranked) end = Math.max(end, candidate.end);
  const taken = new Uint8Array(end);
  const kept: PiiCandidate[] = [];
  for (const candidate of ranked) {
    let free = true;
    for (let index = candidate.start; index < candidate.end && free; index++) free = taken[index] === 0;
    if (!free) continue;
    taken.fill(1, candidate.start, candidate.end);
    kept.push(candidate);
  }
  return kept;
}

/** Offsets that index a string: whole numbers, not negative, and a span that is not empty. */
const isPlainSpan = (candidate: PiiCandidate) =>
  Number.isInteger(candidate.start) && Number.isInteger(candidate.end) && candidate.start >= 0 && candidate.end > candidate.start;
