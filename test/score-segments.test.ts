import assert from 'node:assert/strict';
import { test } from 'node:test';
import { termScore } from '../src/search/bm25.js';
import { buildSegment, findTerm, TermDictionary, type MemorySegment } from '../src/search/memory-index/memory-segment.js';
import { scoreSegments, type ScoredTerm } from '../src/search/memory-index/score-segments.js';
import { seededRandom } from './helpers/seeded-random.js';

type Case = { segments: MemorySegment[]; terms: ScoredTerm[]; averageLength: number };

/**
 * Segments of random chunks over a small vocabulary with a Zipf-like skew (a few terms in most chunks, as common
 * bigrams are), some lists deliberately out of chunk order, and query terms with random weights (some skipped).
 */
function makeCase(seed: number): Case {
  const next = seededRandom(seed);
  const dictionary = new TermDictionary();
  const vocabulary = Array.from({ length: 40 }, (_, index) => `t${index}`);
  const segments: MemorySegment[] = [];
  let chunkId = 1000;
  const segmentCount = 1 + Math.floor(next() * 30);
  for (let segment = 0; segment < segmentCount; segment++) {
    const lists = new Map<string, [number, number, number][]>();
    const chunkCount = 1 + Math.floor(next() * 60);
    for (let chunk = 0; chunk < chunkCount; chunk++) {
      chunkId += 1 + Math.floor(next() * 3);
      const length = 5 + Math.floor(next() * 300);
      for (const term of vocabulary) {
        const rank = Number(term.slice(1));
        if (next() < 0.8 / (1 + rank * 0.3)) {
          const list = lists.get(term) ?? [];
          list.push([chunkId, 1 + Math.floor(next() * next() * 6), length]);
          lists.set(term, list);
        }
      }
    }
    const terms = [...lists.keys()];
    // A list whose chunks are not in id order (as a rewritten list could be): the segment puts it in order.
    if (next() < 0.3) for (const list of lists.values()) list.reverse();
    const join = (pick: (posting: [number, number, number]) => number) => terms.map((term) => lists.get(term)!.map(pick).join(',')).join(';');
    segments.push(buildSegment(segment + 1, 'internal', { terms: terms.join('\n'), chunkIds: join((p) => p[0]), tfs: join((p) => p[1]), lengths: join((p) => p[2]) }, dictionary));
  }
  const queryCount = 1 + Math.floor(next() * 25);
  const terms: ScoredTerm[] = Array.from({ length: queryCount }, () => {
    const term = vocabulary[Math.floor(next() * vocabulary.length)]!;
    const termId = dictionary.idOf(term);
    const places = Int32Array.from(segments, (segment) => (termId === undefined ? -1 : findTerm(segment, termId)));
    // Equal weights happen (the same idf): every sixth term repeats a round value.
    const weight = next() < 0.1 ? null : next() < 0.17 ? 2 : 0.05 + next() * 5;
    return { weight, places };
  });
  return { segments, terms, averageLength: 20 + next() * 200 };
}

/** Every chunk scored over every term, in the order `scoreSegments` promises (highest weight first, then query order). */
function exhaustive({ segments, terms, averageLength }: Case, k: number): { chunkId: number; score: number }[] {
  const order = terms.map((_, index) => index).filter((index) => terms[index]!.weight !== null)
    .sort((left, right) => terms[right]!.weight! - terms[left]!.weight!);
  const all: { chunkId: number; score: number }[] = [];
  segments.forEach((segment, segmentIndex) => {
    const scores = new Map<number, number>();
    for (const termIndex of order) {
      const place = terms[termIndex]!.places[segmentIndex]!;
      if (place < 0) continue;
      for (let position = segment.starts[place]!; position < segment.starts[place + 1]!; position++) {
        const chunk = segment.postings[position]!;
        scores.set(chunk, (scores.get(chunk) ?? 0) + terms[termIndex]!.weight! * termScore(segment.tfs[position]!, segment.lengths[chunk]!, averageLength));
      }
    }
    for (const [chunk, score] of scores) all.push({ chunkId: segment.chunkIds[chunk]!, score });
  });
  return all.sort((left, right) => right.score - left.score || left.chunkId - right.chunkId).slice(0, k);
}

test('pruned scoring ranks exactly as scoring every posting: same chunks, same order, same scores', () => {
  let compared = 0;
  for (let seed = 1; seed <= 300; seed++) {
    const example = makeCase(seed);
    for (const k of [1, 3, 10, 50]) {
      assert.deepEqual(scoreSegments(example.segments, example.terms, example.averageLength, k), exhaustive(example, k), `seed ${seed}, k ${k}`);
      compared += 1;
    }
  }
  assert.equal(compared, 1200);
});

test('segments keep their chunks in id order and every list sorted, with its highest term frequency', () => {
  const dictionary = new TermDictionary();
  // Lists as a partial removal could leave them: chunk ids out of order.
  const segment = buildSegment(7, 'public', { terms: '가\n나', chunkIds: '30,10,20;20,30', tfs: '1,4,2;3,1', lengths: '9,5,7;7,9' }, dictionary);
  assert.deepEqual([...segment.chunkIds], [10, 20, 30]);
  assert.deepEqual([...segment.lengths], [5, 7, 9]);
  assert.equal(segment.minLength, 5);
  const list = (term: string) => {
    const place = findTerm(segment, dictionary.idOf(term)!);
    const slice = [...segment.postings.slice(segment.starts[place]!, segment.starts[place + 1]!)];
    return { chunks: slice.map((chunk) => segment.chunkIds[chunk]), tfs: [...segment.tfs.slice(segment.starts[place]!, segment.starts[place + 1]!)], maxTf: segment.maxTfs[place] };
  };
  assert.deepEqual(list('가'), { chunks: [10, 20, 30], tfs: [4, 2, 1], maxTf: 4 });
  assert.deepEqual(list('나'), { chunks: [20, 30], tfs: [3, 1], maxTf: 3 });
});
