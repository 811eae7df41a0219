import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { createTenant, readScope, type Principal } from '../src/auth/index.js';
import { deleteDocument, ingestDocument, refreshSearchStatistics, shareDocument } from '../src/data/index.js';
import { analyzeQuery, attachMemoryIndex, detachMemoryIndex, MemoryLexicalIndex, memoryIndexOf, pruneIndexChangeLog, type MemoryIndexEvent, searchChunks, searchLexical, type LexicalHit } from '../src/search/index.js';
import { searchLexicalInDatabase } from '../src/search/lexical-index.js';
import { readPassages } from '../src/search/read-passages.js';
import { TopK } from '../src/search/memory-index/top-k.js';
import { openDatabase, type Database } from '../src/store/index.js';
import { backends, skipReason } from './helpers/backends.js';

const operator: Principal = { kind: 'operator', name: 'test' };
const member = (groups: string[], clearance: 'public' | 'internal' | 'restricted' = 'restricted'): Principal =>
  ({ kind: 'api-key', keyId: `k-${groups.join('-') || 'none'}-${clearance}`, tenantId: 'nia', role: clearance === 'public' ? 'public' : 'staff', clearance, groups });
const text = (value: string) => new TextEncoder().encode(value);
const corpus = readFileSync(new URL('../../../shared/corpus/nia-it-future-strategy-2023.txt', import.meta.url));
const questions = readFileSync(new URL('../../../shared/eval/rag/nia-qa-dev.jsonl', import.meta.url), 'utf8')
  .trim().split('\n').map((line) => (JSON.parse(line) as { question: string }).question);

/**
 * The same ranking from memory as from SQL: the same ids in the same order, scores equal up to the order in which
 * floating-point sums were added (so two chunks whose scores differ by less than that may swap places).
 */
function assertSameRanking(fromMemory: readonly LexicalHit[], fromSql: readonly LexicalHit[], what: string): void {
  assert.equal(fromMemory.length, fromSql.length, `${what}: hit count`);
  const close = (left: number, right: number) => Math.abs(left - right) <= 1e-9 * Math.max(1, Math.abs(right));
  fromSql.forEach((hit, rank) => {
    const other = fromMemory[rank]!;
    assert.ok(close(other.score, hit.score), `${what}: score at rank ${rank + 1}: ${other.score} vs ${hit.score}`);
    if (other.chunkId !== hit.chunkId) {
      const twin = fromMemory.find((candidate) => candidate.chunkId === hit.chunkId);
      // Only a tie may reorder, and never at the cut-off: every id of the SQL list is in the memory list.
      assert.ok(twin && close(twin.score, hit.score), `${what}: rank ${rank + 1} is ${other.chunkId} instead of ${hit.chunkId}`);
    }
  });
}

test('TopK keeps the best k, higher score first, then the lower id', () => {
  const best = new TopK(3);
  best.offer(1, 10);
  best.offer(5, 3);
  assert.equal(best.threshold(), Number.NEGATIVE_INFINITY, 'fewer than k kept: anything enters');
  for (const [score, id] of [[5, 1], [2, 7], [0.5, 2], [5, 9]] as const) best.offer(score, id);
  assert.equal(best.threshold(), 5, 'the worst kept score');
  assert.deepEqual(best.sorted(), [{ chunkId: 1, score: 5 }, { chunkId: 3, score: 5 }, { chunkId: 9, score: 5 }]);
  const none = new TopK(0);
  none.offer(1, 1);
  assert.deepEqual(none.sorted(), []);
  assert.equal(none.threshold(), Number.POSITIVE_INFINITY, 'k = 0: nothing enters');
});

for (const backend of backends) {
  describe(`lexical index in memory on ${backend.name}`, { skip: skipReason(backend) }, () => {
    let place: Awaited<ReturnType<typeof backend.prepare>>;
    let database: Database;
    const scopes: [string, Principal][] = [
      ['operator', operator],
      ['restricted clearance, no groups', member([])],
      ['internal clearance, group 감사관실', member(['감사관실'], 'internal')],
      ['public tier', member(['감사관실'], 'public')],
    ];
    const lexical = (principal: Principal, question: string, k = 10) => {
      const scope = readScope(principal);
      return searchLexical(database, { tenantId: 'nia', grades: scope.grades, groups: scope.groups, terms: analyzeQuery(question), k });
    };
    /** The SQL ranking of the same question, computed by the database. */
    const fromSql = (principal: Principal, question: string, k = 10) => {
      const scope = readScope(principal);
      return searchLexicalInDatabase(database, { tenantId: 'nia', grades: scope.grades, groups: scope.groups, terms: analyzeQuery(question), k });
    };

    before(async () => {
      place = await backend.prepare();
      database = await openDatabase(place.config());
      await createTenant(database, operator, { id: 'nia', name: '한국지능정보사회진흥원' });
      await createTenant(database, operator, { id: 'other', name: '다른 기관' });
      const ingest = async (tenantId: string, fileName: string, bytes: Uint8Array, grade: 'public' | 'internal' | 'restricted', share?: string) => {
        const outcome = await ingestDocument(database, operator, { tenantId, fileName, bytes, grade, ...(share ? { share } : {}) });
        assert.equal(outcome.status, 'ingested', JSON.stringify(outcome));
      };
      await ingest('nia', 'nia-it-future-strategy-2023.txt', corpus, 'internal');
      await ingest('nia', 'audit-findings.txt', text('초거대 AI 도입 감사 결과\n\n공공부문 초거대 AI 활용 예산 집행의 부적정 사례와 데이터 개방 계획.'), 'internal', '감사관실');
      await ingest('nia', 'public-notice.txt', text('초거대 AI 공공 서비스 안내\n\n디지털플랫폼정부 초거대 AI 활용 서비스 공개 안내문.'), 'public');
      await ingest('nia', 'restricted-plan.txt', text('정보보호 대응 계획\n\n초거대 AI 보안 취약점 대응 절차와 데이터 유출 방지 계획.'), 'restricted');
      await ingest('other', 'other-report.txt', text('타 기관 초거대 AI 보고서\n\n초거대 AI 데이터 예산 계획 타기관마커.'), 'public');
      await refreshSearchStatistics(database);
      const index = attachMemoryIndex(database, { maxPostings: 10_000_000 });
      assert.equal(await index.warm('nia'), true);
    });
    after(async () => {
      if (database) await detachMemoryIndex(database);
      await database?.close();
      await place?.cleanup();
    });

    test('ranks every nia-qa-dev question exactly as the SQL index, for every kind of reader', async () => {
      assert.equal(memoryIndexOf(database)?.describe().tenants, 1);
      for (const [name, principal] of scopes) {
        for (const question of questions) {
          const inMemory = await lexical(principal, question);
          assertSameRanking(inMemory, await fromSql(principal, question), `${name}: ${question}`);
        }
      }
    });

    test('searches through the whole stack use it, and permissions hold (tenant, grade, sharing)', async () => {
      const query = '초거대 AI 예산 데이터 계획 보안 안내 부적정 타기관마커';
      const documents = async (principal: Principal) =>
        new Set((await searchChunks(database, principal, { tenantId: 'nia', query, k: 100 })).map((hit) => hit.document));
      const outsider = await documents(member([]));
      assert.ok(outsider.has('restricted-plan.txt') && outsider.has('public-notice.txt'));
      assert.ok(!outsider.has('audit-findings.txt'), 'shared with 감사관실 only');
      assert.ok(!outsider.has('other-report.txt'), 'another tenant');
      assert.deepEqual([...await documents(member(['감사관실'], 'public'))], ['public-notice.txt']);
      const auditor = await documents(member(['감사관실'], 'internal'));
      assert.ok(auditor.has('audit-findings.txt') && !auditor.has('restricted-plan.txt'));
      assert.equal(memoryIndexOf(database)?.describe().tenants, 1, 'tenant "other" was never searched, so never loaded');
    });

    test('a search answered from memory reads no passage from the database, and the passages are the database\'s', async () => {
      const principal = member(['감사관실'], 'internal');
      const statements: string[] = [];
      const query = database.query.bind(database);
      // Counted on the handle itself (the memory index belongs to this object).
      (database as { query: unknown }).query = (sql: string, params?: unknown[]) => {
        statements.push(sql);
        return query(sql, params as never);
      };
      let fromMemory;
      try {
        fromMemory = await searchChunks(database, principal, { tenantId: 'nia', query: questions[3]!, k: 10 });
      } finally {
        (database as { query: unknown }).query = query;
      }
      assert.ok(fromMemory.length > 0);
      assert.deepEqual(statements.filter((sql) => /FROM chunks/.test(sql)), [], 'the passages were preloaded when the tenant loaded');
      // The texts and places are what the database holds for those chunks, for this reader.
      const stored = await readPassages(database, 'nia', readScope(principal), fromMemory.map((hit) => Number(hit.chunk)));
      for (const hit of fromMemory) {
        const row = stored.get(Number(hit.chunk));
        assert.ok(row, `chunk ${hit.chunk} is readable`);
        assert.deepEqual([hit.document, hit.documentId, hit.version, hit.section, hit.lines, hit.page, hit.text], [row.name, row.documentId, row.version, row.section, row.lines, row.page, row.text]);
      }
    });

    test('follows every committed change: new documents, new versions, deletion and resharing', async () => {
      const query = '메모리색인마커 갱신 확인';
      /** The documents found, when the marker's own document comes first (the marker's bigrams match the report too). */
      const names = async (principal: Principal) => {
        const hits = await searchChunks(database, principal, { tenantId: 'nia', query, k: 10 });
        return hits[0]?.document === 'fresh.txt' ? ['fresh.txt'] : hits.some((hit) => hit.document === 'fresh.txt') ? ['fresh.txt, not first'] : [];
      };
      const compare = async (principal: Principal, what: string) => assertSameRanking(await lexical(principal, query), await fromSql(principal, query), what);

      // Concurrent searches share change-log checks; each still sees what was committed before it began.
      const racing = Array.from({ length: 8 }, () => names(member([])));
      await ingestDocument(database, operator, { tenantId: 'nia', fileName: 'fresh.txt', bytes: text('새 문서\n\n메모리색인마커 첫 판 갱신 내용.'), grade: 'internal' });
      assert.ok((await Promise.all(racing)).every((found) => found.length === 0 || found[0] === 'fresh.txt'));
      const after = await Promise.all(Array.from({ length: 8 }, () => names(member([]))));
      assert.deepEqual(after, Array.from({ length: 8 }, () => ['fresh.txt']));
      assert.deepEqual(await names(member([])), ['fresh.txt']);
      await compare(member([]), 'after a new document');

      await ingestDocument(database, operator, { tenantId: 'nia', fileName: 'fresh.txt', bytes: text('새 문서 개정\n\n메모리색인마커 둘째 판 갱신 확인 내용.'), grade: 'internal' });
      const [hit] = await searchChunks(database, member([]), { tenantId: 'nia', query, k: 10 });
      assert.equal(hit?.version, 2, 'the superseded version left memory too');
      await compare(member([]), 'after a new version');

      await shareDocument(database, operator, { tenantId: 'nia', document: 'fresh.txt', groups: ['감사관실'] });
      assert.deepEqual(await names(member([])), []);
      assert.deepEqual(await names(member(['감사관실'])), ['fresh.txt']);
      await compare(member([]), 'after resharing (outsider)');
      await compare(member(['감사관실']), 'after resharing (member)');

      await deleteDocument(database, operator, { tenantId: 'nia', document: 'fresh.txt' });
      assert.deepEqual(await names(operator), []);
      await compare(operator, 'after deletion');
    });

    test('merged segments: a document inside a merged unit that is reshared or deleted leaves it, and rankings stay the SQL ones', async () => {
      const names = ['merge-a.txt', 'merge-b.txt', 'merge-c.txt'];
      for (const [index, name] of names.entries()) {
        await ingestDocument(database, operator, { tenantId: 'nia', fileName: name, bytes: text(`병합 문서 ${index}\n\n병합확인마커 초거대 AI 데이터 ${'계획 '.repeat(index + 1)}내용.`), grade: 'internal' });
      }
      // Loaded afresh: the tenant's unrestricted internal segments (the report and these three) become one unit.
      await detachMemoryIndex(database);
      const index = attachMemoryIndex(database, { maxPostings: 10_000_000 });
      assert.equal(await index.warm('nia'), true);
      assert.ok(index.describe().merged >= 1, JSON.stringify(index.describe()));
      const query = '병합확인마커 초거대 AI 데이터 계획';
      const compare = async (what: string) => {
        for (const [name, principal] of scopes) assertSameRanking(await lexical(principal, query, 20), await fromSql(principal, query, 20), `${what}, ${name}`);
      };
      await compare('merged');
      const found = async (principal: Principal) => (await searchChunks(database, principal, { tenantId: 'nia', query, k: 20 })).map((hit) => hit.document);
      await shareDocument(database, operator, { tenantId: 'nia', document: 'merge-b.txt', groups: ['감사관실'] });
      assert.ok(!(await found(member([]))).includes('merge-b.txt'), 'shared with 감사관실 only now');
      assert.ok((await found(member(['감사관실']))).includes('merge-b.txt'));
      await compare('after resharing a merged document');
      await deleteDocument(database, operator, { tenantId: 'nia', document: 'merge-a.txt' });
      assert.ok(!(await found(operator)).includes('merge-a.txt'), 'deleted');
      assert.ok((await found(operator)).includes('merge-c.txt'), 'its unit\'s other documents stay');
      await compare('after deleting a merged document');
      for (const name of ['merge-b.txt', 'merge-c.txt']) await deleteDocument(database, operator, { tenantId: 'nia', document: name });
      await compare('after deleting the rest');
    });

    if (backend.name === 'postgres') {
      test('sees writes committed by another process (another connection pool on the same database)', async () => {
        const elsewhere = await openDatabase(place.config());
        try {
          await ingestDocument(elsewhere, operator, { tenantId: 'nia', fileName: 'remote.txt', bytes: text('다른 서버\n\n원격쓰기마커 내용.'), grade: 'internal' });
          const hits = await searchChunks(database, member([]), { tenantId: 'nia', query: '원격쓰기마커', k: 5 });
          assert.equal(hits[0]?.document, 'remote.txt');
          const remoteChunk = Number(hits[0]!.chunk);
          await deleteDocument(elsewhere, operator, { tenantId: 'nia', document: 'remote.txt' });
          const after = await lexical(member([]), '원격쓰기마커', 100);
          assert.ok(!after.some((hit) => hit.chunkId === remoteChunk), 'the deleted chunk left memory');
          assertSameRanking(after, await fromSql(member([]), '원격쓰기마커', 100), 'after a remote deletion');
        } finally {
          await elsewhere.close();
        }
      });

      test('a transaction left open on the server does not make pruning break later loads (the horizon stays below every new xmin)', async () => {
        const holder = await openDatabase(place.config());
        let release: () => void = () => undefined;
        let holding: Promise<unknown> = Promise.resolve();
        try {
          // An open transaction with a transaction id: every snapshot taken meanwhile has its xmin at or below it.
          const opened = new Promise<void>((resolve) => {
            holding = holder.transaction(async (tx) => {
              await tx.query('SELECT pg_current_xact_id()');
              resolve();
              await new Promise<void>((done) => { release = done; });
            });
          });
          await opened;
          await ingestDocument(database, operator, { tenantId: 'nia', fileName: 'held-open.txt', bytes: text('열린 거래\n\n열린거래마커 내용.'), grade: 'internal' });
          await pruneIndexChangeLog(database, 0);
          const fresh = new MemoryLexicalIndex(database, { maxPostings: 10_000_000 });
          try {
            assert.equal(await fresh.warm('nia'), true, 'a copy that loads now is not told that rows it needs were pruned');
            const scope = readScope(member([]));
            const input = { tenantId: 'nia', grades: scope.grades, groups: scope.groups, terms: analyzeQuery('열린거래마커'), k: 10 };
            assertSameRanking((await fresh.search(input))!, await fromSql(member([]), '열린거래마커'), 'loaded beside an open transaction');
          } finally {
            await fresh.close();
          }
        } finally {
          release();
          await holding;
          await holder.close();
        }
      });
    }

    test('the change log is pruned after its retention, and a reader that had not read the pruned rows loads afresh', async () => {
      await detachMemoryIndex(database);
      const retention = 1200;
      const pruner = attachMemoryIndex(database, { maxPostings: 10_000_000, changeLogRetentionMs: retention });
      // A second copy (another process, in effect) that stays idle while the first prunes.
      const idle = new MemoryLexicalIndex(database, { maxPostings: 10_000_000 });
      try {
        assert.equal(await pruner.warm('nia'), true);
        assert.equal(await idle.warm('nia'), true);
        const count = async () => Number((await database.query<{ n: number }>('SELECT count(*)::int AS n FROM search_index_changes'))[0]!.n);
        const before = await count();
        assert.ok(before > 0);
        // A document the idle copy has not seen yet: its change-log rows are among those pruned below.
        await ingestDocument(database, operator, { tenantId: 'nia', fileName: 'late.txt', bytes: text('늦은 문서\n\n지연적재마커 내용.'), grade: 'internal' });
        const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
        // Searches every retention/6: rows older than the retention go, the late document's among them.
        // (Bounded by rounds, not by time.)
        let after = before;
        for (let round = 0; round < 60 && after > 0; round++) {
          // On PGlite only this process writes, and a search reads the log only after some write of its own.
          await database.query("UPDATE tenants SET name = name WHERE id = 'nia'");
          await lexical(operator, questions[round % questions.length]!);
          await sleep(retention / 6 + 20);
          after = await count();
        }
        assert.equal(after, 0, 'rows written a retention ago are gone');
        const scope = readScope(operator);
        const input = { tenantId: 'nia', grades: scope.grades, groups: scope.groups, terms: analyzeQuery('지연적재마커'), k: 10 };
        assert.equal(await idle.search(input), undefined, 'rows it needed are gone: it reloads, and SQL answers meanwhile');
        assert.equal(await idle.warm('nia'), true);
        assertSameRanking((await idle.search(input))!, await fromSql(operator, '지연적재마커'), 'after the reload');
      } finally {
        await idle.close();
        await detachMemoryIndex(database);
        assert.equal(await attachMemoryIndex(database, { maxPostings: 10_000_000 }).warm('nia'), true);
      }
    });

    test('any process keeps the change log bounded: refreshSearchStatistics prunes old rows, a reader behind them reloads', async () => {
      const idle = new MemoryLexicalIndex(database, { maxPostings: 10_000_000 });
      try {
        assert.equal(await idle.warm('nia'), true);
        await ingestDocument(database, operator, { tenantId: 'nia', fileName: 'pruned-late.txt', bytes: text('늦은 문서 둘\n\n가지치기마커 내용.'), grade: 'internal' });
        const count = async () => Number((await database.query<{ n: number }>('SELECT count(*)::int AS n FROM search_index_changes'))[0]!.n);
        const before = await count();
        assert.ok(before > 0);
        await refreshSearchStatistics(database);
        assert.equal(await count(), before, 'rows younger than the retention (an hour) stay');
        // Everything older than now goes, once no transaction that began before those rows is still running (on a
        // shared server another database's open transaction holds them back for a moment: bounded by rounds).
        let pruned = await pruneIndexChangeLog(database, 0);
        for (let round = 0; round < 100 && pruned < before; round++) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          pruned += await pruneIndexChangeLog(database, 0);
        }
        assert.equal(pruned, before, 'everything older than now goes');
        assert.equal(await count(), 0);
        const scope = readScope(operator);
        const input = { tenantId: 'nia', grades: scope.grades, groups: scope.groups, terms: analyzeQuery('가지치기마커'), k: 10 };
        assert.equal(await idle.search(input), undefined, 'rows it had not read are gone: it reloads, and SQL answers meanwhile');
        assert.equal(await idle.warm('nia'), true);
        const hits = (await idle.search(input))!;
        assertSameRanking(hits, await fromSql(operator, '가지치기마커'), 'after the reload');
        assert.ok(hits.length > 0, 'the new document is found');
      } finally {
        await idle.close();
      }
    });

    test('a tenant larger than the budget stays in SQL, with the same answers', async () => {
      await detachMemoryIndex(database);
      const events: MemoryIndexEvent[] = [];
      const small = attachMemoryIndex(database, { maxPostings: 1000, onEvent: (event) => events.push(event) });
      try {
        assert.equal(await small.warm('nia'), false);
        assert.deepEqual(events.map((event) => [event.event, event.tenantId]), [['too-large', 'nia']], 'the server logs it');
        const question = questions[0]!;
        const hits = await lexical(operator, question);
        assert.equal(small.describe().tenants, 0);
        assert.ok(hits.length > 0);
      } finally {
        await detachMemoryIndex(database);
        assert.equal(await attachMemoryIndex(database, { maxPostings: 10_000_000 }).warm('nia'), true);
      }
    });
  });
}
