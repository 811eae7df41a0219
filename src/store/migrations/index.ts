import type { Migration } from '../migration.js';
import { foundation } from './0001-foundation.js';
import { documents } from './0002-documents.js';
import { ingestJobs } from './0003-ingest-jobs.js';
import { searchIndex } from './0004-search-index.js';
import { usage } from './0005-usage.js';
import { ingestCleaning } from './0006-ingest-cleaning.js';
import { modelRegistry } from './0007-model-registry.js';
import { noHnswForBuiltInVectors } from './0008-no-hnsw-for-built-in-vectors.js';
import { documentFrequencyPerSegment } from './0009-document-frequency-per-segment.js';
import { documentSharing } from './0010-document-sharing.js';
import { searchIndexChanges } from './0011-search-index-changes.js';
import { searchIndexChangeTimes } from './0012-search-index-change-times.js';
import { documentSourceKey } from './0013-document-source-key.js';
import { tenantSynonyms } from './0014-tenant-synonyms.js';
import { chunkAnalyzerVersion } from './0015-chunk-analyzer-version.js';
import { versionBoilerplateKeys } from './0016-version-boilerplate-keys.js';
import { purgedVersions } from './0017-purged-versions.js';
import { chunkInnerSections } from './0018-chunk-inner-sections.js';
import { versionParserVersion } from './0019-version-parser-version.js';
import { chunkLineRuns } from './0020-chunk-line-runs.js';

/** All migrations in order. Append new ones; never reorder or edit released ones. */
export const migrations: readonly Migration[] = [foundation, documents, ingestJobs, searchIndex, usage, ingestCleaning, modelRegistry, noHnswForBuiltInVectors, documentFrequencyPerSegment, documentSharing, searchIndexChanges,
  searchIndexChangeTimes, documentSourceKey, tenantSynonyms, chunkAnalyzerVersion, versionBoilerplateKeys, purgedVersions, chunkInnerSections,
  versionParserVersion, chunkLineRuns];
