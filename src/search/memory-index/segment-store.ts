import type { Grade } from '../../auth/index.js';
import type { MemorySegment } from './memory-segment.js';

/** A database segment inside a unit: its chunks are the unit's local numbers `first … first + count − 1`. */
export type Member = { readonly segmentId: number; readonly first: number; readonly count: number };

/**
 * What a search scores: one database segment, or several of one grade merged (their lists joined term by term).
 * Which segments it holds is `members`; it has no id of its own.
 */
export type MemoryUnit = Omit<MemorySegment, 'id'> & { readonly members: readonly Member[] };

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
      // One pass over the unit: output 0 keeps the others together, each restricted member gets one of its own.
      const apart = unit.members.filter((member) => merged.has(member.segmentId)).map((member) => member.segmentId);
      const parts = splitUnit(unit, (segmentId) => apart.indexOf(segmentId) + 1, apart.length + 1);
      for (const part of parts) if (part) this.#add(part);
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
    for (const [grade, units] of small) {
      // Nothing here keeps a unit once it is merged: the store drops it, and so does this list.
      small.delete(grade);
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
      for (let index = 0; index < units.length; index++) {
        const unit = units[index]!;
        units[index] = undefined as unknown as MemoryUnit;
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
  const { id, ...lists } = segment;
  return { ...lists, members: [{ segmentId: id, first: 0, count: segment.chunkIds.length }] };
}

/**
 * Units of one grade as one: chunks numbered on from one unit to the next, each term's lists joined in unit order
 * (so every list stays in ascending local order). The merged term list is the sorted union of the units' own
 * (never anything sized to the tenant's whole dictionary); each unit's sorted terms are then walked beside it.
 */
export function mergeUnits(units: readonly MemoryUnit[]): MemoryUnit {
  const grade = units[0]!.grade;
  if (units.some((unit) => unit.grade !== grade)) throw new Error('units of different grades cannot be merged');
  let chunkCount = 0;
  let postingCount = 0;
  let pairs = 0;
  for (const unit of units) {
    chunkCount += unit.chunkIds.length;
    postingCount += unit.postings.length;
    pairs += unit.termIds.length;
  }
  const all = new Int32Array(pairs);
  let filled = 0;
  for (const unit of units) {
    all.set(unit.termIds, filled);
    filled += unit.termIds.length;
  }
  all.sort();
  let termCount = 0;
  for (let index = 0; index < all.length; index++) if (index === 0 || all[index] !== all[index - 1]) all[termCount++] = all[index]!;
  const termIds = all.slice(0, termCount);
  /** Each unit's term places in the merged list (both lists ascending). */
  const placesOf = units.map((unit) => {
    const places = new Uint32Array(unit.termIds.length);
    let to = 0;
    for (let from = 0; from < unit.termIds.length; from++) {
      while (termIds[to] !== unit.termIds[from]) to += 1;
      places[from] = to;
    }
    return places;
  });
  const counts = new Uint32Array(termCount);
  units.forEach((unit, index) => {
    const places = placesOf[index]!;
    for (let from = 0; from < unit.termIds.length; from++) counts[places[from]!] = counts[places[from]!]! + unit.starts[from + 1]! - unit.starts[from]!;
  });
  const starts = new Uint32Array(termCount + 1);
  for (let place = 0; place < termCount; place++) starts[place + 1] = starts[place]! + counts[place]!;
  // Where the next posting of each merged term goes.
  const next = starts.slice(0, termCount);
  const maxTfs = new Uint32Array(termCount);
  const postings = new Uint32Array(postingCount);
  const tfs = new Uint32Array(postingCount);
  const chunkIds = new Float64Array(chunkCount);
  const lengths = new Float64Array(chunkCount);
  const members: Member[] = [];
  let first = 0;
  let minLength = Number.POSITIVE_INFINITY;
  units.forEach((unit, index) => {
    const places = placesOf[index]!;
    chunkIds.set(unit.chunkIds, first);
    lengths.set(unit.lengths, first);
    if (unit.chunkIds.length > 0) minLength = Math.min(minLength, unit.minLength);
    for (const member of unit.members) members.push({ segmentId: member.segmentId, first: first + member.first, count: member.count });
    for (let from = 0; from < unit.termIds.length; from++) {
      const to = places[from]!;
      if (unit.maxTfs[from]! > maxTfs[to]!) maxTfs[to] = unit.maxTfs[from]!;
      let position = next[to]!;
      for (let source = unit.starts[from]!, end = unit.starts[from + 1]!; source < end; source++) {
        postings[position] = unit.postings[source]! + first;
        tfs[position] = unit.tfs[source]!;
        position += 1;
      }
      next[to] = position;
    }
    first += unit.chunkIds.length;
  });
  return {
    grade, chunkIds, lengths, minLength: chunkCount === 0 ? 0 : minLength, termIds, starts, postings, tfs, maxTfs, members,
  };
}

/** The unit with only the members `keep` accepts (chunks renumbered, empty lists dropped); null when none is left. */
export function selectMembers(unit: MemoryUnit, keep: (segmentId: number) => boolean): MemoryUnit | null {
  if (unit.members.every((member) => keep(member.segmentId))) return unit;
  return splitUnit(unit, (segmentId) => (keep(segmentId) ? 0 : -1), 1)[0]!;
}

/**
 * A unit cut into `outputs` units in one pass over its postings: `outputOf` names each member's output (−1: left
 * out). Members keep their order inside an output; chunks are renumbered, empty lists dropped; an output with no
 * member is null.
 */
export function splitUnit(unit: MemoryUnit, outputOf: (segmentId: number) => number, outputs: number): (MemoryUnit | null)[] {
  const chunkCount = unit.chunkIds.length;
  const target = new Int32Array(chunkCount).fill(-1);
  const renumbered = new Uint32Array(chunkCount);
  const members: Member[][] = Array.from({ length: outputs }, () => []);
  const chunksIn = new Uint32Array(outputs);
  for (const member of unit.members) {
    const output = outputOf(member.segmentId);
    if (output < 0) continue;
    members[output]!.push({ segmentId: member.segmentId, first: chunksIn[output]!, count: member.count });
    for (let chunk = member.first; chunk < member.first + member.count; chunk++) {
      target[chunk] = output;
      renumbered[chunk] = chunksIn[output]!;
      chunksIn[output] = chunksIn[output]! + 1;
    }
  }
  // First pass: postings and lists per output, to size the arrays.
  const postingsIn = new Uint32Array(outputs);
  const termsIn = new Uint32Array(outputs);
  const lastTerm = new Int32Array(outputs).fill(-1);
  for (let place = 0; place < unit.termIds.length; place++) {
    for (let position = unit.starts[place]!, end = unit.starts[place + 1]!; position < end; position++) {
      const output = target[unit.postings[position]!]!;
      if (output < 0) continue;
      postingsIn[output] = postingsIn[output]! + 1;
      if (lastTerm[output] !== place) {
        lastTerm[output] = place;
        termsIn[output] = termsIn[output]! + 1;
      }
    }
  }
  const parts = Array.from({ length: outputs }, (_, output) => ({
    chunkIds: new Float64Array(chunksIn[output]!), lengths: new Float64Array(chunksIn[output]!), minLength: Number.POSITIVE_INFINITY,
    termIds: new Int32Array(termsIn[output]!), starts: new Uint32Array(termsIn[output]! + 1), maxTfs: new Uint32Array(termsIn[output]!),
    postings: new Uint32Array(postingsIn[output]!), tfs: new Uint32Array(postingsIn[output]!), terms: 0, filled: 0,
  }));
  for (let chunk = 0; chunk < chunkCount; chunk++) {
    const output = target[chunk]!;
    if (output < 0) continue;
    const part = parts[output]!;
    part.chunkIds[renumbered[chunk]!] = unit.chunkIds[chunk]!;
    part.lengths[renumbered[chunk]!] = unit.lengths[chunk]!;
    if (unit.lengths[chunk]! < part.minLength) part.minLength = unit.lengths[chunk]!;
  }
  // Second pass: each output's lists, term by term in the unit's order (so they stay sorted).
  lastTerm.fill(-1);
  for (let place = 0; place < unit.termIds.length; place++) {
    for (let position = unit.starts[place]!, end = unit.starts[place + 1]!; position < end; position++) {
      const chunk = unit.postings[position]!;
      const output = target[chunk]!;
      if (output < 0) continue;
      const part = parts[output]!;
      if (lastTerm[output] !== place) {
        lastTerm[output] = place;
        part.termIds[part.terms] = unit.termIds[place]!;
        part.starts[part.terms] = part.filled;
        part.terms += 1;
      }
      part.postings[part.filled] = renumbered[chunk]!;
      part.tfs[part.filled] = unit.tfs[position]!;
      if (unit.tfs[position]! > part.maxTfs[part.terms - 1]!) part.maxTfs[part.terms - 1] = unit.tfs[position]!;
      part.filled += 1;
    }
  }
  return parts.map((part, output) => {
    if (members[output]!.length === 0) return null;
    part.starts[part.terms] = part.filled;
    return {
      grade: unit.grade, chunkIds: part.chunkIds, lengths: part.lengths,
      minLength: part.chunkIds.length === 0 ? 0 : part.minLength, termIds: part.termIds, starts: part.starts,
      postings: part.postings, tfs: part.tfs, maxTfs: part.maxTfs, members: members[output]!,
    };
  });
}
