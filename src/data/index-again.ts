import type { Grade } from '../auth/index.js';
import { analyzeForIndex, analyzerVersion, indexChunksForSearch, unindexChunksForSearch } from '../search/index.js';
import type { Queryable } from '../store/index.js';
import { withoutBoilerplate } from './boilerplate-lines.js';

/** A served passage as stored, with its document's sharing. */
export type StoredPassage = { id: number; tenantId: string; documentId: string; grade: Grade; accessGroups: readonly string[]; text: string; section: string | null };

/**
 * The search terms of stored passages, as ingest made them: the current analyzer over each passage's text with the
 * lines its version left out as boilerplate blanked (`document_versions.boilerplate_keys`; versions ingested before
 * that column have none recorded and are analysed whole).
 */
export async function analyzeStoredPassages(tx: Queryable, passages: readonly Pick<StoredPassage, 'id' | 'text' | 'section'>[]): Promise<string[][]> {
  if (passages.length === 0) return [];
  const rows = await tx.query<{ id: number | string; version_id: string; keys: string[] | null }>(
    `SELECT c.id, c.version_id, v.boilerplate_keys AS keys FROM chunks c JOIN document_versions v ON v.id = c.version_id WHERE c.id = ANY($1::bigint[])`,
    [passages.map((passage) => passage.id)],
  );
  // One set per version: its passages share it.
  const keysByVersion = new Map<string, ReadonlySet<string>>();
  const keysByChunk = new Map<number, ReadonlySet<string>>();
  for (const row of rows) {
    if (!row.keys || row.keys.length === 0) continue;
    let keys = keysByVersion.get(row.version_id);
    if (!keys) keysByVersion.set(row.version_id, (keys = new Set(row.keys)));
    keysByChunk.set(Number(row.id), keys);
  }
  return passages.map((passage) => {
    const keys = keysByChunk.get(passage.id);
    return analyzeForIndex(keys ? withoutBoilerplate(passage.text, keys).text : passage.text, passage.section);
  });
}

/**
 * Takes passages out of the index and puts them back, analysed again with the current analyzer: their segments are
 * rebuilt (one per document), their term counts and analyzer version rewritten, built-in vectors written anew.
 * Used where a document's segments must change without its text changing (a reshare separating mixed segments,
 * `kgov reindex`). `keepVectors`: an external embedder's vectors stay, since the text is the same.
 */
export async function indexPassagesAgain(tx: Queryable, passages: readonly StoredPassage[], options: { keepVectors?: boolean } = {}): Promise<void> {
  if (passages.length === 0) return;
  const terms = await analyzeStoredPassages(tx, passages);
  const chunks = passages.map((passage, index) => ({ ...passage, terms: terms[index]! }));
  const ids = chunks.map((chunk) => chunk.id);
  await unindexChunksForSearch(tx, ids, options);
  await tx.query(
    `UPDATE chunks SET active = true, term_count = input.term_count, analyzer_version = $3
     FROM unnest($1::bigint[], $2::int[]) AS input(id, term_count) WHERE chunks.id = input.id`,
    [ids, chunks.map((chunk) => chunk.terms.length), analyzerVersion],
  );
  await indexChunksForSearch(tx, chunks);
}
