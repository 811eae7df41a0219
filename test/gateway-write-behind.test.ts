import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildServer } from '../src/api/index.js';
import { createAuditWriter, readAuditLog, recordAudit, verifyAuditLog } from '../src/audit/index.js';
import { createApiKey, createTenant, type Principal } from '../src/auth/index.js';
import { KgovError } from '../src/core/index.js';
import { createRateLimiter, createUsageMeter, usageReport } from '../src/models/index.js';
import { openDatabase, type Database, type Queryable } from '../src/store/index.js';
import { backends, skipReason } from './helpers/backends.js';
import { startStubUpstream } from './helpers/stub-upstream.js';

const operator: Principal = { kind: 'operator', name: 'test' };

/** The real database, with a switch that makes every statement fail (a server gone away) and counters. */
function breakable(database: Database) {
  const state = { broken: false, transactions: 0, statements: 0 };
  const guard = () => {
    if (state.broken) throw new Error('connection terminated (test)');
  };
  const wrap = (queryable: Queryable): Queryable => ({
    query: async (sql, params) => {
      guard();
      state.statements++;
      return queryable.query(sql, params);
    },
  });
  const wrapped: Database = {
    kind: database.kind,
    query: wrap(database).query,
    exec: (sql) => database.exec(sql),
    transaction: async (work) => {
      guard();
      state.transactions++;
      return database.transaction((tx) => work(wrap(tx)));
    },
    close: () => database.close(),
  };
  return { database: wrapped, state };
}

const minuteOf = () => Math.floor(Date.now() / 60_000);

/** Calls `call` every 50 ms until an answer satisfies `done` (or 10 s pass); returns the last answer. */
async function firstAnswer<T>(call: () => Promise<T>, done: (answer: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const answer = await call();
    if (done(answer) || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs `body` so that it starts and ends in one clock minute (fixed windows); tries again once if a minute turned. */
async function withinOneMinute(body: (attempt: number) => Promise<void>) {
  for (let attempt = 0; ; attempt++) {
    const start = minuteOf();
    try {
      await body(attempt);
      return;
    } catch (error) {
      if (attempt > 0 || minuteOf() === start) throw error;
    }
  }
}

for (const backend of backends) {
  describe(`gateway write-behind state (audit group commit, rate limits, usage) on ${backend.name}`, { skip: skipReason(backend) }, () => {
    let place: Awaited<ReturnType<typeof backend.prepare>>;
    let database: Database;

    before(async () => {
      place = await backend.prepare();
      database = await openDatabase(place.config());
      await createTenant(database, operator, { id: 'mois', name: '행정안전부' });
    });
    after(async () => {
      await database?.close();
      await place?.cleanup();
    });

    test('audit writer: concurrent records share transactions, stay in order and keep the chain valid', async () => {
      const { database: counted, state } = breakable(database);
      const writer = createAuditWriter(counted);
      const records = await Promise.all(Array.from({ length: 300 }, (_, index) => writer.append({
        tenantId: 'mois', actor: 'key:test', action: 'guard.decided', target: 'input:internal', detail: { index },
      })));
      await writer.close();
      // One statement per batch while the writer's head is right (no BEGIN/COMMIT round trips), a head read first.
      assert.ok(state.statements + state.transactions < 30, `300 records in ${state.statements} statements, ${state.transactions} transactions`);
      const seqs = records.map((record) => record.seq);
      assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b), 'append order is chain order');
      assert.equal(new Set(seqs).size, 300);
      const stored: number[] = [];
      for await (const record of readAuditLog(database)) if (record.actor === 'key:test') stored.push(record.detail.index as number);
      assert.deepEqual(stored, Array.from({ length: 300 }, (_, index) => index));
      const verification = await verifyAuditLog(database);
      assert.equal(verification.ok, true, JSON.stringify(verification.problems.slice(0, 3)));
    });

    test('audit writer: records arriving steadily (one every 2 ms) are written once per delay, not back to back', async () => {
      const { database: counted, state } = breakable(database);
      const writer = createAuditWriter(counted);
      const written: Promise<unknown>[] = [];
      const started = performance.now();
      for (let index = 0; index < 50; index++) {
        written.push(writer.append({ tenantId: 'mois', actor: 'key:steady', action: 'guard.decided', detail: { index } }));
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      await Promise.all(written);
      await writer.close();
      const elapsed = performance.now() - started;
      // At most one transaction per 20 ms delay (plus the first read of the chain's head and the closing flush),
      // however long the arrivals took on this machine. Writing each arrival as soon as the previous commit ended
      // made it one statement per record or two (15 here against 6).
      const bound = Math.ceil(elapsed / 20) + 2;
      assert.ok(state.statements <= bound, `50 records over ${elapsed.toFixed(0)} ms in ${state.statements} statements (at most ${bound})`);
      assert.equal((await verifyAuditLog(database)).ok, true);
    });

    test('audit writer: other writers moving the head (a second writer, appends in transactions) keep one valid chain', async () => {
      const first = createAuditWriter(database, { delayMs: 1 });
      const second = createAuditWriter(database, { delayMs: 1 });
      const appended = await Promise.all(Array.from({ length: 120 }, (_, index) => {
        const event = { tenantId: 'mois', actor: 'key:race', action: 'guard.decided' as const, detail: { index } };
        if (index % 3 === 0) return recordAudit(database, event);
        return (index % 3 === 1 ? first : second).append(event);
      }));
      await Promise.all([first.close(), second.close()]);
      assert.equal(new Set(appended.map((record) => record.seq)).size, 120, 'every record has its own place in the chain');
      const stored = new Map<number, number>();
      for await (const record of readAuditLog(database)) if (record.actor === 'key:race') stored.set(record.detail.index as number, record.seq);
      assert.equal(stored.size, 120);
      for (const record of appended) assert.equal(stored.get(record.detail.index as number), record.seq, 'the returned record is the stored one');
      const verification = await verifyAuditLog(database);
      assert.equal(verification.ok, true, JSON.stringify(verification.problems.slice(0, 3)));
    });

    test('audit writer: a failed write makes it refuse (fail closed), then retries the same records in order', async () => {
      const { database: flaky, state } = breakable(database);
      const writer = createAuditWriter(flaky, { retryMs: 20 });
      writer.assertHealthy();
      state.broken = true;
      const first = writer.append({ tenantId: 'mois', actor: 'key:flaky', action: 'guard.decided', detail: { n: 1 } });
      const second = writer.append({ tenantId: 'mois', actor: 'key:flaky', action: 'guard.decided', detail: { n: 2 } });
      await new Promise((resolve) => setTimeout(resolve, 60));
      assert.throws(() => writer.assertHealthy(), (error: unknown) => error instanceof KgovError && error.code === 'audit_unavailable' && error.httpStatus === 503);
      state.broken = false;
      const [one, two] = await Promise.all([first, second]);
      assert.equal(two.seq, one.seq + 1);
      writer.assertHealthy();
      await writer.close();
      await assert.rejects(writer.append({ tenantId: 'mois', actor: 'key:flaky', action: 'guard.decided' }), /audit/i);
      assert.equal((await verifyAuditLog(database)).ok, true);
    });

    test('rate limiter: exact in one process, shared through the table across processes and restarts', async () => {
      await withinOneMinute(async (attempt) => {
        const limits = { keyRequestsPerMinute: 4, keyTokensPerMinute: 0, tenantRequestsPerMinute: 0, tenantTokensPerMinute: 0 };
        const caller = { tenantId: 'mois', keyId: `limited-${attempt}` };
        const first = createRateLimiter(database, limits, { syncMs: 60_000 });
        const second = createRateLimiter(database, limits, { syncMs: 60_000 });
        try {
          // 3 concurrent requests in process one: all admitted (limit 4).
          await Promise.all([first.admit(caller), first.admit(caller), first.admit(caller)]);
          await first.sync();
          // Process two reads the table on its first request of the minute: 3 + 1 = 4 is admitted, the fifth is not.
          await second.admit(caller);
          await assert.rejects(second.admit(caller), (error: unknown) => error instanceof KgovError && error.code === 'rate_limited'
            && Number(error.params.retryAfterSeconds) >= 1 && Number(error.params.retryAfterSeconds) <= 60);
          await second.sync();
          await first.sync();
          await assert.rejects(first.admit(caller), (error: unknown) => error instanceof KgovError && error.code === 'rate_limited');
          // A restarted process starts from the table, not from zero.
          const restarted = createRateLimiter(database, limits, { syncMs: 60_000 });
          await assert.rejects(restarted.admit(caller), (error: unknown) => error instanceof KgovError && error.code === 'rate_limited');
          await restarted.close();
        } finally {
          await first.close();
          await second.close();
        }
        const [row] = await database.query<{ requests: number }>('SELECT requests FROM rate_limit_windows WHERE scope = $1', [`key:${caller.keyId}`]);
        assert.equal(Number(row?.requests), 4, 'refused requests are not counted');
      });
    });

    test('rate limiter: tokens charged after answers close the window; the database down refuses (503), never admits', async () => {
      await withinOneMinute(async (attempt) => {
        const limits = { keyRequestsPerMinute: 0, keyTokensPerMinute: 100, tenantRequestsPerMinute: 0, tenantTokensPerMinute: 0 };
        const caller = { tenantId: 'mois', keyId: `tokens-${attempt}` };
        const limiter = createRateLimiter(database, limits, { syncMs: 60_000 });
        await limiter.admit(caller);
        limiter.charge({ ...caller, tokens: 100 });
        await assert.rejects(limiter.admit(caller), (error: unknown) => error instanceof KgovError && error.code === 'rate_limited');
        await limiter.close();
      });
      const { database: down, state } = breakable(database);
      state.broken = true;
      const limiter = createRateLimiter(down, { keyRequestsPerMinute: 10, keyTokensPerMinute: 0, tenantRequestsPerMinute: 0, tenantTokensPerMinute: 0 }, { syncMs: 60_000 });
      await assert.rejects(limiter.admit({ tenantId: 'mois', keyId: 'down' }), (error: unknown) => error instanceof KgovError && error.code === 'database_unavailable');
      state.broken = false;
      await limiter.admit({ tenantId: 'mois', keyId: 'down' });
      await limiter.close();
    });

    test('usage meter: totals in memory, one statement per flush, kept when a flush fails', async () => {
      const { database: flaky, state } = breakable(database);
      const meter = createUsageMeter(flaky, { flushMs: 60_000 });
      for (let index = 0; index < 5; index++) {
        meter.record({ tenantId: 'mois', keyId: 'meter', model: 'kgov-llm-13b', usage: { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 } });
      }
      meter.record({ tenantId: 'mois', keyId: 'meter', model: 'bge-m3', usage: { prompt_tokens: 7, completion_tokens: 0, total_tokens: 7 } });
      state.broken = true;
      await assert.rejects(meter.flush());
      state.broken = false;
      const before = state.statements;
      await meter.flush();
      assert.equal(state.statements - before, 1);
      await meter.close();
      const rows = (await usageReport(database, { tenantId: 'mois' })).filter((row) => row.keyId === 'meter');
      assert.deepEqual(rows.map(({ model, requests, promptTokens, completionTokens }) => ({ model, requests, promptTokens, completionTokens })), [
        { model: 'bge-m3', requests: 1, promptTokens: 7, completionTokens: 0 },
        { model: 'kgov-llm-13b', requests: 5, promptTokens: 50, completionTokens: 10 },
      ]);
    });

    test('the gateway refuses with 503 audit_unavailable while guard decisions cannot be stored, and recovers', async () => {
      const stub = await startStubUpstream();
      const { database: flaky, state } = breakable(database);
      const config = place.config({
        logging: { level: 'silent' },
        providers: [{ id: 'onprem', type: 'openai-compatible', baseURL: stub.baseURL, zone: 'internal', models: ['kgov-llm-13b'] }],
      });
      const app = await buildServer({ config, database: flaky, version: 'test' });
      try {
        const key = (await createApiKey(database, operator, { tenantId: 'mois', role: 'staff', clearance: 'internal' })).key;
        const call = () => app.inject({
          method: 'POST', url: '/v1/chat/completions', headers: { authorization: `Bearer ${key}` },
          payload: { model: 'kgov-llm-13b', messages: [{ role: 'user', content: '안녕하세요' }] },
        });
        assert.equal((await call()).statusCode, 200);
        await new Promise((resolve) => setTimeout(resolve, 50));
        state.broken = true;
        // The first request's decision is written behind it; its failure closes the gate for what follows.
        const during = await call();
        // Polled, not slept: on a busy machine the failed write may land later than a fixed pause. Until the gate
        // closes, a request that needs the database for something else first (a lookup past its cache) is refused
        // with the database's own 503; every refusal on the way must be one of the two, and the gate's must come.
        const codeOf = (response: Awaited<ReturnType<typeof call>>) => (response.statusCode === 200 ? null : (response.json() as { error: { code: string } }).error.code);
        const refusals: string[] = [];
        const refused = await firstAnswer(call, (response) => {
          const code = codeOf(response);
          if (code !== null) refusals.push(`${response.statusCode} ${code}`);
          return code === 'audit_unavailable';
        });
        assert.equal(refused.statusCode, 503, `${during.statusCode} then ${refused.statusCode}: ${refused.body}`);
        assert.equal(codeOf(refused), 'audit_unavailable', refusals.join(', '));
        for (const refusal of refusals) assert.match(refusal, /^503 (?:audit_unavailable|database_unavailable)$/);
        state.broken = false;
        // The writer retries once a second; then requests pass again.
        assert.equal((await firstAnswer(call, (response) => response.statusCode === 200)).statusCode, 200);
      } finally {
        await app.close();
        await stub.close();
      }
      assert.equal((await verifyAuditLog(database)).ok, true);
    });
  });
}
