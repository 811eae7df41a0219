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

test('a past expiry is refused as such, with the moment it names', () => {
  for (const value of ['2020-01-01', '2026-11-27', '2026-11-27T23:59:59Z']) {
    assert.throws(() => parseExpiry(value, now), (error) => error instanceof KgovError && error.code === 'expiry_in_past' && error.param === 'expires', value);
  }
  assert.throws(() => parseExpiry('2020-01-01', now), (error) => error instanceof KgovError && /이미 지났습니다 \(2020-01-01T14:59:59\.000Z\)/.test(error.localizedMessage('ko')));
});

test('zero and unreadable expiries are refused', () => {
  // 99999999d and 999999999y lie past the last date JavaScript can hold (a 500 before).
  for (const value of ['0d', 'soon', '30x', '', '99999999d', '999999999y']) {
    assert.throws(() => parseExpiry(value, now), (error) => error instanceof KgovError && error.code === 'invalid_expiry', value);
  }
});
