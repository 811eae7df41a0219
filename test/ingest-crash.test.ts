import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { verifyAuditLog } from '../src/audit/index.js';
import { openDatabase } from '../src/store/index.js';
import { backends, skipReason } from './helpers/backends.js';
import { kgov, kgovAsync } from './helpers/cli.js';

/** Runs a real `kgov ingest`, SIGKILLs it shortly after its first file is committed; returns the files it reported. */
function ingestAndKill(args: string[], env: Record<string, string>, killAfterMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = kgovAsync(args, { env });
    const reported: string[] = [];
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        if (!line.startsWith('{')) continue;
        if (reported.length === 0) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        reported.push((JSON.parse(line) as { file: string }).file);
      }
    });
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(reported) : reject(new Error(`ingest exited ${code} before the kill: ${stderr}`))));
  });
}

for (const backend of backends) {
  describe(`ingest crash safety on ${backend.name}`, { skip: skipReason(backend) }, () => {
    test('kill -9 mid-batch, run again: the remaining files are ingested, none twice, the audit chain is whole', async (t) => {
      const place = await backend.prepare();
      try {
        const folder = join(place.dataDir, 'batch');
        mkdirSync(folder);
        const count = 60;
        for (let index = 0; index < count; index++) {
          const body = `문서 ${index}\n2023. ${1 + (index % 12)}. ${1 + (index % 28)}.\n\n${'행정 업무 처리 지침 본문 문장입니다. '.repeat(200)}고유마커${index}`;
          writeFileSync(join(folder, `doc-${String(index).padStart(3, '0')}.txt`), body);
        }
        // One bad file, first in the folder: the run that failed it is killed, and the next one must still name it.
        writeFileSync(join(folder, 'doc-000-empty.txt'), '');
        // A short lease, so that on a server the killed worker's item is taken over within a second.
        const configFile = join(place.dataDir, 'kgov.json');
        writeFileSync(configFile, JSON.stringify({ storage: { keyDir: join(place.dataDir, 'keys') }, ingest: { leaseSeconds: 1 } }));
        const created = kgov(['tenants', 'create', 'mois', '--name', '행정안전부', '--config', configFile], { env: place.env });
        assert.equal(created.status, 0, created.stderr);

        const args = ['ingest', folder, '--tenant', 'mois', '--json', '--config', configFile];
        const firstRun = await ingestAndKill(args, place.env, 150);
        assert.ok(firstRun.length > 0 && firstRun.length < count, `killed mid-batch after ${firstRun.length} files`);
        const secondRun = kgov(args, { env: place.env });
        assert.equal(secondRun.status, 1, secondRun.stderr);
        assert.match(secondRun.stderr, /이어서 진행합니다/, 'the second run resumes the job');
        assert.match(secondRun.stderr, /\[empty_file\] [^\n]*doc-000-empty\.txt/, 'the failed file is named, whichever run failed it');
        const resumed = secondRun.stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { file: string; status: string })
          .filter((line) => line.status !== 'failed').map((line) => line.file);
        const overlap = resumed.filter((file) => firstRun.includes(file));
        assert.deepEqual(overlap, [], 'no file reported by both runs');
        t.diagnostic(`first run ${firstRun.length} files, second run ${resumed.length}`);

        const database = await openDatabase(place.config());
        try {
          const versions = await database.query<{ name: string; versions: number }>(
            'SELECT d.name, count(v.id)::int AS versions FROM documents d JOIN document_versions v ON v.document_id = d.id GROUP BY d.name');
          assert.equal(versions.length, count, 'every file ingested');
          assert.deepEqual(versions.filter((row) => row.versions !== 1), [], 'none twice');
          const items = await database.query<{ status: string; count: number }>('SELECT status, count(*)::int AS count FROM ingest_items GROUP BY status');
          assert.deepEqual(items.sort((a, b) => a.status.localeCompare(b.status)), [{ status: 'done', count }, { status: 'failed', count: 1 }]);
          const [audited] = await database.query<{ count: number }>("SELECT count(*)::int AS count FROM audit_log WHERE action = 'document.ingested'");
          assert.equal(audited?.count, count, 'one audit record per version');
          assert.equal((await verifyAuditLog(database)).ok, true);
        } finally {
          await database.close();
        }
      } finally {
        await place.cleanup();
      }
    });
  });
}
