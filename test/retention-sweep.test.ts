import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTenant, type Principal } from '../src/auth/index.js';
import { deleteDocument, ingestDocument, startRetentionSweep } from '../src/data/index.js';
import { openDatabase, type Database } from '../src/store/index.js';
import { backends, skipReason } from './helpers/backends.js';

const operator: Principal = { kind: 'operator', name: 'test' };
const text = (value: string) => new TextEncoder().encode(value);
const quiet = { info: () => {}, error: (details: object) => assert.fail(`retention logged an error: ${JSON.stringify(details)}`) };

/** `retention.purgeAfterDays`: the server purges, for every tenant, what was deleted or replaced longer ago than the period. */
for (const backend of backends) {
  describe(`the retention sweep on ${backend.name}`, { skip: skipReason(backend) }, () => {
    let place: Awaited<ReturnType<typeof backend.prepare>>;
    let database: Database;
    const stored = async (marker: string) => Number((await database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM chunks WHERE text LIKE $1', [`%${marker}%`]))[0]!.n);

    before(async () => {
      place = await backend.prepare();
      database = await openDatabase(place.config());
      for (const id of ['mois', 'msit']) await createTenant(database, operator, { id, name: id });
    });
    after(async () => {
      await database?.close();
      await place?.cleanup();
    });

    test('purges every tenant\'s documents deleted longer ago than the period, audited as the retention sweep; recent ones wait', async () => {
      for (const [tenantId, name, marker] of [['mois', 'old.txt', '오래삭제마커'], ['msit', 'old.txt', '다른기관삭제마커'], ['mois', 'recent.txt', '최근삭제마커'], ['mois', 'live.txt', '현행마커']]) {
        await ingestDocument(database, operator, { tenantId: tenantId!, fileName: name!, bytes: text(`문서\n\n${marker} 내용.`), grade: 'internal' });
        if (name !== 'live.txt') await deleteDocument(database, operator, { tenantId: tenantId!, document: name! });
      }
      await database.query("UPDATE documents SET deleted_at = now() - interval '40 days' WHERE name = 'old.txt'");
      const off = startRetentionSweep(database, place.config(), { log: quiet });
      assert.deepEqual(await off.first, { tenants: 0, documents: 0, versions: 0, failed: 0 }, 'off unless a period is configured');
      await off.stop();

      const sweep = startRetentionSweep(database, place.config({ retention: { purgeAfterDays: 30 } }), { log: quiet });
      const first = await sweep.first;
      await sweep.stop();
      assert.deepEqual([first.tenants, first.documents, first.failed], [2, 2, 0]);
      assert.equal(await stored('오래삭제마커'), 0);
      assert.equal(await stored('다른기관삭제마커'), 0);
      assert.equal(await stored('최근삭제마커'), 1, 'deleted 0 days ago: within the period');
      assert.equal(await stored('현행마커'), 1);
      const actors = await database.query<{ actor: string }>("SELECT DISTINCT actor FROM audit_log WHERE action = 'document.purged'");
      assert.deepEqual(actors.map((row) => row.actor), ['cli:retention']);
    });
  });
}
