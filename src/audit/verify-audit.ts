import type { Queryable } from '../store/index.js';
import type { AuditCheckpoint } from './audit-checkpoint.js';
import { readAuditLog } from './audit-log.js';
import { genesisHash, hashRecord } from './audit-record.js';
import { readHead } from './audit-writer.js';

export type AuditProblem =
  // `action` and `at` are left out of another tenant's record when a tenant's administrator asks.
  | { kind: 'edited'; seq: number; action?: string; at?: string }
  | { kind: 'missing'; seq: number; afterSeq: number }
  | { kind: 'chain-broken'; seq: number; action?: string; at?: string }
  | { kind: 'truncated'; lastSeq: number; headSeq: number }
  /** The record at the checkpoint's seq is gone or has another hash: deleted, truncated or rewritten since. */
  | { kind: 'checkpoint'; seq: number; lastSeq: number };

export type AuditVerification = { ok: boolean; records: number; lastSeq: number; problems: AuditProblem[] };

/**
 * Walks the chain and names every record that does not fit:
 * - `edited`: its content no longer matches its own hash;
 * - `missing`: sequence numbers jump (records were deleted);
 * - `chain-broken`: its prev_hash is not the previous record's hash (deleted or reordered before it);
 * - `truncated`: the head says the chain is longer than what is stored (records deleted at the end);
 * - `checkpoint`: the chain no longer holds the checkpoint kept outside the database (`audit-checkpoint.ts`): the
 *   last records deleted with the head moved back, the log emptied, or records rewritten with new hashes.
 */
/**
 * With `tenantId` (a tenant's administrator asking over HTTP), `records` and `lastSeq` count that tenant's records
 * only, and a problem in another tenant's record says its kind and place, not its action or time.
 */
export async function verifyAuditLog(database: Queryable, options: { checkpoint?: AuditCheckpoint; tenantId?: string } = {}): Promise<AuditVerification> {
  const checkpoint = options.checkpoint;
  let checkpointHeld = checkpoint === undefined || checkpoint.seq === 0;
  const problems: AuditProblem[] = [];
  // The head is read before the records and again after them: an append (records and head move in one transaction)
  // that commits while the records are read leaves them between the two readings, which is no truncation. Read only
  // after, such an append made the records look short (a SIGKILLed writer's last COMMIT, still on its way to the
  // server, landed in the middle of a verification).
  const headBefore = await readHead(database);
  let expectedSeq = 1;
  let previousHash = genesisHash;
  let records = 0;
  let lastSeq = 0;
  let ownRecords = 0;
  let ownLastSeq = 0;
  for await (const record of readAuditLog(database)) {
    records++;
    if (options.tenantId !== undefined && record.tenantId === options.tenantId) {
      ownRecords++;
      ownLastSeq = record.seq;
    }
    // Another tenant's record is named by its place only.
    const named = options.tenantId === undefined || record.tenantId === options.tenantId;
    if (record.seq !== expectedSeq) {
      problems.push({ kind: 'missing', seq: expectedSeq, afterSeq: record.seq });
    }
    const { hash, ...unhashed } = record;
    if (hashRecord(unhashed) !== hash) {
      problems.push(named ? { kind: 'edited', seq: record.seq, action: record.action, at: record.at } : { kind: 'edited', seq: record.seq });
    } else if (record.prevHash !== previousHash) {
      problems.push(named ? { kind: 'chain-broken', seq: record.seq, action: record.action, at: record.at } : { kind: 'chain-broken', seq: record.seq });
    }
    if (checkpoint && record.seq === checkpoint.seq && hash === checkpoint.hash) checkpointHeld = true;
    previousHash = hash;
    lastSeq = record.seq;
    expectedSeq = record.seq + 1;
  }
  const headAfter = await readHead(database);
  // Records the head vouched for before the walk are gone, or records lie beyond any head (written without moving
  // it), or the head names the last record with another hash.
  if (lastSeq < headBefore.seq) problems.push({ kind: 'truncated', lastSeq, headSeq: headBefore.seq });
  else if (lastSeq > headAfter.seq || (lastSeq === headAfter.seq && headAfter.hash !== previousHash)) {
    problems.push({ kind: 'truncated', lastSeq, headSeq: headAfter.seq });
  }
  if (!checkpointHeld) problems.push({ kind: 'checkpoint', seq: checkpoint!.seq, lastSeq });
  if (options.tenantId !== undefined) {
    return { ok: problems.length === 0, records: ownRecords, lastSeq: ownLastSeq, problems };
  }
  return { ok: problems.length === 0, records, lastSeq, problems };
}
