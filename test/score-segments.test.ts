import assert from 'node:assert/strict';
import { test } from 'node:test';
import { termScore } from '../src/search/bm25.js';
import { buildSegment, findTerm, TermDictionary, type MemorySegment } from '../src/search/memory-index/memory-segment.js';
import { scoreSegments, type ScoredTerm } from '../src/search/memory-index/score-segments.js';
import { mergeUnits, SegmentStore, selectMembers, single } from '../src/search/memory-index/segment-store.js';
import { seededRandom } from './helpers/seeded-random.js';

type Query = { termId: number | undefined; weight: number | null }[];
type Case = { segments: MemorySegment[]; terms: ScoredTerm[]; query: Query; averageLength: number };

/** The query's terms as scored over these segments (or units): each term's place in each. */
const termsFor = (segments: readonly Pick<MemorySegment, 'termIds'>[], query: Query): ScoredTerm[] => query.map(({ termId, weight }) => ({
  weight, places: Int32Array.from(segments, (segment) => (termId === undefined ? -1 : findTerm(segment, termId))),
}));

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
  const query: Query = Array.from({ length: queryCount }, () => {
    const termId = dictionary.idOf(vocabulary[Math.floor(next() * vocabulary.length)]!);
    // Equal weights happen (the same idf): every sixth term repeats a round value.
    return { termId, weight: next() < 0.1 ? null : next() < 0.17 ? 2 : 0.05 + next() * 5 };
  });
  return { segments, terms: termsFor(segments, query), query, averageLength: 20 + next() * 200 };
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

test('merged units rank exactly as their segments apart, and a unit without some members as those never merged', () => {
  for (let seed = 1; seed <= 200; seed++) {
    const example = makeCase(seed);
    const apart = scoreSegments(example.segments, example.terms, example.averageLength, 10);
    const merged = mergeUnits(example.segments.map(single));
    assert.deepEqual(merged.members.map((member) => member.segmentId), example.segments.map((segment) => segment.id));
    assert.equal(merged.postings.length, example.segments.reduce((sum, segment) => sum + segment.postings.length, 0));
    assert.deepEqual(scoreSegments([merged], termsFor([merged], example.query), example.averageLength, 10), apart, `seed ${seed}: merged`);
    // Two units of the same segments score alike too.
    const middle = Math.floor(example.segments.length / 2);
    const halves = [example.segments.slice(0, middle), example.segments.slice(middle)].filter((half) => half.length > 0).map((half) => mergeUnits(half.map(single)));
    assert.deepEqual(scoreSegments(halves, termsFor(halves, example.query), example.averageLength, 10), apart, `seed ${seed}: two units`);
    // Taking every other segment out of the merged unit = scoring those left, never merged.
    const kept = example.segments.filter((_, index) => index % 2 === 0);
    const selected = selectMembers(merged, (segmentId) => kept.some((segment) => segment.id === segmentId))!;
    assert.deepEqual(selected.members.map((member) => member.segmentId), kept.map((segment) => segment.id));
    assert.deepEqual(
      scoreSegments([selected], termsFor([selected], example.query), example.averageLength, 10),
      scoreSegments(kept, termsFor(kept, example.query), example.averageLength, 10),
      `seed ${seed}: selected`,
    );
    assert.equal(selectMembers(merged, () => false), null);
    assert.equal(selectMembers(merged, () => true), merged);
  }
});

test('the store keeps restricted segments apart, takes a changed segment out of its unit, and merges small units again', () => {
  let seed = 1;
  while (makeCase(seed).segments.length < 8) seed += 1;
  const example = makeCase(seed);
  const segments = example.segments;
  const store = new SegmentStore();
  store.replace(segments.map((segment) => segment.id), new Map(segments.map((segment) => [segment.id, [segment]])));
  assert.equal(store.units.size, segments.length);
  const restricted = new Set([segments[2]!.id]);
  store.compact(restricted, { all: true });
  const layout = () => [...store.units].map((unit) => unit.members.map((member) => member.segmentId).join('+')).sort();
  assert.deepEqual(layout(), [String(segments[2]!.id), segments.filter((_, index) => index !== 2).map((segment) => segment.id).join('+')].sort());
  const total = segments.reduce((sum, segment) => sum + segment.postings.length, 0);
  assert.equal(store.postings, total);

  // A new version of segment 0 (here: the same lists) leaves the merged unit and stands alone.
  store.replace([segments[0]!.id], new Map([[segments[0]!.id, [segments[0]!]]]));
  assert.ok(layout().includes(String(segments[0]!.id)));
  assert.equal(store.postings, total);
  // A deleted segment (no lists any more) is gone from every unit.
  store.replace([segments[1]!.id], new Map());
  assert.ok(![...store.units].some((unit) => unit.members.some((member) => member.segmentId === segments[1]!.id)));
  assert.equal(store.postings, total - segments[1]!.postings.length);
  // Segment 3 becomes shared with some groups only: it leaves the merged unit.
  store.separate(new Set([segments[2]!.id, segments[3]!.id]));
  assert.ok(layout().includes(String(segments[3]!.id)));
  const rest = [...store.units].filter((unit) => unit.members.length > 1);
  assert.ok(rest.every((unit) => unit.members.every((member) => ![segments[2]!.id, segments[3]!.id].includes(member.segmentId))));
  // Two members of one merged unit restricted at once: both leave it in the same pass.
  const [fifth, sixth] = [segments[5]!.id, segments[6]!.id];
  store.separate(new Set([segments[2]!.id, segments[3]!.id, fifth, sixth]));
  assert.ok(layout().includes(String(fifth)) && layout().includes(String(sixth)));
  assert.ok([...store.units].filter((unit) => unit.members.length > 1).every((unit) => unit.members.every((member) => ![fifth, sixth].includes(member.segmentId))));
  // Scoring the store's units ranks as the segments still there, apart.
  const present = segments.filter((_, index) => index !== 1);
  const units = [...store.units];
  assert.equal(store.postings, present.reduce((sum, segment) => sum + segment.postings.length, 0));
  assert.deepEqual(
    scoreSegments(units, termsFor(units, example.query), example.averageLength, 10),
    scoreSegments(present, termsFor(present, example.query), example.averageLength, 10),
  );
});
