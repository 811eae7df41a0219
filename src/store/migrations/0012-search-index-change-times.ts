import type { Migration } from '../migration.js';

/**
 * When each change-log row was written (the writing transaction's start), so any process can prune rows older than
 * the retention — an ingest-only CLI, a server with the in-memory index turned off — and not only a process that
 * keeps an in-memory index and notes snapshot horizons as it reads (migration 0011). Rows written before this
 * migration get its time.
 */
export const searchIndexChangeTimes: Migration = {
  version: 12,
  name: 'search-index-change-times',
  sql: `
ALTER TABLE search_index_changes ADD COLUMN at timestamptz NOT NULL DEFAULT now();
CREATE INDEX search_index_changes_at ON search_index_changes (at);
`,
};
