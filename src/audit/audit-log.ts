import { isKgovError, KgovError } from '../core/index.js';
import type { Database, Queryable } from '../store/index.js';
import type { AuditEvent, AuditRecord } from './audit-record.js';
import { withAuditClient } from './audit-client.js';
import { appendAuditBatch } from './audit-writer.js';

/**
 * Appends one record inside the caller's transaction, so an act and its audit record commit or
 * roll back together. Locking the head row serialises concurrent writers across processes.
 */
export async function appendAudit(tx: Queryable, event: AuditEvent): Promise<AuditRecord> {
  // The request's client is read here and in the group-commit writer's `append`, where an act is recorded: not in
  // the batch write, which the writer's drain runs from a timer, in whichever request's context scheduled it.
  // A log that cannot be written is `audit_unavailable` (503, retry later), not an internal error: the act it records
  // rolls back with it, so nothing is done unrecorded.
  const [record] = await appendAuditBatch(tx, [withAuditClient(event)]).catch((error: unknown) => {
    throw isKgovError(error) ? error : new KgovError('audit_unavailable', {}, { cause: error });
  });
  return record!;
}

/** Records an act that has no transaction of its own (a failed login, a rejected key). */
export function recordAudit(database: Database, event: AuditEvent): Promise<AuditRecord> {
  return database.transaction((tx) => appendAudit(tx, event));
}

type AuditRow = {
  seq: number | string;
  at: Date | string;
  tenant_id: string | null;
  actor: string;
  action: string;
  target: string | null;
  outcome: AuditRecord['outcome'];
  detail: Record<string, unknown> | string;
  prev_hash: string;
  hash: string;
};

export function recordFromRow(row: AuditRow): AuditRecord {
  return {
    seq: Number(row.seq),
    at: row.at instanceof Date ? row.at.toISOString() : new Date(row.at).toISOString(),
    tenantId: row.tenant_id,
    actor: row.actor,
    action: row.action,
    target: row.target,
    outcome: row.outcome,
    detail: typeof row.detail === 'string' ? (JSON.parse(row.detail) as Record<string, unknown>) : row.detail,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** Reads records in chain order, a page at a time, so verification runs in bounded memory. */
export async function* readAuditLog(database: Queryable, pageSize = 1000): AsyncGenerator<AuditRecord> {
  let after = -1;
  for (;;) {
    const rows = await database.query<AuditRow>(
      'SELECT * FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2',
      [after, pageSize],
    );
    for (const row of rows) yield recordFromRow(row);
    if (rows.length < pageSize) return;
    after = Number(rows.at(-1)!.seq);
  }
}

/** What an auditor narrows the log to. Times are instants; `after` is a seq cursor for the next page. */
export type AuditFilter = {
  tenantId?: string;
  since?: Date;
  until?: Date;
  action?: string;
  actor?: string;
  outcome?: AuditRecord['outcome'];
  after?: number;
  limit: number;
};

/**
 * Records in chain order that match every condition given, at most `limit` (the caller pages on with `after` = the
 * last seq). A tenant's filter matches its records only; the operator's (no `tenantId`) every record.
 */
export async function listAuditRecords(database: Queryable, filter: AuditFilter): Promise<AuditRecord[]> {
  const conditions: string[] = [];
  const values: unknown[] = [];
  const where = (sql: string, value: unknown) => {
    values.push(value);
    conditions.push(sql.replace('?', `$${values.length}`));
  };
  if (filter.tenantId !== undefined) where('tenant_id = ?', filter.tenantId);
  if (filter.since) where('at >= ?', filter.since);
  if (filter.until) where('at < ?', filter.until);
  if (filter.action) where('action = ?', filter.action);
  if (filter.actor) where('actor = ?', filter.actor);
  if (filter.outcome) where('outcome = ?', filter.outcome);
  if (filter.after !== undefined) where('seq > ?', filter.after);
  values.push(filter.limit);
  const rows = await database.query<AuditRow>(
    `SELECT * FROM audit_log${conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''} ORDER BY seq LIMIT $${values.length}`, values);
  return rows.map(recordFromRow);
}
