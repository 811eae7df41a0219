import { AsyncLocalStorage } from 'node:async_hooks';
import type { AuditEvent } from './audit-record.js';

/**
 * Where an act came from, for the access record an auditor is required to keep (account, time, source address, what
 * was done: 개인정보의 안전성 확보조치 기준, 접속기록): the caller's IP address and the request id that the server's own
 * log lines carry. The HTTP server sets it once per request (`runWithAuditClient`), so every record written while
 * serving the request - by a route, the guard, the library - carries it without each call site passing it on.
 */
export type AuditClient = { ip?: string; requestId?: string };

const storage = new AsyncLocalStorage<AuditClient>();

export function runWithAuditClient<T>(client: AuditClient, run: () => T): T {
  return storage.run(client, run);
}

/** The event with `detail.client` from the current request, unless it names one already or there is none. */
export function withAuditClient(event: AuditEvent): AuditEvent {
  const client = storage.getStore();
  if (!client || event.detail?.client !== undefined) return event;
  return { ...event, detail: { ...event.detail, client } };
}
