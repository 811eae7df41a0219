import type { Migration } from '../migration.js';

/**
 * The sections that open inside a chunk after its first line (`Chunk.innerSections`: each heading as it stands in the
 * chunk's text and the path it opens), so a quotation from the third article of a window is cited under that article
 * and not under the first. NULL when none opens inside, and for chunks stored before this column: those are cited
 * under the section they start in, as before.
 */
export const chunkInnerSections: Migration = {
  version: 18,
  name: 'chunk-inner-sections',
  sql: `
ALTER TABLE chunks ADD COLUMN inner_sections jsonb;
`,
};
