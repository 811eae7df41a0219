import type { Grade } from '../../auth/index.js';

/**
 * One posting segment (one document version's chunks of one grade) held in memory, as compact typed arrays:
 * chunks are numbered 0…n−1 inside the segment, and each term's list is a slice of `postings`/`tfs`. Terms are
 * numbers from the index's shared dictionary (`TermDictionary`), kept sorted so a query finds a term by binary
 * search. About 8 bytes a posting, against ~50 for the same list as JavaScript arrays of objects.
 */
export type MemorySegment = {
  readonly id: number;
  readonly grade: Grade;
  /** Database id of each local chunk (ascending in a segment as built; a merged unit joins its segments' in turn). */
  readonly chunkIds: Float64Array;
  /** Analysed length (term count) of each local chunk. */
  readonly lengths: Float64Array;
  /** The shortest local chunk's length (for score bounds). */
  readonly minLength: number;
  /**
   * Sorted term numbers; the list of `termIds[i]` is `postings[starts[i] … starts[i+1])`, local chunk numbers in
   * ascending order (so a chunk is found in a list by binary search), and `maxTfs[i]` its highest term frequency.
   */
  readonly termIds: Int32Array;
  readonly starts: Uint32Array;
  readonly postings: Uint32Array;
  readonly tfs: Uint32Array;
  readonly maxTfs: Uint32Array;
};

/**
 * A segment's posting lists as the database sends them (`MemoryLexicalIndex` reads one row per segment): `terms`
 * joined by new lines, and for each term, in the same order, its chunk ids, term frequencies and chunk lengths as
 * numbers joined by ',' with one list per term joined by ';'.
 */
export type SegmentText = { terms: string; chunkIds: string; tfs: string; lengths: string };

/** Term strings to numbers, shared by every segment of an index, so each distinct term is stored once. */
export class TermDictionary {
  readonly #ids = new Map<string, number>();

  idOf(term: string): number | undefined {
    return this.#ids.get(term);
  }

  intern(term: string): number {
    let id = this.#ids.get(term);
    if (id === undefined) {
      id = this.#ids.size;
      this.#ids.set(term, id);
    }
    return id;
  }
}

export function buildSegment(id: number, grade: Grade, text: SegmentText, dictionary: TermDictionary): MemorySegment {
  const terms = text.terms.split('\n');
  const chunkIdList = parseLists(text.chunkIds, terms.length);
  const tfList = parseLists(text.tfs, terms.length);
  const lengthList = parseLists(text.lengths, terms.length);
  const total = chunkIdList.values.length;
  if (tfList.values.length !== total || lengthList.values.length !== total) throw new Error(`segment ${id}: posting lists of different lengths`);

  // Chunks numbered 0…n−1 in the segment in the order of their ids, with their lengths.
  const lengthOf = new Map<number, number>();
  for (let position = 0; position < total; position++) {
    const chunkId = chunkIdList.values[position]!;
    if (!lengthOf.has(chunkId)) lengthOf.set(chunkId, lengthList.values[position]!);
  }
  const chunkIds = Float64Array.from(lengthOf.keys()).sort();
  const lengths = chunkIds.map((chunkId) => lengthOf.get(chunkId)!);
  const local = new Map<number, number>();
  chunkIds.forEach((chunkId, number) => local.set(chunkId, number));
  const localOf = new Uint32Array(total);
  for (let position = 0; position < total; position++) localOf[position] = local.get(chunkIdList.values[position]!)!;

  // Lists ordered by term number, for binary search.
  const termNumbers = terms.map((term) => dictionary.intern(term));
  const order = Array.from(termNumbers.keys()).sort((left, right) => termNumbers[left]! - termNumbers[right]!);
  const termIds = new Int32Array(terms.length);
  const starts = new Uint32Array(terms.length + 1);
  const postings = new Uint32Array(total);
  const tfs = new Uint32Array(total);
  const maxTfs = new Uint32Array(terms.length);
  let offset = 0;
  order.forEach((term, index) => {
    termIds[index] = termNumbers[term]!;
    starts[index] = offset;
    let sorted = true;
    let maxTf = 0;
    for (let position = chunkIdList.starts[term]!, end = chunkIdList.starts[term + 1]!; position < end; position++) {
      postings[offset] = localOf[position]!;
      tfs[offset] = tfList.values[position]!;
      if (tfs[offset]! > maxTf) maxTf = tfs[offset]!;
      if (offset > starts[index]! && postings[offset]! <= postings[offset - 1]!) sorted = false;
      offset += 1;
    }
    maxTfs[index] = maxTf;
    // Lists come from the database in chunk order; one that does not is put in order here.
    if (!sorted) sortList(postings, tfs, starts[index]!, offset);
  });
  starts[terms.length] = offset;
  let minLength = Number.POSITIVE_INFINITY;
  for (const length of lengths) if (length < minLength) minLength = length;
  return { id, grade, chunkIds, lengths, minLength: chunkIds.length === 0 ? 0 : minLength, termIds, starts, postings, tfs, maxTfs };
}

/** Sorts one list's postings (with their term frequencies) by local chunk number. */
function sortList(postings: Uint32Array, tfs: Uint32Array, start: number, end: number): void {
  const pairs = Array.from({ length: end - start }, (_, index) => [postings[start + index]!, tfs[start + index]!] as const)
    .sort((left, right) => left[0] - right[0]);
  pairs.forEach(([chunk, tf], index) => {
    postings[start + index] = chunk;
    tfs[start + index] = tf;
  });
}

/** Index in `values[start … end)` (ascending) of `value`, or −1: a term in `termIds`, a local chunk in a list. */
export function findSorted(values: Uint32Array | Int32Array, start: number, end: number, value: number): number {
  let low = start;
  let high = end - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const found = values[middle]!;
    if (found === value) return middle;
    if (found < value) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/** "1,2;3" → values [1, 2, 3], starts [0, 2, 3]: one pass over the characters, no intermediate strings. */
function parseLists(text: string, lists: number): { values: Float64Array; starts: Uint32Array } {
  let count = text.length === 0 ? 0 : 1;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 44 || code === 59) count += 1;
  }
  const values = new Float64Array(count);
  const starts = new Uint32Array(lists + 1);
  let list = 0;
  let value = 0;
  let filled = 0;
  for (let index = 0; index <= text.length; index++) {
    const code = index === text.length ? 59 : text.charCodeAt(index);
    if (code >= 48 && code <= 57) {
      value = value * 10 + (code - 48);
    } else if (code === 44 || code === 59) {
      values[filled++] = value;
      value = 0;
      if (code === 59) starts[++list] = filled;
    } else {
      throw new Error(`unexpected character in a posting list: ${text[index]}`);
    }
  }
  if (list !== lists) throw new Error(`expected ${lists} posting lists, found ${list}`);
  return { values, starts };
}

/** Index into `termIds` of a term, or −1; `from`: no earlier index can hold it (a smaller term was found there). */
export function findTerm(segment: Pick<MemorySegment, 'termIds'>, termId: number, from = 0): number {
  return findSorted(segment.termIds, from, segment.termIds.length, termId);
}
