import { basename, isAbsolute, resolve } from 'node:path';
import { sharedWithSql, type Grade, type ReadScope } from '../auth/index.js';
import { KgovError } from '../core/index.js';
import type { Queryable } from '../store/index.js';

/**
 * What identifies "the same document" within a tenant (`documents.source_key`, migration 0013): for a file read from
 * disk, its absolute path as the operator named it (normalised, symbolic links kept: a `current` link that moves to
 * a newer folder keeps versioning the same documents); for an upload, which has no path, the file's base name. A
 * path always contains a separator and a base name never does, so the two kinds cannot collide.
 */
export function documentKey(input: { fileName: string; path?: string | null | undefined }): string {
  return input.path ? resolve(input.path) : basename(input.fileName);
}

/** A document row as the commands that take one by reference need it. */
export type DocumentRow = { id: string; name: string; source: string | null; source_key: string; grade: Grade; access_groups: string[]; created_at: Date; deleted: boolean };

/**
 * The one document a caller means by `reference`, among those in `scope`: its id, its source path (`source_key`),
 * or its base name when that name is the only one of its kind. Several visible documents of that name (two folders'
 * `붙임1.hwp`) are refused with `document_ambiguous`, which lists their ids and sources so the caller can pick one;
 * documents outside the scope are never matched nor listed. `lock` takes the row `FOR UPDATE` (in a transaction).
 */
export async function resolveDocument(
  database: Queryable,
  input: { tenantId: string; reference: string; scope: ReadScope; includeDeleted?: boolean; lock?: boolean },
): Promise<DocumentRow> {
  // The public tier is not told where documents came from (a path on the agency's server): it names a document by id or
  // name, not by path, and an ambiguous name lists ids only.
  const publicTier = input.scope.grades.every((grade) => grade === 'public');
  const rows = await database.query<DocumentRow>(
    `SELECT id, name, source, source_key, grade, access_groups, created_at, deleted_at IS NOT NULL AS deleted FROM documents
     WHERE tenant_id = $1 AND (id = $2 OR (NOT $6::boolean AND source_key = $2) OR name = $2) AND ($5::boolean OR deleted_at IS NULL)
       AND grade = ANY($3::text[]) AND ${sharedWithSql('access_groups', '$4')}
     ORDER BY created_at, id${input.lock ? ' FOR UPDATE' : ''}`,
    [input.tenantId, input.reference, input.scope.grades, input.scope.groups, input.includeDeleted ?? false, publicTier],
  );
  const chosen = pickDocument(rows, input.reference, publicTier);
  if (!chosen) throw new KgovError('document_not_found', { document: input.reference });
  return chosen;
}

/** Id first, then a path key, then a name that only one document has; several of that name: ambiguous. */
function pickDocument(rows: DocumentRow[], reference: string, publicTier: boolean): DocumentRow | undefined {
  const byId = rows.find((row) => row.id === reference);
  if (byId) return byId;
  if (isAbsolute(reference)) {
    const byPath = rows.find((row) => row.source_key === reference);
    if (byPath) return byPath;
  }
  const named = rows.filter((row) => row.name === reference);
  if (named.length > 1) {
    throw new KgovError('document_ambiguous', {
      document: reference, count: named.length,
      candidates: named.map((row) => (publicTier ? row.id : `${row.id} (${row.source ?? row.source_key}${row.deleted ? ', deleted' : ''})`)).join(', '),
      ids: named.map((row) => row.id),
    });
  }
  return named[0];
}
