import type { PiiCandidate } from './pii-types.js';

/**
 * One finding per stretch of text: where candidates overlap, the higher score wins, then the longer span
 * (a card number beats the account pattern inside it), then the earlier one. Output is sorted by start.
 */
export function resolveOverlaps(candidates: readonly PiiCandidate[]): PiiCandidate[] {
  const ranked = [...candidates].sort((a, b) =>
    b.score - a.score || (b.end - b.start) - (a.end - a.start) || a.start - b.start);
  const kept: PiiCandidate[] = [];
  for (const candidate of ranked) {
    if (kept.every((other) => candidate.end <= other.start || candidate.start >= other.end)) kept.push(candidate);
  }
  return kept.sort((a, b) => a.start - b.start);
}
