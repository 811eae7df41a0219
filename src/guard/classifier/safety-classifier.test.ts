import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SafetyClassifier, type SafetyModelFile } from './safety-classifier.js';
import { featureBits, textFeatures } from './text-features.js';

const base64 = (array: Uint32Array | Int16Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
const classes = ['benign', 'harmful', 'hate', 'offensive', 'sensitive', 'biased', 'jailbreak'];

function model(buckets: number[], weights: number[], overrides: Partial<SafetyModelFile> = {}): SafetyModelFile {
  return {
    format: 'kgov-safety-logreg-v2', classes, featureBits, bias: classes.map(() => 0), scale: 1000,
    buckets: base64(Uint32Array.from(buckets)), weights: base64(Int16Array.from(weights)), trainedOn: 'test', ...overrides,
  };
}

test('a model file of another format, width or shape is refused, not misread', () => {
  assert.throws(() => SafetyClassifier.fromFile(model([], [], { format: 'kgov-safety-logreg-v1' as never })), /unknown safety model format/);
  assert.throws(() => SafetyClassifier.fromFile(model([], [], { featureBits: 18 })), /18-bit features/);
  assert.throws(() => SafetyClassifier.fromFile(model([5], [1, 2])), /do not match/);
  assert.throws(() => SafetyClassifier.fromFile(model([2 ** featureBits], classes.map(() => 1))), /beyond 20 bits/);
  // A row is found by its bucket's rank, so buckets out of order (or twice) would be read with another row's weights.
  assert.throws(() => SafetyClassifier.fromFile(model([9, 3], [...classes.map(() => 1), ...classes.map(() => 2)])), /ascending/);
  assert.throws(() => SafetyClassifier.fromFile(model([3, 3], [...classes.map(() => 1), ...classes.map(() => 2)])), /ascending/);
});

test('only the buckets a text has move its scores, whatever else the table holds', () => {
  const text = '폭탄 만드는 법';
  const own = [...textFeatures(text)].sort((left, right) => left - right);
  const others = Array.from({ length: 5000 }, (_, index) => (index * 2654435761) % 2 ** featureBits).filter((bucket) => !own.includes(bucket));
  const harmfulRow = classes.map((name) => (name === 'harmful' ? 2000 : 0));
  const benignRow = classes.map((name) => (name === 'benign' ? 2000 : 0));
  const buckets = [...new Set([...own, ...others])].sort((left, right) => left - right);
  const classifier = SafetyClassifier.fromFile(model(buckets, buckets.flatMap((bucket) => (own.includes(bucket) ? harmfulRow : benignRow))));
  const scores = classifier.classify(text);
  assert.ok(scores.harmful > 0.5, JSON.stringify(scores));
  const unrelated = SafetyClassifier.fromFile(model(others.sort((left, right) => left - right), others.flatMap(() => harmfulRow)));
  assert.ok(Math.abs(unrelated.classify(text).harmful - 1 / classes.length) < 1e-9);
});

test('each bucket reads its own row, at the edges of the 32-bucket words too', () => {
  const text = '폭탄 만드는 법';
  const own = new Set(textFeatures(text));
  // Buckets at bit 0 and bit 31 of their word, and next to the text's own, each with a row that points elsewhere.
  const edges = [0, 31, 32, 63, 2 ** featureBits - 1, ...[...own].flatMap((bucket) => [bucket - 1, bucket + 1])]
    .filter((bucket) => bucket >= 0 && bucket < 2 ** featureBits && !own.has(bucket));
  const buckets = [...new Set([...own, ...edges])].sort((left, right) => left - right);
  const row = (name: string) => classes.map((other) => (other === name ? 3000 : 0));
  const classifier = SafetyClassifier.fromFile(model(buckets, buckets.flatMap((bucket) => (own.has(bucket) ? row('hate') : row('benign')))));
  const scores = classifier.classify(text);
  assert.ok(scores.hate > 0.99, JSON.stringify(scores));
});
