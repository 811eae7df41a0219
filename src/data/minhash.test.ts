import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bandBuckets, estimatedSimilarity, minhashSignature } from './minhash.js';

const base = Array.from({ length: 40 }, (_, index) => `제${index + 1}조 행정기관은 민원 ${index * 7}건을 처리 기한 안에 처리하여야 한다.`).join('\n');

test('near-identical texts estimate high similarity and share a band; unrelated texts do not', () => {
  const first = minhashSignature(base)!;
  const edited = minhashSignature(base.replace('제3조', '제3조의2'))!;
  const other = minhashSignature('초거대 AI 플랫폼은 데이터, 인프라, 운영, 서비스로 구성된다. '.repeat(20))!;
  assert.ok(estimatedSimilarity(first, edited) >= 0.9, String(estimatedSimilarity(first, edited)));
  assert.ok(estimatedSimilarity(first, other) < 0.2);
  const shared = bandBuckets(first).filter((bucket, band) => bandBuckets(edited)[band] === bucket).length;
  assert.ok(shared > 0);
  assert.ok(bandBuckets(first).every((bucket) => Number.isSafeInteger(bucket)));
});

test('signatures are stable int32 and whitespace does not matter', () => {
  const signature = minhashSignature(base)!;
  assert.equal(signature.length, 128);
  assert.ok(signature.every((value) => value === (value | 0)));
  assert.deepEqual(minhashSignature(base.replace(/ /g, '  ')), signature);
  assert.equal(minhashSignature('   '), null);
});
