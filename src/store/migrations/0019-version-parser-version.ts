import type { Migration } from '../migration.js';

/**
 * Which parser made a version's chunks (`parserVersion` in src/data/prepare-document.ts): parsing, cleaning and
 * chunking change between releases (headings read from more kinds of document, new formats), and a stored version
 * keeps the chunks it was given until `kgov reindex --reparse FILES…` parses its file again. NULL for versions
 * stored before this column, which count as parsed by an older parser. Looked up by the file's SHA-256 (the file
 * given to reparse is matched to its versions by content, wherever it lies now).
 */
export const versionParserVersion: Migration = {
  version: 19,
  name: 'version-parser-version',
  sql: `
ALTER TABLE document_versions ADD COLUMN parser_version integer;
CREATE INDEX document_versions_sha256 ON document_versions (sha256);
`,
};
