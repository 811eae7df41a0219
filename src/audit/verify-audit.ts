import type { Queryable } from '../store/index.js';
import { readAuditLog } from './audit-log.js';
import { genesisHash, hashRecord } from './audit-record.js';
import { readHead } from './audit-writer.js';

export type AuditProblem =
  | { kind: 'edited'; seq: number; action: string; at: string }
  | { kind: 'missing'; seq: number; afterSeq: number }
  | { kind: 'chain-broken'; seq: number; action: string; at: string }
  | { kind: 'truncated'; lastSeq: number; headSeq: number };

export type AuditVerification = { ok: boolean; records: number; lastSeq: number; problems: AuditProblem[] };

/**
 * Walks the chain and names every record that does not fit:
 * - `edited`: its content no longer matches its own hash;
 * - `missing`: sequence numbers jump (records were deleted);
 * - `chain-broken`: its prev_hash is not the previous record's hash (deleted or reordered before it);
 * - `truncated`: the head says the chain is longer than what is stored (records deleted at the end).
 */
export async function verifyAuditLog(database: Queryable): Promise<AuditVerification> {
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
  for await (const record of readAuditLog(database)) {
    records++;
    if (record.seq !== expectedSeq) {
      problems.push({ kind: 'missing', seq: expectedSeq, afterSeq: record.seq });
    }
    const { hash, ...unhashed } = record;
    if (hashRecord(unhashed) !== hash) {
      problems.push({ kind: 'edited', seq: record.seq, action: record.action, at: record.at });
    } else if (record.prevHash !== previousHash) {
      problems.push({ kind: 'chain-broken', seq: record.seq, action: record.action, at: record.at });
    }
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
  return { ok: problems.length === 0, records, lastSeq, problems };
}
