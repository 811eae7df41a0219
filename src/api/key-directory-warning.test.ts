import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig } from '../core/index.js';
import { keyDirectoryFromWorkingDirectory } from './server.js';

test('on PostgreSQL without storage.keyDir, a relative data directory puts the keys where the command runs: said at start', () => {
  const databaseUrl = 'postgres://kgov:kgov@db/kgov';
  assert.match(keyDirectoryFromWorkingDirectory(parseConfig({ storage: { databaseUrl } }, 'test')) ?? '', /data\/keys$/);
  assert.equal(keyDirectoryFromWorkingDirectory(parseConfig({ storage: { databaseUrl, keyDir: '/srv/kgov/keys' } }, 'test')), null);
  assert.equal(keyDirectoryFromWorkingDirectory(parseConfig({ storage: { databaseUrl, dataDir: '/srv/kgov' } }, 'test')), null);
  // The embedded database keeps its keys beside its data: nothing to say.
  assert.equal(keyDirectoryFromWorkingDirectory(parseConfig({}, 'test')), null);
});
