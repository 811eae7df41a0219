import { guardText } from '../rules/guard-text.js';

/**
 * Features of the safety classifier: hashed character 1–3-grams (Korean syllables carry a morpheme each, so short
 * n-grams generalise across spacing and endings) and hashed words. Shared by training and inference, so the two
 * can never disagree. Hashing keeps the model a fixed-size table with no vocabulary to ship.
 */
export const featureBits = 20;
const bucketMask = (1 << featureBits) - 1;
// Long prompts (jailbreak templates run to 8 KB) are read in their first 3,000 characters: enough to see the set-up,
// and it bounds the time per prompt.
export const maxFeatureCharacters = 3000;

// Scratch space reused across calls (the classifier runs synchronously, one text at a time): a generation stamp
// per bucket deduplicates without allocating a set per text, which is most of the cost on a 4 KB prompt.
const seenInGeneration = new Uint32Array(1 << featureBits);
let generation = 0;
let scratch = new Uint32Array(16_384);

/** The distinct feature buckets of `text` (binary features: presence, not counts). A fresh array per call. */
export function textFeatures(text: string): Uint32Array {
  const plain = guardText(text.slice(0, maxFeatureCharacters)).plain.replace(/\s+/g, ' ').trim();
  generation = (generation + 1) >>> 0;
  if (generation === 0) {
    seenInGeneration.fill(0);
    generation = 1;
  }
  let size = 0;
  const add = (bucket: number) => {
    if (seenInGeneration[bucket] === generation) return;
    seenInGeneration[bucket] = generation;
    if (size === scratch.length) {
      const grown = new Uint32Array(scratch.length * 2);
      grown.set(scratch);
      scratch = grown;
    }
    scratch[size++] = bucket;
  };
  const padded = ` ${plain} `;
  for (let start = 0; start < padded.length; start++) {
    let hash = 0x811c9dc5;
    for (let length = 1; length <= 3 && start + length <= padded.length; length++) {
      hash ^= padded.charCodeAt(start + length - 1);
      hash = Math.imul(hash, 0x01000193);
      // A lone space is no feature; the length goes into the hash so n-grams of different lengths never collide.
      if (length === 1 && padded.charCodeAt(start) === 32) continue;
      add((Math.imul(hash ^ length, 0x9e3779b1) >>> 0) & bucketMask);
    }
  }
  let wordHash = 0x01000193;
  let wordLength = 0;
  for (let index = 0; index <= plain.length; index++) {
    const code = index < plain.length ? plain.charCodeAt(index) : 32;
    if (code !== 32) {
      wordHash = Math.imul(wordHash ^ code, 0x01000193);
      wordLength++;
      continue;
    }
    if (wordLength >= 2) add((Math.imul(wordHash ^ 0x5bd1e995, 0x9e3779b1) >>> 0) & bucketMask);
    wordHash = 0x01000193;
    wordLength = 0;
  }
  return scratch.slice(0, size);
}
