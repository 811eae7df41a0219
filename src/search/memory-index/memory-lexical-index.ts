import { sharedWith, type Grade } from '../../auth/index.js';
import type { Database, Queryable } from '../../store/index.js';
import { termFrequencies, termWeight } from '../bm25.js';
import { changeLogRetentionMs, pruneIndexChangeLog } from '../index-change-log.js';
import { buildSegment, findTerm, TermDictionary, type MemorySegment } from './memory-segment.js';
import { readTenantPassages } from '../read-passages.js';
import { PassageCache, passageBytes, type PassageView } from './passage-cache.js';
import { scoreSegments, type ScoredTerm } from './score-segments.js';
import { SegmentStore, selectMembers, type MemoryUnit } from './segment-store.js';

export type MemoryIndexOptions = {
  /**
   * Most postings held in memory over all tenants (~8 bytes each). A tenant whose index is larger (counted before
   * loading by its analysed terms, an upper bound) stays in the database; least recently searched tenants leave
   * memory first, and a tenant that outgrows the budget leaves it too.
   */
  maxPostings: number;
  /** Segments read per statement while loading (a segment is one document version: ~23,000 posting rows for 100 chunks). */
  segmentsPerBatch?: number;
  /**
   * Megabytes of recent hits' passages kept beside the index (`PassageCache`), so a search answered from memory
   * does not read its hits' texts from the database; default 128, 0 turns it off.
   */
  passageCacheMb?: number;
  /** How long change-log rows are kept (default an hour); shorter only in tests. */
  changeLogRetentionMs?: number;
  /** Told when a tenant enters memory, does not fit, or fails to load (the server logs it). */
  onEvent?: (event: MemoryIndexEvent) => void;
};

export type MemoryIndexEvent =
  | { event: 'loaded'; tenantId: string; postings: number; seconds: number }
  | { event: 'too-large'; tenantId: string; estimate: number; maxPostings: number }
  | { event: 'failed'; tenantId: string; reason: string };

export type MemorySearchInput = {
  tenantId: string; grades: readonly Grade[]; terms: readonly string[]; k: number;
  /** As in `searchLexical`: `[everyGroup]` every group; null or missing none. */
  groups?: readonly string[] | null;
};

type Restricted = { segmentId: number; grade: Grade; groups: readonly string[]; chunks: number; terms: number };

/** Everything a search reads for one tenant; changed only between awaits, never half-updated. */
type TenantIndex = {
  /** Term numbers of this tenant's segments (dropped with the tenant). */
  dictionary: TermDictionary;
  /** The posting lists, as units of one or more database segments (`SegmentStore`). */
  store: SegmentStore;
  stats: Map<Grade, { chunks: number; terms: number }>;
  restricted: Restricted[];
  postings: number;
  /** Oldest transaction running when the change log was last read (xid8 as text). */
  xmin: string;
  /** Change-log rows already applied, among those a next read returns again. */
  applied: Set<number>;
  lastUsed: number;
  /** Bumped by every change applied: a ranking taken while the change log was being read stands only if unchanged. */
  version: number;
};

type TenantSlot =
  | { state: 'loading'; done: Promise<void>; estimate: number }
  | ReadySlot
  | { state: 'unavailable'; until: number; reason: string };

/** A loaded tenant; `running` is the change-log check in flight, `next` the one that starts after it. */
type ReadySlot = {
  state: 'ready'; index: TenantIndex; running: Promise<void> | null; next: Promise<void> | null;
  /** `Database.localWriteCount` when the last successful check began (PGlite): unchanged since, nothing changed. */
  writesChecked?: number;
};

/** What one read of the change log says for a tenant. */
type LogRead = { xmin: string; seqs: number[]; fresh: number[]; reload: boolean };

const retryAfterMs = 60_000;

/** A ranking from memory, and the view of the passage cache that belongs to the same state of the tenant. */
export type MemoryRanking = { hits: { chunkId: number; score: number }[]; passages: PassageView | null };

/**
 * An in-memory copy of the lexical index (`posting_segments`, `index_stats`, `restricted_segments`), per tenant,
 * scored in JavaScript over typed arrays. The database stays the only source of truth: a search first reads the
 * change log that the database's own triggers keep (migration 0011) and reloads what changed, so it sees every
 * committed write, from this process or another. It ranks exactly as `searchLexical`'s SQL (`bm25.ts`, the same
 * statistics over the same permitted segments), and permissions are conditions of the scoring loop as there:
 * segments of other grades and of documents shared with other groups are never scored and never counted.
 * Changed segments and the statistics are read in one snapshot (a repeatable-read transaction), so memory never
 * holds a mix of states — a segment whose document was deleted but whose sharing row is already gone, say.
 *
 * Why: on PGlite a query pays ~1 ms per statement plus the SQL aggregation over unnested posting arrays; at 10,000
 * chunks that made kgov slower than in-process libraries (BENCHMARKS.md, scale). Tenants too large for
 * `maxPostings` are searched in SQL, as before.
 */
export class MemoryLexicalIndex {
  readonly #database: Queryable & Pick<Database, 'localWriteCount' | 'transaction'>;
  readonly #options: Required<MemoryIndexOptions>;
  readonly #tenants = new Map<string, TenantSlot>();
  /** Passages of recent hits, valid for a tenant's current state in memory only (see `PassageCache`). */
  readonly passages: PassageCache;
  #closed = false;
  #lastPrune = Date.now();
  #pruning: Promise<unknown> = Promise.resolve();
  /** Passage preloads under way, by tenant. */
  readonly #preloads = new Map<string, Promise<void>>();

  constructor(database: Queryable & Pick<Database, 'localWriteCount' | 'transaction'>, options: MemoryIndexOptions) {
    this.#database = database;
    this.#options = { segmentsPerBatch: 1, changeLogRetentionMs, passageCacheMb: 128, onEvent: () => undefined, ...options };
    this.passages = new PassageCache(this.#options.passageCacheMb * 2 ** 20);
  }

  /**
   * The top k hits, or undefined when this tenant is not in memory (yet): the caller searches in SQL. A first
   * search starts loading the tenant in the background.
   */
  async search(input: MemorySearchInput): Promise<{ chunkId: number; score: number }[] | undefined> {
    return (await this.rank(input))?.hits;
  }

  /** `search`, with the passage cache's view of the same state of the tenant (for the hits' texts). */
  async rank(input: MemorySearchInput): Promise<MemoryRanking | undefined> {
    const slot = this.#slot(input.tenantId);
    if (slot?.state !== 'ready') return undefined;
    // The passages' view is taken with the ranking, before any other await: a change applied later starts a new
    // generation of the cache.
    const rankNow = (index: TenantIndex): MemoryRanking => ({ hits: scoreIndex(index, input), passages: this.passages.view(input.tenantId) });
    if (this.#checked(slot)) {
      slot.index.lastUsed = Date.now();
      return rankNow(slot.index);
    }
    // The change log is read on every search (another process may have written). Memory is ranked while that read
    // travels: one turn of the event loop lets the pooled client send it first, and the early ranking is kept when
    // the read applied nothing — the answer is the same as ranking after it, one round trip sooner.
    const before = slot.index;
    const version = before.version;
    // A failed check leaves the answer to SQL (which reports the database's error if it persists).
    const checked = this.#refresh(input.tenantId, slot).catch(() => undefined);
    await new Promise<void>((resolve) => setImmediate(resolve));
    const early = this.#tenants.get(input.tenantId) === slot && before.version === version ? rankNow(before) : undefined;
    const index = await checked;
    if (!index) return undefined;
    index.lastUsed = Date.now();
    return early && index === before && index.version === version ? early : rankNow(index);
  }

  /** Loads a tenant now (if it fits), with the passages it preloads; true when it is in memory afterwards. */
  async warm(tenantId: string): Promise<boolean> {
    const slot = this.#slot(tenantId);
    if (slot?.state === 'loading') await slot.done;
    await this.#preloads.get(tenantId);
    return this.#tenants.get(tenantId)?.state === 'ready';
  }

  /** What is held: tenants in memory, their postings, and the units scored (`merged`: those of several segments). */
  describe(): { tenants: number; postings: number; units: number; merged: number } {
    let tenants = 0;
    let postings = 0;
    let units = 0;
    let merged = 0;
    for (const slot of this.#tenants.values()) {
      if (slot.state !== 'ready') continue;
      tenants += 1;
      postings += slot.index.postings;
      units += slot.index.store.units.size;
      for (const unit of slot.index.store.units) if (unit.members.length > 1) merged += 1;
    }
    return { tenants, postings, units, merged };
  }

  /** Stops loading; searches after this go to SQL. Waits for work in flight so the database can close. */
  async close(): Promise<void> {
    this.#closed = true;
    const pending = [...this.#tenants.values()].flatMap((slot) =>
      slot.state === 'loading' ? [slot.done] : slot.state === 'ready' ? [slot.running, slot.next].filter((check) => check !== null) : []);
    await Promise.allSettled([...pending, this.#pruning, ...this.#preloads.values()]);
    this.#tenants.clear();
  }

  #slot(tenantId: string): TenantSlot | undefined {
    const slot = this.#tenants.get(tenantId);
    if (this.#closed) return undefined;
    if (slot && !(slot.state === 'unavailable' && slot.until <= Date.now())) return slot;
    const loading: TenantSlot = { state: 'loading', done: Promise.resolve(), estimate: 0 };
    this.#tenants.set(tenantId, loading);
    this.passages.forget(tenantId);
    loading.done = this.#load(tenantId, loading).catch((error: unknown) => {
      if (this.#tenants.get(tenantId) !== loading) return;
      this.#tenants.set(tenantId, { state: 'unavailable', until: Date.now() + retryAfterMs, reason: (error as Error).message });
      if (!this.#closed) this.#options.onEvent({ event: 'failed', tenantId, reason: (error as Error).message });
    });
    return loading;
  }

  async #load(tenantId: string, slot: Extract<TenantSlot, { state: 'loading' }>): Promise<void> {
    const started = Date.now();
    // Read before anything else: every change committed after this point has a transaction id at or above it.
    const [start] = await this.#database.query<{ xmin: string; terms: number }>(
      `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin,
              (SELECT coalesce(sum(term_total), 0)::float8 FROM index_stats WHERE tenant_id = $1) AS terms`, [tenantId]);
    const estimate = Number(start!.terms);
    if (estimate > this.#options.maxPostings) {
      this.#tenants.set(tenantId, { state: 'unavailable', until: Date.now() + retryAfterMs, reason: 'larger than search.memoryIndex.maxPostings' });
      this.#options.onEvent({ event: 'too-large', tenantId, estimate, maxPostings: this.#options.maxPostings });
      return;
    }
    slot.estimate = estimate;
    this.#makeRoom(tenantId);
    const segmentIds = (await this.#database.query<{ segment_id: number | string }>(
      `SELECT DISTINCT s.segment_id FROM posting_segment_chunks s JOIN chunks c ON c.id = s.chunk_id
       WHERE c.tenant_id = $1 ORDER BY s.segment_id`,
      [tenantId],
    )).map((row) => Number(row.segment_id));
    const dictionary = new TermDictionary();
    const segments = new Map<number, MemorySegment[]>();
    // Segment by segment, each in its own statement (a transaction would hold PGlite for the whole load). The next
    // batch is read while this one is decoded: the database and this thread work at the same time.
    const per = this.#options.segmentsPerBatch;
    const read = (first: number) => this.#fetchSegments(this.#database, tenantId, segmentIds.slice(first, first + per));
    let next = segmentIds.length > 0 ? read(0) : null;
    try {
      for (let first = 0; first < segmentIds.length; first += per) {
        const rows = await next!;
        next = null;
        if (this.#closed || this.#tenants.get(tenantId) !== slot) return;
        next = first + per < segmentIds.length ? read(first + per) : null;
        // A pooled client sends its statement a turn of the event loop later; decoding first would hold it back.
        if (next) await new Promise((resolve) => setImmediate(resolve));
        for (const [id, loaded] of buildSegments(rows, dictionary)) segments.set(id, loaded);
      }
    } finally {
      // Stopped early: the read in flight finishes (or fails) before the load is done, so closing waits for it.
      await next?.catch(() => undefined);
    }
    if (this.#closed || this.#tenants.get(tenantId) !== slot) return;
    const store = new SegmentStore();
    store.replace(segments.keys(), segments);
    // The store holds them now; merging them below frees each segment's arrays as its unit is built.
    segments.clear();
    const index: TenantIndex = {
      dictionary, store, stats: new Map(), restricted: [], postings: store.postings, xmin: start!.xmin, applied: new Set(), lastUsed: Date.now(), version: 0,
    };
    // Segments read at different moments: every one that changed since `xmin` is in the log, so one consistent
    // catch-up (those segments again, and the statistics) makes the copy a state the database really had.
    if (!(await this.#applyConsistently(tenantId, index, { force: true }))) {
      throw new Error('the change log was pruned or an index table truncated while loading');
    }
    if (this.#closed || this.#tenants.get(tenantId) !== slot) return;
    this.#tenants.set(tenantId, { state: 'ready', index, running: null, next: null });
    this.passages.invalidate(tenantId);
    this.#makeRoom(null);
    this.#preloadPassages(tenantId, index);
    this.#options.onEvent({ event: 'loaded', tenantId, postings: index.postings, seconds: (Date.now() - started) / 1000 });
  }

  /**
   * Fills the passage cache with a newly loaded tenant's passages when they fit in half of it: a small tenant is
   * then answered without reading the database at all, as in-process libraries answer. Stops at half the cache,
   * at a change of the tenant (a new generation) and at close; larger tenants fill the cache hit by hit.
   */
  #preloadPassages(tenantId: string, index: TenantIndex): void {
    const view = this.passages.view(tenantId);
    if (!view) return;
    const budget = this.passages.describe().maxBytes / 2;
    let passages = 0;
    for (const stats of index.stats.values()) passages += stats.chunks;
    const run = (async () => {
      let filled = 0;
      let after = 0;
      for (let batches = 0; ; batches++) {
        if (this.#closed || this.passages.view(tenantId)?.generation !== view.generation) return;
        const batch = await readTenantPassages(this.#database, tenantId, after, 500);
        for (const [id, passage] of batch) {
          filled += passageBytes(passage);
          if (filled > budget) return;
          this.passages.remember(view, id, passage);
          after = id;
        }
        // After the first batch, a tenant whose passages would clearly not all fit is left to fill hit by hit.
        if (batch.length < 500 || (batches === 0 && (filled / batch.length) * passages > budget)) return;
      }
    })().catch(() => undefined).finally(() => {
      if (this.#preloads.get(tenantId) === run) this.#preloads.delete(tenantId);
    });
    this.#preloads.set(tenantId, run);
  }

  /**
   * Keeps held postings (and loads under way) within the budget by dropping the least recently searched tenants;
   * `loading` is the tenant about to load, which is never dropped here.
   */
  #makeRoom(loading: string | null): void {
    let held = 0;
    for (const slot of this.#tenants.values()) held += slot.state === 'ready' ? slot.index.postings : slot.state === 'loading' ? slot.estimate : 0;
    const ready = [...this.#tenants.entries()]
      .flatMap(([tenantId, slot]) => (slot.state === 'ready' && tenantId !== loading ? [{ tenantId, index: slot.index }] : []))
      .sort((left, right) => left.index.lastUsed - right.index.lastUsed);
    for (const { tenantId, index } of ready) {
      if (held <= this.#options.maxPostings) return;
      this.#tenants.delete(tenantId);
      this.passages.forget(tenantId);
      held -= index.postings;
    }
  }

  /**
   * Brings a tenant up to date with the change log before a search. A check that is already running may have read
   * the log before this search began, so the search waits for the next one; everyone who arrives meanwhile shares
   * that next check (one statement for many concurrent searches, and each still sees what was committed before it).
   */
  async #refresh(tenantId: string, slot: ReadySlot): Promise<TenantIndex | undefined> {
    if (this.#checked(slot)) return slot.index;
    let check: Promise<void>;
    if (slot.next) {
      check = slot.next;
    } else if (slot.running) {
      const next = slot.running.catch(() => undefined).then(() => {
        if (slot.next === next) slot.next = null;
        return this.#startCheck(tenantId, slot);
      });
      slot.next = next;
      check = next;
    } else {
      check = this.#startCheck(tenantId, slot);
    }
    await check;
    return this.#tenants.get(tenantId) === slot ? slot.index : undefined;
  }

  /** Only this process writes an embedded database: no write finished since the last check began, nothing to read. */
  #checked(slot: ReadySlot): boolean {
    const writes = this.#database.localWriteCount?.();
    return writes !== undefined && writes === slot.writesChecked && !slot.running && !slot.next;
  }

  #startCheck(tenantId: string, slot: ReadySlot): Promise<void> {
    const writes = this.#database.localWriteCount?.();
    const run = this.#check(tenantId, slot).then(() => {
      slot.writesChecked = writes;
    }).finally(() => {
      if (slot.running === run) slot.running = null;
    });
    slot.running = run;
    return run;
  }

  async #check(tenantId: string, slot: ReadySlot): Promise<void> {
    if (this.#tenants.get(tenantId) !== slot) return;
    const index = slot.index;
    const read = await this.#readLog(this.#database, tenantId, index);
    if (read.reload) return this.#reload(tenantId, slot);
    if (read.fresh.length > 0) {
      if (!(await this.#applyConsistently(tenantId, index, { force: false }))) return this.#reload(tenantId, slot);
      this.#makeRoom(null);
    } else {
      index.xmin = read.xmin;
      index.applied = new Set(read.seqs);
    }
    this.#prune();
  }

  /** Drops a tenant and loads it afresh in the background (SQL answers meanwhile). */
  #reload(tenantId: string, slot: ReadySlot): void {
    if (this.#tenants.get(tenantId) !== slot) return;
    this.#tenants.delete(tenantId);
    this.passages.forget(tenantId);
    this.#slot(tenantId);
  }

  /**
   * Reads the log again and, in the same repeatable-read snapshot, every segment it names that is not applied yet
   * and the statistics; then swaps them in at once. False when the tenant must be reloaded instead.
   */
  async #applyConsistently(tenantId: string, index: TenantIndex, options: { force: boolean }): Promise<boolean> {
    const update = await this.#database.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      const read = await this.#readLog(tx, tenantId, index);
      if (read.reload) return null;
      if (read.fresh.length === 0 && !options.force) return { read, segments: new Map<number, MemorySegment[]>(), changed: [] as number[], statistics: null };
      const changed = [...new Set(read.fresh.filter((segment) => segment > 0))];
      const segments = await this.#readSegments(tx, tenantId, changed, index.dictionary);
      return { read, segments, changed, statistics: await this.#readStatistics(tx, tenantId) };
    });
    if (!update) return false;
    index.version += 1;
    index.store.replace(update.changed, update.segments);
    if (update.statistics) {
      index.stats = update.statistics.stats;
      index.restricted = update.statistics.restricted;
    }
    // Restricted segments stand alone (a search leaves them out whole); the small units left are merged again.
    const restricted = new Set(index.restricted.map((entry) => entry.segmentId));
    index.store.separate(restricted);
    index.store.compact(restricted, { all: options.force });
    index.postings = index.store.postings;
    index.xmin = update.read.xmin;
    index.applied = new Set(update.read.seqs);
    // A changed segment, grade or sharing: passages cached for the old state are not served again.
    if (update.read.fresh.length > 0) this.passages.invalidate(tenantId);
    return true;
  }

  /**
   * The change-log rows of transactions at or after the last xmin: the segments of those not applied yet (0 for
   * statistics or sharing only), and whether the tenant must be reloaded (rows it needs may have been pruned, or
   * an index table was truncated).
   */
  async #readLog(database: Queryable, tenantId: string, index: TenantIndex): Promise<LogRead> {
    const [row] = await database.query<{ xmin: string; pruned: boolean; seqs: number[] | null; segments: number[] | null; everywhere: boolean[] | null }>(
      `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin,
              (SELECT horizon > $2::xid8 FROM search_index_pruned) AS pruned,
              changes.seqs, changes.segments, changes.everywhere
       FROM (SELECT array_agg(seq::float8 ORDER BY seq) AS seqs, array_agg(coalesce(segment_id, 0)::float8 ORDER BY seq) AS segments,
                    array_agg(tenant_id = '*' ORDER BY seq) AS everywhere
             FROM search_index_changes WHERE tenant_id IN ($1, '*') AND tx >= $2::xid8) changes`,
      [tenantId, index.xmin],
      // Runs before every search on a server: planned once per connection.
      { prepare: 'kgov_read_index_changes' },
    );
    const seqs = (row?.seqs ?? []).map(Number);
    const fresh: number[] = [];
    let reload = row?.pruned === true;
    seqs.forEach((seq, position) => {
      if (index.applied.has(seq)) return;
      if (row!.everywhere![position]) reload = true;
      fresh.push(Number(row!.segments![position]));
    });
    return { xmin: row!.xmin, seqs, fresh, reload };
  }

  /** Every sixth of the retention, deletes the change-log rows older than the retention (`pruneIndexChangeLog`). */
  #prune(): void {
    const now = Date.now();
    if (this.#closed || now - this.#lastPrune < this.#options.changeLogRetentionMs / 6) return;
    this.#lastPrune = now;
    // Best effort: a failed prune only leaves rows for the next one.
    this.#pruning = pruneIndexChangeLog(this.#database, this.#options.changeLogRetentionMs).catch(() => undefined);
  }

  async #readSegments(database: Queryable, tenantId: string, segmentIds: readonly number[], dictionary: TermDictionary): Promise<Map<number, MemorySegment[]>> {
    return buildSegments(await this.#fetchSegments(database, tenantId, segmentIds), dictionary);
  }

  async #fetchSegments(database: Queryable, tenantId: string, segmentIds: readonly number[]): Promise<SegmentRow[]> {
    if (segmentIds.length === 0) return [];
    // One row per segment with its lists as text (terms never hold white space; lists are joined by ';' and their
    // numbers by ','): ~12× faster than one row per term with three arrays each, on PGlite (BENCHMARKS.md).
    return database.query<SegmentRow>(
      // The four aggregates of a group read its rows in one pass, so their lists line up without sorting each one.
      `SELECT segment_id, grade, string_agg(term, E'\n') AS terms,
              string_agg(array_to_string(chunk_ids, ','), ';') AS chunk_ids,
              string_agg(array_to_string(tfs, ','), ';') AS tfs,
              string_agg(array_to_string(lengths, ','), ';') AS lengths
       FROM posting_segments WHERE tenant_id = $1 AND segment_id = ANY($2::bigint[])
       GROUP BY segment_id, grade`,
      [tenantId, segmentIds],
    );
  }

  async #readStatistics(database: Queryable, tenantId: string): Promise<Pick<TenantIndex, 'stats' | 'restricted'>> {
    const stats = await database.query<{ grade: Grade; chunk_count: number | string; term_total: number | string }>(
      'SELECT grade, chunk_count, term_total FROM index_stats WHERE tenant_id = $1', [tenantId]);
    const restricted = await database.query<{ segment_id: number | string; grade: Grade; access_groups: string[]; chunk_count: number | string; term_total: number | string }>(
      'SELECT segment_id, grade, access_groups, chunk_count, term_total FROM restricted_segments WHERE tenant_id = $1', [tenantId]);
    return {
      stats: new Map(stats.map((row) => [row.grade, { chunks: Number(row.chunk_count), terms: Number(row.term_total) }])),
      restricted: restricted.map((row) => ({
        segmentId: Number(row.segment_id), grade: row.grade, groups: row.access_groups, chunks: Number(row.chunk_count), terms: Number(row.term_total),
      })),
    };
  }
}

/** BM25+ over the permitted segments, as `searchLexical`'s SQL computes it. */
function scoreIndex(index: TenantIndex, input: MemorySearchInput): { chunkId: number; score: number }[] {
  if (input.terms.length === 0 || input.grades.length === 0) return [];
  const grades = new Set(input.grades);
  const scope = { groups: input.groups };
  // Statistics over what the caller may see: all of the grades' passages less the hidden segments'.
  const hidden = new Set<number>();
  let hiddenChunks = 0;
  let hiddenTerms = 0;
  for (const entry of index.restricted) {
    if (!grades.has(entry.grade) || sharedWith(scope, entry.groups)) continue;
    hidden.add(entry.segmentId);
    hiddenChunks += entry.chunks;
    hiddenTerms += entry.terms;
  }
  let chunks = 0;
  let terms = 0;
  for (const grade of grades) {
    const stats = index.stats.get(grade);
    if (!stats) continue;
    chunks += stats.chunks;
    terms += stats.terms;
  }
  chunks -= hiddenChunks;
  terms -= hiddenTerms;
  const passages = Math.max(chunks, 0);
  const averageLength = chunks === 0 ? 1 : terms / chunks;

  const visible: MemoryUnit[] = [];
  for (const unit of index.store.units) {
    if (!grades.has(unit.grade)) continue;
    if (!unit.members.some((member) => hidden.has(member.segmentId))) {
      visible.push(unit);
      continue;
    }
    // Restricted segments are never merged, so this is a unit of one hidden segment; were a hidden one ever inside
    // a merged unit, only the others would be scored.
    const shown = selectMembers(unit, (segmentId) => !hidden.has(segmentId));
    if (shown) visible.push(shown);
  }
  const queryTerms = [...termFrequencies(input.terms)].flatMap(([term, frequency]) => {
    const termId = index.dictionary.idOf(term);
    return termId === undefined ? [] : [{ termId, frequency }];
  });
  // Each term's place in each segment, and its document frequency over the visible segments. Segment by segment,
  // terms in ascending number: each search starts where the previous one ended, in a list that stays in cache.
  const byNumber = queryTerms.map((_, index) => index).sort((left, right) => queryTerms[left]!.termId - queryTerms[right]!.termId);
  const places = queryTerms.map(() => new Int32Array(visible.length));
  const frequencies = new Float64Array(queryTerms.length);
  visible.forEach((segment, segmentIndex) => {
    let from = 0;
    for (const termIndex of byNumber) {
      const place = findTerm(segment, queryTerms[termIndex]!.termId, from);
      places[termIndex]![segmentIndex] = place;
      if (place >= 0) {
        frequencies[termIndex] = frequencies[termIndex]! + segment.starts[place + 1]! - segment.starts[place]!;
        from = place + 1;
      }
    }
  });
  const scored: ScoredTerm[] = queryTerms.map(({ frequency }, termIndex) => ({
    weight: frequencies[termIndex] === 0 ? null : termWeight(frequency, frequencies[termIndex]!, passages),
    places: places[termIndex]!,
  }));
  return scoreSegments(visible, scored, averageLength, input.k);
}

type SegmentRow = { segment_id: number | string; grade: Grade; terms: string; chunk_ids: string; tfs: string; lengths: string };

/** Decodes `#fetchSegments`' rows, in their order (the dictionary numbers terms as it first meets them). */
function buildSegments(rows: readonly SegmentRow[], dictionary: TermDictionary): Map<number, MemorySegment[]> {
  const loaded = new Map<number, MemorySegment[]>();
  // A segment has one grade (one document version); grouping by both keeps any other layout exact too.
  for (const row of rows) {
    const id = Number(row.segment_id);
    const segment = buildSegment(id, row.grade, { terms: row.terms, chunkIds: row.chunk_ids, tfs: row.tfs, lengths: row.lengths }, dictionary);
    loaded.set(id, [...(loaded.get(id) ?? []), segment]);
  }
  return loaded;
}
