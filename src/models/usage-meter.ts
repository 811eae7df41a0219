import type { Queryable } from '../store/index.js';
import type { Usage } from './chat-types.js';

/** Tokens in and out per tenant, key, model and day (Asia/Seoul), one upsert per completed call. */
export async function recordUsage(database: Queryable, input: { tenantId: string; keyId: string; model: string; usage: Usage }): Promise<void> {
  await database.query(
    `INSERT INTO usage_daily (tenant_id, key_id, model, day, requests, prompt_tokens, completion_tokens)
     VALUES ($1, $2, $3, (now() AT TIME ZONE 'Asia/Seoul')::date, 1, $4, $5)
     ON CONFLICT (tenant_id, key_id, model, day) DO UPDATE SET requests = usage_daily.requests + 1,
       prompt_tokens = usage_daily.prompt_tokens + EXCLUDED.prompt_tokens,
       completion_tokens = usage_daily.completion_tokens + EXCLUDED.completion_tokens`,
    [input.tenantId, input.keyId, input.model, input.usage.prompt_tokens, input.usage.completion_tokens],
  );
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
