import type { Queryable } from '../store/index.js';
import { readAuditLog } from './audit-log.js';
import { genesisHash, hashRecord } from './audit-record.js';

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
  const [head] = await database.query<{ seq: number | string; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1');
  const headSeq = Number(head?.seq ?? 0);
  if (headSeq !== lastSeq || (head && head.hash !== previousHash && headSeq === lastSeq)) {
    problems.push({ kind: 'truncated', lastSeq, headSeq });
  }
  return { ok: problems.length === 0, records, lastSeq, problems };
}
