import type { Grade } from '../auth/index.js';

export type IndexedChunk = { id: number; tenantId: string; grade: Grade; terms: readonly string[] };

/** The posting lists of one ingest batch for one (tenant, grade): what `indexChunks` writes (layout: lexical-index.ts). */
export type PostingSegment = {
  tenantId: string;
  grade: Grade;
  /** The batch's smallest chunk id. */
  segmentId: number;
  chunkCount: number;
  termTotal: number;
  /** Sorted, so concurrent ingests upsert the same rows in the same order and cannot deadlock. */
  terms: string[];
  /** Per term, parallel lists as PostgreSQL array literals (`{12,15}`): chunk ids, term frequencies, chunk lengths. */
  chunkIds: string[];
  tfs: string[];
  lengths: string[];
  /** Distinct chunk ids, in order of first appearance over the sorted terms' lists. */
  indexedChunkIds: number[];
};

/** Groups chunks by (tenant, grade) into posting lists. Pure CPU: one pass over the terms, no Map per chunk. */
export function postingSegments(chunks: readonly IndexedChunk[]): PostingSegment[] {
  const groups = new Map<string, number[]>();
  for (let chunkIndex = 0; chunkIndex < chunks.length; chunkIndex++) {
    const chunk = chunks[chunkIndex]!;
    const key = `${chunk.tenantId}\u0000${chunk.grade}`;
    const members = groups.get(key);
    if (members) members.push(chunkIndex);
    else groups.set(key, [chunkIndex]);
  }
  const texts = { ids: chunks.map((chunk) => String(chunk.id)), lengths: chunks.map((chunk) => String(chunk.terms.length)) };
  return [...groups.values()].map((members) => segmentOf(chunks, members, texts));
}

type ChunkTexts = { ids: readonly string[]; lengths: readonly string[] };
const tfTexts = Array.from({ length: 64 }, (_, tf) => String(tf));

function segmentOf(chunks: readonly IndexedChunk[], members: readonly number[], texts: ChunkTexts): PostingSegment {
  const { tenantId, grade, id } = chunks[members[0]!]!;
  let segmentId = id;
  let termTotal = 0;
  const lists = new PostingLists();
  for (const chunkIndex of members) {
    const chunk = chunks[chunkIndex]!;
    segmentId = Math.min(segmentId, chunk.id);
    termTotal += chunk.terms.length;
    for (const term of chunk.terms) lists.add(term, chunkIndex);
  }
  const terms = sortedTerms(lists.terms);
  const chunkIds: string[] = [];
  const tfs: string[] = [];
  const lengths: string[] = [];
  const seen = new Uint8Array(chunks.length);
  const firstSeen: number[] = [];
  // Array literals as `{${values.join(',')}}` wrote them, each id and length turned into text once per chunk.
  const idParts: string[] = [];
  const tfParts: string[] = [];
  const lengthParts: string[] = [];
  for (const term of terms) {
    idParts.length = tfParts.length = lengthParts.length = 0;
    for (let node = lists.firstNode(term); node !== -1; node = lists.next[node]!) {
      const chunkIndex = lists.chunk[node]!;
      const tf = lists.tf[node]!;
      idParts.push(texts.ids[chunkIndex]!);
      tfParts.push(tfTexts[tf] ?? String(tf));
      lengthParts.push(texts.lengths[chunkIndex]!);
      if (seen[chunkIndex] === 0) {
        seen[chunkIndex] = 1;
        firstSeen.push(chunkIndex);
      }
    }
    chunkIds.push(`{${idParts.join(',')}}`);
    tfs.push(`{${tfParts.join(',')}}`);
    lengths.push(`{${lengthParts.join(',')}}`);
  }
  return {
    tenantId,
    grade,
    segmentId,
    chunkCount: members.length,
    termTotal,
    terms,
    chunkIds,
    tfs,
    lengths,
    // By id, as chunks could share one (first appearance of a chunk, then of its id: the same order).
    indexedChunkIds: [...new Set(firstSeen.map((chunkIndex) => chunks[chunkIndex]!.id))],
  };
}

/**
 * Each term's postings as a linked list in typed arrays (no array per term): nodes of (chunk index, tf, next node),
 * in chunk order. Chunks are added in order, so a term's last node is this chunk's when the term occurred before in it.
 */
class PostingLists {
  readonly terms: string[] = [];
  private readonly numbers = new Map<string, number>();
  private firstNodes = new Int32Array(1024);
  private lastNodes = new Int32Array(1024);
  chunk = new Int32Array(4096);
  tf = new Int32Array(4096);
  next = new Int32Array(4096);
  private nodes = 0;

  add(term: string, chunkIndex: number): void {
    const number = this.numbers.get(term);
    if (number === undefined) {
      const created = this.terms.length;
      this.numbers.set(term, created);
      this.terms.push(term);
      if (created === this.firstNodes.length) {
        this.firstNodes = doubled(this.firstNodes);
        this.lastNodes = doubled(this.lastNodes);
      }
      const node = this.newNode(chunkIndex);
      this.firstNodes[created] = node;
      this.lastNodes[created] = node;
      return;
    }
    const last = this.lastNodes[number]!;
    if (this.chunk[last] === chunkIndex) {
      this.tf[last]! += 1;
      return;
    }
    // The new node first: making it can replace the arrays.
    const node = this.newNode(chunkIndex);
    this.next[last] = node;
    this.lastNodes[number] = node;
  }

  firstNode(term: string): number {
    return this.firstNodes[this.numbers.get(term)!]!;
  }

  private newNode(chunkIndex: number): number {
    if (this.nodes === this.chunk.length) {
      this.chunk = doubled(this.chunk);
      this.tf = doubled(this.tf);
      this.next = doubled(this.next);
    }
    const node = this.nodes++;
    this.chunk[node] = chunkIndex;
    this.tf[node] = 1;
    this.next[node] = -1;
    return node;
  }
}

function doubled(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/**
 * `terms.sort()` (UTF-16 code unit order), sooner: terms are bucketed by their first three units (a missing unit
 * sorts first, as a prefix sorts before its extensions), buckets ordered by that numeric key, and only terms that
 * share a bucket compared as strings. A batch's 10,000+ terms ("b:" + two syllables mostly) fall into small buckets.
 */
function sortedTerms(terms: string[]): string[] {
  const buckets = new Map<number, string[]>();
  for (const term of terms) {
    // Each unit + 1 (0: missing) in 17 bits: 51 bits, exact in a double.
    const key = (term.length > 0 ? term.charCodeAt(0) + 1 : 0) * 2 ** 34 + (term.length > 1 ? term.charCodeAt(1) + 1 : 0) * 2 ** 17 + (term.length > 2 ? term.charCodeAt(2) + 1 : 0);
    const bucket = buckets.get(key);
    if (bucket) bucket.push(term);
    else buckets.set(key, [term]);
  }
  const keys = Float64Array.from(buckets.keys()).sort();
  const sorted: string[] = [];
  for (const key of keys) {
    const bucket = buckets.get(key)!;
    if (bucket.length > 1) bucket.sort();
    for (const term of bucket) sorted.push(term);
  }
  return sorted;
}
