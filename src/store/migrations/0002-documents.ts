import type { Migration } from '../migration.js';

/**
 * Documents, their versions and chunks, and the lexical index. Grades are stored on chunks too, so
 * that permission conditions sit inside the search query without a join. Index statistics are kept
 * per (tenant, grade): scores computed only from what the caller may see cannot leak the existence
 * of documents above their clearance.
 */
export const documents: Migration = {
  version: 2,
  name: 'documents',
  sql: `
CREATE TABLE documents (
  id          text PRIMARY KEY,
  tenant_id   text NOT NULL REFERENCES tenants(id),
  -- The file's base name as ingested; with the tenant, what identifies "the same document" across versions.
  name        text NOT NULL,
  source      text,
  grade       text NOT NULL CHECK (grade IN ('public', 'internal', 'restricted')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  deleted_at  timestamptz,
  UNIQUE (tenant_id, name)
);

CREATE TABLE document_versions (
  id              text PRIMARY KEY,
  document_id     text NOT NULL REFERENCES documents(id),
  version         integer NOT NULL,
  sha256          text NOT NULL,
  bytes           bigint NOT NULL,
  format          text NOT NULL,
  grade           text NOT NULL CHECK (grade IN ('public', 'internal', 'restricted')),
  effective_date  date,
  ingested_at     timestamptz NOT NULL DEFAULT now(),
  superseded_at   timestamptz,
  metadata        jsonb NOT NULL DEFAULT '{}'::jsonb,
  UNIQUE (document_id, version),
  UNIQUE (document_id, sha256)
);

CREATE TABLE chunks (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id    text NOT NULL REFERENCES tenants(id),
  document_id  text NOT NULL REFERENCES documents(id),
  version_id   text NOT NULL REFERENCES document_versions(id),
  ordinal      integer NOT NULL,
  grade        text NOT NULL CHECK (grade IN ('public', 'internal', 'restricted')),
  -- Only active chunks are served: superseded versions and deleted documents keep theirs for audit.
  active       boolean NOT NULL DEFAULT true,
  section      text,
  line_start   integer,
  line_end     integer,
  page         integer,
  text         text NOT NULL,
  term_count   integer NOT NULL,
  UNIQUE (version_id, ordinal)
);
CREATE INDEX chunks_document ON chunks (document_id);

-- Inverted index: one row per (term, chunk) of active chunks.
CREATE TABLE chunk_terms (
  term      text NOT NULL,
  chunk_id  bigint NOT NULL REFERENCES chunks(id),
  tf        integer NOT NULL,
  PRIMARY KEY (term, chunk_id)
);
CREATE INDEX chunk_terms_chunk ON chunk_terms (chunk_id);

CREATE TABLE term_stats (
  tenant_id  text NOT NULL,
  grade      text NOT NULL,
  term       text NOT NULL,
  df         integer NOT NULL,
  PRIMARY KEY (tenant_id, grade, term)
);

CREATE TABLE index_stats (
  tenant_id    text NOT NULL,
  grade        text NOT NULL,
  chunk_count  bigint NOT NULL,
  term_total   bigint NOT NULL,
  PRIMARY KEY (tenant_id, grade)
);
`,
};
