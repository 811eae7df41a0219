import type { KgovConfig } from '../core/index.js';
import type { AuditWriter } from '../audit/index.js';
import type { ModelRouter, RateLimiter, UsageMeter } from '../models/index.js';
import type { GuardRuntime } from './chat-guard.js';
import type { Database } from '../store/index.js';

/** What the HTTP layer is given: no globals, so tests can run several servers in one process. */
export type ApiContext = {
  config: KgovConfig;
  database: Database;
  version: string;
  /** Providers behind /v1; built from config.providers by buildModelRouter when not given (tests pass their own). */
  models?: ModelRouter;
};

/**
 * The context routes receive: every optional part filled in, plus the gateway's write-behind parts
 * (group-committed audit, in-memory rate-limit windows and usage totals), which the server flushes
 * when it closes.
 */
export type ResolvedApiContext = ApiContext & {
  models: ModelRouter;
  guard: GuardRuntime;
  audit: AuditWriter;
  limits: RateLimiter;
  usage: UsageMeter;
};
