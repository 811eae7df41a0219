import { safetyClasses, softmax, type SafetyClass, type SafetyModelFile, type SafetyScores } from './safety-classifier.js';
import { featureBits, featureNorm, textFeatures } from './text-features.js';

/**
 * `group` names where an example comes from (e.g. a development set, or texts written for the project): within a
 * class every group weighs as much in total as the class's largest group, so a few hundred written requests cannot
 * drown the development sets' comments of the same class. Without groups, examples weigh the same.
 */
export type TrainingExample = { text: string; label: SafetyClass; group?: string };

export type TrainingOptions = {
  epochs?: number;
  learningRate?: number;
  /** L2 penalty: keeps weights of n-grams seen in one example small, which is what generalises to unseen data. */
  l2?: number;
  /** Buckets seen in fewer training texts are dropped: they memorise lines, and they make the model file large. */
  minDocumentFrequency?: number;
  seed?: number;
};

type Vectorised = { buckets: Uint32Array; norm: number; label: number; weight: number };

/** Multinomial logistic regression by AdaGrad SGD over binary hashed features. Deterministic for a seed. */
export function trainSafetyClassifier(examples: readonly TrainingExample[], options: TrainingOptions = {}): SafetyModelFile {
  const epochs = options.epochs ?? 10;
  const learningRate = options.learningRate ?? 0.5;
  const l2 = options.l2 ?? 1e-3;
  const classCount = safetyClasses.length;
  const documentFrequency = new Map<number, number>();
  const raw = examples.map((example) => {
    const buckets = [...textFeatures(example.text)];
    for (const bucket of buckets) documentFrequency.set(bucket, (documentFrequency.get(bucket) ?? 0) + 1);
    return { buckets, label: safetyClasses.indexOf(example.label), group: example.group ?? '' };
  });
  const groupSizes = new Map<string, number>();
  for (const { label, group } of raw) groupSizes.set(`${label}\u0000${group}`, (groupSizes.get(`${label}\u0000${group}`) ?? 0) + 1);
  const largestGroup = new Array<number>(classCount).fill(0);
  for (const [key, size] of groupSizes) {
    const label = Number(key.slice(0, key.indexOf('\u0000')));
    largestGroup[label] = Math.max(largestGroup[label]!, size);
  }
  const groupWeight = (label: number, group: string) => largestGroup[label]! / groupSizes.get(`${label}\u0000${group}`)!;
  const minimum = options.minDocumentFrequency ?? 2;
  const rowByBucket = new Map<number, number>();
  for (const [bucket, count] of [...documentFrequency].sort((a, b) => a[0] - b[0])) if (count >= minimum) rowByBucket.set(bucket, rowByBucket.size);
  const vectors: Vectorised[] = raw.map(({ buckets, label, group }) => ({
    // The norm counts every feature of the text, as inference does, so pruning does not shift the scale.
    buckets: Uint32Array.from(buckets.filter((bucket) => rowByBucket.has(bucket)).map((bucket) => rowByBucket.get(bucket)!)),
    norm: featureNorm(buckets.length),
    label,
    weight: groupWeight(label, group),
  }));
  // Classes are weighted inversely to their size, so 40 benign questions count as much as 200 jailbreaks.
  const classSizes = new Array<number>(classCount).fill(0);
  for (const vector of vectors) classSizes[vector.label]! += vector.weight;
  const totalWeight = classSizes.reduce((sum, size) => sum + size, 0);
  const classWeight = classSizes.map((size) => (size === 0 ? 0 : totalWeight / (classCount * size)));
  const weights = new Float64Array(rowByBucket.size * classCount);
  const squaredGradients = new Float64Array(weights.length).fill(1e-8);
  const bias = new Float64Array(classCount);
  const biasSquared = new Float64Array(classCount).fill(1e-8);
  const random = seededRandom(options.seed ?? 1);
  const order = vectors.map((_, index) => index);
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffle(order, random);
    for (const index of order) {
      const vector = vectors[index]!;
      const probabilities = predict(vector, weights, bias, classCount);
      for (let label = 0; label < classCount; label++) {
        const gradient = (probabilities[label]! - (label === vector.label ? 1 : 0)) * classWeight[vector.label]! * vector.weight;
        biasSquared[label]! += gradient * gradient;
        bias[label]! -= (learningRate * gradient) / Math.sqrt(biasSquared[label]!);
        for (const row of vector.buckets) {
          const slot = row * classCount + label;
          const step = gradient * vector.norm + l2 * weights[slot]!;
          squaredGradients[slot]! += step * step;
          weights[slot]! -= (learningRate * step) / Math.sqrt(squaredGradients[slot]!);
        }
      }
    }
  }
  return packModel(rowByBucket, weights, bias, examples.length);
}

function predict(vector: Vectorised, weights: Float64Array, bias: Float64Array, classCount: number): Float64Array {
  const logits = Float64Array.from(bias);
  for (const row of vector.buckets) {
    for (let label = 0; label < classCount; label++) logits[label]! += weights[row * classCount + label]! * vector.norm;
  }
  const scores: SafetyScores = softmax(safetyClasses, logits);
  return Float64Array.from(safetyClasses, (name) => scores[name]);
}

function packModel(rowByBucket: Map<number, number>, weights: Float64Array, bias: Float64Array, exampleCount: number): SafetyModelFile {
  const classCount = safetyClasses.length;
  // Buckets whose weights all round to nothing carry no information; dropping them shrinks the file.
  let largest = 0;
  for (const weight of weights) largest = Math.max(largest, Math.abs(weight));
  const scale = Math.floor(32_000 / Math.max(largest, 1e-6));
  const keptBuckets: number[] = [];
  const keptWeights: number[] = [];
  for (const [bucket, row] of rowByBucket) {
    const slice = Array.from({ length: classCount }, (_, label) => Math.round(weights[row * classCount + label]! * scale));
    if (slice.every((value) => Math.abs(value) < scale * 0.02)) continue;
    keptBuckets.push(bucket);
    keptWeights.push(...slice);
  }
  return {
    format: 'kgov-safety-logreg-v2',
    classes: [...safetyClasses],
    featureBits,
    bias: Array.from(bias, (value) => Math.round(value * 1e4) / 1e4),
    scale,
    buckets: Buffer.from(Uint32Array.from(keptBuckets).buffer).toString('base64'),
    weights: Buffer.from(Int16Array.from(keptWeights).buffer).toString('base64'),
    trainedOn: `${exampleCount} examples`,
  };
}

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function shuffle<T>(items: T[], random: () => number): void {
  for (let index = items.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [items[index], items[other]] = [items[other]!, items[index]!];
  }
}
