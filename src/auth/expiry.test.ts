import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KgovError } from '../core/index.js';
import { parseExpiry } from './expiry.js';

const now = new Date('2026-11-28T00:00:00Z');

test('relative and absolute expiries', () => {
  assert.equal(parseExpiry('30d', now).toISOString(), '2026-12-28T00:00:00.000Z');
  assert.equal(parseExpiry('12h', now).toISOString(), '2026-11-28T12:00:00.000Z');
  // A date alone means the end of that day in Korea.
  assert.equal(parseExpiry('2027-01-31', now).toISOString(), '2027-01-31T14:59:59.000Z');
});

test('past, zero and unreadable expiries are refused', () => {
  for (const value of ['2020-01-01', '0d', 'soon', '30x', '']) {
    assert.throws(() => parseExpiry(value, now), (error) => error instanceof KgovError && error.code === 'invalid_expiry', value);
  }
});
