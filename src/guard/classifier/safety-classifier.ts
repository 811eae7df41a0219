import { textFeatures } from './text-features.js';
import type { SafetyThresholds } from './tune-thresholds.js';

/**
 * A multinomial logistic regression over hashed n-grams (`text-features.ts`), trained offline by
 * `npm run train:guard` (`train-safety-classifier.ts`) into `models/safety-model.json`. Inference is a sparse dot
 * product: tens of microseconds for a sentence, no download and no GPU.
 */
export const safetyClasses = ['benign', 'harmful', 'hate', 'offensive', 'sensitive', 'biased', 'jailbreak'] as const;
export type SafetyClass = (typeof safetyClasses)[number];

/** The stored form: weights quantised to int16 and packed as base64 so the JSON stays small and loads fast. */
export type SafetyModelFile = {
  format: 'kgov-safety-logreg-v1';
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
  /** Row of each bucket's weights, -1 for none: a flat table, because a Map lookup per n-gram dominated the time. */
  readonly #rowByBucket: Int32Array;
  readonly #weights: Float32Array;

  constructor(classes: readonly SafetyClass[], bias: ArrayLike<number>, rowByBucket: Int32Array, weights: Float32Array) {
    this.#classes = classes;
    this.#bias = Float64Array.from(bias);
    this.#rowByBucket = rowByBucket;
    this.#weights = weights;
  }

  static fromFile(file: SafetyModelFile): SafetyClassifier {
    if (file.format !== 'kgov-safety-logreg-v1') throw new Error(`unknown safety model format ${String(file.format)}`);
    const classes = file.classes.map((name) => {
      if (!(safetyClasses as readonly string[]).includes(name)) throw new Error(`unknown safety class ${name}`);
      return name as SafetyClass;
    });
    const buckets = new Uint32Array(toArrayBuffer(Buffer.from(file.buckets, 'base64')));
    const quantised = new Int16Array(toArrayBuffer(Buffer.from(file.weights, 'base64')));
    if (quantised.length !== buckets.length * classes.length) throw new Error('safety model weights do not match its buckets');
    const weights = new Float32Array(quantised.length);
    for (let index = 0; index < quantised.length; index++) weights[index] = quantised[index]! / file.scale;
    const rowByBucket = new Int32Array(1 << file.featureBits).fill(-1);
    buckets.forEach((bucket, row) => {
      rowByBucket[bucket] = row;
    });
    return new SafetyClassifier(classes, file.bias, rowByBucket, weights);
  }

  /** Class probabilities (softmax). Features are counted once per text (binary), as in training. */
  classify(text: string): SafetyScores {
    const classCount = this.#classes.length;
    const logits = Float64Array.from(this.#bias);
    const features = textFeatures(text);
    // Length-normalised so a long text does not saturate every class.
    const norm = 1 / Math.sqrt(Math.max(1, features.length));
    for (const bucket of features) {
      const row = this.#rowByBucket[bucket]!;
      if (row < 0) continue;
      const offset = row * classCount;
      for (let index = 0; index < classCount; index++) logits[index]! += this.#weights[offset + index]! * norm;
    }
    return softmax(this.#classes, logits);
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
