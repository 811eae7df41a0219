import { KgovError } from '../core/index.js';
import type { Queryable } from '../store/index.js';

export type RateLimits = {
  keyRequestsPerMinute: number;
  keyTokensPerMinute: number;
  tenantRequestsPerMinute: number;
  tenantTokensPerMinute: number;
};

export type RateLimiter = {
  /** Counts a request against its key's and tenant's minute, or refuses it with `rate_limited` (429, Retry-After). */
  /**
   * Counts a request, or refuses it: 429 `rate_limited` when a window is full; 413 `request_exceeds_token_limit` when
   * the request alone (`estimatedTokens`, its prompt) is more than a per-minute token limit: it could never be
   * served, and serving it would spend the key's minute on one call.
   */
  admit(input: { tenantId: string; keyId: string; estimatedTokens?: number }): Promise<void>;
  /** Adds an answer's tokens to the minute (their number is only known once it is done). */
  charge(input: { tenantId: string; keyId: string; tokens: number }): void;
  /** Sends this process's counts to the shared table and learns the other processes' counts. */
  sync(): Promise<void>;
  /** Stops the timer after a last sync. */
  close(): Promise<void>;
};

type Window = {
  start: number;
  /** Counted by this process in this minute. */
  requests: number;
  tokens: number;
  /** The part of `requests`/`tokens` already added to the table. */
  sentRequests: number;
  sentTokens: number;
  /** Other processes' counts in this minute, as last read from the table. */
  otherRequests: number;
  otherTokens: number;
  /** The first request of a minute reads the table once (a restart or another process may have counted already). */
  loaded: Promise<void> | null;
  read: boolean;
};

const minute = 60_000;

/**
 * Fixed one-minute windows per key and per tenant, counted in memory (exact and atomic within the
 * process: JavaScript runs one request's check-and-count without interruption) and shared through
 * `rate_limit_windows`: the first request of a minute reads the table, and every `syncMs` the process
 * adds its new counts and reads the totals back. Several API processes on one PostgreSQL server thus
 * share a budget, each seeing the others' use at most `syncMs` late; one process (the embedded
 * default, where the data directory lock allows no other) is exact. No database statement runs on
 * a request's path except the first of each scope and minute.
 */
export function createRateLimiter(database: Queryable, limits: RateLimits, options: { syncMs?: number; onError?: (error: unknown) => void } = {}): RateLimiter {
  const windows = new Map<string, Window>();
  let lastSweep = 0;

  const current = (scope: string, start: number): Window => {
    let window = windows.get(scope);
    if (!window || window.start !== start) {
      window = { start, requests: 0, tokens: 0, sentRequests: 0, sentTokens: 0, otherRequests: 0, otherTokens: 0, loaded: null, read: false };
      windows.set(scope, window);
    }
    return window;
  };

  const load = (scope: string, window: Window): Promise<void> => {
    window.loaded ??= database.query<{ requests: number; tokens: number | string }>(
      'SELECT requests, tokens FROM rate_limit_windows WHERE scope = $1 AND window_start = $2',
      [scope, new Date(window.start)],
    ).then(([row]) => {
      // Rows written by this process in this minute would be counted twice; before the first sync there are none.
      window.otherRequests = Math.max(window.otherRequests, Number(row?.requests ?? 0) - window.sentRequests);
      window.otherTokens = Math.max(window.otherTokens, Number(row?.tokens ?? 0) - window.sentTokens);
      window.read = true;
    }, (error: unknown) => {
      window.loaded = null;
      throw new KgovError('database_unavailable', { detail: 'rate limits' }, { cause: error });
    });
    return window.loaded;
  };

  async function sync(): Promise<void> {
    const start = Math.floor(Date.now() / minute) * minute;
    const active = [...windows.entries()].filter(([, window]) => window.start === start);
    for (const [scope, window] of windows) if (window.start < start - minute) windows.delete(scope);
    if (active.length > 0) {
      const sent = active.map(([, window]) => ({ requests: window.requests - window.sentRequests, tokens: window.tokens - window.sentTokens }));
      const rows = await database.query<{ scope: string; requests: number; tokens: number | string }>(
        `INSERT INTO rate_limit_windows (scope, window_start, requests, tokens)
         SELECT scope, $2::timestamptz, requests, tokens FROM unnest($1::text[], $3::int[], $4::bigint[]) AS input(scope, requests, tokens)
         ON CONFLICT (scope, window_start) DO UPDATE SET requests = rate_limit_windows.requests + EXCLUDED.requests,
           tokens = rate_limit_windows.tokens + EXCLUDED.tokens
         RETURNING scope, requests, tokens`,
        [active.map(([scope]) => scope), new Date(start), sent.map((delta) => delta.requests), sent.map((delta) => String(delta.tokens))],
      );
      active.forEach(([, window], index) => {
        window.sentRequests += sent[index]!.requests;
        window.sentTokens += sent[index]!.tokens;
      });
      for (const row of rows) {
        const window = windows.get(row.scope);
        if (!window || window.start !== start) continue;
        window.otherRequests = Math.max(0, Number(row.requests) - window.sentRequests);
        window.otherTokens = Math.max(0, Number(row.tokens) - window.sentTokens);
      }
    }
    if (Date.now() - lastSweep > 10 * minute) {
      lastSweep = Date.now();
      await database.query("DELETE FROM rate_limit_windows WHERE window_start < now() - interval '10 minutes'");
    }
  }

  let syncing: Promise<void> | null = null;
  const runSync = () => (syncing ??= sync().catch((error: unknown) => options.onError?.(error)).finally(() => { syncing = null; }));
  const timer = setInterval(() => void runSync(), options.syncMs ?? 1_000);
  timer.unref();

  const scopes = (input: { tenantId: string; keyId: string }) => [
    { scope: `key:${input.keyId}`, requestLimit: limits.keyRequestsPerMinute, tokenLimit: limits.keyTokensPerMinute },
    { scope: `tenant:${input.tenantId}`, requestLimit: limits.tenantRequestsPerMinute, tokenLimit: limits.tenantTokensPerMinute },
  ];

  return {
    async admit(input) {
      for (const { scope, tokenLimit } of scopes(input)) {
        if (tokenLimit > 0 && (input.estimatedTokens ?? 0) > tokenLimit) {
          throw new KgovError('request_exceeds_token_limit', { tokens: input.estimatedTokens, limit: tokenLimit, scope: scope.split(':')[0] });
        }
      }
      const start = Math.floor(Date.now() / minute) * minute;
      const checked = scopes(input).map((entry) => ({ ...entry, window: current(entry.scope, start) }));
      const unread = checked.filter((entry) => !entry.window.read);
      if (unread.length > 0) await Promise.all(unread.map((entry) => load(entry.scope, entry.window)));
      // After the await the minute may have turned: count in the windows of now (loaded or not, they start at 0).
      const now = Date.now();
      const nowStart = Math.floor(now / minute) * minute;
      const retryAfterSeconds = Math.max(1, Math.ceil((nowStart + minute - now) / 1000));
      const entries = nowStart === start ? checked : checked.map((entry) => ({ ...entry, window: current(entry.scope, nowStart) }));
      for (const { scope, requestLimit, tokenLimit, window } of entries) {
        const overRequests = requestLimit > 0 && window.requests + window.otherRequests + 1 > requestLimit;
        const overTokens = tokenLimit > 0 && window.tokens + window.otherTokens >= tokenLimit;
        if (overRequests || overTokens) throw new KgovError('rate_limited', { retryAfterSeconds, scope: scope.split(':')[0] });
      }
      for (const { window } of entries) window.requests += 1;
    },
    charge(input) {
      const start = Math.floor(Date.now() / minute) * minute;
      for (const { scope } of scopes(input)) current(scope, start).tokens += input.tokens;
    },
    sync: runSync,
    async close() {
      clearInterval(timer);
      await runSync();
    },
  };
}
