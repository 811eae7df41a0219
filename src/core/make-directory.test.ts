import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeDirectory } from './make-directory.js';

test('makeDirectory creates missing parents, accepts an existing folder, and fails instead of spinning', () => {
  const root = mkdtempSync(join(tmpdir(), 'kgov-mkdir-'));
  try {
    const deep = join(root, '가', 'b', 'c');
    makeDirectory(deep, 0o700);
    assert.ok(statSync(deep).isDirectory());
    assert.equal(statSync(deep).mode & 0o777, 0o700);
    makeDirectory(deep);
    const file = join(root, 'file');
    writeFileSync(file, '');
    assert.throws(() => makeDirectory(file), { code: 'ENOTDIR' });
    assert.throws(() => makeDirectory(join(file, 'x')), { code: 'ENOTDIR' });
    // Node's recursive mkdirSync never returns here (libuv retries the parent forever).
    if (process.platform === 'linux') assert.throws(() => makeDirectory('/proc/kgov-no-such-dir/x'), { code: 'ENOENT' });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
