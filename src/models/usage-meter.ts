import { seoulDay } from '../core/index.js';
import type { Queryable } from '../store/index.js';
import type { Usage } from './chat-types.js';

export type UsageMeter = {
  /** Adds one completed call; written with the next flush. */
  record(input: { tenantId: string; keyId: string; model: string; usage: Usage }): void;
  /** Writes what was recorded so far (one statement for all rows). */
  flush(): Promise<void>;
  close(): Promise<void>;
};

type Totals = { tenantId: string; keyId: string; model: string; day: string; requests: number; promptTokens: number; completionTokens: number };


/**
 * Tokens in and out per tenant, key, model and day (Asia/Seoul). Calls add to totals in memory and
 * every `flushMs` one upsert adds them to `usage_daily`, so metering costs no statement on a
 * request's path. Readers flush first (`GET /api/usage` does), a failed flush keeps its totals for
 * the next one, and closing flushes; what a killed process had not flushed (at most `flushMs` of
 * calls) is lost. Metering is for quotas and reports; the audit log, not this table, is the record
 * of who called what.
 */
export function createUsageMeter(
  database: Queryable,
  /** `now`: the clock that dates each call (milliseconds since the epoch); the system clock unless given. */
  options: { flushMs?: number; onError?: (error: unknown) => void; now?: () => number } = {},
): UsageMeter {
  const now = options.now ?? Date.now;
  let pending = new Map<string, Totals>();

  async function write(): Promise<void> {
    if (pending.size === 0) return;
    const rows = [...pending.values()];
    pending = new Map();
    try {
      await database.query(
        `INSERT INTO usage_daily (tenant_id, key_id, model, day, requests, prompt_tokens, completion_tokens)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::bigint[], $6::bigint[], $7::bigint[])
         ON CONFLICT (tenant_id, key_id, model, day) DO UPDATE SET requests = usage_daily.requests + EXCLUDED.requests,
           prompt_tokens = usage_daily.prompt_tokens + EXCLUDED.prompt_tokens,
           completion_tokens = usage_daily.completion_tokens + EXCLUDED.completion_tokens`,
        [rows.map((row) => row.tenantId), rows.map((row) => row.keyId), rows.map((row) => row.model), rows.map((row) => row.day),
          rows.map((row) => String(row.requests)), rows.map((row) => String(row.promptTokens)), rows.map((row) => String(row.completionTokens))],
      );
    } catch (error) {
      for (const row of rows) add(row);
      throw error;
    }
  }

  function add(row: Totals) {
    const key = JSON.stringify([row.tenantId, row.keyId, row.model, row.day]);
    const totals = pending.get(key);
    if (!totals) pending.set(key, { ...row });
    else {
      totals.requests += row.requests;
      totals.promptTokens += row.promptTokens;
      totals.completionTokens += row.completionTokens;
    }
  }

  /** One write at a time: a second caller waits for the running one, then writes what came in meanwhile. */
  let last: Promise<void> = Promise.resolve();
  const flush = (): Promise<void> => {
    const next = last.then(write);
    last = next.catch(() => undefined);
    return next;
  };
  const timer = setInterval(() => void flush().catch((error: unknown) => options.onError?.(error)), options.flushMs ?? 1_000);
  timer.unref();

  return {
    record(input) {
      add({
        tenantId: input.tenantId, keyId: input.keyId, model: input.model, day: seoulDay(now()), requests: 1,
        promptTokens: input.usage.prompt_tokens, completionTokens: input.usage.completion_tokens,
      });
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}

export type UsageRow = { keyId: string; model: string; day: string; requests: number; promptTokens: number; completionTokens: number };

export async function usageReport(database: Queryable, input: { tenantId: string; from?: string; to?: string }): Promise<UsageRow[]> {
  const rows = await database.query<{ key_id: string; model: string; day: string; requests: number; prompt_tokens: number; completion_tokens: number }>(
    `SELECT key_id, model, to_char(day, 'YYYY-MM-DD') AS day, requests, prompt_tokens, completion_tokens FROM usage_daily
     WHERE tenant_id = $1 AND ($2::date IS NULL OR day >= $2::date) AND ($3::date IS NULL OR day <= $3::date)
     ORDER BY day, key_id, model`,
    [input.tenantId, input.from ?? null, input.to ?? null],
  );
  return rows.map((row) => ({
    keyId: row.key_id, model: row.model, day: row.day, requests: Number(row.requests),
    promptTokens: Number(row.prompt_tokens), completionTokens: Number(row.completion_tokens),
  }));
}
