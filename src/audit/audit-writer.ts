import { KgovError } from '../core/index.js';
import type { Database, Queryable } from '../store/index.js';
import { withAuditClient } from './audit-client.js';
import { hashRecord, type AuditEvent, type AuditRecord } from './audit-record.js';

type Head = { seq: number; hash: string };

/** Chains `events` after `head`, in the order given, all with one timestamp. */
function chainRecords(head: Head, events: readonly AuditEvent[]): AuditRecord[] {
  const records: AuditRecord[] = [];
  let seq = head.seq;
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
  return records;
}

const recordColumns = (records: readonly AuditRecord[]) => [
  records.map((record) => record.seq), records.map((record) => record.at), records.map((record) => record.tenantId),
  records.map((record) => record.actor), records.map((record) => record.action), records.map((record) => record.target),
  records.map((record) => record.outcome), records.map((record) => JSON.stringify(record.detail)),
  records.map((record) => record.prevHash), records.map((record) => record.hash),
];
const insertRecords = `INSERT INTO audit_log (seq, at, tenant_id, actor, action, target, outcome, detail, prev_hash, hash)
  SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::text[], $10::text[])`;

/**
 * Appends several records in the caller's transaction with three statements (lock the head, one
 * multi-row insert, move the head), chained in the order given.
 */
export async function appendAuditBatch(tx: Queryable, events: readonly AuditEvent[]): Promise<AuditRecord[]> {
  if (events.length === 0) return [];
  const records = chainRecords(await readHead(tx, { lock: true }), events);
  await tx.query(insertRecords, recordColumns(records));
  const last = records.at(-1)!;
  await tx.query('UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1', [last.seq, last.hash]);
  return records;
}

/**
 * Appends records after `head` in one statement, which is its own transaction: the head moves and the records are
 * inserted only if the head is still `head` when the row is updated (under READ COMMITTED a concurrent append makes
 * the UPDATE re-check its condition on the new head, match nothing, and so insert nothing). Returns null when the
 * head had moved: the caller reads it again and retries. One round trip instead of five (BEGIN, lock, insert, move,
 * COMMIT) for the writer that appends most (the gateway's group commit).
 */
async function appendAfter(database: Queryable, head: Head, events: readonly AuditEvent[]): Promise<AuditRecord[] | null> {
  const records = chainRecords(head, events);
  const last = records.at(-1)!;
  const columns = recordColumns(records);
  const rows = await database.query<{ seq: number | string }>(
    `WITH moved AS (UPDATE audit_head SET seq = $11, hash = $12 WHERE id = 1 AND seq = $13 AND hash = $14 RETURNING id)
     ${insertRecords} WHERE EXISTS (SELECT 1 FROM moved) RETURNING seq`,
    [...columns, last.seq, last.hash, head.seq, head.hash],
  );
  if (rows.length === 0) return null;
  if (rows.length !== records.length) throw new Error(`audit append stored ${rows.length} of ${records.length} records`);
  return records;
}

/** The chain's head; `lock` (inside a transaction) holds it until commit, which serialises appends across processes. */
export async function readHead(database: Queryable, options: { lock?: boolean } = {}): Promise<Head> {
  const [head] = await database.query<{ seq: number | string; hash: string }>(`SELECT seq, hash FROM audit_head WHERE id = 1${options.lock ? ' FOR UPDATE' : ''}`);
  if (!head) throw new Error('audit_head row is missing: the schema was not migrated');
  return { seq: Number(head.seq), hash: head.hash };
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
 * that arrive while a transaction is being written go into the next one, `delayMs` later, so many requests share one
 * transaction: one statement while this writer's idea of the chain's head is right (`appendAfter`), a read of the
 * head and that statement again when another writer moved it, a locked three-statement transaction when the head
 * keeps moving. A failed write is retried with the same records, in order, until it
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
  let head: Head | null = null;

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      try {
        const events = batch.map((pending) => pending.event);
        let records: AuditRecord[] | null = null;
        // The head as this writer last left it; another writer (an ingest, a login, another process) moving it on
        // costs one extra read. Bounded, so a head that moves on every try cannot keep the batch spinning.
        for (let attempt = 0; attempt < 5 && !records; attempt++) {
          head ??= await readHead(database);
          records = await appendAfter(database, head, events);
          head = records ? { seq: records.at(-1)!.seq, hash: records.at(-1)!.hash } : null;
        }
        records ??= await database.transaction((tx) => appendAuditBatch(tx, events));
        queue.splice(0, batch.length);
        failing = null;
        batch.forEach((pending, index) => pending.resolve(records[index]!));
        // One transaction per delay: records that arrived during this one wait for the next, `delayMs` later
        // (`schedule`), unless a full batch is already waiting. Writing them at once made a busy gateway commit
        // back to back, a record or two each (0.6 statements per request at 500 requests/s), instead of ~10 at a time.
        if (queue.length < maxBatch && !closed) return;
      } catch (error) {
        head = null;
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
        // The request's client is read now: the batch is written later, outside the request.
        queue.push({ event: withAuditClient(event), resolve, reject });
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
