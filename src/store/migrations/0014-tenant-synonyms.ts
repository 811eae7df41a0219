import type { Migration } from '../migration.js';

/**
 * A tenant's own synonym groups ("행안부 = 행정안전부", an agency's project code names), replaced as a whole by
 * its administrator. One row per tenant: a change is one atomic write, and a search reads one row. They expand
 * questions only (documents are indexed with the built-in groups), so changing them needs no re-indexing.
 */
export const tenantSynonyms: Migration = {
  version: 14,
  name: 'tenant-synonyms',
  sql: `
CREATE TABLE tenant_synonyms (
  tenant_id   text PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
  groups      jsonb NOT NULL,
  updated_by  text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
`,
};
