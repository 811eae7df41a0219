import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KgovError } from '../core/index.js';
import { backoffMs, isTransient } from './transient-errors.js';

test('database and socket failures are transient; parse and logic failures are not', () => {
  for (const code of ['08006', '40001', '40P01', '57014', '53300', 'ECONNRESET']) assert.equal(isTransient(Object.assign(new Error('x'), { code })), true, code);
  for (const code of ['23505', '42P01', 'ENOENT']) assert.equal(isTransient(Object.assign(new Error('x'), { code })), false, code);
  assert.equal(isTransient(new KgovError('database_unavailable', { detail: 'x' })), true);
  assert.equal(isTransient(new KgovError('corrupt_file', { file: 'a', reason: 'b' })), false);
});

test('backoff doubles and is capped', () => {
  assert.deepEqual([1, 2, 3, 10, 20].map((attempt) => backoffMs(attempt, () => 1)), [250, 500, 1000, 10_000, 10_000]);
});
