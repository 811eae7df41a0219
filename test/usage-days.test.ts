import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createApiKey, createTenant, type Principal } from '../src/auth/index.js';
import { createUsageMeter, type UsageRow } from '../src/models/index.js';
import { openDatabase } from '../src/store/index.js';
import { backends, skipReason } from './helpers/backends.js';
import { kgov } from './helpers/cli.js';
import { startTestServer } from './helpers/test-server.js';

const operator: Principal = { kind: 'operator', name: 'test' };

/** 2026-11-28T16:30Z is 2026-11-29 01:30 in Korea: a call after midnight KST belongs to the Korean day. */
const afterKoreanMidnight = Date.parse('2026-11-28T16:30:00Z');

for (const backend of backends) {
  describe(`usage days are Korean calendar days in GET /api/usage and kgov usage, on ${backend.name}`, { skip: skipReason(backend) }, () => {
    let place: Awaited<ReturnType<typeof backend.prepare>>;
    let fromApi: (query: string) => Promise<UsageRow[]>;
    let closeServer: () => Promise<void>;

    before(async () => {
      place = await backend.prepare();
      const config = place.config({ logging: { level: 'silent' } });
      const database = await openDatabase(config);
      await createTenant(database, operator, { id: 'mois', name: '행정안전부' });
      const adminKey = (await createApiKey(database, operator, { tenantId: 'mois', role: 'admin', clearance: 'internal' })).key;
      const meter = createUsageMeter(database, { now: () => afterKoreanMidnight });
      meter.record({ tenantId: 'mois', keyId: 'k_night', model: 'kgov-llm-13b', usage: { prompt_tokens: 30, completion_tokens: 12, total_tokens: 42 } });
      await meter.close();
      const { app, base } = await startTestServer({ config, database, version: 'test' });
      fromApi = async (query) => {
        const response = await fetch(`${base}/api/usage${query}`, { headers: { authorization: `Bearer ${adminKey}` } });
        assert.equal(response.status, 200);
        return ((await response.json()) as { data: UsageRow[] }).data;
      };
      closeServer = async () => {
        await app.close();
        await database.close();
      };
    });
    after(async () => {
      await closeServer?.();
      await place?.cleanup();
    });

    test('a call at 2026-11-28T16:30Z is reported under 2026-11-29 by both, and from/to select that day', async () => {
      const expected: UsageRow[] = [{ keyId: 'k_night', model: 'kgov-llm-13b', day: '2026-11-29', requests: 1, promptTokens: 30, completionTokens: 12 }];
      assert.deepEqual(await fromApi(''), expected);
      assert.deepEqual(await fromApi('?from=2026-11-29&to=2026-11-29'), expected);
      assert.deepEqual(await fromApi('?from=2026-11-28&to=2026-11-28'), [], 'not the UTC day');
      // The CLI opens the same storage; PGlite's data directory takes one process at a time.
      await closeServer();
      closeServer = async () => undefined;

      const cli = (args: string[]) => {
        const result = kgov(['usage', '--tenant', 'mois', ...args], { env: place.env });
        assert.equal(result.status, 0, result.stderr);
        return result.stdout;
      };
      assert.deepEqual(JSON.parse(cli(['--json'])), expected);
      assert.deepEqual(JSON.parse(cli(['--json', '--from', '2026-11-29', '--to', '2026-11-29'])), expected);
      assert.deepEqual(JSON.parse(cli(['--json', '--from', '2026-11-28', '--to', '2026-11-28'])), []);
      assert.match(cli([]), /^DAY \(KST\).*\n2026-11-29\s+k_night\s+kgov-llm-13b\s+1\s+30\s+12\n$/);

      const badDate = kgov(['usage', '--tenant', 'mois', '--from', '2026-11-31'], { env: place.env });
      assert.equal(badDate.status, 2);
      assert.match(badDate.stderr, /^kgov: 오류 \[usage\] --from '2026-11-31'은 날짜가 아닙니다/);
      const unknownTenant = kgov(['usage', '--tenant', 'nope'], { env: place.env });
      assert.equal(unknownTenant.status, 1);
      assert.match(unknownTenant.stderr, /\[tenant_not_found\]/);
    });
  });
}
