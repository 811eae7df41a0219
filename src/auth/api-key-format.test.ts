import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateApiKey, hashSecret, parseApiKey, secretMatches } from './api-key-format.js';

test('generated keys parse back and match only their own hash', () => {
  const { id, key, secretHash } = generateApiKey();
  const parsed = parseApiKey(key);
  assert.equal(parsed?.id, id);
  assert.equal(secretMatches(parsed!.secret, secretHash), true);
  assert.equal(secretMatches(`${parsed!.secret.slice(1)}A`, secretHash), false);
  assert.equal(hashSecret(parsed!.secret), secretHash);
});

test('malformed keys do not parse', () => {
  for (const key of ['', 'kgov_', 'sk-abcdef', 'kgov_ABCDEFGHIJKL_' + 'a'.repeat(43), 'kgov_abcdefghijkl_short', `kgov_abcdefghijkl_${'a'.repeat(44)}`]) {
    assert.equal(parseApiKey(key), undefined, key);
  }
});

test('keys are unique', () => {
  const keys = new Set(Array.from({ length: 1000 }, () => generateApiKey().key));
  assert.equal(keys.size, 1000);
});
