import type { Grade } from '../../auth/index.js';
import type { MemorySegment } from './memory-segment.js';

/** A database segment inside a unit: its chunks are the unit's local numbers `first … first + count − 1`. */
export type Member = { readonly segmentId: number; readonly first: number; readonly count: number };

/** What a search scores: one database segment, or several of one grade merged (their lists joined term by term). */
export type MemoryUnit = MemorySegment & { readonly members: readonly Member[] };

/** Units merged up to about this many postings (~16 MB): a change inside one rebuilds at most this much. */
export const unitPostings = 2_000_000;
/** Small units of a grade are merged once there are this many (a new document adds one small unit). */
const mergeAt = 8;

/**
 * A tenant's posting lists in memory, as units: the database's segments (one document version each), with the
 * segments of documents shared with the whole tenant merged, per grade, into units of up to `unitPostings`.
 * A query's cost grows with the number of segments it looks its terms up in (~50 binary searches per segment), so
 * a tenant of 10,000 chunks in 100 documents is scored as one unit instead of 100 segments. The database stays the
 * unit of change: a changed segment leaves its unit (the rest of the unit is rebuilt without it) and comes back as
 * a unit of its own, and small units are merged again later. Segments of documents shared with some groups only
 * are never merged, so a search can leave them out whole; scoring still checks every member it is given.
 */
export class SegmentStore {
  readonly #units = new Set<MemoryUnit>();
  readonly #unitsOf = new Map<number, MemoryUnit[]>();
  #postings = 0;

  get postings(): number {
    return this.#postings;
  }

  get units(): ReadonlySet<MemoryUnit> {
    return this.#units;
  }

  /**
   * Puts in the segments read from the database: each id in `changed` leaves the unit(s) it was in, and its new
   * lists, if it still has any, become units of their own.
   */
  replace(changed: Iterable<number>, loaded: ReadonlyMap<number, readonly MemorySegment[]>): void {
    const ids = new Set(changed);
    this.#withoutMembers(ids);
    for (const id of ids) for (const segment of loaded.get(id) ?? []) this.#add(single(segment));
  }

  /** Segments now shared with some groups only leave merged units, so a search can leave them out whole. */
  separate(restricted: ReadonlySet<number>): void {
    const merged = new Set<number>();
    for (const id of restricted) if (this.#unitsOf.get(id)?.some((unit) => unit.members.length > 1)) merged.add(id);
    if (merged.size === 0) return;
    const units = new Set(Array.from(merged, (id) => this.#unitsOf.get(id)!).flat());
    for (const unit of units) {
      this.#remove(unit);
      const rest = selectMembers(unit, (id) => !merged.has(id));
      if (rest) this.#add(rest);
      for (const member of unit.members) {
        if (!merged.has(member.segmentId)) continue;
        const alone = selectMembers(unit, (id) => id === member.segmentId);
        if (alone) this.#add(alone);
      }
    }
  }

  /**
   * Merges small units of each grade (never those of restricted segments), oldest segments first, into units of
   * up to `unitPostings`: all of them with `all` (after loading a tenant), else once a grade has `mergeAt`.
   */
  compact(restricted: ReadonlySet<number>, options: { all: boolean }): void {
    const small = new Map<Grade, MemoryUnit[]>();
    for (const unit of this.#units) {
      if (unit.postings.length >= unitPostings / 2 || unit.members.some((member) => restricted.has(member.segmentId))) continue;
      const list = small.get(unit.grade);
      if (list) list.push(unit);
      else small.set(unit.grade, [unit]);
    }
    for (const units of small.values()) {
      if (units.length < 2 || (!options.all && units.length < mergeAt)) continue;
      units.sort((left, right) => left.members[0]!.segmentId - right.members[0]!.segmentId);
      let group: MemoryUnit[] = [];
      let size = 0;
      const flush = () => {
        if (group.length > 1) {
          for (const unit of group) this.#remove(unit);
          this.#add(mergeUnits(group));
        }
        group = [];
        size = 0;
      };
      for (const unit of units) {
        if (size + unit.postings.length > unitPostings) flush();
        group.push(unit);
        size += unit.postings.length;
      }
      flush();
    }
  }

  #withoutMembers(ids: ReadonlySet<number>): void {
    const touched = new Set<MemoryUnit>();
    for (const id of ids) for (const unit of this.#unitsOf.get(id) ?? []) touched.add(unit);
    for (const unit of touched) {
      this.#remove(unit);
      const rest = selectMembers(unit, (id) => !ids.has(id));
      if (rest) this.#add(rest);
    }
  }

  #add(unit: MemoryUnit): void {
    this.#units.add(unit);
    this.#postings += unit.postings.length;
    for (const member of unit.members) this.#unitsOf.set(member.segmentId, [...(this.#unitsOf.get(member.segmentId) ?? []), unit]);
  }

  #remove(unit: MemoryUnit): void {
    if (!this.#units.delete(unit)) return;
    this.#postings -= unit.postings.length;
    for (const member of unit.members) {
      const rest = (this.#unitsOf.get(member.segmentId) ?? []).filter((other) => other !== unit);
      if (rest.length > 0) this.#unitsOf.set(member.segmentId, rest);
      else this.#unitsOf.delete(member.segmentId);
    }
  }
}

export function single(segment: MemorySegment): MemoryUnit {
  return { ...segment, members: [{ segmentId: segment.id, first: 0, count: segment.chunkIds.length }] };
}

/**
 * Units of one grade as one: chunks numbered on from one unit to the next, each term's lists joined in unit order
 * (so every list stays in ascending local order). Term numbers are small integers, so the lists are placed by
 * counting, not by sorting.
 */
export function mergeUnits(units: readonly MemoryUnit[]): MemoryUnit {
  const grade = units[0]!.grade;
  if (units.some((unit) => unit.grade !== grade)) throw new Error('units of different grades cannot be merged');
  let chunkCount = 0;
  let postingCount = 0;
  let termLimit = 0;
  for (const unit of units) {
    chunkCount += unit.chunkIds.length;
    postingCount += unit.postings.length;
    if (unit.termIds.length > 0) termLimit = Math.max(termLimit, unit.termIds[unit.termIds.length - 1]! + 1);
  }
  const counts = new Uint32Array(termLimit + 1);
  for (const unit of units) {
    for (let place = 0; place < unit.termIds.length; place++) counts[unit.termIds[place]!] = counts[unit.termIds[place]!]! + unit.starts[place + 1]! - unit.starts[place]!;
  }
  let termCount = 0;
  for (let term = 0; term < termLimit; term++) if (counts[term]! > 0) termCount += 1;
  const termIds = new Int32Array(termCount);
  const starts = new Uint32Array(termCount + 1);
  const maxTfs = new Uint32Array(termCount);
  // Where each term's list starts, and where the next posting of it goes.
  const next = new Uint32Array(termLimit);
  const placeOf = new Int32Array(termLimit).fill(-1);
  let offset = 0;
  let place = 0;
  for (let term = 0; term < termLimit; term++) {
    if (counts[term] === 0) continue;
    termIds[place] = term;
    starts[place] = offset;
    placeOf[term] = place;
    next[term] = offset;
    offset += counts[term]!;
    place += 1;
  }
  starts[termCount] = offset;
  const postings = new Uint32Array(postingCount);
  const tfs = new Uint32Array(postingCount);
  const chunkIds = new Float64Array(chunkCount);
  const lengths = new Float64Array(chunkCount);
  const members: Member[] = [];
  let first = 0;
  let minLength = Number.POSITIVE_INFINITY;
  for (const unit of units) {
    chunkIds.set(unit.chunkIds, first);
    lengths.set(unit.lengths, first);
    if (unit.chunkIds.length > 0) minLength = Math.min(minLength, unit.minLength);
    for (const member of unit.members) members.push({ segmentId: member.segmentId, first: first + member.first, count: member.count });
    for (let from = 0; from < unit.termIds.length; from++) {
      const term = unit.termIds[from]!;
      const to = placeOf[term]!;
      if (unit.maxTfs[from]! > maxTfs[to]!) maxTfs[to] = unit.maxTfs[from]!;
      let position = next[term]!;
      for (let source = unit.starts[from]!, end = unit.starts[from + 1]!; source < end; source++) {
        postings[position] = unit.postings[source]! + first;
        tfs[position] = unit.tfs[source]!;
        position += 1;
      }
      next[term] = position;
    }
    first += unit.chunkIds.length;
  }
  return {
    id: members[0]?.segmentId ?? 0, grade, chunkIds, lengths, minLength: chunkCount === 0 ? 0 : minLength,
    termIds, starts, postings, tfs, maxTfs, members,
  };
}

/** The unit with only the members `keep` accepts (chunks renumbered, empty lists dropped); null when none is left. */
export function selectMembers(unit: MemoryUnit, keep: (segmentId: number) => boolean): MemoryUnit | null {
  const kept = unit.members.filter((member) => keep(member.segmentId));
  if (kept.length === unit.members.length) return unit;
  if (kept.length === 0) return null;
  const renumbered = new Int32Array(unit.chunkIds.length).fill(-1);
  const members: Member[] = [];
  let count = 0;
  for (const member of kept) {
    members.push({ segmentId: member.segmentId, first: count, count: member.count });
    for (let chunk = member.first; chunk < member.first + member.count; chunk++) renumbered[chunk] = count++;
  }
  const chunkIds = new Float64Array(count);
  const lengths = new Float64Array(count);
  let minLength = Number.POSITIVE_INFINITY;
  for (let chunk = 0; chunk < unit.chunkIds.length; chunk++) {
    const to = renumbered[chunk]!;
    if (to < 0) continue;
    chunkIds[to] = unit.chunkIds[chunk]!;
    lengths[to] = unit.lengths[chunk]!;
    minLength = Math.min(minLength, lengths[to]!);
  }
  const termIds: number[] = [];
  const starts: number[] = [];
  const maxTfs: number[] = [];
  const postings = new Uint32Array(unit.postings.length);
  const tfs = new Uint32Array(unit.postings.length);
  let offset = 0;
  for (let place = 0; place < unit.termIds.length; place++) {
    const start = offset;
    let maxTf = 0;
    for (let position = unit.starts[place]!, end = unit.starts[place + 1]!; position < end; position++) {
      const to = renumbered[unit.postings[position]!]!;
      if (to < 0) continue;
      postings[offset] = to;
      tfs[offset] = unit.tfs[position]!;
      if (tfs[offset]! > maxTf) maxTf = tfs[offset]!;
      offset += 1;
    }
    if (offset === start) continue;
    termIds.push(unit.termIds[place]!);
    starts.push(start);
    maxTfs.push(maxTf);
  }
  starts.push(offset);
  return {
    id: members[0]!.segmentId, grade: unit.grade, chunkIds, lengths, minLength: count === 0 ? 0 : minLength,
    termIds: Int32Array.from(termIds), starts: Uint32Array.from(starts), postings: postings.slice(0, offset), tfs: tfs.slice(0, offset),
    maxTfs: Uint32Array.from(maxTfs), members,
  };
}
