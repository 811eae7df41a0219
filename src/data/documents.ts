import { appendAudit } from '../audit/index.js';
import { actorOf, authorize, authorizeSharing, everyGroup, parseGroups, readScope, sharedWithSql, type Grade, type Principal, type ReadScope } from '../auth/index.js';
import { KgovError } from '../core/index.js';
import { setSegmentSharing, unindexChunksForSearch } from '../search/index.js';
import type { Database, Queryable } from '../store/index.js';
import { resolveDocument } from './document-reference.js';
import { restoreWithheldDuplicates } from './exact-duplicates.js';
import { indexPassagesAgain } from './index-again.js';
import { nameForAudit } from './treat-personal-data.js';

export type DocumentSummary = {
  /** `name` is the file's base name and need not be unique; `source` (the file's path, or `upload:NAME`) tells two apart. */
  id: string; name: string; source: string | null; grade: Grade; version: number; versions: number; chunks: number; format: string; ingestedAt: Date;
  /** Groups the document is shared with; empty: the whole tenant (within its grade). */
  sharedWith: string[];
  /** The current version's effective date (YYYY-MM-DD): stated in the document, else its properties, else the ingest day. */
  effectiveDate: string | null;
  /**
   * The parser release that read the current version (`parserVersion` in `prepare-document.ts`); null for versions
   * ingested before parsers were versioned. Lower than this release's: `kgov reindex --reparse` can read it again.
   */
  parserVersion: number | null;
};

export type DocumentVersion = {
  id: string; version: number; sha256: string; bytes: number; format: string; grade: Grade; effectiveDate: string | null;
  ingestedAt: Date; supersededAt: Date | null; signed: boolean; signingKeyId: string | null;
  /** The parser that made this version's chunks (`parserVersion`); null: stored before versions recorded it. */
  parserVersion: number | null;
  /**
   * The earlier document this version nearly duplicates (MinHash estimate of Jaccard similarity), or null:
   * also null when the caller may not see that document (another grade, deleted) or this version.
   */
  nearDuplicateOf: { documentId: string; name: string; version: number; similarity: number } | null;
  /**
   * Personal data found in this version's chunks: the treatment applied and, per type, in how many chunks it
   * was found (chunks overlap, so these are not counts of distinct values); null when the caller may not see the version.
   */
  personalData: { treatment: string | null; chunks: number; types: Record<string, number> } | null;
};

export type DocumentDetail = DocumentSummary & { createdAt: Date; versionList: DocumentVersion[] };

/** `effective_date` is a date; drivers give a Date at local midnight or a string. */
export function dateOnly(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`;
  return String(value).slice(0, 10);
}

/** Documents the caller may see (tenant, grade and sharing), newest version's facts. */
export async function listDocuments(database: Queryable, principal: Principal, tenantId: string): Promise<DocumentSummary[]> {
  authorize(principal, 'documents.read', { tenantId });
  return (await selectSummaries(database, tenantId, readScope(principal))).map((summary) => forReader(principal, summary));
}

/**
 * A public-role reader (a citizens' chatbot's key) is not told where a document came from: `source` is a path on the
 * agency's file server (/srv/공유/감사관실/…), which names its folders and people. Staff, reviewers and admins see it.
 */
function forReader(principal: Principal, summary: DocumentSummary): DocumentSummary {
  return 'role' in principal && principal.role === 'public' ? { ...summary, source: null } : summary;
}

async function selectSummaries(database: Queryable, tenantId: string, scope: ReadScope, documentId?: string): Promise<DocumentSummary[]> {
  const rows = await database.query<{ id: string; name: string; source: string | null; grade: Grade; access_groups: string[]; version: number; versions: number; chunks: number; format: string; ingested_at: Date; effective_date: unknown; parser_version: number | null }>(
    `SELECT d.id, d.name, d.source, d.grade, d.access_groups, v.version, counts.versions, counts.chunks, v.format, v.ingested_at, v.effective_date::text AS effective_date,
            v.parser_version
     FROM documents d
     JOIN LATERAL (SELECT * FROM document_versions WHERE document_id = d.id ORDER BY superseded_at IS NULL DESC, version DESC LIMIT 1) v ON true
     JOIN LATERAL (SELECT count(DISTINCT dv.id)::int AS versions,
                          (SELECT count(*)::int FROM chunks c WHERE c.document_id = d.id AND c.active) AS chunks
                   FROM document_versions dv WHERE dv.document_id = d.id) counts ON true
     WHERE d.tenant_id = $1 AND d.deleted_at IS NULL AND d.grade = ANY($2::text[]) AND ${sharedWithSql('d.access_groups', '$3')}
       AND ($4::text IS NULL OR d.id = $4)
     ORDER BY d.name, d.source_key`,
    [tenantId, scope.grades, scope.groups, documentId ?? null],
  );
  return rows.map((row) => ({
    id: row.id, name: row.name, source: row.source, grade: row.grade, sharedWith: row.access_groups ?? [], version: Number(row.version), versions: Number(row.versions),
    chunks: Number(row.chunks), format: row.format, ingestedAt: new Date(row.ingested_at), effectiveDate: dateOnly(row.effective_date),
    parserVersion: row.parser_version === null ? null : Number(row.parser_version),
  }));
}

/**
 * One document by id, source path or name (`resolveDocument`: a name that several documents have is refused), with
 * every version (superseded ones too), if the caller may see it.
 */
export async function getDocument(database: Queryable, principal: Principal, tenantId: string, document: string): Promise<DocumentDetail> {
  authorize(principal, 'documents.read', { tenantId });
  const scope = readScope(principal);
  const row = await resolveDocument(database, { tenantId, reference: document, scope });
  const [summary] = await selectSummaries(database, tenantId, scope, row.id);
  if (!summary) throw new KgovError('document_not_found', { document });
  const visible = scope.grades;
  const versions = await database.query<{
    id: string; version: number; sha256: string; bytes: string | number; format: string; grade: Grade; effective_date: unknown; ingested_at: Date; superseded_at: Date | null;
    signature: string | null; signing_key_id: string | null; parser_version: number | null; cleaning: unknown; similarity: number | null; near_document_id: string | null; near_name: string | null; near_version: number | null;
  }>(
    `SELECT v.id, v.version, v.sha256, v.bytes, v.format, v.grade, v.effective_date::text AS effective_date, v.ingested_at, v.superseded_at, v.signature, v.signing_key_id, v.parser_version,
            v.cleaning, v.near_duplicate_similarity AS similarity, nd.id AS near_document_id, nd.name AS near_name, n.version AS near_version
     FROM document_versions v
     LEFT JOIN document_versions n ON n.id = v.near_duplicate_of
     LEFT JOIN documents nd ON nd.id = n.document_id AND nd.tenant_id = $2 AND nd.deleted_at IS NULL AND nd.grade = ANY($3::text[]) AND n.grade = ANY($3::text[])
       AND ${sharedWithSql('nd.access_groups', '$4')}
     WHERE v.document_id = $1 ORDER BY v.version DESC`, [row.id, tenantId, visible, scope.groups]);
  const piiRows = await database.query<{ version_id: string; type: string | null; chunks: number }>(
    `SELECT c.version_id, p.key AS type, count(*)::int AS chunks
     FROM chunks c CROSS JOIN LATERAL jsonb_each(coalesce(c.pii, '{}'::jsonb)) p
     WHERE c.document_id = $1 GROUP BY c.version_id, p.key
     UNION ALL
     SELECT c.version_id, NULL, count(*)::int FROM chunks c WHERE c.document_id = $1 AND c.pii IS NOT NULL AND c.pii <> '{}'::jsonb GROUP BY c.version_id`, [row.id]);
  const personalData = new Map<string, { chunks: number; types: Record<string, number> }>();
  for (const pii of piiRows) {
    const entry = personalData.get(pii.version_id) ?? { chunks: 0, types: {} };
    if (pii.type === null) entry.chunks = Number(pii.chunks);
    else entry.types[pii.type] = Number(pii.chunks);
    personalData.set(pii.version_id, entry);
  }
  return {
    ...forReader(principal, summary), createdAt: new Date(row.created_at),
    versionList: versions.map((version) => {
      const mayRead = visible.includes(version.grade);
      const cleaning = (typeof version.cleaning === 'string' ? JSON.parse(version.cleaning) : version.cleaning) as { piiTreatment?: string } | null;
      const types = personalData.get(version.id)?.types ?? {};
      return {
        id: version.id, version: Number(version.version), sha256: version.sha256, bytes: Number(version.bytes), format: version.format, grade: version.grade,
        effectiveDate: dateOnly(version.effective_date), ingestedAt: new Date(version.ingested_at), supersededAt: version.superseded_at ? new Date(version.superseded_at) : null,
        signed: version.signature !== null, signingKeyId: version.signing_key_id,
        parserVersion: version.parser_version === null ? null : Number(version.parser_version),
        nearDuplicateOf: mayRead && version.near_document_id !== null && version.near_name !== null && version.near_version !== null
          ? { documentId: version.near_document_id, name: version.near_name, version: Number(version.near_version), similarity: Number(version.similarity ?? 0) }
          : null,
        personalData: mayRead
          ? { treatment: cleaning?.piiTreatment ?? null, chunks: personalData.get(version.id)?.chunks ?? 0, types: Object.fromEntries(Object.entries(types).sort(([a], [b]) => a.localeCompare(b))) }
          : null,
      };
    }),
  };
}

/**
 * Deletes a document (by id, source path or name, as `resolveDocument` picks it): it stops being served at once;
 * versions and chunks stay stored for audit. Returns the deleted document's id.
 */
export async function deleteDocument(database: Database, principal: Principal, input: { tenantId: string; document: string }): Promise<{ id: string; name: string }> {
  authorize(principal, 'documents.write', { tenantId: input.tenantId });
  return database.transaction(async (tx) => {
    const row = await resolveDocument(tx, { tenantId: input.tenantId, reference: input.document, scope: readScope(principal), lock: true });
    const chunks = await tx.query<{ id: number | string }>('SELECT id FROM chunks WHERE document_id = $1 AND active', [row.id]);
    await tx.query('UPDATE documents SET deleted_at = now() WHERE id = $1', [row.id]);
    const removed = chunks.map((chunk) => Number(chunk.id));
    await unindexChunksForSearch(tx, removed);
    // Copies withheld as duplicates of these chunks in other documents are served in their place.
    await restoreWithheldDuplicates(tx, removed);
    await appendAudit(tx, {
      tenantId: input.tenantId, actor: actorOf(principal), action: 'document.deleted', target: `document:${row.id}`, detail: { name: nameForAudit(row.name), source: nameForAudit(row.source) },
    });
    return { id: row.id, name: row.name };
  });
}

/**
 * Shares a document with some groups of its tenant (the people and keys in at least one of them), or with the
 * whole tenant again (`groups` empty). Its grade still applies. Takes effect for search at once: the document's
 * index segments are marked in the same transaction. Only someone who sees the document may change it, and the
 * change is audited with the groups before and after.
 */
export async function shareDocument(
  database: Database,
  principal: Principal,
  input: { tenantId: string; document: string; groups: string | readonly string[] },
): Promise<DocumentSummary> {
  authorize(principal, 'documents.write', { tenantId: input.tenantId });
  const groups = parseGroups(input.groups);
  const scope = readScope(principal);
  const id = await database.transaction(async (tx) => {
    const row = await resolveDocument(tx, { tenantId: input.tenantId, reference: input.document, scope, lock: true });
    authorizeSharing(principal, row.access_groups ?? [], groups);
    await tx.query('UPDATE documents SET access_groups = $2::text[] WHERE id = $1', [row.id, groups]);
    await separateSharedSegments(tx, row.id);
    await setSegmentSharing(tx, row.id);
    // Copies in other documents withheld as duplicates of this one's passages come back if this one now reaches fewer readers.
    const active = await tx.query<{ id: number | string }>('SELECT id FROM chunks WHERE document_id = $1 AND active', [row.id]);
    await restoreWithheldDuplicates(tx, active.map((chunk) => Number(chunk.id)));
    await appendAudit(tx, {
      tenantId: input.tenantId, actor: actorOf(principal), action: 'document.shared', target: `document:${row.id}`,
      detail: { name: nameForAudit(row.name), before: row.access_groups ?? [], after: groups },
    });
    return row.id;
  });
  // Read back within the grades only: the caller may have shared the document away from their own groups.
  const [summary] = await selectSummaries(database, input.tenantId, { grades: scope.grades, groups: [everyGroup] }, id);
  return summary!;
}

/**
 * Sharing hides whole posting segments, so each must hold one document. Databases indexed before migration 0010 can
 * hold several in one segment (restored duplicates were indexed in batches): every passage of such a segment of this
 * document is taken out and indexed again, document by document (terms analysed again, as a restore does).
 */
async function separateSharedSegments(tx: Queryable, documentId: string): Promise<void> {
  const mixed = `SELECT o.segment_id FROM posting_segment_chunks o JOIN chunks oc ON oc.id = o.chunk_id
       WHERE o.segment_id IN (SELECT m.segment_id FROM posting_segment_chunks m JOIN chunks mc ON mc.id = m.chunk_id WHERE mc.document_id = $1)
       GROUP BY o.segment_id HAVING count(DISTINCT oc.document_id) > 1`;
  const others = await tx.query<{ document_id: string }>(
    `SELECT DISTINCT c.document_id FROM posting_segment_chunks s JOIN chunks c ON c.id = s.chunk_id WHERE s.segment_id IN (${mixed})`, [documentId]);
  if (others.length === 0) return;
  // The other documents are indexed again under their sharing: locked first, like a restore does, so a reshare of
  // one of them cannot commit in between (exact-duplicates.ts).
  await tx.query('SELECT id FROM documents WHERE id = ANY($1::text[]) ORDER BY id FOR SHARE', [others.map((row) => row.document_id)]);
  const rows = await tx.query<{ id: number | string; tenant_id: string; document_id: string; grade: Grade; access_groups: string[]; text: string; section: string | null }>(
    `SELECT c.id, c.tenant_id, c.document_id, c.grade, d.access_groups, c.text, c.section
     FROM posting_segment_chunks s JOIN chunks c ON c.id = s.chunk_id JOIN documents d ON d.id = c.document_id
     WHERE c.active AND s.segment_id IN (${mixed})
     ORDER BY c.id`,
    [documentId],
  );
  if (rows.length === 0) return;
  // The whole segments leave the index (so their ids are free again), then each document gets its own.
  await indexPassagesAgain(tx, rows.map((row) => ({
    id: Number(row.id), tenantId: row.tenant_id, documentId: row.document_id, grade: row.grade, accessGroups: row.access_groups ?? [], text: row.text, section: row.section,
  })));
}
