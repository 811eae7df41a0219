import type { Migration } from '../migration.js';

/**
 * The model registry: every model the platform serves or trained, as a version with its parent
 * (base → domain-adapted → SFT → RLHF/DPO → quantized), a release status, licences per artifact,
 * and the history of status changes (who, when, why). Platform-wide, not per tenant: agencies share
 * the government models. At most one production version per served model id, enforced here so two
 * concurrent promotions cannot both win.
 */
export const modelRegistry: Migration = {
  version: 7,
  name: 'model-registry',
  sql: `
CREATE TABLE model_versions (
  name         text PRIMARY KEY,
  stage        text NOT NULL CHECK (stage IN ('base', 'domain-adapted', 'sft', 'rlhf', 'dpo', 'quantized')),
  parent_name  text REFERENCES model_versions(name),
  status       text NOT NULL DEFAULT 'candidate' CHECK (status IN ('candidate', 'staged', 'production', 'retired')),
  served_as    text,
  artifact_uri text,
  sha256       text CHECK (sha256 IS NULL OR sha256 ~ '^[0-9a-f]{64}$'),
  description  text,
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CHECK ((stage = 'base') = (parent_name IS NULL))
);

CREATE UNIQUE INDEX model_versions_one_production ON model_versions (served_as) WHERE status = 'production';
CREATE INDEX model_versions_parent ON model_versions (parent_name);

CREATE TABLE model_licences (
  model_name      text NOT NULL REFERENCES model_versions(name),
  artifact        text NOT NULL CHECK (artifact IN ('code', 'weights', 'data')),
  licence         text NOT NULL,
  commercial_use  boolean NOT NULL,
  source          text,
  PRIMARY KEY (model_name, artifact)
);

CREATE TABLE model_status_changes (
  id           bigserial PRIMARY KEY,
  model_name   text NOT NULL REFERENCES model_versions(name),
  from_status  text,
  to_status    text NOT NULL,
  actor        text NOT NULL,
  note         text,
  at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX model_status_changes_model ON model_status_changes (model_name, id);
`,
};
