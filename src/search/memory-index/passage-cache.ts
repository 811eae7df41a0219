import type { Grade } from '../../auth/index.js';

/** What a search hit shows of a passage, and what its permission check reads (`loadHits` in `search-chunks.ts`). */
export type CachedPassage = {
  tenantId: string;
  documentId: string;
  name: string;
  version: number;
  section: string | null;
  /** Sections that open inside the passage (heading as in `text`, and its path); null when none or stored before. */
  innerSections: readonly { heading: string; section: string }[] | null;
  lines: [number, number] | null;
  /** The source line of each line of `text` (`Chunk.lineRuns`); null for paged formats and chunks stored before. */
  lineRuns: readonly number[] | null;
  page: number | null;
  text: string;
  grade: Grade;
  /** The document's sharing (empty: the whole tenant; null: nobody but the operator, as in SQL). */
  accessGroups: readonly string[] | null;
};

/** Where a ranking came from: the tenant's generation when the in-memory index ranked it. */
export type PassageView = { cache: PassageCache; tenantId: string; generation: number };

type Entry = { passage: CachedPassage; generation: number; bytes: number };

/** Per entry, besides the text: the object, the map slot and the short strings (measured roughly, not exact). */
const entryOverhead = 400;

/** What an entry is counted as: UTF-16 text plus a fixed overhead (roughly, not exactly, what the heap holds). */
export function passageBytes(passage: CachedPassage): number {
  const inner = passage.innerSections?.reduce((sum, { heading, section }) => sum + heading.length + section.length, 0) ?? 0;
  return entryOverhead + 2 * (passage.text.length + passage.name.length + (passage.section?.length ?? 0) + inner) + 8 * (passage.lineRuns?.length ?? 0);
}

/**
 * The passages of recent search hits, so a search answered from the in-memory index need not ask the database for
 * the texts of its top k (on PGlite one statement costs ~3–4 ms, ten times the ranking itself at 10,000 chunks).
 *
 * Valid only as long as the in-memory index's view of the tenant: every entry carries the tenant's generation, and
 * the index moves to a new generation whenever it applies a change of that tenant (a new, superseded or deleted
 * version, a change of sharing or grade: each writes the change log) or stops holding it. An entry of an older
 * generation is never served. Entries are only ever filled from the database's own permission-checked query, and
 * a served entry is checked again against the caller's scope, so the cache keeps the second check that the
 * database query makes. A chunk's text, document, version and lines never change once written; its grade and the
 * document's sharing and deletion can, and those are what the generation guards.
 *
 * Bounded by bytes (UTF-16 text plus a fixed overhead per entry), least recently used first out.
 */
export class PassageCache {
  readonly #maxBytes: number;
  /** Insertion order is recency: a hit is deleted and set again. */
  readonly #entries = new Map<number, Entry>();
  readonly #generations = new Map<string, number>();
  #counter = 0;
  #bytes = 0;

  constructor(maxBytes: number) {
    this.#maxBytes = Math.max(0, maxBytes);
  }

  /** Starts a new generation for the tenant: what was cached for it is no longer served. */
  invalidate(tenantId: string): void {
    this.#generations.set(tenantId, ++this.#counter);
  }

  /** The tenant is no longer held in memory: nothing of it is served until it is again (`invalidate`). */
  forget(tenantId: string): void {
    this.#generations.delete(tenantId);
  }

  /** The current view of a tenant, or null when it is not held (or the cache has no room at all). */
  view(tenantId: string): PassageView | null {
    const generation = this.#generations.get(tenantId);
    return generation === undefined || this.#maxBytes === 0 ? null : { cache: this, tenantId, generation };
  }

  /** A passage cached in this view's generation, which must still be the tenant's current one. */
  get(view: PassageView, chunkId: number): CachedPassage | undefined {
    if (this.#generations.get(view.tenantId) !== view.generation) return undefined;
    const entry = this.#entries.get(chunkId);
    if (!entry || entry.generation !== view.generation || entry.passage.tenantId !== view.tenantId) return undefined;
    this.#entries.delete(chunkId);
    this.#entries.set(chunkId, entry);
    return entry.passage;
  }

  /** Keeps a passage read from the database for this view; ignored if the tenant has moved on since. */
  remember(view: PassageView, chunkId: number, passage: CachedPassage): void {
    if (this.#generations.get(view.tenantId) !== view.generation || passage.tenantId !== view.tenantId) return;
    const bytes = passageBytes(passage);
    if (bytes > this.#maxBytes) return;
    this.#drop(chunkId);
    this.#entries.set(chunkId, { passage, generation: view.generation, bytes });
    this.#bytes += bytes;
    for (const [oldest] of this.#entries) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#drop(oldest);
    }
  }

  /** Entries and bytes held (stale generations included until they are pushed out), and the budget. */
  describe(): { entries: number; bytes: number; maxBytes: number } {
    return { entries: this.#entries.size, bytes: this.#bytes, maxBytes: this.#maxBytes };
  }

  #drop(chunkId: number): void {
    const entry = this.#entries.get(chunkId);
    if (!entry) return;
    this.#entries.delete(chunkId);
    this.#bytes -= entry.bytes;
  }
}
