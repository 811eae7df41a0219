import type { Migration } from '../migration.js';

/**
 * Gateway usage metering (one row per tenant, key, model and day, Asia/Seoul) and rate-limit windows
 * (one row per scope and minute; an upsert is the atomic check-and-count across processes).
 */
export const usage: Migration = {
  version: 5,
  name: 'usage',
  sql: `
CREATE TABLE usage_daily (
  tenant_id          text NOT NULL REFERENCES tenants(id),
  key_id             text NOT NULL,
  model              text NOT NULL,
  day                date NOT NULL,
  requests           bigint NOT NULL,
  prompt_tokens      bigint NOT NULL,
  completion_tokens  bigint NOT NULL,
  PRIMARY KEY (tenant_id, key_id, model, day)
);

CREATE TABLE rate_limit_windows (
  scope         text NOT NULL,
  window_start  timestamptz NOT NULL,
  requests      integer NOT NULL,
  tokens        bigint NOT NULL,
  PRIMARY KEY (scope, window_start)
);
`,
};
