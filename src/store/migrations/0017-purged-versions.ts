import type { Migration } from '../migration.js';

/**
 * Purging (파기) removes a document's unserved versions for good (src/data/purge-documents.ts). A live document keeps
 * the highest version number it ever purged, so a later version never takes a purged number again: audit records
 * that name "version 3" keep meaning one file.
 */
export const purgedVersions: Migration = {
  version: 17,
  name: 'purged-versions',
  sql: `
ALTER TABLE documents ADD COLUMN highest_purged_version integer NOT NULL DEFAULT 0;
`,
};
