import type { Migration } from '../migration.js';

/**
 * Ingestion as jobs, and provenance. A job is one batch (a `kgov ingest` run or an HTTP upload); an
 * item is one file. Items are claimed with `FOR UPDATE SKIP LOCKED`, so several workers or processes
 * can share a queue on a PostgreSQL server; an item's lease lets another process take over an item
 * whose worker died. An item's outcome is written in the same transaction as the document version
 * it produced, so a crash can never leave a version without a finished item or the other way round.
 */
export const ingestJobs: Migration = {
  version: 3,
  name: 'ingest-jobs',
  sql: `
CREATE TABLE ingest_jobs (
  id           text PRIMARY KEY,
  tenant_id    text NOT NULL REFERENCES tenants(id),
  actor        text NOT NULL,
  origin       text NOT NULL CHECK (origin IN ('cli', 'http')),
  grade        text CHECK (grade IN ('public', 'internal', 'restricted')),
  -- Who supplied the files, as the ingesting person states it; goes into each version's signed provenance.
  provider     text,
  -- SHA-256 of (tenant, grade, the paths given): the same command run again resumes this job.
  fingerprint  text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz
);
CREATE INDEX ingest_jobs_resume ON ingest_jobs (tenant_id, fingerprint) WHERE finished_at IS NULL;

CREATE TABLE ingest_items (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  job_id        text NOT NULL REFERENCES ingest_jobs(id),
  ordinal       integer NOT NULL,
  file_name     text NOT NULL,
  -- A file on the ingesting machine (CLI), or the uploaded bytes themselves (HTTP; cleared when done),
  -- so that an upload interrupted by a crash can still be finished.
  path          text,
  content       bytea,
  bytes         bigint,
  sha256        text,
  status        text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'duplicate', 'failed')),
  attempts      integer NOT NULL DEFAULT 0,
  error_code    text,
  error_reason  text,
  document_id   text,
  version       integer,
  pages         integer,
  claimed_by    text,
  lease_until   timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  started_at    timestamptz,
  finished_at   timestamptz,
  UNIQUE (job_id, ordinal),
  CHECK (path IS NOT NULL OR content IS NOT NULL OR status IN ('done', 'duplicate', 'failed'))
);
CREATE INDEX ingest_items_open ON ingest_items (job_id, ordinal) WHERE status IN ('queued', 'running');

-- Ed25519 public keys, one active per tenant. The private keys live in the key directory, not here.
CREATE TABLE signing_keys (
  id          text PRIMARY KEY,
  tenant_id   text NOT NULL REFERENCES tenants(id),
  algorithm   text NOT NULL CHECK (algorithm = 'ed25519'),
  public_key  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  retired_at  timestamptz
);
CREATE UNIQUE INDEX signing_keys_active ON signing_keys (tenant_id) WHERE retired_at IS NULL;

-- The signed provenance statement of each version, exactly as signed (canonical JSON), and its signature.
ALTER TABLE document_versions ADD COLUMN provenance jsonb;
ALTER TABLE document_versions ADD COLUMN signature text;
ALTER TABLE document_versions ADD COLUMN signing_key_id text REFERENCES signing_keys(id);
`,
};
