import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SlotPool, SlotWaitError } from './slot-pool.js';

const open = () => new AbortController().signal;

test('slots go out while free, then waiters are served in arrival order', async () => {
  const pool = new SlotPool(['a', 'b']);
  const first = await pool.acquire(open(), 60_000);
  const second = await pool.acquire(open(), 60_000);
  assert.deepEqual([first, second], ['a', 'b']);
  const served: string[] = [];
  const third = pool.acquire(open(), 60_000).then((slot) => served.push(`third:${slot}`));
  const fourth = pool.acquire(open(), 60_000).then((slot) => served.push(`fourth:${slot}`));
  assert.equal(pool.waiting, 2);
  pool.release('b');
  pool.release('a');
  await Promise.all([third, fourth]);
  assert.deepEqual(served, ['third:b', 'fourth:a']);
  assert.equal(pool.waiting, 0);
});

test('a waiter whose caller leaves is removed from the line; the slot goes to the next one', async () => {
  const pool = new SlotPool(['only']);
  await pool.acquire(open(), 60_000);
  const leaving = new AbortController();
  const left = pool.acquire(leaving.signal, 60_000);
  const stays = pool.acquire(open(), 60_000);
  leaving.abort();
  await assert.rejects(left, (error) => error instanceof SlotWaitError && error.reason === 'aborted');
  assert.equal(pool.waiting, 1);
  pool.release('only');
  assert.equal(await stays, 'only');
});

test('an already cancelled request gets no slot; a wait past its limit fails with timeout', async () => {
  const pool = new SlotPool(['only']);
  const cancelled = new AbortController();
  cancelled.abort();
  await assert.rejects(pool.acquire(cancelled.signal, 60_000), (error) => error instanceof SlotWaitError && error.reason === 'aborted');
  assert.equal(await pool.acquire(open(), 60_000), 'only', 'the cancelled request took nothing');
  await assert.rejects(pool.acquire(open(), 1), (error) => error instanceof SlotWaitError && error.reason === 'timeout');
  assert.equal(pool.waiting, 0);
});
