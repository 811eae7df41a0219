import type { Grade } from '../auth/index.js';
import { analyzeForIndex, analyzerVersion, indexChunksForSearch, unindexChunksForSearch } from '../search/index.js';
import type { Queryable } from '../store/index.js';

/** A served passage as stored, with its document's sharing. */
export type StoredPassage = { id: number; tenantId: string; documentId: string; grade: Grade; accessGroups: readonly string[]; text: string; section: string | null };

/**
 * Takes passages out of the index and puts them back, analysed again with the current analyzer: their segments are
 * rebuilt (one per document), their term counts and analyzer version rewritten, built-in vectors written anew.
 * Used where a document's segments must change without its text changing (a reshare separating mixed segments,
 * `kgov reindex`). `keepVectors`: an external embedder's vectors stay, since the text is the same.
 */
export async function indexPassagesAgain(tx: Queryable, passages: readonly StoredPassage[], options: { keepVectors?: boolean } = {}): Promise<void> {
  if (passages.length === 0) return;
  const chunks = passages.map((passage) => ({ ...passage, terms: analyzeForIndex(passage.text, passage.section) }));
  const ids = chunks.map((chunk) => chunk.id);
  await unindexChunksForSearch(tx, ids, options);
  await tx.query(
    `UPDATE chunks SET active = true, term_count = input.term_count, analyzer_version = $3
     FROM unnest($1::bigint[], $2::int[]) AS input(id, term_count) WHERE chunks.id = input.id`,
    [ids, chunks.map((chunk) => chunk.terms.length), analyzerVersion],
  );
  await indexChunksForSearch(tx, chunks);
}
