import type { Migration } from '../migration.js';

/**
 * Where each line of a chunk's text stands in its source file (`Chunk.lineRuns`: pairs of a line of the text and its
 * source line, one per run of consecutive lines), so a quotation is cited at its own lines rather than the whole
 * passage's. NULL for paged and structured formats, and for chunks stored before this column (cited at the passage's
 * lines, as before, until `kgov reindex --reparse` parses their files again).
 */
export const chunkLineRuns: Migration = {
  version: 20,
  name: 'chunk-line-runs',
  sql: `
ALTER TABLE chunks ADD COLUMN line_runs integer[];
`,
};
