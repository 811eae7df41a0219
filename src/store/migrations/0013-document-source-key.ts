import type { Migration } from '../migration.js';

/**
 * A document is identified within its tenant by where it came from, not by its base name: two folders' `붙임1.hwp`
 * are two documents. `source_key` is the file's absolute path for files ingested from disk, and the file name for
 * uploads (which have no path), so uploading `보고서.hwp` again still adds a version. `name` stays the base name
 * shown to users and in search hits, and is no longer unique.
 *
 * Existing documents get their recorded `source` when it is an absolute path that no other document of the tenant
 * recorded, else their name (names were unique, and a name has no path separator, so the keys are unique too).
 */
export const documentSourceKey: Migration = {
  version: 13,
  name: 'document-source-key',
  sql: `
ALTER TABLE documents ADD COLUMN source_key text;
UPDATE documents d SET source_key = CASE
    WHEN d.source ~ '^(/|[A-Za-z]:[\\\\/])'
     AND NOT EXISTS (SELECT 1 FROM documents o WHERE o.tenant_id = d.tenant_id AND o.source = d.source AND o.id <> d.id)
    THEN d.source ELSE d.name END;
ALTER TABLE documents ALTER COLUMN source_key SET NOT NULL;
ALTER TABLE documents DROP CONSTRAINT documents_tenant_id_name_key;
ALTER TABLE documents ADD CONSTRAINT documents_tenant_source_key UNIQUE (tenant_id, source_key);
CREATE INDEX documents_tenant_name ON documents (tenant_id, name);
`,
};
