import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { backends, skipReason } from './helpers/backends.js';
import { kgov, kgovAsync, lastLine } from './helpers/cli.js';
import { startStubUpstream } from './helpers/stub-upstream.js';

/**
 * `kgov serve` stopped with SIGTERM (what `kill PID`, systemd and `docker stop` send) exits 0 after writing out what
 * it held in memory: usage totals, audit records, and the database (PGlite's data directory is free again).
 */
for (const backend of backends) {
  describe(`kgov serve shuts down cleanly on SIGTERM, on ${backend.name}`, { skip: skipReason(backend) }, () => {
    let place: Awaited<ReturnType<typeof backend.prepare>>;
    let upstream: Awaited<ReturnType<typeof startStubUpstream>>;
    before(async () => {
      place = await backend.prepare();
      upstream = await startStubUpstream();
    });
    after(async () => {
      await upstream?.close();
      await place?.cleanup();
    });

    test('SIGTERM: exit 0, the call just served is in the usage report, the audit chain verifies, the storage reopens', async () => {
      const env = place.env;
      const configFile = join(place.dataDir, 'kgov.json');
      writeFileSync(configFile, JSON.stringify({
        providers: [{ id: 'onprem', type: 'openai-compatible', baseURL: upstream.baseURL, zone: 'internal', models: ['kgov-llm-13b'], timeoutMs: 5000 }],
      }));
      assert.equal(kgov(['tenants', 'create', 'mois', '--name', '행정안전부'], { env }).status, 0);
      const key = lastLine(kgov(['keys', 'create', '--tenant', 'mois', '--role', 'staff', '--clearance', 'internal'], { env }).stdout);

      const server = kgovAsync(['serve', '--port', '0', '--config', configFile], { env });
      let stderr = '';
      const exited = new Promise<number | null>((resolve) => server.on('close', resolve));
      const url = await new Promise<string>((resolve, reject) => {
        server.stderr.on('data', (chunk) => {
          stderr += chunk;
          const match = /http:\/\/[\d.]+:(\d+)/.exec(stderr);
          if (match && match[1] !== '0') resolve(match[0]);
        });
        void exited.then((code) => reject(new Error(`serve exited with ${code} before listening: ${stderr}`)));
      });
      server.stdout.resume();
      try {
        const response = await fetch(`${url}/v1/chat/completions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'kgov-llm-13b', messages: [{ role: 'user', content: '행정안전부는 무슨 일을 하나요?' }] }),
        });
        assert.equal(response.status, 200, await response.clone().text());
        await response.json();
      } finally {
        // At once: the usage total of that call is still only in memory (it is written once a second).
        server.kill('SIGTERM');
      }
      assert.match(stderr, new RegExp(`끝내려면 Ctrl\\+C 또는 kill ${server.pid}`), 'the start line names the pid to kill');
      assert.equal(await exited, 0, stderr);
      assert.match(stderr, /SIGTERM 신호를 받아/);
      assert.match(stderr, /서버를 종료했습니다/);

      const usage = kgov(['usage', '--tenant', 'mois', '--json'], { env });
      assert.equal(usage.status, 0, `the storage reopens after shutdown: ${usage.stderr}`);
      const rows = JSON.parse(usage.stdout) as Array<{ model: string; requests: number }>;
      assert.deepEqual(rows.map((row) => [row.model, row.requests]), [['kgov-llm-13b', 1]], 'usage written out on shutdown');
      const audit = kgov(['audit', 'verify'], { env });
      assert.equal(audit.status, 0, audit.stderr);
    });
  });
}
