import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTenant, type Principal } from '../src/auth/index.js';
import { deleteDocument, ingestDocument, treatmentFor, type IngestOutcome } from '../src/data/index.js';
import { searchChunks } from '../src/search/index.js';
import { openDatabase, type Database } from '../src/store/index.js';
import { backends, skipReason } from './helpers/backends.js';

const operator: Principal = { kind: 'operator', name: 'test' };
const encode = (value: string) => new TextEncoder().encode(value);
const report = Array.from({ length: 20 }, (_, index) =>
  `제${index + 1}조 행정기관은 접수한 민원 ${index * 13}건을 처리 기한 안에 처리하고 그 결과를 신청인에게 알려야 한다.`).join('\n');

/** Exact and near-duplicate detection across a tenant's corpus (issue 3), on each back end. */
for (const backend of backends) {
  describe(`duplicates across the corpus on ${backend.name}`, { skip: skipReason(backend) }, () => {
    let place: Awaited<ReturnType<typeof backend.prepare>>;
    let database: Database;
    let config: ReturnType<Awaited<ReturnType<typeof backend.prepare>>['config']>;
    const ingest = async (tenantId: string, fileName: string, body: string, grade: 'public' | 'internal' | 'restricted' = 'internal') => {
      const outcome = await ingestDocument(database, operator, { tenantId, fileName, bytes: encode(body), grade }, undefined, { treatment: treatmentFor(config.ingest, tenantId) });
      assert.equal(outcome.status, 'ingested', JSON.stringify(outcome));
      return outcome as Extract<IngestOutcome, { status: 'ingested' }>;
    };
    const activeCopies = async (tenantId: string, marker: string) => Number((await database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM chunks WHERE tenant_id = $1 AND active AND text LIKE $2', [tenantId, `%${marker}%`]))[0]!.n);

    before(async () => {
      place = await backend.prepare();
      config = place.config({ ingest: { cleaning: { nearDuplicates: 'record' } } });
      database = await openDatabase(config);
      for (const id of ['dup', 'skipper']) await createTenant(database, operator, { id, name: id });
      config = place.config({ ingest: { cleaning: {} } });
    });
    after(async () => {
      await database?.close();
      await place?.cleanup();
    });

    test('an exact duplicate chunk is stored once more but indexed once; deleting the first serves the copy', async () => {
      const body = `중복 검사 안내\n\n동일문단마커 이 문단은 두 문서에 똑같이 들어 있는 안내 문단입니다.`;
      const first = await ingest('dup', 'first.txt', body);
      assert.equal(first.cleaning.withheld.duplicate, 0);
      const second = await ingest('dup', 'second.txt', `${body}\n`);
      assert.equal(second.cleaning.withheld.duplicate, 1);
      assert.equal(await activeCopies('dup', '동일문단마커'), 1);
      assert.deepEqual((await searchChunks(database, operator, { tenantId: 'dup', query: '동일문단마커', k: 5 })).map((hit) => hit.document), ['first.txt']);
      // A copy at a stricter grade does not hide the text from readers of a lower grade.
      const publicCopy = await ingest('dup', 'public-copy.txt', `${body}\n\n`, 'public');
      assert.equal(publicCopy.cleaning.withheld.duplicate, 0);
      await deleteDocument(database, operator, { tenantId: 'dup', document: 'first.txt' });
      const after = (await searchChunks(database, operator, { tenantId: 'dup', query: '동일문단마커', k: 5 })).map((hit) => hit.document);
      assert.ok(!after.includes('first.txt'));
      assert.ok(after.includes('public-copy.txt'));
    });

    test('a near-duplicate document is recorded and reported', async () => {
      const original = await ingest('dup', 'regulation-2023.txt', report);
      assert.equal(original.cleaning.nearDuplicateOf, null);
      const edited = await ingest('dup', 'regulation-2024.txt', report.replace('제7조', '제7조의2'));
      assert.equal(edited.cleaning.nearDuplicateOf?.name, 'regulation-2023.txt');
      assert.ok(edited.cleaning.nearDuplicateOf!.similarity >= 0.9);
      assert.ok(edited.cleaning.indexed > 0, 'record: still indexed');
      const [row] = await database.query<{ near_duplicate_of: string | null }>(
        "SELECT v.near_duplicate_of FROM document_versions v JOIN documents d ON d.id = v.document_id WHERE d.name = 'regulation-2024.txt'");
      const [target] = await database.query<{ id: string }>(
        "SELECT v.id FROM document_versions v JOIN documents d ON d.id = v.document_id WHERE d.name = 'regulation-2023.txt'");
      assert.equal(row!.near_duplicate_of, target!.id);
      const unrelated = await ingest('dup', 'unrelated.txt', '초거대 AI 플랫폼의 데이터 계층은 공공데이터와 문서 자산을 다룬다.\n'.repeat(5));
      assert.equal(unrelated.cleaning.nearDuplicateOf, null);
    });

    test('near duplicates can be skipped: stored, not indexed', async () => {
      config = place.config({ ingest: { cleaning: { nearDuplicates: 'skip' } } });
      await ingest('skipper', 'a.txt', report);
      const skipped = await ingest('skipper', 'b.txt', report.replace('제3조', '제3조의2'));
      assert.ok(skipped.cleaning.withheld['near-duplicate'] > 0);
      assert.equal(skipped.cleaning.indexed, 0);
      const documents = (await searchChunks(database, operator, { tenantId: 'skipper', query: '제3조의2', k: 10 })).map((hit) => hit.document);
      assert.ok(!documents.includes('b.txt'));
      // The first document's next version, still like the skipped copy: a copy that serves nothing withholds nothing,
      // so the text stays served (it was withheld against b.txt, and b.txt against a.txt: served nowhere).
      const next = await ingest('skipper', 'a.txt', report.replace('제5조', '제5조의2'));
      assert.equal(next.version, 2);
      assert.equal(next.cleaning.withheld['near-duplicate'], 0, JSON.stringify(next.cleaning));
      assert.ok(next.cleaning.indexed > 0);
      assert.deepEqual((await searchChunks(database, operator, { tenantId: 'skipper', query: '제5조의2', k: 10 })).map((hit) => hit.document).slice(0, 1), ['a.txt']);
    });
  });
}
