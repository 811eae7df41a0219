import { createHash } from 'node:crypto';
import canonicalizeModule from 'canonicalize';

// canonicalize (RFC 8785 JSON Canonicalization Scheme) is CommonJS but types itself as an ES default
// export; under NodeNext the default import is the function itself.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

/** Security-relevant acts. Stable strings: auditors filter on them. */
export type AuditAction =
  | 'tenant.created'
  | 'user.created'
  | 'user.updated'
  | 'user.deleted'
  | 'auth.login'
  | 'auth.logout'
  | 'auth.locked'
  | 'key.created'
  | 'key.revoked'
  | 'key.rejected'
  | 'document.ingested'
  | 'document.deleted'
  | 'document.shared'
  | 'document.purged'
  | 'document.reparsed'
  | 'provenance.verified'
  | 'guard.decided'
  | 'policy.changed'
  | 'synonyms.changed'
  | 'model.registered'
  | 'model.promoted'
  | 'external.called'
  | 'search.performed'
  | 'answer.grounded'
  | 'access.denied'
  | 'audit.verified';

export type AuditOutcome = 'success' | 'failure' | 'denied';

/** What a caller states about an act. Never put personal data or secrets in `detail`. */
export type AuditEvent = {
  tenantId: string | null;
  /** Who acted: `user:<id>`, `key:<id>`, `cli:<os user>` or `system`. */
  actor: string;
  action: AuditAction;
  target?: string | null;
  outcome?: AuditOutcome;
  detail?: Record<string, unknown>;
};

export type AuditRecord = {
  seq: number;
  at: string;
  tenantId: string | null;
  actor: string;
  action: string;
  target: string | null;
  outcome: AuditOutcome;
  detail: Record<string, unknown>;
  prevHash: string;
  hash: string;
};

export const genesisHash = '0'.repeat(64);

/**
 * SHA-256 over the previous hash and the record's canonical JSON (RFC 8785, so key order and number
 * formatting after a round trip through jsonb do not change it). The sequence number is inside the
 * hash, so moving a record to another position breaks it.
 */
export function hashRecord(record: Omit<AuditRecord, 'hash'>): string {
  const body = canonicalize({
    seq: record.seq,
    at: record.at,
    tenantId: record.tenantId,
    actor: record.actor,
    action: record.action,
    target: record.target,
    outcome: record.outcome,
    detail: record.detail,
  });
  return createHash('sha256').update(`${record.prevHash}\n${body}`).digest('hex');
}
