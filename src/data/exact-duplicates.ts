import type { Grade } from '../auth/index.js';
import { analyzerVersion, indexChunksForSearch } from '../search/index.js';
import type { Queryable } from '../store/index.js';
import { analyzeStoredPassages } from './index-again.js';

const gradeOrder = "ARRAY['public', 'internal', 'restricted']";

/**
 * Whether document `a`'s sharing reaches every reader of a document shared with `inner` (SQL form of
 * `audienceCovers`): `a` is shared with the whole tenant, or with every group of a non-empty `inner`.
 */
const coversSql = (outer: string, inner: string) => `(${outer} = '{}'::text[] OR (${inner} <> '{}'::text[] AND ${outer} @> ${inner}))`;

/**
 * Hashes of chunk texts the tenant already serves to every reader of `grade` and `accessGroups`: an active chunk
 * with the same text at the same or a less strict grade, in a document shared at least as widely. A copy at a
 * stricter grade, or shared with fewer groups, does not count — skipping the wider copy would hide the text from
 * some of its readers.
 */
export async function indexedContentHashes(tx: Queryable, tenantId: string, grade: Grade, accessGroups: readonly string[], hashes: readonly string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  const rows = await tx.query<{ content_hash: string }>(
    `SELECT DISTINCT c.content_hash FROM chunks c JOIN documents d ON d.id = c.document_id
     WHERE c.tenant_id = $1 AND c.active AND c.content_hash = ANY($2::text[])
       AND array_position(${gradeOrder}, c.grade) <= array_position(${gradeOrder}, $3::text)
       AND ${coversSql('d.access_groups', '$4::text[]')}`,
    [tenantId, [...new Set(hashes)], grade, [...accessGroups]],
  );
  return new Set(rows.map((row) => row.content_hash));
}

/**
 * When chunks leave the index (their version superseded, their document deleted), copies that were
 * withheld as their duplicates take their place, so the text stays findable. Their terms are analysed
 * here again: withheld chunks are stored without postings.
 *
 * The documents whose copies may come back are locked first (`FOR SHARE`, in id order), and only then is their
 * sharing read: a reshare (`shareDocument`, which holds its document `FOR UPDATE`) committing in between would
 * otherwise leave a restored segment indexed, and listed or not in `restricted_segments`, under the sharing it
 * had before. Restores do not block each other; a reshare and a restore of one document run one after the other.
 */
export async function restoreWithheldDuplicates(tx: Queryable, removedChunkIds: readonly number[]): Promise<number> {
  if (removedChunkIds.length === 0) return 0;
  const candidates = await tx.query<{ document_id: string }>(
    `SELECT DISTINCT c.document_id FROM chunks c
     WHERE c.withheld = 'duplicate'
       AND (c.tenant_id, c.content_hash) IN (SELECT tenant_id, content_hash FROM chunks WHERE id = ANY($1::bigint[]) AND content_hash IS NOT NULL)`,
    [removedChunkIds],
  );
  if (candidates.length === 0) return 0;
  const locked = (await tx.query<{ id: string }>('SELECT id FROM documents WHERE id = ANY($1::text[]) ORDER BY id FOR SHARE',
    [candidates.map((row) => row.document_id)])).map((row) => row.id);
  // A new statement after the locks: it reads the sharing (and deletion) committed by whoever held them.
  const rows = await tx.query<{ id: number | string; tenant_id: string; document_id: string; grade: Grade; access_groups: string[]; text: string; section: string | null }>(
    `SELECT DISTINCT ON (c.tenant_id, c.content_hash, c.grade, d.access_groups) c.id, c.tenant_id, c.document_id, c.grade, d.access_groups, c.text, c.section
     FROM chunks c
     JOIN document_versions v ON v.id = c.version_id
     JOIN documents d ON d.id = c.document_id
     WHERE c.withheld = 'duplicate' AND v.superseded_at IS NULL AND d.deleted_at IS NULL AND c.document_id = ANY($2::text[])
       AND (c.tenant_id, c.content_hash) IN (SELECT tenant_id, content_hash FROM chunks WHERE id = ANY($1::bigint[]) AND content_hash IS NOT NULL)
       AND NOT EXISTS (SELECT 1 FROM chunks a JOIN documents ad ON ad.id = a.document_id
                       WHERE a.tenant_id = c.tenant_id AND a.content_hash = c.content_hash AND a.active
                         AND array_position(${gradeOrder}, a.grade) <= array_position(${gradeOrder}, c.grade)
                         AND ${coversSql('ad.access_groups', 'd.access_groups')})
     ORDER BY c.tenant_id, c.content_hash, c.grade, d.access_groups, c.id`,
    [removedChunkIds, locked],
  );
  if (rows.length === 0) return 0;
  const passages = rows.map((row) => ({
    id: Number(row.id), tenantId: row.tenant_id, documentId: row.document_id, grade: row.grade, accessGroups: row.access_groups ?? [],
    text: row.text, section: row.section,
  }));
  const terms = await analyzeStoredPassages(tx, passages);
  const restored = passages.map((passage, index) => ({ ...passage, terms: terms[index]! }));
  // term_count feeds the index statistics when the chunk leaves the index again.
  await tx.query(
    `UPDATE chunks SET active = true, withheld = NULL, term_count = input.term_count, analyzer_version = $3
     FROM unnest($1::bigint[], $2::int[]) AS input(id, term_count) WHERE chunks.id = input.id`,
    [restored.map((chunk) => chunk.id), restored.map((chunk) => chunk.terms.length), analyzerVersion],
  );
  await indexChunksForSearch(tx, restored);
  return rows.length;
}
