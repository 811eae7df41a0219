import { termScore } from '../bm25.js';
import { findSorted, type MemorySegment } from './memory-segment.js';
import { TopK } from './top-k.js';

/** A query term as scored: its weight (null: skipped) and its place in each visible segment (−1: absent). */
export type ScoredTerm = { weight: number | null; places: Int32Array };

/** Scratch arrays reused between searches (one search runs at a time: scoring never awaits). */
let scratchScores = new Float64Array(1024);
/** 0: untouched in this segment; 1: touched; 2: touched and still a candidate (second phase). */
let scratchState = new Uint8Array(1024);

/** Rounding slack on score bounds, so a bound never falls below the score it bounds. */
const slack = 1 + 1e-9;

/**
 * The k best chunks by BM25+ over `segments`, exactly as exhaustive term-at-a-time scoring ranks them, with less
 * work (MaxScore-style dynamic pruning, Turtle & Flood 1995, term at a time): in each segment the terms are summed in
 * one fixed order (highest weight first, the same for every chunk, so equal passages score equally), and once the
 * bounds of the terms still to come cannot lift a chunk not yet seen to the k-th best score so far, no new chunk can
 * enter: the remaining terms are only looked up (binary search) for the chunks that still can.
 * A term's bound in a segment is its weight times BM25+'s value at the list's highest term frequency and the
 * segment's shortest chunk (the contribution grows with tf and falls with length).
 */
export function scoreSegments(segments: readonly Omit<MemorySegment, 'id'>[], terms: readonly ScoredTerm[], averageLength: number, k: number): { chunkId: number; score: number }[] {
  const best = new TopK(k);
  // Highest weight first; a stable sort keeps query order among equal weights.
  const order = terms.map((_, index) => index).filter((index) => terms[index]!.weight !== null)
    .sort((left, right) => terms[right]!.weight! - terms[left]!.weight!);
  // The bounds hold for non-negative weights and a positive average length, as statistics that agree with the
  // lists give; were they ever off, every posting is scored (exact, only slower).
  const prune = averageLength > 0 && order.every((index) => terms[index]!.weight! >= 0);
  const present = new Int32Array(order.length);
  const bounds = new Float64Array(order.length + 1);
  const touched: number[] = [];
  const candidates: number[] = [];
  segments.forEach((segment, segmentIndex) => {
    const size = segment.chunkIds.length;
    if (scratchScores.length < size) {
      scratchScores = new Float64Array(size * 2);
      scratchState = new Uint8Array(size * 2);
    }
    const scores = scratchScores;
    const state = scratchState;
    // The terms found in this segment, in the fixed order, and the sum of the bounds from each one to the last.
    let count = 0;
    for (const termIndex of order) {
      const place = terms[termIndex]!.places[segmentIndex]!;
      if (place >= 0) present[count++] = termIndex;
    }
    bounds[count] = 0;
    for (let position = count - 1; position >= 0; position--) {
      const term = terms[present[position]!]!;
      const place = term.places[segmentIndex]!;
      // The contribution grows with tf and falls with length: the list's highest tf in the shortest chunk bounds it.
      bounds[position] = bounds[position + 1]! + term.weight! * termScore(segment.maxTfs[place]!, segment.minLength, averageLength) * slack;
    }
    const threshold = prune ? best.threshold() : Number.NEGATIVE_INFINITY;
    touched.length = 0;
    // First phase: every posting of the terms while a chunk not seen yet could still reach the k best.
    let next = 0;
    for (; next < count && bounds[next]! >= threshold; next++) {
      const term = terms[present[next]!]!;
      const place = term.places[segmentIndex]!;
      const weight = term.weight!;
      for (let position = segment.starts[place]!, end = segment.starts[place + 1]!; position < end; position++) {
        const chunk = segment.postings[position]!;
        if (state[chunk] === 0) {
          state[chunk] = 1;
          scores[chunk] = 0;
          touched.push(chunk);
        }
        scores[chunk] = scores[chunk]! + weight * termScore(segment.tfs[position]!, segment.lengths[chunk]!, averageLength);
      }
    }
    if (next === count) {
      for (const chunk of touched) best.offer(scores[chunk]!, segment.chunkIds[chunk]!);
    } else {
      // Second phase: only the chunks seen so far that the remaining terms could still lift far enough.
      let candidateCount = 0;
      for (const chunk of touched) {
        if (scores[chunk]! + bounds[next]! >= threshold) {
          state[chunk] = 2;
          candidates[candidateCount++] = chunk;
        }
      }
      for (; next < count && candidateCount > 0; next++) {
        const term = terms[present[next]!]!;
        const place = term.places[segmentIndex]!;
        const weight = term.weight!;
        const start = segment.starts[place]!;
        const end = segment.starts[place + 1]!;
        if (candidateCount * Math.log2(end - start + 1) < end - start) {
          for (let index = 0; index < candidateCount; index++) {
            const chunk = candidates[index]!;
            const position = findSorted(segment.postings, start, end, chunk);
            if (position >= 0) scores[chunk] = scores[chunk]! + weight * termScore(segment.tfs[position]!, segment.lengths[chunk]!, averageLength);
          }
        } else {
          for (let position = start; position < end; position++) {
            const chunk = segment.postings[position]!;
            if (state[chunk] === 2) scores[chunk] = scores[chunk]! + weight * termScore(segment.tfs[position]!, segment.lengths[chunk]!, averageLength);
          }
        }
        // Kept in place: the candidates that the terms after this one could still lift far enough.
        let kept = 0;
        for (let index = 0; index < candidateCount; index++) {
          const chunk = candidates[index]!;
          if (scores[chunk]! + bounds[next + 1]! >= threshold) candidates[kept++] = chunk;
          else state[chunk] = 1;
        }
        candidateCount = kept;
      }
      for (let index = 0; index < candidateCount; index++) best.offer(scores[candidates[index]!]!, segment.chunkIds[candidates[index]!]!);
    }
    for (const chunk of touched) state[chunk] = 0;
  });
  return best.sorted();
}
