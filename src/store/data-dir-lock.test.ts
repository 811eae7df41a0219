import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { KgovError } from '../core/index.js';
import { acquireDataDirLock } from './data-dir-lock.js';

test('a live owner keeps the lock; a dead owner\'s lock is taken over', () => {
  const directory = mkdtempSync(join(tmpdir(), 'kgov-lock-'));
  const lock = acquireDataDirLock(directory);
  // The same process again: still locked (two PGlite instances on one directory corrupt it).
  writeFileSync(join(directory, 'kgov.lock'), String(process.ppid));
  assert.throws(() => acquireDataDirLock(directory), (error) => error instanceof KgovError && error.code === 'data_dir_locked');
  // A pid that no longer runs: stale, taken over.
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
  writeFileSync(join(directory, 'kgov.lock'), dead);
  const second = acquireDataDirLock(directory);
  second.release();
  assert.equal(existsSync(join(directory, 'kgov.lock')), false);
  lock.release();
});
