import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seoulDay } from './seoul-day.js';

test('the Seoul day starts at 15:00 UTC the day before', () => {
  assert.equal(seoulDay(Date.parse('2026-11-28T14:59:59Z')), '2026-11-28');
  assert.equal(seoulDay(Date.parse('2026-11-28T15:00:00Z')), '2026-11-29');
  assert.equal(seoulDay(new Date('2026-12-31T16:30:00Z')), '2027-01-01');
});
