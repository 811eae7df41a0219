import type { Grade } from '../auth/index.js';
import { analyzeForIndex, analyzerVersion, indexChunksForSearch } from '../search/index.js';
import type { Queryable } from '../store/index.js';
import { withoutBoilerplate } from './boilerplate-lines.js';
import type { Chunk } from './chunker.js';
import type { WithheldReason } from './chunk-quality.js';
import { duplicateDecisions } from './duplicate-decisions.js';
import type { CleaningReport } from './ingest-document.js';
import type { IngestTreatment } from './ingest-treatment.js';
import { recordBuckets } from './near-duplicates.js';
import type { ChunkFacts, PreparedDocument } from './prepare-document.js';
import { countTenantLines } from './tenant-boilerplate.js';

/** Where a version's prepared chunks go, and who may read them. */
export type VersionChunksInput = {
  tenantId: string; documentId: string; versionId: string; version: number; grade: Grade; accessGroups: readonly string[];
  prepared: PreparedDocument; treatment: IngestTreatment;
};

/**
 * Writes a version's prepared chunks (inside the version's transaction): decides what the tenant's corpus withholds
 * (duplicates, near duplicates, template lines), stores every chunk (withheld ones inactive), indexes the served
 * ones, and records on the version what cleaning did. A new version's ingest and a stored version parsed again
 * (`reparseDocuments`) both come through here, so the two can never decide differently.
 */
export async function storeVersionChunks(tx: Queryable, input: VersionChunksInput): Promise<{ cleaning: CleaningReport; facts: ChunkFacts[] }> {
  const { prepared } = input;
  const decided = await decideChunks(tx, input);
  const ids = await insertChunks(tx, { ...input, chunks: prepared.chunks, facts: decided.facts, termCounts: decided.terms.map((terms) => terms.length) });
  const indexable = ids.flatMap((id, index) => decided.facts[index]!.withheld ? [] : [{ id, index }]);
  await indexChunksForSearch(tx, indexable.map(({ id, index }) => ({
    id, tenantId: input.tenantId, documentId: input.documentId, grade: input.grade, accessGroups: input.accessGroups,
    terms: decided.terms[index]!, text: prepared.chunks[index]!.text, section: prepared.chunks[index]!.section,
  })));
  const cleaning = decided.report;
  await tx.query('UPDATE document_versions SET near_duplicate_of = $2, near_duplicate_similarity = $3, cleaning = $4, boilerplate_keys = $5::text[] WHERE id = $1',
    [input.versionId, decided.nearDuplicateVersionId, cleaning.nearDuplicateOf?.similarity ?? null, JSON.stringify(cleaning), decided.boilerplateKeys]);
  return { cleaning, facts: decided.facts };
}

/**
 * The decisions that need the tenant's corpus: near-duplicate documents, template lines across
 * documents, exact duplicates of indexed chunks. Adds them to what the worker decided per chunk.
 */
async function decideChunks(tx: Queryable, input: VersionChunksInput): Promise<{ facts: ChunkFacts[]; terms: string[][]; report: CleaningReport; nearDuplicateVersionId: string | null; boilerplateKeys: string[] }> {
  const { prepared, treatment } = input;
  const settings = treatment.cleaning;
  const duplicates = await duplicateDecisions(tx, {
    tenantId: input.tenantId, documentId: input.documentId, grade: input.grade, accessGroups: input.accessGroups,
    signature: prepared.minhash, contentHashes: prepared.chunkFacts.map((fact) => fact.contentHash), settings,
  });
  const { nearDuplicate } = duplicates;
  if (prepared.minhash) await recordBuckets(tx, { tenantId: input.tenantId, versionId: input.versionId, signature: prepared.minhash });
  const tenantLines = await countTenantLines(tx, { tenantId: input.tenantId, keys: prepared.lineKeys, firstVersion: input.version === 1, minDocuments: settings.boilerplateMinDocuments });
  const boilerplate = new Set([...prepared.pageBoilerplateKeys, ...tenantLines]);
  const withheld: Record<WithheldReason, number> = { short: 0, symbols: 0, boilerplate: 0, duplicate: 0, 'near-duplicate': 0, quarantined: 0 };
  const terms: string[][] = [];
  const facts = prepared.chunkFacts.map((fact, index): ChunkFacts => {
    const chunk = prepared.chunks[index]!;
    let reason = fact.withheld;
    let chunkTerms = prepared.chunkTerms[index]!;
    reason ??= duplicates.reasonFor(fact.contentHash);
    if (!reason && tenantLines.size > 0) {
      const searchable = withoutBoilerplate(chunk.text, boilerplate);
      if (searchable.allBoilerplate) reason = 'boilerplate';
      else if (searchable.blanked > 0) chunkTerms = analyzeForIndex(searchable.text, chunk.section);
    }
    if (reason) withheld[reason]++;
    else duplicates.served(fact.contentHash);
    terms.push(reason ? [] : chunkTerms);
    return { ...fact, withheld: reason };
  });
  const piiFacts = facts.filter((fact) => Object.keys(fact.pii).length > 0);
  return {
    facts,
    terms,
    nearDuplicateVersionId: nearDuplicate?.versionId ?? null,
    // What the terms above left out, kept so that analysing a stored passage again leaves out the same lines.
    boilerplateKeys: [...boilerplate].sort(),
    report: {
      indexed: facts.filter((fact) => !fact.withheld).length,
      withheld,
      boilerplateLines: prepared.lineKeys.filter((key) => boilerplate.has(key)).length + prepared.pageBoilerplateKeys.filter((key) => !prepared.lineKeys.includes(key)).length,
      piiTreatment: prepared.piiTreatment,
      piiChunks: piiFacts.length,
      piiTypes: [...new Set(piiFacts.flatMap((fact) => Object.keys(fact.pii)))].sort(),
      nearDuplicateOf: nearDuplicate ? { documentId: nearDuplicate.documentId, name: nearDuplicate.name, version: nearDuplicate.version, similarity: nearDuplicate.similarity } : null,
    },
  };
}

async function insertChunks(
  tx: Queryable,
  input: { tenantId: string; documentId: string; versionId: string; grade: Grade; chunks: Chunk[]; facts: ChunkFacts[]; termCounts: number[] },
): Promise<number[]> {
  if (input.chunks.length === 0) return [];
  // Withheld chunks are stored inactive: kept for audit and for the document's line spans, never served.
  const rows = await tx.query<{ id: number | string; ordinal: number }>(
    `INSERT INTO chunks (tenant_id, document_id, version_id, grade, ordinal, section, line_start, line_end, page, text, term_count, active, withheld, content_hash, pii, injection, analyzer_version, inner_sections, line_runs)
     SELECT $1, $2, $3, $4, input.ordinal, input.section, input.line_start, input.line_end, input.page, input.text, input.term_count,
            input.withheld IS NULL, input.withheld, input.content_hash, input.pii::jsonb, input.injection::jsonb, $16, input.inner_sections::jsonb,
            input.line_runs::int[]
     FROM unnest($5::int[], $6::text[], $7::int[], $8::int[], $9::int[], $10::text[], $11::int[], $12::text[], $13::text[], $14::text[], $15::text[], $17::text[], $18::text[])
       AS input(ordinal, section, line_start, line_end, page, text, term_count, withheld, content_hash, pii, injection, inner_sections, line_runs)
     RETURNING id, ordinal`,
    [input.tenantId, input.documentId, input.versionId, input.grade,
      input.chunks.map((chunk) => chunk.ordinal), input.chunks.map((chunk) => chunk.section),
      input.chunks.map((chunk) => chunk.lines?.[0] ?? null), input.chunks.map((chunk) => chunk.lines?.[1] ?? null),
      input.chunks.map((chunk) => chunk.page), input.chunks.map((chunk) => chunk.text), input.termCounts,
      input.facts.map((fact) => fact.withheld), input.facts.map((fact) => fact.contentHash), input.facts.map((fact) => JSON.stringify(fact.pii)),
      input.facts.map((fact) => (fact.injection ? JSON.stringify(fact.injection) : null)), analyzerVersion,
      input.chunks.map((chunk) => (chunk.innerSections ? JSON.stringify(chunk.innerSections) : null)),
      // As array literals ('{0,3,2,7}'): unnest would flatten an array of arrays.
      input.chunks.map((chunk) => (chunk.lineRuns?.length ? `{${chunk.lineRuns.join(',')}}` : null))],
  );
  return rows.sort((a, b) => Number(a.ordinal) - Number(b.ordinal)).map((row) => Number(row.id));
}
