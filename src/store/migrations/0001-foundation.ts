import type { Migration } from '../migration.js';

/** Tenants, people, API keys, console sessions and the hash-chained audit log. */
export const foundation: Migration = {
  version: 1,
  name: 'foundation',
  sql: `
CREATE TABLE tenants (
  id          text PRIMARY KEY,
  name        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id             text PRIMARY KEY,
  tenant_id      text NOT NULL REFERENCES tenants(id),
  username       text NOT NULL,
  display_name   text,
  role           text NOT NULL CHECK (role IN ('admin', 'reviewer', 'staff', 'public')),
  clearance      text NOT NULL CHECK (clearance IN ('public', 'internal', 'restricted')),
  password_hash  text,
  failed_logins  integer NOT NULL DEFAULT 0,
  locked_until   timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, username),
  CHECK (role <> 'public' OR clearance = 'public')
);

CREATE TABLE api_keys (
  id            text PRIMARY KEY,
  tenant_id     text NOT NULL REFERENCES tenants(id),
  name          text,
  role          text NOT NULL CHECK (role IN ('admin', 'reviewer', 'staff', 'public')),
  clearance     text NOT NULL CHECK (clearance IN ('public', 'internal', 'restricted')),
  -- SHA-256 of the secret part; the key itself is shown once and never stored.
  secret_hash   text NOT NULL,
  created_by    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz,
  revoked_at    timestamptz,
  last_used_at  timestamptz,
  CHECK (role <> 'public' OR clearance = 'public')
);
CREATE INDEX api_keys_tenant ON api_keys (tenant_id);

CREATE TABLE sessions (
  -- SHA-256 of the cookie value.
  token_hash    text PRIMARY KEY,
  user_id       text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE audit_log (
  seq        bigint PRIMARY KEY,
  at         timestamptz NOT NULL,
  tenant_id  text,
  actor      text NOT NULL,
  action     text NOT NULL,
  target     text,
  outcome    text NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
  detail     jsonb NOT NULL DEFAULT '{}'::jsonb,
  prev_hash  text NOT NULL,
  hash       text NOT NULL
);
CREATE INDEX audit_log_tenant_at ON audit_log (tenant_id, at);

-- The chain's head, updated in the same transaction as each append: it serialises writers (row
-- lock) and lets verification notice records deleted from the end of the chain.
CREATE TABLE audit_head (
  id    integer PRIMARY KEY CHECK (id = 1),
  seq   bigint NOT NULL,
  hash  text NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, repeat('0', 64));

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
`,
};
