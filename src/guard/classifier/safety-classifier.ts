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
   * Bucket → weight row without a hash table. The rows are stored in ascending bucket order, so a bucket's row is
   * its rank: how many buckets with weights come before it. `#directory` holds, for every 32 possible buckets, their
   * presence bits (`#directory[2 * word]`) beside the number of buckets with weights before them
   * (`#directory[2 * word + 1]`); one look in one cache line answers "has it weights?" and "which row?". 256 KB for
   * 2^20 buckets, against a 128 KB bitset plus a 1 MB open-addressing table before: in the gateway the classifier's
   * lookups were its largest cost, most of it waiting on memory (BENCHMARKS.md, "Guard, eighth pass").
   */
  readonly #directory: Uint32Array;
  /**
   * The weights as stored (int16, `scale` units): half the memory of floats, so more of the 0.7 MB table stays in
   * the CPU's caches, and its lookups were most of the classifier's time (a 4 KB prompt has ~4,000 features).
   */
  readonly #weights: Int16Array;
  readonly #scale: number;
  readonly #logits: Float64Array;
  // The input and safety checks both ask about the same text; the second asks for free.
  #last: { text: string; scores: SafetyScores } | undefined;

  constructor(classes: readonly SafetyClass[], bias: ArrayLike<number>, buckets: Uint32Array, weights: Int16Array, scale: number) {
    this.#classes = classes;
    this.#bias = Float64Array.from(bias);
    this.#logits = new Float64Array(classes.length);
    this.#directory = new Uint32Array(2 << (featureBits - 5));
    let previous = -1;
    for (const bucket of buckets) {
      // Rows are ranks only when the buckets ascend: a file out of order would be read with the wrong weights.
      if (bucket <= previous) throw new Error('safety model buckets are not in ascending order');
      previous = bucket;
      this.#directory[2 * (bucket >>> 5)]! |= 1 << (bucket & 31);
    }
    let before = 0;
    for (let word = 0; word < this.#directory.length / 2; word++) {
      this.#directory[2 * word + 1] = before;
      before += popCount(this.#directory[2 * word]!);
    }
    this.#weights = weights;
    this.#scale = scale;
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
    return new SafetyClassifier(classes, file.bias, buckets, quantised, file.scale);
  }

  /** Class probabilities (softmax). Features are counted once per text (binary), as in training. */
  classify(text: string): SafetyScores {
    if (this.#last?.text === text) return { ...this.#last.scores };
    const classCount = this.#classes.length;
    const logits = this.#logits;
    logits.set(this.#bias);
    const features = textFeatures(text);
    // Length-normalised so a long text does not saturate every class (and a very short one no class either).
    const norm = featureNorm(features.length) / this.#scale;
    const directory = this.#directory;
    const weights = this.#weights;
    for (let index = 0; index < features.length; index++) {
      const bucket = features[index]!;
      const word = 2 * (bucket >>> 5);
      const bits = directory[word]!;
      const bit = 1 << (bucket & 31);
      if ((bits & bit) === 0) continue;
      const offset = (directory[word + 1]! + popCount(bits & (bit - 1))) * classCount;
      for (let label = 0; label < classCount; label++) logits[label]! += weights[offset + label]! * norm;
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

/** The number of set bits of a 32-bit integer. */
function popCount(value: number): number {
  let bits = value - ((value >>> 1) & 0x55555555);
  bits = (bits & 0x33333333) + ((bits >>> 2) & 0x33333333);
  return (Math.imul((bits + (bits >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

function toArrayBuffer(buffer: Buffer): ArrayBuffer {
  return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
}
