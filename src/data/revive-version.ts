import type { Grade } from '../auth/index.js';
import { analyzerVersion, indexChunksForSearch, unindexChunksForSearch } from '../search/index.js';
import type { Queryable } from '../store/index.js';
import type { WithheldReason } from './chunk-quality.js';
import { duplicateDecisions } from './duplicate-decisions.js';
import { analyzeStoredPassages } from './index-again.js';
import type { CleaningReport } from './ingest-document.js';
import type { IngestTreatment } from './ingest-treatment.js';

/** A stored version with the uploaded bytes (`document_versions` row), as `reviveVersion` needs it. */
export type StoredVersion = { id: string; version: number; grade: Grade; format: string; effective_date: string | null; cleaning: unknown; minhash: number[] | null };

/**
 * Reasons that belong to a passage itself (or to the tenant's template lines, which only ever grow), decided when
 * it was first stored: they stay. Duplicates of other documents are decided again against what is served now.
 */
const ownReasons: ReadonlySet<WithheldReason> = new Set<WithheldReason>(['short', 'symbols', 'quarantined', 'boilerplate']);

/**
 * Brings a version of a deleted document back as its current version: the same file uploaded again after deletion.
 * Its stored passages are served again, decided afresh like a new ingest's — exact and near duplicates against what
 * the tenant serves today, at the revived grade and sharing — and indexed again (terms analysed anew, boilerplate lines
 * left out as at ingest). The version keeps its number and its signed provenance: the bytes are the ones that statement signed (a
 * second version with the same bytes is impossible: `document_versions` is unique on the hash per document).
 * Runs inside the upload's transaction, with the document row locked and already undeleted.
 */
export async function reviveVersion(
  tx: Queryable,
  input: { tenantId: string; documentId: string; stored: StoredVersion; grade: Grade; accessGroups: readonly string[]; treatment: IngestTreatment },
): Promise<{ chunks: number; cleaning: CleaningReport; nearDuplicateVersionId: string | null }> {
  const { stored, grade, accessGroups } = input;
  await tx.query('UPDATE document_versions SET superseded_at = now() WHERE document_id = $1 AND id <> $2 AND superseded_at IS NULL', [input.documentId, stored.id]);
  await tx.query('UPDATE document_versions SET superseded_at = NULL WHERE id = $1', [stored.id]);
  // The upload may ask for a stricter grade than the version had; its passages follow (never a less strict one).
  await tx.query('UPDATE chunks SET grade = $2 WHERE version_id = $1 AND grade <> $2', [stored.id, grade]);
  const rows = await tx.query<{ id: number | string; text: string; section: string | null; withheld: WithheldReason | null; content_hash: string | null; active: boolean }>(
    'SELECT id, text, section, withheld, content_hash, active FROM chunks WHERE version_id = $1 ORDER BY ordinal', [stored.id]);
  // Deleting took every passage out of the index; one still in it (nothing should leave one) would be indexed twice.
  await unindexChunksForSearch(tx, rows.filter((row) => row.active).map((row) => Number(row.id)));

  const duplicates = await duplicateDecisions(tx, {
    tenantId: input.tenantId, documentId: input.documentId, grade, accessGroups, signature: stored.minhash?.map(Number) ?? null,
    contentHashes: rows.flatMap((row) => (row.content_hash ? [row.content_hash] : [])), settings: input.treatment.cleaning,
  });
  const { nearDuplicate } = duplicates;

  const withheld: Record<WithheldReason, number> = { short: 0, symbols: 0, boilerplate: 0, duplicate: 0, 'near-duplicate': 0, quarantined: 0 };
  const reasons = rows.map((row) => {
    let reason: WithheldReason | null = row.withheld !== null && ownReasons.has(row.withheld) ? row.withheld : null;
    reason ??= duplicates.reasonFor(row.content_hash);
    if (reason) withheld[reason]++;
    else duplicates.served(row.content_hash);
    return reason;
  });
  // Analysed again as ingest analysed them: the version's boilerplate lines left out.
  const served = rows.flatMap((row, index) => (reasons[index] ? [] : [{ id: Number(row.id), text: row.text, section: row.section }]));
  const servedTerms = await analyzeStoredPassages(tx, served);
  const termsById = new Map(served.map((passage, index) => [passage.id, servedTerms[index]!]));
  const decided = rows.map((row, index) => {
    const id = Number(row.id);
    return { id, text: row.text, section: row.section, reason: reasons[index] ?? null, terms: termsById.get(id) ?? [] };
  });
  await tx.query(
    `UPDATE chunks SET active = input.withheld IS NULL, withheld = input.withheld, term_count = input.term_count, analyzer_version = $4
     FROM unnest($1::bigint[], $2::text[], $3::int[]) AS input(id, withheld, term_count) WHERE chunks.id = input.id`,
    [decided.map((chunk) => chunk.id), decided.map((chunk) => chunk.reason), decided.map((chunk) => chunk.terms.length), analyzerVersion],
  );
  await indexChunksForSearch(tx, decided.filter((chunk) => chunk.reason === null).map((chunk) => ({
    id: chunk.id, tenantId: input.tenantId, documentId: input.documentId, grade, accessGroups, terms: chunk.terms, text: chunk.text, section: chunk.section,
  })));

  // What the first ingest found about personal data and template lines still holds: the passages are the same.
  const before = (typeof stored.cleaning === 'string' ? JSON.parse(stored.cleaning) : stored.cleaning) as Partial<CleaningReport> | null;
  const cleaning: CleaningReport = {
    indexed: decided.filter((chunk) => chunk.reason === null).length,
    withheld,
    boilerplateLines: before?.boilerplateLines ?? 0,
    piiTreatment: before?.piiTreatment ?? input.treatment.pii[grade],
    piiChunks: before?.piiChunks ?? 0,
    piiTypes: before?.piiTypes ?? [],
    nearDuplicateOf: nearDuplicate ? { documentId: nearDuplicate.documentId, name: nearDuplicate.name, version: nearDuplicate.version, similarity: nearDuplicate.similarity } : null,
  };
  await tx.query('UPDATE document_versions SET near_duplicate_of = $2, near_duplicate_similarity = $3, cleaning = $4 WHERE id = $1',
    [stored.id, nearDuplicate?.versionId ?? null, nearDuplicate?.similarity ?? null, JSON.stringify(cleaning)]);
  return { chunks: rows.length, cleaning, nearDuplicateVersionId: nearDuplicate?.versionId ?? null };
}
