import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KgovError } from '../core/index.js';
import { parseClearance } from './roles.js';

test('clearances: the English names and the Korean ones staff type (공개, 내부, 대외비); anything else is refused', () => {
  assert.equal(parseClearance('restricted'), 'restricted');
  assert.equal(parseClearance('대외비'), 'restricted');
  assert.equal(parseClearance('내부'), 'internal');
  assert.equal(parseClearance('공개'), 'public');
  for (const value of ['secret', '비밀', 'Restricted', '']) {
    assert.throws(() => parseClearance(value), (error: unknown) => error instanceof KgovError && error.code === 'invalid_clearance', value);
  }
});
