import { unitClass, whitespace } from '../core/char-classes.js';

/**
 * MinHash over character n-grams, with LSH banding, for near-duplicate documents. Written here rather
 * than taken from npm: the algorithm is some forty lines, and the signature is stored in the database, so
 * its hash functions and seeds must never change under us with a dependency update.
 *
 * 128 hash functions in 16 bands of 8 rows: a pair at Jaccard 0.9 shares at least one band with
 * probability 1 - (1 - 0.9^8)^16 > 0.9999, a pair at 0.5 with about 0.06, so candidates are few and
 * the signature comparison (error about ±0.03 at 128 hashes) decides.
 */
export const minhashSize = 128;
export const minhashBands = 16;
const rowsPerBand = minhashSize / minhashBands;
/** 5-grams: long enough that unrelated Korean texts share few of them, short enough that one edit changes few. */
export const shingleLength = 5;

// Per-function seeds, fixed forever: stored signatures must stay comparable with new ones.
const seeds = Uint32Array.from({ length: minhashSize }, (_, index) => fmix32(Math.imul(index + 1, 0x9e3779b9)));

/** MurmurHash3's finaliser: a fast bijection on 32 bits with full avalanche. */
function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The signature: per hash function, the smallest value over the distinct shingles of the text (its
 * 5-grams of UTF-16 units with whitespace removed, as `normalize('NFC').replace(/\s+/g, '')`: layout
 * must not make two copies look different). Empty text: null. A text shorter than a shingle is one shingle.
 */
export function minhashSignature(text: string): number[] | null {
  const { units, length } = withoutWhitespace(text.normalize('NFC'));
  if (length === 0) return null;
  const signature = new Uint32Array(minhashSize).fill(0xffffffff);
  if (length < shingleLength) {
    lowerSignature(signature, hashUnits(units, 0, length));
  } else {
    // A repeated shingle cannot lower a minimum again: each distinct one is folded in once.
    const seen = new ShingleSet(length);
    for (let start = 0; start + shingleLength <= length; start++) {
      const hash = hashUnits(units, start, start + shingleLength);
      if (seen.add(hash)) lowerSignature(signature, hash);
    }
  }
  // Stored as PostgreSQL integer[]: signed 32-bit.
  return Array.from(signature, (value) => value | 0);
}

function lowerSignature(signature: Uint32Array, hash: number): void {
  for (let index = 0; index < minhashSize; index++) {
    const value = fmix32(hash ^ seeds[index]!);
    if (value < signature[index]!) signature[index] = value;
  }
}

/** FNV-1a over UTF-16 code units, finalised. */
function hashUnits(units: Uint16Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let index = start; index < end; index++) h = Math.imul(h ^ units[index]!, 0x01000193);
  return fmix32(h);
}

let buffer = new Uint16Array(1 << 16);
/** A larger text gets a buffer of its own, not kept: a worker should not hold the largest file's size forever. */
const maxKept = 1 << 20;

/** The text's UTF-16 units without whitespace (`/\s/`), in a reused buffer. */
function withoutWhitespace(text: string): { units: Uint16Array; length: number } {
  let units = buffer;
  if (units.length < text.length) {
    units = new Uint16Array(text.length);
    if (text.length <= maxKept) buffer = units;
  }
  let length = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (!(unitClass(code) & whitespace)) units[length++] = code;
  }
  return { units, length };
}

/** A set of 32-bit hashes by open addressing (a `Set<number>` boxes every hash above 2^30). */
class ShingleSet {
  private readonly slots: Uint32Array;
  private readonly used: Uint8Array;
  private readonly mask: number;

  constructor(capacity: number) {
    const size = 2 ** Math.ceil(Math.log2(capacity * 2 + 1));
    this.slots = new Uint32Array(size);
    this.used = new Uint8Array(size);
    this.mask = size - 1;
  }

  /** Adds the hash; false when it was there already. */
  add(hash: number): boolean {
    let slot = hash & this.mask;
    while (this.used[slot]) {
      if (this.slots[slot] === hash) return false;
      slot = (slot + 1) & this.mask;
    }
    this.used[slot] = 1;
    this.slots[slot] = hash;
    return true;
  }
}

/** Estimated Jaccard similarity: the share of positions where two signatures agree. */
export function estimatedSimilarity(first: readonly number[], second: readonly number[]): number {
  let same = 0;
  for (let index = 0; index < minhashSize; index++) if (first[index] === second[index]) same++;
  return same / minhashSize;
}

/** One bucket per band: a 53-bit hash of the band's rows (a safe integer, stored as bigint). */
export function bandBuckets(signature: readonly number[]): number[] {
  return Array.from({ length: minhashBands }, (_, band) => {
    let high = band + 1;
    let low = 0x12345678 ^ band;
    for (let row = 0; row < rowsPerBand; row++) {
      const value = signature[band * rowsPerBand + row]!;
      high = fmix32(Math.imul(high, 31) ^ value);
      low = fmix32(low ^ Math.imul(value, 0x27d4eb2d));
    }
    return (high & 0x1fffff) * 0x100000000 + (low >>> 0);
  });
}
