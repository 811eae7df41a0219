import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { parseApiKey } from '../src/auth/index.js';
import { parseConfig } from '../src/core/index.js';
import { openDatabase } from '../src/store/index.js';
import { backends, skipReason } from './helpers/backends.js';
import { kgov, kgovAsync, lastLine } from './helpers/cli.js';
import { newDataDir } from './helpers/seed-cluster.js';

const packageVersion = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** A failure is one line on stderr with a stable code, a non-zero exit and no stack trace. */
function assertOneLineError(result: { status: number | null; stderr: string }, code: string) {
  assert.notEqual(result.status, 0);
  const lines = result.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line, got: ${result.stderr}`);
  assert.match(lines[0]!, new RegExp(`^kgov: (오류|error) \\[${code}\\] `), result.stderr);
  assert.doesNotMatch(result.stderr, /\n\s+at /);
}

describe('kgov CLI basics', () => {
  let dataDir: string;
  before(() => (dataDir = mkdtempSync(join(tmpdir(), 'kgov-cli-'))));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test('--version prints the package version', () => {
    const result = kgov(['--version']);
    assert.equal(result.status, 0);
    assert.equal(result.stdout.trim(), packageVersion);
  });

  test('--help everywhere, Korean by default and English with KGOV_LANG=en', () => {
    for (const args of [[], ['serve'], ['tenants'], ['tenants', 'create'], ['tenants', 'list'], ['users', 'create'], ['users', 'list'],
      ['keys'], ['keys', 'create'], ['keys', 'list'], ['keys', 'revoke'], ['audit', 'verify']]) {
      const result = kgov([...args, '--help']);
      assert.equal(result.status, 0, args.join(' '));
      assert.match(result.stdout, /사용법:/);
      if (args.length === 2 || args[0] === 'serve') assert.match(result.stdout, /--data <dir>/);
    }
    const english = kgov(['keys', 'create', '--help'], { env: { KGOV_LANG: 'en' } });
    assert.match(english.stdout, /Usage:/);
    assert.match(english.stdout, /printed once, on the last line/);
  });

  test('usage errors: unknown option, missing option, unknown command', () => {
    const unknownOption = kgov(['tenants', 'list', '--bogus', '--data', dataDir]);
    assertOneLineError(unknownOption, 'usage');
    assert.equal(unknownOption.status, 2);
    assertOneLineError(kgov(['keys', 'create', '--tenant', 'x', '--data', dataDir]), 'usage');
    assertOneLineError(kgov(['frobnicate']), 'usage');
    // --jsonl reads questions on stdin: a query beside it would be ignored without a word.
    const queryAndJsonl = kgov(['search', '예산', '--tenant', 'x', '--jsonl', '--data', dataDir]);
    assertOneLineError(queryAndJsonl, 'usage');
    assert.match(queryAndJsonl.stderr, /표준 입력/);
    const group = kgov(['tenants']);
    assert.equal(group.status, 2, 'a command group without its subcommand is a usage error');
    assert.match(group.stderr, /create/, 'and shows what the group holds');
    assert.equal(kgov(['tenants', '--help']).status, 0);
  });

  test('--data and --config may come before the command, as with git (kgov --data DIR tenants create …)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kgov-global-'));
    try {
      assert.equal(kgov(['--data', dir, 'tenants', 'create', 'mois', '--name', '행정안전부']).status, 0);
      const listed = kgov([`--data=${dir}`, 'tenants', 'list']);
      assert.equal(listed.status, 0, listed.stderr);
      assert.match(listed.stdout, /mois\s+행정안전부/);
      const elsewhere = kgov(['tenants', 'list', '--data', dir]);
      assert.equal(elsewhere.stdout, listed.stdout, 'the same data directory either way');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('bad configuration stops with a line that names the field', () => {
    const unknownField = join(dataDir, 'unknown.json');
    writeFileSync(unknownField, JSON.stringify({ server: { prot: 8080 } }));
    let result = kgov(['tenants', 'list', '--config', unknownField, '--data', dataDir]);
    assertOneLineError(result, 'config_invalid');
    assert.match(result.stderr, /server\.prot/);

    const wrongType = join(dataDir, 'wrong.yaml');
    writeFileSync(wrongType, 'server:\n  port: "eighty"\nauth:\n  minPasswordLength: 4\n');
    result = kgov(['serve', '--config', wrongType, '--data', dataDir], { env: { KGOV_LANG: 'en' } });
    assertOneLineError(result, 'config_invalid');
    assert.match(result.stderr, /server\.port/);
    assert.match(result.stderr, /auth\.minPasswordLength/);

    const notJson = join(dataDir, 'broken.json');
    writeFileSync(notJson, '{ "server": ');
    assertOneLineError(kgov(['tenants', 'list', '--config', notJson, '--data', dataDir]), 'config_invalid');
    assertOneLineError(kgov(['tenants', 'list', '--config', join(dataDir, 'missing.json'), '--data', dataDir]), 'path_not_found');
  });

  test('a data directory from a newer version refuses to open and is left unchanged', async () => {
    const newer = newDataDir('kgov-newer-');
    try {
      const database = await openDatabase(parseConfig({ storage: { dataDir: newer } }, 'test'));
      await database.query("INSERT INTO schema_migrations (version, name) VALUES (999, 'future')");
      await database.close();
      const result = kgov(['tenants', 'list', '--data', newer]);
      assertOneLineError(result, 'schema_too_new');
      assert.match(result.stderr, /999/);
      const reopened = await openDatabase(parseConfig({ storage: { dataDir: newer } }, 'test')).catch((error: Error) => error);
      assert.ok(reopened instanceof Error);
    } finally {
      rmSync(newer, { recursive: true, force: true });
    }
  });

  test('provenance verify --file names the matching version with the particle that fits it (버전 2와, 버전 1과)', () => {
    const dir = newDataDir('kgov-particle-');
    try {
      assert.equal(kgov(['tenants', 'create', 'mois', '--name', '행정안전부', '--data', dir]).status, 0);
      const file = join(dir, 'reg.txt');
      const first = join(dir, 'first.txt');
      writeFileSync(first, '제1조 목적\n이 규정은 시험용이다.\n');
      writeFileSync(file, '제1조 목적\n이 규정은 시험용이다.\n');
      assert.equal(kgov(['ingest', file, '--tenant', 'mois', '--data', dir]).status, 0);
      writeFileSync(file, '제1조 목적\n이 규정은 개정된 시험용이다.\n');
      assert.equal(kgov(['ingest', file, '--tenant', 'mois', '--data', dir]).status, 0);

      const second = kgov(['provenance', 'verify', 'reg.txt', '--tenant', 'mois', '--file', file, '--data', dir]);
      assert.equal(second.status, 0, second.stderr);
      assert.match(second.stdout, /버전 2와 일치합니다/);
      assert.doesNotMatch(second.stdout, /2과/);
      const firstVersion = kgov(['provenance', 'verify', 'reg.txt', '--tenant', 'mois', '--file', first, '--data', dir]);
      assert.match(firstVersion.stdout, /버전 1과 일치합니다/);
      const english = kgov(['provenance', 'verify', 'reg.txt', '--tenant', 'mois', '--file', file, '--data', dir], { env: { KGOV_LANG: 'en' } });
      assert.match(english.stdout, /matches version 2/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a port in use gives one clear line', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const result = kgov(['serve', '--port', String(port), '--data', dataDir]);
      assertOneLineError(result, 'port_in_use');
      assert.match(result.stderr, new RegExp(String(port)));
      assertOneLineError(kgov(['serve', '--port', '99999', '--data', dataDir]), 'usage');
    } finally {
      blocker.close();
    }
  });
});

for (const backend of backends) {
  describe(`kgov CLI on ${backend.name}`, { skip: skipReason(backend) }, () => {
    let place: Awaited<ReturnType<typeof backend.prepare>>;
    let env: Record<string, string>;
    before(async () => {
      place = await backend.prepare();
      env = place.env;
    });
    after(async () => place?.cleanup());

    test('tenants create|list, duplicates and bad ids', () => {
      const created = kgov(['tenants', 'create', 'mois', '--name', '행정안전부'], { env });
      assert.equal(created.status, 0, created.stderr);
      assert.match(created.stdout, /mois/);
      assertOneLineError(kgov(['tenants', 'create', 'mois', '--name', '중복'], { env }), 'tenant_exists');
      assertOneLineError(kgov(['tenants', 'create', 'Bad Id', '--name', 'x'], { env }), 'invalid_id');
      const listed = JSON.parse(kgov(['tenants', 'list', '--json'], { env }).stdout) as { id: string; name: string }[];
      assert.deepEqual(listed.map((tenant) => [tenant.id, tenant.name]), [['mois', '행정안전부']]);
      assert.match(kgov(['tenants', 'list'], { env }).stdout, /행정안전부/);
    });

    test('users create|list with a password from stdin; weak passwords and unknown tenants refused', () => {
      const created = kgov(['users', 'create', 'hong', '--tenant', 'mois', '--role', 'reviewer', '--clearance', 'internal', '--name', '홍길동', '--password-stdin'],
        { env, input: 'Hanok-Village-77\n' });
      assert.equal(created.status, 0, created.stderr);
      assertOneLineError(kgov(['users', 'create', 'kim', '--tenant', 'mois', '--role', 'staff', '--clearance', 'internal', '--password-stdin'], { env, input: 'password\n' }), 'weak_password');
      assertOneLineError(kgov(['users', 'create', 'kim', '--tenant', 'nope', '--role', 'staff', '--clearance', 'internal'], { env }), 'tenant_not_found');
      assertOneLineError(kgov(['users', 'create', 'hong', '--tenant', 'mois', '--role', 'staff', '--clearance', 'internal'], { env }), 'user_exists');
      assertOneLineError(kgov(['users', 'create', 'kim', '--tenant', 'mois', '--role', 'boss', '--clearance', 'internal'], { env }), 'invalid_role');
      const listed = JSON.parse(kgov(['users', 'list', '--tenant', 'mois', '--json'], { env }).stdout) as { username: string; hasPassword: boolean }[];
      assert.deepEqual(listed.map((user) => [user.username, user.hasPassword]), [['hong', true]]);
    });

    test('users update (role, clearance, groups, password, unlock) and delete; nothing to change is a usage error', () => {
      assert.equal(kgov(['users', 'create', 'park', '--tenant', 'mois', '--role', 'staff', '--clearance', 'internal'], { env }).status, 0);
      const updated = kgov(['users', 'update', 'park', '--tenant', 'mois', '--clearance', 'public', '--groups', '감사관실', '--password-stdin', '--unlock'],
        { env, input: 'Namsan-Tower-2026\n' });
      assert.equal(updated.status, 0, updated.stderr);
      const park = () => (JSON.parse(kgov(['users', 'list', '--tenant', 'mois', '--json'], { env }).stdout) as { username: string; clearance: string; groups: string[]; hasPassword: boolean }[])
        .find((user) => user.username === 'park');
      assert.deepEqual([park()?.clearance, park()?.groups, park()?.hasPassword], ['public', ['감사관실'], true]);
      assertOneLineError(kgov(['users', 'update', 'park', '--tenant', 'mois'], { env }), 'usage');
      assertOneLineError(kgov(['users', 'update', 'park', '--tenant', 'mois', '--password-stdin'], { env, input: 'password\n' }), 'weak_password');
      assertOneLineError(kgov(['users', 'update', 'nobody', '--tenant', 'mois', '--unlock'], { env }), 'user_not_found');
      assert.equal(kgov(['users', 'delete', 'park', '--tenant', 'mois'], { env }).status, 0);
      assert.equal(park(), undefined);
      assertOneLineError(kgov(['users', 'delete', 'park', '--tenant', 'mois'], { env }), 'user_not_found');
    });

    test('keys create prints the key on the last line; list; revoke; bad input', () => {
      const created = kgov(['keys', 'create', '--tenant', 'mois', '--role', 'staff', '--clearance', 'internal', '--name', '민원', '--expires', '90d'], { env });
      assert.equal(created.status, 0, created.stderr);
      const key = lastLine(created.stdout);
      assert.match(key, /^kgov_[a-z2-7]{12}_[A-Za-z0-9_-]{43}$/);
      const listed = kgov(['keys', 'list', '--tenant', 'mois'], { env });
      assert.match(listed.stdout, new RegExp(key.split('_')[1]!));
      assert.ok(!listed.stdout.includes(parseApiKey(key)!.secret), 'the secret is never listed');
      assertOneLineError(kgov(['keys', 'create', '--tenant', 'nope', '--role', 'staff', '--clearance', 'internal'], { env }), 'tenant_not_found');
      const publicRestricted = kgov(['keys', 'create', '--tenant', 'mois', '--role', 'public', '--clearance', 'restricted'], { env });
      assertOneLineError(publicRestricted, 'public_role_clearance');
      assert.equal(publicRestricted.status, 2, 'options that cannot go together are a usage error');
      const badClearance = kgov(['keys', 'create', '--tenant', 'mois', '--role', 'staff', '--clearance', 'top'], { env });
      assertOneLineError(badClearance, 'invalid_clearance');
      assert.equal(badClearance.status, 2, 'an option value outside the allowed ones is a usage error');
      const past = kgov(['keys', 'create', '--tenant', 'mois', '--role', 'staff', '--clearance', 'internal', '--expires', '2020-01-01'], { env });
      assertOneLineError(past, 'expiry_in_past');
      assert.equal(past.status, 2, 'a past expiry is a usage error');
      assert.match(past.stderr, /만료 시각 '2020-01-01'은 이미 지났습니다 \(2020-01-01T14:59:59\.000Z\)/);
      assert.equal(past.stdout, '', 'no key is printed');
      const pastEnglish = kgov(['keys', 'create', '--tenant', 'mois', '--role', 'staff', '--clearance', 'internal', '--expires', '2020-01-01T00:00:00Z'], { env: { ...env, KGOV_LANG: 'en' } });
      assertOneLineError(pastEnglish, 'expiry_in_past');
      assert.equal(pastEnglish.status, 2);
      assert.match(pastEnglish.stderr, /Expiry '2020-01-01T00:00:00Z' is in the past/);
      const unreadable = kgov(['keys', 'create', '--tenant', 'mois', '--role', 'staff', '--clearance', 'internal', '--expires', 'soon'], { env });
      assertOneLineError(unreadable, 'invalid_expiry');
      assert.equal(unreadable.status, 2);
      assertOneLineError(kgov(['keys', 'revoke', 'not-a-key'], { env }), 'api_key_not_found');
      // A key with a mistyped secret: the error names the key id only, never the secret typed.
      const mistyped = kgov(['keys', 'revoke', `${key.split('_').slice(0, 2).join('_')}_WRONGSECRETwrongsecretWRONGSECRETwrongsecre`], { env });
      assert.equal(mistyped.status, 0, 'the id part names the key: it is revoked');
      assert.doesNotMatch(mistyped.stdout + mistyped.stderr, /WRONGSECRET/);
      const unknownLong = kgov(['keys', 'revoke', 'kgov_zzzzzzzzzzzz_WRONGSECRETwrongsecretWRONGSECRETwrongsecre'], { env });
      assertOneLineError(unknownLong, 'api_key_not_found');
      assert.doesNotMatch(unknownLong.stderr, /WRONGSECRET/);
      const revoked = kgov(['keys', 'revoke', key], { env });
      assert.equal(revoked.status, 0, revoked.stderr);
      assert.match(revoked.stdout, new RegExp(key.split('_')[1]!));
    });

    test('audit list: records oldest first, filtered by tenant, action and time; a bad time is a usage error', () => {
      const lines = kgov(['audit', 'list', '--tenant', 'mois', '--jsonl'], { env }).stdout.trim().split('\n').map((line) => JSON.parse(line) as { seq: number; tenantId: string; action: string });
      assert.ok(lines.length >= 3);
      assert.ok(lines.every((record) => record.tenantId === 'mois'));
      assert.deepEqual(lines.map((record) => record.seq), [...lines.map((record) => record.seq)].sort((a, b) => a - b));
      const keysOnly = kgov(['audit', 'list', '--action', 'key.created', '--since', '1h'], { env }).stdout.trim().split('\n');
      assert.ok(keysOnly.length >= 1 && keysOnly.every((line) => line.split('\t')[4] === 'key.created'), keysOnly.join('\n'));
      assert.equal(kgov(['audit', 'list', '--until', '2000-01-01'], { env }).stdout, '');
      // Every record by default; --limit says on stderr that more match and where to go on from (--after).
      const all = kgov(['audit', 'list', '--jsonl'], { env }).stdout.trim().split('\n').map((line) => (JSON.parse(line) as { seq: number }).seq);
      const firstTwo = kgov(['audit', 'list', '--limit', '2'], { env });
      assert.equal(firstTwo.stdout.trim().split('\n').length, 2);
      assert.match(firstTwo.stderr, new RegExp(`--after ${all[1]}`));
      const next = kgov(['audit', 'list', '--jsonl', '--after', String(all[1])], { env }).stdout.trim().split('\n').map((line) => (JSON.parse(line) as { seq: number }).seq);
      assert.deepEqual(next, all.slice(2));
      assert.equal(kgov(['audit', 'list', '--limit', String(all.length)], { env }).stderr, '', 'no notice when nothing more matches');
      // A username is read as that user's actor id (records name users by id).
      const hong = kgov(['audit', 'list', '--actor', 'hong', '--tenant', 'mois'], { env });
      assert.equal(hong.status, 0, hong.stderr);
      assertOneLineError(kgov(['audit', 'list', '--actor', 'nobody-at-all'], { env }), 'user_not_found');
      assertOneLineError(kgov(['audit', 'list', '--tenant', 'nope'], { env }), 'tenant_not_found');
      const badOutcome = kgov(['audit', 'list', '--outcome', 'blocked'], { env });
      assertOneLineError(badOutcome, 'usage');
      assert.match(badOutcome.stderr, /success, failure, denied/, 'the allowed values are named');
      const bad = kgov(['audit', 'list', '--since', 'yesterday'], { env });
      assert.equal(bad.status, 2);
      assertOneLineError(bad, 'usage');
      // 2026-11-31 is no date (it is not read as 12-01); nor is 2027-02-30 an expiry, or 90 (days?) a date.
      assertOneLineError(kgov(['audit', 'list', '--since', '2026-11-31'], { env }), 'usage');
      assertOneLineError(kgov(['keys', 'create', '--tenant', 'mois', '--role', 'staff', '--clearance', 'internal', '--expires', '2027-02-30'], { env }), 'invalid_expiry');
      assertOneLineError(kgov(['keys', 'create', '--tenant', 'mois', '--role', 'staff', '--clearance', 'internal', '--expires', '90'], { env }), 'invalid_expiry');
    });

    test('audit verify passes on an untouched chain and names a tampered record', async () => {
      const ok = kgov(['audit', 'verify'], { env });
      assert.equal(ok.status, 0, ok.stderr);
      assert.match(ok.stdout, /감사 기록 정상/);
      const database = await openDatabase(place.config());
      await database.exec('ALTER TABLE audit_log DISABLE TRIGGER USER');
      await database.query("UPDATE audit_log SET actor = 'cli:someone-else' WHERE seq = 2");
      await database.exec('ALTER TABLE audit_log ENABLE TRIGGER USER');
      await database.close();
      const broken = kgov(['audit', 'verify'], { env });
      assert.equal(broken.status, 1);
      assert.match(broken.stderr, /#2/);
      const english = kgov(['audit', 'verify'], { env: { ...env, KGOV_LANG: 'en' } });
      assert.match(english.stderr, /record #2 \(user\.created, .*\): content was edited/);
    });

    test('a command started while another holds the data directory waits its turn instead of failing', async () => {
      const corpus = fileURLToPath(new URL('../../../shared/corpus/nia-it-future-strategy-2023.txt', import.meta.url));
      const ingest = kgovAsync(['ingest', corpus, '--tenant', 'mois'], { env });
      let ingestErr = '';
      ingest.stderr.on('data', (chunk) => (ingestErr += chunk));
      const ingested = new Promise<number | null>((resolve) => ingest.on('close', resolve));
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const listed = kgov(['tenants', 'list', '--json'], { env });
      assert.equal(listed.status, 0, listed.stderr);
      assert.ok((JSON.parse(listed.stdout) as { id: string }[]).some((tenant) => tenant.id === 'mois'));
      if (backend.name === 'pglite') assert.match(listed.stderr, /기다립니다/);
      assert.equal(await ingested, 0, ingestErr);
      if (backend.name !== 'pglite') return;
      // A server keeps the directory for good: the wait ends, with the error that says why.
      const server = kgovAsync(['serve', '--port', '0'], { env });
      let serverErr = '';
      await new Promise<void>((resolve) => server.stderr.on('data', (chunk) => {
        serverErr += chunk;
        if (/http:\/\/[\d.]+:[1-9]/.test(serverErr)) resolve();
      }));
      try {
        const refused = kgov(['tenants', 'list'], { env: { ...env, KGOV_LOCK_WAIT_SECONDS: '1' } });
        assert.equal(refused.status, 1);
        assert.match(refused.stderr, /기다립니다/);
        assert.match(refused.stderr.trimEnd().split('\n').at(-1)!, /^kgov: 오류 \[data_dir_locked\] /);
      } finally {
        server.kill('SIGTERM');
        await new Promise((resolve) => server.on('close', resolve));
      }
    });

    test('kgov ingest --json | head: the reader leaving early does not cut the batch short', async () => {
      const folder = mkdtempSync(join(tmpdir(), 'kgov-epipe-'));
      try {
        for (let index = 0; index < 6; index++) writeFileSync(join(folder, `공고${index}.txt`), `행정안전부 공고 제2023-${index}호\n\n민원 안내 ${index}번 파이프마커.`);
        const child = kgovAsync(['ingest', folder, '--tenant', 'mois', '--json'], { env });
        // Like `head -1`: read the first line, then close the pipe.
        await new Promise<void>((resolve) => child.stdout.once('data', () => {
          child.stdout.destroy();
          resolve();
        }));
        const status = await new Promise<number | null>((resolve) => child.once('exit', resolve));
        assert.equal(status, 0, 'every file ingested');
        const listed = JSON.parse(kgov(['documents', 'list', '--tenant', 'mois', '--json'], { env }).stdout) as { name: string }[];
        assert.equal(listed.filter((row) => row.name.startsWith('공고')).length, 6);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    });

    test('hidden entries in an ingested folder are skipped and said so; a hidden file named directly is taken', () => {
      const folder = mkdtempSync(join(tmpdir(), 'kgov-hidden-'));
      try {
        writeFileSync(join(folder, '보이는문서.txt'), '안내\n\n보이는 문서 숨김시험마커.');
        writeFileSync(join(folder, '.숨은문서.txt'), '안내\n\n숨은 문서 숨김시험마커.');
        const walked = kgov(['ingest', folder, '--tenant', 'mois'], { env });
        assert.equal(walked.status, 0, walked.stderr);
        assert.match(walked.stderr, /숨김 항목 1개/);
        const named = kgov(['ingest', join(folder, '.숨은문서.txt'), '--tenant', 'mois'], { env });
        assert.equal(named.status, 0, named.stderr);
        assert.doesNotMatch(named.stderr, /숨김 항목/);
        const names = (JSON.parse(kgov(['documents', 'list', '--tenant', 'mois', '--json'], { env }).stdout) as { name: string }[]).map((row) => row.name);
        assert.ok(names.includes('보이는문서.txt') && names.includes('.숨은문서.txt'));
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    });

    test('serve: /healthz, /v1/models with the created key, graceful shutdown on SIGTERM', async () => {
      const key = lastLine(kgov(['keys', 'create', '--tenant', 'mois', '--role', 'public', '--clearance', 'public'], { env }).stdout);
      const server = kgovAsync(['serve', '--port', '0'], { env });
      let stderr = '';
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), 30_000);
        server.stderr.on('data', (chunk) => {
          stderr += chunk;
          const match = /http:\/\/[\d.]+:(\d+)/.exec(stderr);
          if (match && match[1] !== '0') {
            clearTimeout(timer);
            resolve(match[0]);
          }
        });
      });
      let stdout = '';
      server.stdout.on('data', (chunk) => (stdout += chunk));
      try {
        assert.equal((await fetch(`${url}/healthz`)).status, 200);
        assert.equal((await fetch(`${url}/v1/models`)).status, 401);
        assert.equal((await fetch(`${url}/v1/models`, { headers: { authorization: `Bearer ${key}` } })).status, 200);
        // A key with a wrong secret is audited (key.rejected): the server's own record, after the last CLI command.
        const wrong = `${key.split('_').slice(0, 2).join('_')}_${'x'.repeat(43)}`;
        assert.equal((await fetch(`${url}/v1/models`, { headers: { authorization: `Bearer ${wrong}` } })).status, 401);
      } finally {
        server.kill('SIGTERM');
      }
      const code = await new Promise<number | null>((resolve) => server.on('close', resolve));
      assert.equal(code, 0);
      // The server copied the chain's head out of the database on its way out: the checkpoint is the last record.
      const verified = JSON.parse(kgov(['audit', 'verify', '--json'], { env }).stdout) as { lastSeq: number; checkpoint: { seq: number } | null };
      assert.equal(verified.checkpoint?.seq, verified.lastSeq);
      assert.match(stderr, /SIGTERM/);
      const logs = stdout.trim().split('\n').map((line) => JSON.parse(line) as { reqId?: string; level: number });
      assert.ok(logs.some((entry) => entry.reqId), 'structured JSON logs with request ids');
      assert.ok(!stdout.includes(key), 'keys never reach the logs');
    });
  });
}
