import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseFile } from './index.js';
import { guardedParse, libraryErrorDetail } from './parse-failure.js';

test('a library\'s programming error on a malformed file is said as a broken structure, not as JavaScript', async () => {
  assert.equal(libraryErrorDetail(new TypeError("Cannot read properties of undefined (reading 'length')")), 'truncated or malformed structure');
  assert.equal(libraryErrorDetail(new Error('invalid zip data\nat …')), 'invalid zip data');
  const result = await guardedParse(() => { throw new TypeError("Cannot read properties of undefined (reading 'x')"); });
  assert.deepEqual(result, { ok: false, code: 'corrupt_file', reason: 'truncated or malformed structure' });
});

test('a truncated HWP fails as corrupt_file with a reason an operator can read (an operator\'s review saw a TypeError)', async () => {
  const hwp = readFileSync(new URL('../../../../../shared/fixtures/hwp/ole.hwp', import.meta.url));
  const result = await parseFile(hwp.subarray(0, Math.floor(hwp.byteLength / 3)), 'trunc.hwp');
  assert.equal(result.ok, false);
  if (!result.ok) {
    assert.equal(result.code, 'corrupt_file');
    assert.ok(!/cannot read properties|undefined/i.test(result.reason), result.reason);
  }
});

