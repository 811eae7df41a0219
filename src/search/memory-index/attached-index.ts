import type { Database, Queryable } from '../../store/index.js';
import { MemoryLexicalIndex, type MemoryIndexOptions } from './memory-lexical-index.js';

/**
 * The in-memory lexical index belongs to a database handle, like a buffer cache: whoever opens the database for a
 * long-lived process (the server, a CLI command that answers many queries) attaches one, and every search through
 * that handle uses it. A transaction's handle is a different object and has none, so a search inside a transaction
 * reads its own uncommitted writes from SQL.
 */
const attached = new WeakMap<Queryable, MemoryLexicalIndex>();

export function attachMemoryIndex(database: Database, options: MemoryIndexOptions): MemoryLexicalIndex {
  const existing = attached.get(database);
  if (existing) return existing;
  const index = new MemoryLexicalIndex(database, options);
  attached.set(database, index);
  return index;
}

export function memoryIndexOf(database: Queryable): MemoryLexicalIndex | undefined {
  return attached.get(database);
}

/** Stops and forgets the database's in-memory index (before the database closes). */
export async function detachMemoryIndex(database: Database): Promise<void> {
  const index = attached.get(database);
  attached.delete(database);
  await index?.close();
}
