import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir, totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { join } from 'node:path';
import { test } from 'node:test';
import { KgovError } from './errors.js';
import { loadConfig, parseConfig } from './config.js';
import { autoMaxPostings, availableMemoryBytes } from './memory-budget.js';

const configError = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof KgovError);
    assert.equal(error.code, 'config_invalid');
    return error.localizedMessage('en');
  }
  assert.fail('expected config_invalid');
};

test('defaults are complete and frozen', () => {
  const config = parseConfig({}, 'test');
  assert.equal(config.server.host, '127.0.0.1');
  assert.equal(config.auth.maxFailedLogins, 5);
  assert.equal(config.clearances.restricted.ko, '대외비');
  assert.ok(Object.isFrozen(config.server));
});

test('unknown fields are refused and named, at any depth', () => {
  assert.match(configError(() => parseConfig({ sever: {} }, 'f.json')), /sever: .*unknown field/);
  assert.match(configError(() => parseConfig({ auth: { maxFailedLogin: 3 } }, 'f.json')), /auth\.maxFailedLogin/);
});

test('wrong values name the field and the source', () => {
  const message = configError(() => parseConfig({ server: { port: 70000 }, storage: { databaseUrl: 'mysql://x' } }, 'kgov.yaml'));
  assert.match(message, /kgov\.yaml/);
  assert.match(message, /server\.port/);
  assert.match(message, /storage\.databaseUrl/);
});

test('file, then environment, then flags', () => {
  const directory = mkdtempSync(join(tmpdir(), 'kgov-config-'));
  const file = join(directory, 'kgov.yaml');
  writeFileSync(file, 'server:\n  port: 9000\nstorage:\n  dataDir: /from/file\n');
  assert.equal(loadConfig({ configFile: file }, {}).server.port, 9000);
  assert.equal(loadConfig({ configFile: file }, { KGOV_DATA: '/from/env' }).storage.dataDir, '/from/env');
  assert.equal(loadConfig({ configFile: file, dataDir: '/from/flag', port: 1234 }, { KGOV_DATA: '/from/env' }).storage.dataDir, '/from/flag');
  assert.equal(loadConfig({}, { KGOV_LANG: 'en' }).language, 'en');
  assert.equal(loadConfig({}, { KGOV_DATABASE_URL: 'postgres://u@h/db' }).storage.databaseUrl, 'postgres://u@h/db');
  // KGOV_CONFIG names the file when --config does not; --config wins over it.
  assert.equal(loadConfig({}, { KGOV_CONFIG: file }).server.port, 9000);
  const other = join(directory, 'other.yaml');
  writeFileSync(other, 'server:\n  port: 9100\n');
  assert.equal(loadConfig({ configFile: other }, { KGOV_CONFIG: file }).server.port, 9100);
  assert.equal(loadConfig({}, { KGOV_CONFIG: '' }).server.port, parseConfig({}, 'defaults').server.port);
  assert.throws(() => loadConfig({}, { KGOV_CONFIG: join(directory, 'missing.yaml') }), (error: unknown) => error instanceof KgovError && error.code === 'path_not_found');
  // A syntax error says so in Korean and English, with the parser's own words.
  const broken = join(directory, 'broken.json');
  writeFileSync(broken, '{"server": {"port": 9000,}}');
  assert.throws(() => loadConfig({ configFile: broken }, {}), (error: unknown) => error instanceof KgovError && error.code === 'config_invalid'
    && /^설정 오류 .*구문 오류 \/ syntax error: /.test(error.localizedMessage('ko')));
});

test('two providers of one id are refused (an audit record names a provider by its id)', () => {
  const provider = { id: 'aa', type: 'openai-compatible', baseURL: 'http://127.0.0.1:1/v1', zone: 'internal', models: ['m'] };
  assert.match(configError(() => parseConfig({ providers: [provider, { ...provider, models: ['n'] }] }, 'test')), /providers\.1\.id.*duplicate provider id 'aa'/);
});

test('search.memoryIndex.maxPostings: "auto" (the default) is a quarter of the memory at 15 bytes a posting, within the heap limit; a number stays as given', () => {
  const automatic = parseConfig({}, 'test').search.memoryIndex.maxPostings;
  assert.equal(automatic, autoMaxPostings());
  assert.ok(automatic > 0 && automatic <= (availableMemoryBytes() * 0.25) / 15 && automatic <= getHeapStatistics().heap_size_limit / 5);
  assert.equal(parseConfig({ search: { memoryIndex: { maxPostings: 'auto' } } }, 'test').search.memoryIndex.maxPostings, automatic);
  assert.equal(parseConfig({ search: { memoryIndex: { maxPostings: 0 } } }, 'test').search.memoryIndex.maxPostings, 0);
  assert.equal(parseConfig({ search: { memoryIndex: { maxPostings: 250_000_000 } } }, 'test').search.memoryIndex.maxPostings, 250_000_000);
  assert.match(configError(() => parseConfig({ search: { memoryIndex: { maxPostings: 'lots' } } }, 'f.json')), /search\.memoryIndex\.maxPostings/);
  // 24 GiB of memory: 6 GiB for the index, ~1.7M chunks of ~250 postings, within a 4 GiB heap's share (~859M).
  assert.equal(autoMaxPostings(24 * 2 ** 30, 4 * 2 ** 30), 429_496_729);
  // 256 GiB: the heap limit, not the memory, bounds it; a larger heap raises it.
  assert.equal(autoMaxPostings(256 * 2 ** 30, 4 * 2 ** 30), 858_993_459);
  assert.equal(autoMaxPostings(256 * 2 ** 30, 16 * 2 ** 30), 3_435_973_836);
  assert.ok(availableMemoryBytes() <= totalmem());
});
