import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createTenant, type Principal } from '../src/auth/index.js';
import { ingestDocument } from '../src/data/index.js';
import { MemoryLexicalIndex, warmTenants } from '../src/search/index.js';
import { openDatabase } from '../src/store/index.js';
import { backends, skipReason } from './helpers/backends.js';
import { kgov, kgovAsync } from './helpers/cli.js';

const operator: Principal = { kind: 'operator', name: 'test' };
const text = (value: string) => new TextEncoder().encode(value);
const lines = (count: number, word: string) =>
  Array.from({ length: count }, (_, index) => `${word} 민원 처리 기준 제${index + 1}조는 담당 부서가 정한 절차를 따른다.`).join('\n');

for (const backend of backends) {
  describe(`tenants loaded into memory at start, on ${backend.name}`, { skip: skipReason(backend) }, () => {
    test('smallest first while they fit the budget together; the rest load on their first search', async () => {
      const place = await backend.prepare();
      const database = await openDatabase(place.config());
      const index = new MemoryLexicalIndex(database, { maxPostings: 10_000_000 });
      try {
        const sizes = { small: 5, middle: 40, large: 400 } as const;
        for (const [tenant, count] of Object.entries(sizes)) {
          await createTenant(database, operator, { id: tenant, name: tenant });
          await ingestDocument(database, operator, { tenantId: tenant, fileName: `${tenant}.txt`, bytes: text(lines(count, tenant)), grade: 'internal' });
        }
        await createTenant(database, operator, { id: 'empty', name: '문서 없는 기관' });
        const postings = async (tenant: string) => Number((await database.query<{ n: number }>(
          'SELECT coalesce(sum(term_total), 0)::float8 AS n FROM index_stats WHERE tenant_id = $1', [tenant]))[0]!.n);
        const [small, middle, large] = [await postings('small'), await postings('middle'), await postings('large')];
        assert.ok(small < middle && middle < large);

        // A budget for the two smaller ones together, not for the large one as well.
        const result = await warmTenants(database, index, { maxPostings: small + middle + large - 1 });
        assert.deepEqual(result.loaded, ['small', 'middle']);
        assert.deepEqual(result.skipped, ['large']);
        assert.equal(index.describe().tenants, 2);
        // The estimate (analysed terms, as the index's own budget counts them) is at least the postings held.
        assert.ok(index.describe().postings > 0 && index.describe().postings <= small + middle);

        const everything = new MemoryLexicalIndex(database, { maxPostings: 10_000_000 });
        try {
          assert.deepEqual((await warmTenants(database, everything, { maxPostings: 10_000_000 })).loaded, ['small', 'middle', 'large'], 'a tenant without documents is not loaded');
        } finally {
          await everything.close();
        }
        await index.close();
        assert.deepEqual((await warmTenants(database, index, { maxPostings: 10_000_000 })).loaded, [], 'a closed index loads nothing');
      } finally {
        await index.close();
        await database.close();
        await place.cleanup();
      }
    });

    test('kgov serve loads the tenants after it starts and logs it; false in the configuration turns it off', async () => {
      const place = await backend.prepare();
      try {
        assert.equal(kgov(['tenants', 'create', 'mois', '--name', '행정안전부'], { env: place.env }).status, 0);
        const folder = join(place.dataDir, 'docs');
        mkdirSync(folder);
        writeFileSync(join(folder, '민원.txt'), lines(30, '예열'));
        const ingested = kgov(['ingest', folder, '--tenant', 'mois'], { env: place.env });
        assert.equal(ingested.status, 0, ingested.stderr);
        for (const warmOnStart of [true, false]) {
          const configFile = join(place.dataDir, `kgov-${warmOnStart}.json`);
          writeFileSync(configFile, JSON.stringify({ search: { memoryIndex: { warmOnStart } } }));
          const server = kgovAsync(['serve', '--port', '0', '--host', '127.0.0.1', '--config', configFile], { env: place.env });
          let stdout = '';
          let stderr = '';
          server.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
          server.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
          const exited = new Promise<number | null>((resolve) => server.on('close', (code) => resolve(code)));
          try {
            const started = Date.now();
            while (!/http:\/\/127\.0\.0\.1:\d+/.test(stderr)) {
              assert.ok(Date.now() - started < 30_000, `server did not start: ${stderr}`);
              await new Promise((resolve) => setTimeout(resolve, 50));
            }
            const warmed = () => stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { msg?: string; loaded?: string[] })
              .find((entry) => entry.msg === 'search: tenants loaded into memory at start');
            // Bounded by rounds: on a slow machine the load takes what it takes.
            for (let round = 0; round < 100 && warmOnStart && !warmed(); round++) await new Promise((resolve) => setTimeout(resolve, 100));
            if (warmOnStart) assert.deepEqual(warmed()?.loaded, ['mois'], stdout);
          } finally {
            server.kill('SIGTERM');
            assert.equal(await exited, 0, stderr);
          }
          if (!warmOnStart) assert.equal(stdout.includes('loaded into memory at start'), false, 'off: nothing is loaded at start');
        }
      } finally {
        await place.cleanup();
      }
    });
  });
}
