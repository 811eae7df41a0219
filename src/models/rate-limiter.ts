import { KgovError } from '../core/index.js';
import type { Queryable } from '../store/index.js';

export type RateLimits = {
  keyRequestsPerMinute: number;
  keyTokensPerMinute: number;
  tenantRequestsPerMinute: number;
  tenantTokensPerMinute: number;
};

type Window = { scope: string; requestLimit: number; tokenLimit: number };

/**
 * Fixed one-minute windows in PostgreSQL: counting a request is one upsert per scope, atomic across
 * API processes. A request is refused when its key or its tenant has used up the window's requests
 * or tokens; tokens are added when the answer is done (their number is only known then).
 */
export async function admitRequest(database: Queryable, input: { tenantId: string; keyId: string; limits: RateLimits }): Promise<void> {
  const windows: Window[] = [
    { scope: `key:${input.keyId}`, requestLimit: input.limits.keyRequestsPerMinute, tokenLimit: input.limits.keyTokensPerMinute },
    { scope: `tenant:${input.tenantId}`, requestLimit: input.limits.tenantRequestsPerMinute, tokenLimit: input.limits.tenantTokensPerMinute },
  ];
  const rows = await database.query<{ scope: string; requests: number; tokens: number | string; retry_after: number }>(
    `INSERT INTO rate_limit_windows (scope, window_start, requests, tokens)
     SELECT scope, date_trunc('minute', now()), 1, 0 FROM unnest($1::text[]) AS input(scope)
     ON CONFLICT (scope, window_start) DO UPDATE SET requests = rate_limit_windows.requests + 1
     RETURNING scope, requests, tokens, ceil(extract(epoch FROM date_trunc('minute', now()) + interval '1 minute' - now()))::int AS retry_after`,
    [windows.map((window) => window.scope)],
  );
  for (const row of rows) {
    const window = windows.find((candidate) => candidate.scope === row.scope)!;
    const overRequests = window.requestLimit > 0 && Number(row.requests) > window.requestLimit;
    const overTokens = window.tokenLimit > 0 && Number(row.tokens) >= window.tokenLimit;
    if (overRequests || overTokens) {
      throw new KgovError('rate_limited', { retryAfterSeconds: Math.max(1, Number(row.retry_after)), scope: row.scope.split(':')[0] });
    }
  }
}

export async function chargeTokens(database: Queryable, input: { tenantId: string; keyId: string; tokens: number }): Promise<void> {
  await database.query(
    `UPDATE rate_limit_windows SET tokens = tokens + $2 WHERE scope = ANY($1::text[]) AND window_start = date_trunc('minute', now())`,
    [[`key:${input.keyId}`, `tenant:${input.tenantId}`], input.tokens],
  );
}

/** Old windows are useless; sweep them now and then rather than in a background job. */
export async function sweepRateLimitWindows(database: Queryable): Promise<void> {
  await database.query("DELETE FROM rate_limit_windows WHERE window_start < now() - interval '10 minutes'");
}
