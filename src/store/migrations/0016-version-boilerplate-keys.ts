import type { Migration } from '../migration.js';

/**
 * The boilerplate lines ingest left out of a version's search terms (running headers and footers of its pages, the
 * tenant's template lines), as the keys of `boilerplate-lines.ts`: hashes, never the lines. Whatever analyses a stored
 * passage again (`kgov reindex`, a restored duplicate, a reshare separating segments) blanks the same lines, so it
 * indexes what ingest indexed. NULL for versions ingested before this column: their passages are analysed whole.
 */
export const versionBoilerplateKeys: Migration = {
  version: 16,
  name: 'version-boilerplate-keys',
  sql: `
ALTER TABLE document_versions ADD COLUMN boilerplate_keys text[];
`,
};
