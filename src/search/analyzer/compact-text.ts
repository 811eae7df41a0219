import { codePointClass, isSurrogatePair, letter, number } from '../../core/char-classes.js';

/**
 * The text that character bigrams are cut from: letters and numbers only, as
 * `text.replace(/[^\p{L}\p{N}]+/gu, '')`, but written into a reused buffer of UTF-16 code units
 * instead of a new string. Bigrams are pairs of consecutive units of it (as `slice` cut them
 * before, an astral letter's two halves included). Valid until the next call.
 */
let buffer = new Uint16Array(4096);
/** A larger text gets a buffer of its own, not kept: a worker should not hold the largest file's size forever. */
const maxKept = 1 << 20;

export function compactUnits(text: string): { units: Uint16Array; length: number } {
  if (buffer.length < text.length) {
    const fresh = new Uint16Array(text.length);
    if (text.length > maxKept) return fill(fresh, text);
    buffer = fresh;
  }
  return fill(buffer, text);
}

function fill(units: Uint16Array, text: string): { units: Uint16Array; length: number } {
  let length = 0;
  for (let index = 0; index < text.length; index++) {
    const pair = isSurrogatePair(text, index);
    if (codePointClass(text, index) & (letter | number)) {
      units[length++] = text.charCodeAt(index);
      if (pair) units[length++] = text.charCodeAt(index + 1);
    }
    if (pair) index++;
  }
  return { units, length };
}

/**
 * Numbers pairs of UTF-16 units 0, 1, 2, … in order of first sight. Open addressing over typed
 * arrays: a Map would box most of the 32-bit keys. Keys are exact, so two pairs never share a number.
 */
export class UnitPairIndex {
  private keys: Uint32Array;
  /** Per slot: the pair's number + 1, or 0 for an empty slot. */
  private numbers: Int32Array;
  private bits: number;
  size = 0;

  constructor(expected = 512) {
    this.bits = Math.max(4, Math.ceil(Math.log2(expected * 2 + 1)));
    this.keys = new Uint32Array(1 << this.bits);
    this.numbers = new Int32Array(1 << this.bits);
  }

  /** The pair's number; a new pair gets `size` (and `size` grows by one). */
  numberOf(first: number, second: number): number {
    const key = ((first << 16) | second) >>> 0;
    const mask = this.keys.length - 1;
    for (let slot = Math.imul(key, 0x9e3779b1) >>> (32 - this.bits); ; slot = (slot + 1) & mask) {
      const stored = this.numbers[slot]!;
      if (stored === 0) {
        if ((this.size + 1) * 2 > this.keys.length) {
          this.grow();
          return this.numberOf(first, second);
        }
        this.keys[slot] = key;
        this.numbers[slot] = ++this.size;
        return this.size - 1;
      }
      if (this.keys[slot] === key) return stored - 1;
    }
  }

  clear(): void {
    this.numbers.fill(0);
    this.size = 0;
  }

  private grow(): void {
    const { keys, numbers } = this;
    this.bits++;
    this.keys = new Uint32Array(1 << this.bits);
    this.numbers = new Int32Array(1 << this.bits);
    const mask = this.keys.length - 1;
    for (let old = 0; old < keys.length; old++) {
      if (numbers[old] === 0) continue;
      let slot = Math.imul(keys[old]!, 0x9e3779b1) >>> (32 - this.bits);
      while (this.numbers[slot] !== 0) slot = (slot + 1) & mask;
      this.keys[slot] = keys[old]!;
      this.numbers[slot] = numbers[old]!;
    }
  }
}

/**
 * `prefix` + the two units, one string per pair, reused: a chunk repeats most of its bigrams, so
 * this saves building a new string each time, and a reused string keeps its hash for the Maps
 * that count terms. Bounded: the cache starts over past `maxEntries` pairs.
 */
export function pairStrings(prefix: string, maxEntries = 1 << 18): (first: number, second: number) => string {
  const index = new UnitPairIndex(4096);
  const strings: string[] = [];
  return (first, second) => {
    if (index.size >= maxEntries) {
      index.clear();
      strings.length = 0;
    }
    const position = index.numberOf(first, second);
    if (position === strings.length) strings.push(prefix + String.fromCharCode(first, second));
    return strings[position]!;
  };
}
