import { createHash, createPublicKey, sign, verify } from 'node:crypto';
import canonicalizeModule from 'canonicalize';
import type { Grade } from '../auth/index.js';
import type { SigningKey } from './signing-keys.js';

// CommonJS typed as an ES default export (see audit-record.ts).
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

/**
 * What a version's signature vouches for: these bytes (by hash), of this document, ingested then,
 * from this source. Signed as RFC 8785 canonical JSON, so the statement verifies again after jsonb
 * has reordered its keys.
 */
export type ProvenanceStatement = {
  type: 'kgov.provenance/v1';
  tenantId: string;
  documentId: string;
  name: string;
  version: number;
  sha256: string;
  bytes: number;
  format: string;
  grade: Grade;
  /** Where the file came from: a path on the ingesting host, or `upload:<file name>`. */
  source: string | null;
  /** Who supplied it (an agency, a portal), when the ingesting person says so. */
  provider: string | null;
  ingestedBy: string;
  ingestedAt: string;
  effectiveDate: string | null;
  keyId: string;
};

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const signedBytes = (statement: ProvenanceStatement) => Buffer.from(canonicalize(statement) ?? '', 'utf8');

export function signStatement(statement: ProvenanceStatement, key: SigningKey): string {
  return sign(null, signedBytes(statement), key.privateKey).toString('base64');
}

/** One stored version as verification sees it: its columns, its statement and signature, the public key. */
export type StoredVersion = {
  documentId: string; name: string; tenantId: string; version: number; sha256: string; bytes: number; format: string; grade: Grade;
  provenance: ProvenanceStatement | null; signature: string | null; signingKeyId: string | null; publicKey: string | null;
};

export type VersionCheck =
  | { version: number; ok: true; sha256: string; keyId: string }
  | { version: number; ok: false; sha256: string; problem: 'unsigned' | 'bad_signature' | 'row_mismatch' | 'unknown_key'; detail: string };

export function verifyVersion(stored: StoredVersion): VersionCheck {
  const base = { version: stored.version, sha256: stored.sha256 };
  if (!stored.provenance || !stored.signature) return { ...base, ok: false, problem: 'unsigned', detail: 'no signature' };
  if (!stored.publicKey || stored.signingKeyId !== stored.provenance.keyId) {
    return { ...base, ok: false, problem: 'unknown_key', detail: `key ${stored.provenance.keyId}` };
  }
  let valid = false;
  try {
    valid = verify(null, signedBytes(stored.provenance), createPublicKey(stored.publicKey), Buffer.from(stored.signature, 'base64'));
  } catch {
    valid = false;
  }
  if (!valid) return { ...base, ok: false, problem: 'bad_signature', detail: 'signature does not match the statement' };
  // The signature covers the statement; the statement must also describe the row as it is now.
  const statement = stored.provenance;
  const expected: [keyof ProvenanceStatement, unknown][] = [
    ['documentId', stored.documentId], ['name', stored.name], ['tenantId', stored.tenantId], ['version', stored.version],
    ['sha256', stored.sha256], ['bytes', stored.bytes], ['format', stored.format], ['grade', stored.grade],
  ];
  const differing = expected.filter(([field, value]) => statement[field] !== value).map(([field]) => field);
  if (differing.length > 0) return { ...base, ok: false, problem: 'row_mismatch', detail: `stored ${differing.join(', ')} differ from the signed statement` };
  return { ...base, ok: true, keyId: statement.keyId };
}
