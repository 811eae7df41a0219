import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dotProduct } from './embedder.js';
import { embedderContract } from './embedder-contract.js';
import { createHashedNgramEmbedder, hashedVector } from './hashed-ngram-embedder.js';

embedderContract('hashed n-gram embedder', () => createHashedNgramEmbedder());

test('particles do not move a query away from its noun', () => {
  const passage = hashedVector('클라우드 전환 계획', 512, false);
  assert.ok(dotProduct(hashedVector('클라우드가 뭐야?', 512, true), passage) > 0.3);
});
