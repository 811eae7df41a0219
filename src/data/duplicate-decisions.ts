import { audienceCovers, clearanceRank, type Grade } from '../auth/index.js';
import type { Queryable } from '../store/index.js';
import { indexedContentHashes } from './exact-duplicates.js';
import type { CleaningSettings } from './ingest-treatment.js';
import { findNearDuplicate, type NearDuplicate } from './near-duplicates.js';

/** What a version's passages are checked against: the tenant's served documents and passages, found once. */
export type DuplicateDecisions = {
  /** The most similar current version of another document, if any reaches the threshold. */
  nearDuplicate: NearDuplicate | null;
  /** Why a passage is withheld as a copy (the whole version as a near duplicate, or the passage as an exact one). */
  reasonFor(contentHash: string | null): 'near-duplicate' | 'duplicate' | null;
  /** A passage is served: a repeat of it later in the same version is an exact duplicate too. */
  served(contentHash: string | null): void;
};

/**
 * The duplicate decisions shared by a new ingest and a revived version, against what the tenant serves now. A copy
 * is withheld only where the one kept reaches all of its readers: a grade no stricter and a sharing at least as wide.
 */
export async function duplicateDecisions(
  tx: Queryable,
  input: {
    tenantId: string; documentId: string; grade: Grade; accessGroups: readonly string[];
    signature: readonly number[] | null; contentHashes: readonly string[]; settings: CleaningSettings;
  },
): Promise<DuplicateDecisions> {
  const { settings } = input;
  const nearDuplicate = input.signature
    ? await findNearDuplicate(tx, { tenantId: input.tenantId, documentId: input.documentId, signature: input.signature, threshold: settings.nearDuplicateThreshold })
    : null;
  const skipAsNear = nearDuplicate !== null && settings.nearDuplicates === 'skip' && clearanceRank(nearDuplicate.grade) <= clearanceRank(input.grade)
    && audienceCovers(nearDuplicate.accessGroups, input.accessGroups);
  const skipExact = settings.exactDuplicates === 'skip';
  const indexed = skipExact ? await indexedContentHashes(tx, input.tenantId, input.grade, input.accessGroups, input.contentHashes) : new Set<string>();
  return {
    nearDuplicate,
    reasonFor: (contentHash) => (skipAsNear ? 'near-duplicate' : contentHash !== null && indexed.has(contentHash) ? 'duplicate' : null),
    served: (contentHash) => {
      if (skipExact && contentHash !== null) indexed.add(contentHash);
    },
  };
}
