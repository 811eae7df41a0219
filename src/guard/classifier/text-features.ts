import { guardText } from '../rules/guard-text.js';

/**
 * Features of the safety classifier: hashed character 1–4-grams (Korean syllables carry a morpheme each, so short
 * n-grams generalise across spacing and endings), hashed words and hashed pairs of adjacent words. Shared by
 * training and inference, so the two can never disagree. Hashing keeps the model a fixed-size table with no
 * vocabulary to ship. 4-grams and word pairs came in together (model format v2); BENCHMARKS.md, "Guard, seventh
 * pass", has the cross-fitted comparison.
 */
export const featureBits = 20;
/** The longest character n-gram. */
const maxGram = 4;
const bucketMask = (1 << featureBits) - 1;
// Long prompts (jailbreak templates run to 8 KB) are read in their first 3,000 characters (after normalising and
// collapsing whitespace): enough to see the set-up, and it bounds the time per prompt.
export const maxFeatureCharacters = 3000;

/**
 * Below this many features a text counts as this long when its weights are scaled (`featureNorm`). Without a floor
 * a one-word message ("네", "또 눈물나ㅠ", ~5 n-grams) had its few weights scaled up ~10× against a sentence's and
 * took whatever class its syllables leaned to (both were blocked as hate); with it, a text that says almost nothing
 * stays near the prior, and the lexicon rules still read it.
 */
export const minimumFeatureCount = 64;

/** The scale of a text's feature weights: 1/√n, n at least `minimumFeatureCount`. Training and inference share it. */
export function featureNorm(featureCount: number): number {
  return 1 / Math.sqrt(Math.max(minimumFeatureCount, featureCount));
}

// Scratch space reused across calls (the classifier runs synchronously, one text at a time), so a 4 KB prompt
// allocates nothing: the collapsed character codes, the distinct buckets, and a 128 KB bitset of buckets already
// seen (small enough to stay in the CPU cache; a 4 MB table of stamps missed the cache on nearly every n-gram).
const codes = new Uint16Array(maxFeatureCharacters + 2);
const seen = new Uint32Array(1 << (featureBits - 5));
let scratch = new Uint32Array(16_384);

/**
 * The distinct feature buckets of `text` (binary features: presence, not counts). The returned view is reused by
 * the next call: copy it to keep it.
 */
export function textFeatures(text: string): Uint32Array {
  const length = collapse(guardText(text).plain);
  let size = 0;
  const add = (bucket: number) => {
    const word = bucket >>> 5;
    const bit = 1 << (bucket & 31);
    if ((seen[word]! & bit) !== 0) return;
    seen[word]! |= bit;
    if (size === scratch.length) {
      const grown = new Uint32Array(scratch.length * 2);
      grown.set(scratch);
      scratch = grown;
    }
    scratch[size++] = bucket;
  };
  // `codes` holds ` text ` (padded with spaces), so word-initial and word-final n-grams are features of their own.
  for (let start = 0; start < length; start++) {
    let hash = 0x811c9dc5;
    for (let gram = 1; gram <= maxGram && start + gram <= length; gram++) {
      hash ^= codes[start + gram - 1]!;
      hash = Math.imul(hash, 0x01000193);
      // A lone space is no feature; the length goes into the hash so n-grams of different lengths never collide.
      if (gram === 1 && codes[start] === 32) continue;
      add((Math.imul(hash ^ gram, 0x9e3779b1) >>> 0) & bucketMask);
    }
  }
  let wordHash = 0x01000193;
  let wordLength = 0;
  // The hash of the word before (0 at the start): a pair of adjacent words is a feature of its own.
  let previousWord = 0;
  for (let index = 1; index < length; index++) {
    const code = codes[index]!;
    if (code !== 32) {
      wordHash = Math.imul(wordHash ^ code, 0x01000193);
      wordLength++;
      continue;
    }
    if (wordLength >= 2) add((Math.imul(wordHash ^ 0x5bd1e995, 0x9e3779b1) >>> 0) & bucketMask);
    if (previousWord !== 0) add((Math.imul(previousWord ^ Math.imul(wordHash, 31) ^ 0x27d4eb2d, 0x9e3779b1) >>> 0) & bucketMask);
    previousWord = wordHash;
    wordHash = 0x01000193;
    wordLength = 0;
  }
  // Clear only the bits this text set: cheaper than clearing the whole bitset.
  for (let index = 0; index < size; index++) seen[scratch[index]! >>> 5] = 0;
  return scratch.subarray(0, size);
}

/**
 * Writes ` plain ` into `codes` with every run of whitespace as one space and no leading or trailing whitespace
 * inside the padding, stopping after `maxFeatureCharacters` characters; returns the length written.
 */
function collapse(plain: string): number {
  let length = 0;
  codes[length++] = 32;
  let pendingSpace = false;
  for (let index = 0; index < plain.length; index++) {
    const code = plain.charCodeAt(index);
    if (isWhitespace(code)) {
      pendingSpace = length > 1;
      continue;
    }
    if (length + (pendingSpace ? 1 : 0) > maxFeatureCharacters) break;
    if (pendingSpace) {
      codes[length++] = 32;
      pendingSpace = false;
    }
    codes[length++] = code;
  }
  codes[length++] = 32;
  return length;
}

// What `/\s/` matches.
function isWhitespace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a)
    || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}
