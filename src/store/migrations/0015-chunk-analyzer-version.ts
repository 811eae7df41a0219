import type { Migration } from '../migration.js';

/**
 * Which version of the analyzer (`analyzerVersion` in src/search/analyzer) produced a chunk's terms. Chunks indexed
 * before this column existed were analysed by version 1. `kgov reindex` brings chunks of an older version up to
 * date, document by document; a constant default adds the column without rewriting the table.
 */
export const chunkAnalyzerVersion: Migration = {
  version: 15,
  name: 'chunk-analyzer-version',
  sql: `
ALTER TABLE chunks ADD COLUMN analyzer_version smallint NOT NULL DEFAULT 1;
`,
};
