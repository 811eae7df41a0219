import type { Migration } from '../migration.js';

/**
 * Document-level sharing (issue 4): a document can be shared with some groups (departments, teams) of its tenant
 * instead of the whole tenant; users and API keys belong to groups. Grade and clearance still apply: sharing only
 * narrows who sees a document.
 *
 * The index keeps its (tenant, grade) layout. Every posting segment belongs to one document version, so the
 * segments of shared documents are listed in `restricted_segments` with their groups and their share of the index
 * statistics; a search leaves out the segments whose groups it is not in — in the same query that scores, for
 * document frequencies, passage counts and average lengths alike, so a hidden document neither appears nor moves
 * the scores of visible ones. Documents shared with the whole tenant (almost all) add no rows.
 */
export const documentSharing: Migration = {
  version: 10,
  name: 'document-sharing',
  sql: `
ALTER TABLE users ADD COLUMN groups text[] NOT NULL DEFAULT '{}';
ALTER TABLE api_keys ADD COLUMN groups text[] NOT NULL DEFAULT '{}';
-- Empty: shared with the whole tenant (within the grade). Otherwise: only members of one of these groups.
ALTER TABLE documents ADD COLUMN access_groups text[] NOT NULL DEFAULT '{}';
-- An ingest job's sharing for its documents (NULL: new documents with the whole tenant, new versions keep theirs).
ALTER TABLE ingest_jobs ADD COLUMN share text[];

CREATE TABLE restricted_segments (
  segment_id     bigint PRIMARY KEY,
  tenant_id      text NOT NULL,
  grade          text NOT NULL CHECK (grade IN ('public', 'internal', 'restricted')),
  document_id    text NOT NULL REFERENCES documents(id),
  access_groups  text[] NOT NULL CHECK (access_groups <> '{}'),
  chunk_count    bigint NOT NULL,
  term_total     bigint NOT NULL
);
CREATE INDEX restricted_segments_scope ON restricted_segments (tenant_id, grade);
CREATE INDEX restricted_segments_document ON restricted_segments (document_id);
`,
};
