import { pruneIndexChangeLog } from '../search/index.js';
import type { Database } from '../store/index.js';

/**
 * Refreshes planner statistics after a batch of writes. PGlite runs no autovacuum, so without this
 * the planner keeps its empty-table estimates and picks plans that are 5-10x slower (measured: 26 s
 * → 4 s for the 40 questions of nia-qa-dev). On a server autovacuum does it too; it is cheap either way.
 */
export async function refreshSearchStatistics(database: Database): Promise<void> {
  await database.exec('ANALYZE chunks, posting_segments, posting_segment_chunks, chunk_vectors, index_stats');
  // The same moment (after a batch of writes) keeps the index's change log bounded where no in-memory index runs
  // (an ingest-only CLI, `search.memoryIndex.maxPostings: 0`): rows older than its retention go.
  await pruneIndexChangeLog(database);
}
