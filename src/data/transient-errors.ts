import { KgovError } from '../core/index.js';

/**
 * Which failures are worth another try. PostgreSQL's connection (08xxx), serialization/deadlock
 * (40001, 40P01), resource (53xxx), shutdown (57P0x), statement-timeout (57014) and lock-timeout
 * (55P03) states pass; so do socket errors. A parser failure never is: the same bytes fail the
 * same way.
 */
const transientSqlState = /^(08|53|57P0)|^(40001|40P01|57014|55P03)$/;
const transientSocket = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'EHOSTUNREACH']);

export function isTransient(error: unknown): boolean {
  if (error instanceof KgovError) return error.isRetryable;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && (transientSqlState.test(code) || transientSocket.has(code))) return true;
  const message = (error as Error | null)?.message ?? '';
  return /connection terminated|timeout exceeded|Connection ended unexpectedly/i.test(message);
}

/** Exponential backoff with full jitter (250 ms, 500 ms, 1 s … capped at 10 s), so retries do not stampede. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  return Math.round(random() * Math.min(10_000, 250 * 2 ** Math.max(0, attempt - 1)));
}
