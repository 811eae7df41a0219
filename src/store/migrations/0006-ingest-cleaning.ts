import type { Migration } from '../migration.js';

/**
 * Cleaning and de-identification at ingest (issue 3). A chunk that is not indexed — filtered for
 * quality, an exact duplicate, part of a skipped near-duplicate, or quarantined as an indirect
 * injection — is still stored (inactive, with the reason in `withheld`) for audit. Personal data is
 * recorded per chunk as entity types and counts, never values. Boilerplate lines are counted per
 * tenant by a hash of the line, never its text.
 */
export const ingestCleaning: Migration = {
  version: 6,
  name: 'ingest-cleaning',
  sql: `
ALTER TABLE chunks
  ADD COLUMN withheld text CHECK (withheld IN ('short', 'symbols', 'boilerplate', 'duplicate', 'near-duplicate', 'quarantined')),
  -- SHA-256 of the stored text, spaces collapsed: exact duplicates within a tenant.
  ADD COLUMN content_hash text,
  -- {"PHONE": 2, "PERSON": 1}: types and counts only. NULL for chunks stored before this migration.
  ADD COLUMN pii jsonb,
  -- {"categories": [...], "kinds": [...]} of a quarantined chunk.
  ADD COLUMN injection jsonb;
CREATE INDEX chunks_content_hash ON chunks (tenant_id, content_hash) WHERE active;
CREATE INDEX chunks_withheld_duplicates ON chunks (tenant_id, content_hash) WHERE withheld = 'duplicate';

ALTER TABLE document_versions
  ADD COLUMN near_duplicate_of text REFERENCES document_versions(id),
  ADD COLUMN near_duplicate_similarity real,
  -- MinHash signature (128 x int32) of the cleaned text; see src/data/minhash.ts. The seeds never change.
  ADD COLUMN minhash integer[],
  -- What cleaning did: counts per reason, the personal-data treatment applied.
  ADD COLUMN cleaning jsonb;

-- LSH buckets: one row per (band, bucket) of a version's signature.
CREATE TABLE near_duplicate_buckets (
  tenant_id   text NOT NULL REFERENCES tenants(id),
  band        smallint NOT NULL,
  bucket      bigint NOT NULL,
  version_id  text NOT NULL REFERENCES document_versions(id),
  PRIMARY KEY (tenant_id, band, bucket, version_id)
);

-- In how many of a tenant's documents a line appears (by hash of the line with digits folded).
CREATE TABLE boilerplate_lines (
  tenant_id  text NOT NULL REFERENCES tenants(id),
  line_hash  text NOT NULL,
  documents  integer NOT NULL,
  PRIMARY KEY (tenant_id, line_hash)
);
`,
};
