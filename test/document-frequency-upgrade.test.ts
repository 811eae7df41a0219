import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { searchLexical } from '../src/search/index.js';
import { migrate, migrations, openPgliteDatabase, openPostgresDatabase, storageLocation, type Database } from '../src/store/index.js';
import { backends, skipReason } from './helpers/backends.js';

/**
 * Migration 0009 moves document frequencies from `term_stats` onto the posting segments. A database indexed
 * before it must come out with the same frequencies, so the same scores, without re-ingesting.
 */
for (const backend of backends) {
  describe(`document frequencies after upgrading an indexed database on ${backend.name}`, { skip: skipReason(backend) }, () => {
    let place: Awaited<ReturnType<typeof backend.prepare>>;
    let database: Database;
    const before0009 = migrations.filter((migration) => migration.version < 9);

    before(async () => {
      place = await backend.prepare({ unmigrated: true });
      const location = storageLocation(place.config());
      database = location.kind === 'postgres' ? await openPostgresDatabase(location.url, 2) : await openPgliteDatabase(location.dataDir);
      await migrate(database, before0009);
      // An index as 0004–0008 wrote it: two segments of 'w:행정', one of 'w:민원', and their term_stats rows.
      await database.exec(`
        INSERT INTO index_stats (tenant_id, grade, chunk_count, term_total) VALUES ('mois', 'internal', 3, 30), ('mois', 'restricted', 1, 10);
        INSERT INTO posting_segments (tenant_id, grade, term, segment_id, chunk_ids, tfs, lengths) VALUES
          ('mois', 'internal', 'w:행정', 1, '{1,2}', '{1,3}', '{10,10}'),
          ('mois', 'internal', 'w:민원', 1, '{2}', '{2}', '{10}'),
          ('mois', 'internal', 'w:행정', 3, '{3}', '{1}', '{10}'),
          ('mois', 'restricted', 'w:행정', 4, '{4}', '{5}', '{10}');
        INSERT INTO term_stats (tenant_id, grade, term, df) VALUES ('mois', 'internal', 'w:행정', 3), ('mois', 'internal', 'w:민원', 1), ('mois', 'restricted', 'w:행정', 1);
      `);
    });
    after(async () => {
      await database?.close();
      await place?.cleanup();
    });

    test('each segment row gets its list length as df, and term_stats is gone', async () => {
      await migrate(database);
      const rows = await database.query<{ term: string; segment_id: string | number; df: number }>(
        'SELECT term, segment_id, df FROM posting_segments ORDER BY term, grade, segment_id');
      assert.deepEqual(rows.map((row) => [row.term, Number(row.segment_id), row.df]), [['w:민원', 1, 1], ['w:행정', 1, 2], ['w:행정', 3, 1], ['w:행정', 4, 1]]);
      const [table] = await database.query<{ name: string | null }>("SELECT to_regclass('term_stats')::text AS name");
      assert.equal(table?.name, null);
    });

    test('a search sums df over the permitted grades only', async () => {
      // One term, so the score order follows tf: chunk 2 (tf 3) before chunk 1 and 3 (tf 1); chunk 4 is restricted.
      const internal = await searchLexical(database, { tenantId: 'mois', grades: ['public', 'internal'], terms: ['w:행정'], k: 10 });
      assert.deepEqual(internal.map((hit) => hit.chunkId), [2, 1, 3]);
      const all = await searchLexical(database, { tenantId: 'mois', grades: ['public', 'internal', 'restricted'], terms: ['w:행정'], k: 10 });
      assert.deepEqual(all.map((hit) => hit.chunkId), [4, 2, 1, 3]);
      // BM25 idf with n = 3 permitted passages and df = 3: ln(1 + 0.5 / 3.5); the restricted segment does not count.
      const weight = Math.log(1 + (3 - 3 + 0.5) / (3 + 0.5));
      const expected = weight * ((1 * 2.2) / (1 + 1.2 * 0.25 + 1.2 * 0.75 * (10 / 10)) + 1);
      assert.ok(Math.abs(internal[1]!.score - expected) < 1e-9, `${internal[1]!.score} ≠ ${expected}`);
    });
  });
}
