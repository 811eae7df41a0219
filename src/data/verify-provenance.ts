import { appendAudit } from '../audit/index.js';
import { actorOf, authorize, readScope, type Grade, type Principal } from '../auth/index.js';
import type { Database } from '../store/index.js';
import { resolveDocument } from './document-reference.js';
import { sha256Hex, verifyVersion, type ProvenanceStatement, type VersionCheck } from './provenance.js';
import { nameForAudit } from './treat-personal-data.js';

export type ProvenanceReport = {
  documentId: string;
  name: string;
  ok: boolean;
  versions: VersionCheck[];
  /** With an original file: its hash and the version it is (null: none of them). */
  file?: { sha256: string; matchedVersion: number | null };
};

/**
 * Re-checks every version of a document: the signature over its provenance statement with the
 * tenant's public key, and that the statement still describes the stored row (hash, size, name,
 * grade). Given the original file, also that its SHA-256 is one of the versions'. The check itself
 * is audited, with its outcome.
 */
export async function verifyProvenance(
  database: Database,
  principal: Principal,
  input: { tenantId: string; document: string; file?: Uint8Array },
): Promise<ProvenanceReport> {
  authorize(principal, 'documents.read', { tenantId: input.tenantId });
  const scope = readScope(principal);
  // Deleted documents too: their versions stay stored for audit.
  const document = await resolveDocument(database, { tenantId: input.tenantId, reference: input.document, scope, includeDeleted: true });
  const rows = await database.query<{ version: number; sha256: string; bytes: string | number; format: string; grade: Grade; provenance: ProvenanceStatement | string | null; signature: string | null; signing_key_id: string | null; public_key: string | null }>(
    `SELECT v.version, v.sha256, v.bytes, v.format, v.grade, v.provenance, v.signature, v.signing_key_id, k.public_key
     FROM document_versions v LEFT JOIN signing_keys k ON k.id = v.signing_key_id AND k.tenant_id = $2
     WHERE v.document_id = $1 ORDER BY v.version`,
    [document.id, input.tenantId],
  );
  const versions = rows.map((row) => verifyVersion({
    documentId: document.id, name: document.name, tenantId: input.tenantId, version: Number(row.version), sha256: row.sha256, bytes: Number(row.bytes),
    format: row.format, grade: row.grade, provenance: typeof row.provenance === 'string' ? JSON.parse(row.provenance) as ProvenanceStatement : row.provenance,
    signature: row.signature, signingKeyId: row.signing_key_id, publicKey: row.public_key,
  }));
  const report: ProvenanceReport = { documentId: document.id, name: document.name, ok: versions.length > 0 && versions.every((check) => check.ok), versions };
  if (input.file) {
    const sha256 = sha256Hex(input.file);
    const matched = versions.find((check) => check.sha256 === sha256);
    report.file = { sha256, matchedVersion: matched ? matched.version : null };
    if (!matched || !matched.ok) report.ok = false;
  }
  await database.transaction((tx) => appendAudit(tx, {
    tenantId: input.tenantId, actor: actorOf(principal), action: 'provenance.verified', target: `document:${document.id}`,
    outcome: report.ok ? 'success' : 'failure',
    detail: { name: nameForAudit(document.name), versions: versions.length, failed: versions.filter((check) => !check.ok).map((check) => check.version), file: report.file ?? null },
  }));
  return report;
}
