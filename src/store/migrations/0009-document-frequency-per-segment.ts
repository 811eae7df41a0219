import type { Migration } from '../migration.js';

/**
 * Document frequencies move from `term_stats` (one row per tenant, grade and term, upserted by every ingest) onto
 * the posting segments themselves: a segment row's `df` is the length of its list, and a term's document frequency
 * is the sum over the segment rows the caller may see. Measured (BENCHMARKS.md, ingestion, second and third
 * runs): the `term_stats` upsert cost about as much per document as the posting insert, and without it storing a
 * PDF took 23% less time on a busy machine. The primary key carries `df`, so the query sums it from the index without
 * reading (or detoasting) the lists.
 */
export const documentFrequencyPerSegment: Migration = {
  version: 9,
  name: 'document-frequency-per-segment',
  sql: `
-- Generated, so a list rewritten by a partial removal can never disagree with its count.
ALTER TABLE posting_segments ADD COLUMN df integer GENERATED ALWAYS AS (cardinality(chunk_ids)) STORED;
ALTER TABLE posting_segments DROP CONSTRAINT posting_segments_pkey;
ALTER TABLE posting_segments ADD PRIMARY KEY (tenant_id, term, grade, segment_id) INCLUDE (df);
DROP TABLE term_stats;
`,
};
