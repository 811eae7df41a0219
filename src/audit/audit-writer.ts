import { KgovError } from '../core/index.js';
import type { Database, Queryable } from '../store/index.js';
import { hashRecord, type AuditEvent, type AuditRecord } from './audit-record.js';

/**
 * Appends several records in the caller's transaction with three statements (lock the head, one
 * multi-row insert, move the head), chained in the order given.
 */
export async function appendAuditBatch(tx: Queryable, events: readonly AuditEvent[]): Promise<AuditRecord[]> {
  if (events.length === 0) return [];
  const [head] = await tx.query<{ seq: number | string; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE');
  if (!head) throw new Error('audit_head row is missing: the schema was not migrated');
  const records: AuditRecord[] = [];
  let seq = Number(head.seq);
  let prevHash = head.hash;
  const at = new Date().toISOString();
  for (const event of events) {
    seq += 1;
    const unhashed: Omit<AuditRecord, 'hash'> = {
      seq, at, tenantId: event.tenantId, actor: event.actor, action: event.action, target: event.target ?? null,
      outcome: event.outcome ?? 'success', detail: event.detail ?? {}, prevHash,
    };
    const record: AuditRecord = { ...unhashed, hash: hashRecord(unhashed) };
    records.push(record);
    prevHash = record.hash;
  }
  const columns = 10;
  const values = records.map((_, row) => `(${Array.from({ length: columns }, (__, column) => `$${row * columns + column + 1}`).join(', ')})`);
  await tx.query(
    `INSERT INTO audit_log (seq, at, tenant_id, actor, action, target, outcome, detail, prev_hash, hash) VALUES ${values.join(', ')}`,
    records.flatMap((record) => [record.seq, record.at, record.tenantId, record.actor, record.action, record.target,
      record.outcome, JSON.stringify(record.detail), record.prevHash, record.hash]),
  );
  await tx.query('UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1', [seq, prevHash]);
  return records;
}

export type AuditWriter = {
  /** Queues a record; the promise settles when the batch holding it has committed (or failed). */
  append(event: AuditEvent): Promise<AuditRecord>;
  /** Throws `audit_unavailable` while records cannot be stored, so callers that depend on the audit fail closed. */
  assertHealthy(): void;
  /** Writes everything queued so far. */
  flush(): Promise<void>;
  /** Flushes and refuses further appends. */
  close(): Promise<void>;
};

type Pending = { event: AuditEvent; resolve: (record: AuditRecord) => void; reject: (error: unknown) => void };

export type AuditWriterOptions = {
  /** Most records in one transaction. */
  maxBatch?: number;
  /** Most records waiting; beyond it `append` refuses with `audit_unavailable` (memory stays bounded). */
  maxQueued?: number;
  /**
   * How long the first queued record waits for others before the transaction starts. 20 ms caps the
   * log at ~50 transactions a second however many requests come, and is the most a crash can lose.
   */
  delayMs?: number;
  /** Wait before writing a failed batch again. */
  retryMs?: number;
  onError?: (error: unknown) => void;
};

/**
 * Group commit for the hash-chained log. A record waits up to `delayMs` for others, and records
 * that arrive while a transaction is being written go into the next one, so many requests share one
 * transaction (three statements). A failed write is retried with the same records, in order, until it
 * succeeds; meanwhile `assertHealthy` refuses, which is how the gateway fails closed when it cannot
 * audit. Records not yet committed when the process dies are lost: at most what arrived in the last
 * `delayMs` plus one write, the price of not making every request wait for its own commit. Closing
 * (the server does on SIGTERM) writes everything queued.
 */
export function createAuditWriter(database: Database, options: AuditWriterOptions = {}): AuditWriter {
  const maxBatch = options.maxBatch ?? 500;
  const maxQueued = options.maxQueued ?? 20_000;
  const retryMs = options.retryMs ?? 1_000;
  const delayMs = options.delayMs ?? 20;
  const queue: Pending[] = [];
  let writing: Promise<void> | null = null;
  let failing: unknown = null;
  let closed = false;

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      try {
        const records = await database.transaction((tx) => appendAuditBatch(tx, batch.map((pending) => pending.event)));
        queue.splice(0, batch.length);
        failing = null;
        batch.forEach((pending, index) => pending.resolve(records[index]!));
      } catch (error) {
        failing = error;
        options.onError?.(error);
        if (closed) {
          for (const pending of queue.splice(0)) pending.reject(error);
          return;
        }
        // Not unref'd: records still waiting to be written keep the process alive.
        await new Promise((resolve) => setTimeout(resolve, retryMs));
      }
    }
  }

  function schedule(): Promise<void> {
    if (!writing) {
      // Wait a little so that the records of requests arriving meanwhile share the transaction.
      writing = new Promise<void>((resolve) => (delayMs > 0 ? setTimeout(resolve, delayMs) : setImmediate(resolve))).then(drain).finally(() => {
        writing = null;
        if (queue.length > 0) void schedule();
      });
    }
    return writing;
  }

  const unavailable = (error: unknown) => new KgovError('audit_unavailable', {}, { cause: error });

  return {
    append(event) {
      if (closed) return Promise.reject(unavailable(new Error('audit writer closed')));
      if (queue.length >= maxQueued) return Promise.reject(unavailable(failing ?? new Error('audit queue full')));
      return new Promise<AuditRecord>((resolve, reject) => {
        queue.push({ event, resolve, reject });
        void schedule();
      });
    },
    assertHealthy() {
      if (closed || failing !== null || queue.length >= maxQueued) throw unavailable(failing);
    },
    async flush() {
      while (queue.length > 0 || writing) await (writing ?? schedule());
    },
    async close() {
      closed = true;
      while (queue.length > 0 || writing) await (writing ?? schedule());
    },
  };
}
