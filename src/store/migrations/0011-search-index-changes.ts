import type { Migration } from '../migration.js';

/**
 * A change log of the lexical index, written by the database itself, so an in-memory copy of a tenant's posting
 * lists (`src/search/memory-index/`) can follow every writer — this process, another server process, a migration —
 * without each code path remembering to say so. Statement-level triggers (one row per changed segment and
 * statement, not per posting) on the three tables a search reads: `posting_segments` (the lists; `segment_id`
 * names the segment to reload), and `restricted_segments` and `index_stats` (sharing and passage statistics;
 * `segment_id` NULL: reload the tenant's statistics).
 *
 * `tx` is the writing transaction's id. A reader remembers the oldest transaction still running when it last
 * looked (`pg_snapshot_xmin`) and next time reads every row from transactions at or after it: a transaction that
 * commits late with an early `seq` is still seen (a `seq` alone is assigned at insert time, not at commit).
 * `TRUNCATE` of an index table logs a row for every tenant (`tenant_id` '*': reload everything).
 *
 * Old rows are deleted (by any reader, after an hour); `search_index_pruned.horizon` is the highest transaction id
 * below which rows may be gone, so a reader that last looked below it knows it may have missed some and reloads.
 */
export const searchIndexChanges: Migration = {
  version: 11,
  name: 'search-index-changes',
  sql: `
CREATE TABLE search_index_changes (
  seq         bigserial PRIMARY KEY,
  tx          xid8 NOT NULL DEFAULT pg_current_xact_id(),
  tenant_id   text NOT NULL,
  segment_id  bigint
);
CREATE INDEX search_index_changes_tenant_tx ON search_index_changes (tenant_id, tx);
CREATE TABLE search_index_pruned (
  singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  horizon    xid8 NOT NULL DEFAULT '0'
);
INSERT INTO search_index_pruned DEFAULT VALUES;

CREATE FUNCTION log_posting_segment_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_index_changes (tenant_id, segment_id) SELECT DISTINCT tenant_id, segment_id FROM changed_rows;
  RETURN NULL;
END $$;
CREATE FUNCTION log_search_index_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_index_changes (tenant_id, segment_id) VALUES ('*', NULL);
  RETURN NULL;
END $$;
CREATE FUNCTION log_search_statistics_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_index_changes (tenant_id, segment_id) SELECT DISTINCT tenant_id, NULL::bigint FROM changed_rows;
  RETURN NULL;
END $$;

CREATE TRIGGER posting_segments_inserted AFTER INSERT ON posting_segments
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION log_posting_segment_changes();
CREATE TRIGGER posting_segments_updated AFTER UPDATE ON posting_segments
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION log_posting_segment_changes();
CREATE TRIGGER posting_segments_deleted AFTER DELETE ON posting_segments
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION log_posting_segment_changes();

CREATE TRIGGER restricted_segments_inserted AFTER INSERT ON restricted_segments
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION log_search_statistics_changes();
CREATE TRIGGER restricted_segments_updated AFTER UPDATE ON restricted_segments
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION log_search_statistics_changes();
CREATE TRIGGER restricted_segments_deleted AFTER DELETE ON restricted_segments
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION log_search_statistics_changes();

CREATE TRIGGER index_stats_inserted AFTER INSERT ON index_stats
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION log_search_statistics_changes();
CREATE TRIGGER index_stats_updated AFTER UPDATE ON index_stats
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION log_search_statistics_changes();
CREATE TRIGGER index_stats_deleted AFTER DELETE ON index_stats
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION log_search_statistics_changes();

CREATE TRIGGER posting_segments_truncated AFTER TRUNCATE ON posting_segments FOR EACH STATEMENT EXECUTE FUNCTION log_search_index_truncated();
CREATE TRIGGER restricted_segments_truncated AFTER TRUNCATE ON restricted_segments FOR EACH STATEMENT EXECUTE FUNCTION log_search_index_truncated();
CREATE TRIGGER index_stats_truncated AFTER TRUNCATE ON index_stats FOR EACH STATEMENT EXECUTE FUNCTION log_search_index_truncated();
`,
};
