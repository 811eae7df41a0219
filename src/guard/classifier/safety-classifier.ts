import { featureBits, featureNorm, textFeatures } from './text-features.js';
import type { SafetyThresholds } from './tune-thresholds.js';

/**
 * A multinomial logistic regression over hashed n-grams (`text-features.ts`), trained offline by
 * `npm run train:guard` (`train-safety-classifier.ts`) into `models/safety-model.json`. Inference is a sparse dot
 * product: tens of microseconds for a sentence, no download and no GPU.
 */
export const safetyClasses = ['benign', 'harmful', 'hate', 'offensive', 'sensitive', 'biased', 'jailbreak'] as const;
export type SafetyClass = (typeof safetyClasses)[number];

/**
 * The stored form: weights quantised to int16 and packed as base64 so the JSON stays small and loads fast. The
 * format names the features too: v2 reads 1–4-grams and word pairs (`text-features.ts`), so a v1 file, trained on
 * 1–3-grams, is refused rather than read with features it never saw.
 */
export type SafetyModelFile = {
  format: 'kgov-safety-logreg-v2';
  classes: string[];
  featureBits: number;
  bias: number[];
  scale: number;
  /** base64 of Uint32Array: the feature buckets that have weights, ascending. */
  buckets: string;
  /** base64 of Int16Array: classes.length weights per bucket, multiplied by `scale`. */
  weights: string;
  trainedOn: string;
  /** Cut-offs tuned by cross-validation at training time (`tune-thresholds.ts`). */
  thresholds?: SafetyThresholds;
};

export type SafetyScores = Record<SafetyClass, number>;

export class SafetyClassifier {
  readonly #classes: readonly SafetyClass[];
  readonly #bias: Float64Array;
  /**
   * Open-addressing table from feature bucket to weight row, interleaved: `#slots[2 * slot]` is the bucket (-1 when
   * empty) and `#slots[2 * slot + 1]` its row, so a probe that finds its bucket finds the row in the same cache
   * line. About 128k slots (1 MB) for the v2 model; a flat table over all 2^20 buckets (4 MB) missed the cache on
   * most n-grams of a long prompt, and a Map lookup per n-gram was slower still. `#present` (one bit per possible
   * bucket, 128 KB) answers first: most n-grams of a prompt have no weights, and they stop there.
   */
  readonly #slots: Int32Array;
  readonly #present: Uint32Array;
  readonly #slotMask: number;
  readonly #weights: Float32Array;
  readonly #logits: Float64Array;
  // The input and safety checks both ask about the same text; the second asks for free.
  #last: { text: string; scores: SafetyScores } | undefined;

  constructor(classes: readonly SafetyClass[], bias: ArrayLike<number>, buckets: Uint32Array, weights: Float32Array) {
    this.#classes = classes;
    this.#bias = Float64Array.from(bias);
    this.#logits = new Float64Array(classes.length);
    let capacity = 1024;
    while (capacity < buckets.length * 2) capacity *= 2;
    this.#slotMask = capacity - 1;
    this.#slots = new Int32Array(capacity * 2).fill(-1);
    this.#present = new Uint32Array(1 << (featureBits - 5));
    buckets.forEach((bucket, row) => {
      let slot = bucket & this.#slotMask;
      while (this.#slots[2 * slot] !== -1) slot = (slot + 1) & this.#slotMask;
      this.#slots[2 * slot] = bucket;
      this.#slots[2 * slot + 1] = row;
      this.#present[bucket >>> 5]! |= 1 << (bucket & 31);
    });
    this.#weights = weights;
  }

  static fromFile(file: SafetyModelFile): SafetyClassifier {
    if (file.format !== 'kgov-safety-logreg-v2') throw new Error(`unknown safety model format ${String(file.format)}`);
    if (file.featureBits !== featureBits) throw new Error(`safety model uses ${file.featureBits}-bit features, this code ${featureBits}`);
    const classes = file.classes.map((name) => {
      if (!(safetyClasses as readonly string[]).includes(name)) throw new Error(`unknown safety class ${name}`);
      return name as SafetyClass;
    });
    const buckets = new Uint32Array(toArrayBuffer(Buffer.from(file.buckets, 'base64')));
    const quantised = new Int16Array(toArrayBuffer(Buffer.from(file.weights, 'base64')));
    if (quantised.length !== buckets.length * classes.length) throw new Error('safety model weights do not match its buckets');
    if (buckets.some((bucket) => bucket >= 2 ** featureBits)) throw new Error(`safety model has buckets beyond ${featureBits} bits`);
    const weights = new Float32Array(quantised.length);
    for (let index = 0; index < quantised.length; index++) weights[index] = quantised[index]! / file.scale;
    return new SafetyClassifier(classes, file.bias, buckets, weights);
  }

  /** Class probabilities (softmax). Features are counted once per text (binary), as in training. */
  classify(text: string): SafetyScores {
    if (this.#last?.text === text) return { ...this.#last.scores };
    const classCount = this.#classes.length;
    const logits = this.#logits;
    logits.set(this.#bias);
    const features = textFeatures(text);
    // Length-normalised so a long text does not saturate every class (and a very short one no class either).
    const norm = featureNorm(features.length);
    const slots = this.#slots;
    const present = this.#present;
    const mask = this.#slotMask;
    for (let index = 0; index < features.length; index++) {
      const bucket = features[index]!;
      if ((present[bucket >>> 5]! & (1 << (bucket & 31))) === 0) continue;
      let slot = bucket & mask;
      while (slots[2 * slot] !== bucket) slot = (slot + 1) & mask;
      const offset = slots[2 * slot + 1]! * classCount;
      for (let label = 0; label < classCount; label++) logits[label]! += this.#weights[offset + label]! * norm;
    }
    const scores = softmax(this.#classes, logits);
    this.#last = { text, scores };
    return { ...scores };
  }
}

export function softmax(classes: readonly SafetyClass[], logits: Float64Array): SafetyScores {
  let max = -Infinity;
  for (const logit of logits) max = Math.max(max, logit);
  let sum = 0;
  const exponentials = Array.from(logits, (logit) => {
    const value = Math.exp(logit - max);
    sum += value;
    return value;
  });
  const scores = Object.fromEntries(safetyClasses.map((name) => [name, 0])) as SafetyScores;
  classes.forEach((name, index) => {
    scores[name] = exponentials[index]! / sum;
  });
  return scores;
}

function toArrayBuffer(buffer: Buffer): ArrayBuffer {
  return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
}
