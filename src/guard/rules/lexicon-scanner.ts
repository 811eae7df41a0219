/**
 * Many small patterns, one pass over the text. V8 tries every branch of an alternation at every position, so one
 * regular expression of 400 topics cost ~0.9 ms on a 4 KB prompt; here each pattern is filed under the one or two
 * characters it must start with (read from its source), and at each position only the patterns filed under the
 * characters there are tried, as sticky expressions anchored at that position. Filing by pairs matters in Korean:
 * single syllables (다, 사, 가) are too common to filter much. Patterns whose prefix cannot be read from the source
 * (`\s`, `.`, a wide class, an optional first token) are scanned the ordinary way.
 */
export type LexiconEntry<T> = { source: string; value: T };

type Compiled<T> = { pattern: RegExp; value: T };

export class LexiconScanner<T> {
  /** Patterns filed under a one-character prefix, by character code (-1: none). */
  readonly #single = new Int32Array(0x10000).fill(-1);
  /** Which characters start a two-character prefix. */
  readonly #startsPair = new Uint8Array(0x10000);
  /**
   * Open-addressing table of pairs: `#pairKeys[slot]` is `first << 16 | second` as an int32 (0: empty), `#pairLists`
   * the index of its list. Not a Map: a Hangul pair does not fit a small integer, and a Map keyed by heap numbers
   * cost more per character than everything else in the scan.
   */
  #pairKeys = new Int32Array(64);
  #pairLists = new Int32Array(64);
  #pairCount = 0;
  /**
   * A bit per hash of every pair filed (65,536 bits, 8 KB): most pairs of a text start no pattern, and one bit
   * answers that where the table above took a hash and a probe or two at almost every Hangul character.
   */
  readonly #pairFilter = new Int32Array(pairFilterBits >>> 5);
  readonly #lists: Compiled<T>[][] = [];
  readonly #unanchored: Compiled<T>[] = [];

  constructor(entries: readonly LexiconEntry<T>[], flags = '') {
    for (const { source, value } of entries) {
      const normalised = source.normalize('NFKC');
      const prefixes = literalPrefixes(normalised);
      if (!prefixes) {
        this.#unanchored.push({ pattern: new RegExp(normalised, `${flags}g`), value });
        continue;
      }
      const compiled = { pattern: new RegExp(normalised, `${flags}y`), value };
      for (const prefix of prefixes) {
        const first = prefix.charCodeAt(0);
        if (prefix.length === 1) {
          let slot = this.#single[first]!;
          if (slot < 0) {
            slot = this.#lists.push([]) - 1;
            this.#single[first] = slot;
          }
          if (!this.#lists[slot]!.includes(compiled)) this.#lists[slot]!.push(compiled);
          continue;
        }
        const list = this.#lists[this.#pairList(first, prefix.charCodeAt(1), true)]!;
        if (!list.includes(compiled)) list.push(compiled);
        this.#startsPair[first] = 1;
      }
    }
  }

  /**
   * Calls `visit` for every pattern that matches at some position (the first match of each pattern at that
   * position), left to right for anchored patterns, then the unanchored ones; stops when `visit` returns true.
   */
  scan(text: string, visit: (value: T, start: number, end: number) => boolean | void): void {
    const single = this.#single;
    const startsPair = this.#startsPair;
    const filter = this.#pairFilter;
    const last = text.length - 1;
    for (let index = 0; index <= last; index++) {
      const code = text.charCodeAt(index);
      const slot = single[code]!;
      if (slot >= 0 && this.#tryAll(this.#lists[slot]!, text, index, visit)) return;
      if (startsPair[code] === 0 || index === last) continue;
      const second = text.charCodeAt(index + 1);
      const bit = pairFilterBit(code, second);
      if ((filter[bit >>> 5]! & (1 << (bit & 31))) === 0) continue;
      const pair = this.#pairList(code, second, false);
      if (pair >= 0 && this.#tryAll(this.#lists[pair]!, text, index, visit)) return;
    }
    for (const { pattern, value } of this.#unanchored) {
      pattern.lastIndex = 0;
      for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
        if (visit(value, match.index, match.index + match[0].length) === true) return;
        if (match[0].length === 0) pattern.lastIndex++;
      }
    }
  }

  /** Whether any pattern matches anywhere. */
  test(text: string): boolean {
    let found = false;
    this.scan(text, () => (found = true));
    return found;
  }

  /** The list index of a pair, or -1; with `create`, a new empty list when there is none. */
  #pairList(first: number, second: number, create: boolean): number {
    const key = (first << 16) | second;
    let mask = this.#pairKeys.length - 1;
    let slot = (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
    while (this.#pairKeys[slot] !== 0) {
      if (this.#pairKeys[slot] === key) return this.#pairLists[slot]!;
      slot = (slot + 1) & mask;
    }
    if (!create) return -1;
    if ((this.#pairCount + 1) * 2 > this.#pairKeys.length) {
      this.#grow();
      mask = this.#pairKeys.length - 1;
      slot = (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
      while (this.#pairKeys[slot] !== 0) slot = (slot + 1) & mask;
    }
    this.#pairKeys[slot] = key;
    this.#pairLists[slot] = this.#lists.push([]) - 1;
    const bit = pairFilterBit(first, second);
    this.#pairFilter[bit >>> 5]! |= 1 << (bit & 31);
    this.#pairCount++;
    return this.#pairLists[slot]!;
  }

  #grow(): void {
    const keys = this.#pairKeys;
    const lists = this.#pairLists;
    this.#pairKeys = new Int32Array(keys.length * 2);
    this.#pairLists = new Int32Array(keys.length * 2);
    const mask = this.#pairKeys.length - 1;
    keys.forEach((key, index) => {
      if (key === 0) return;
      let slot = (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
      while (this.#pairKeys[slot] !== 0) slot = (slot + 1) & mask;
      this.#pairKeys[slot] = key;
      this.#pairLists[slot] = lists[index]!;
    });
  }

  #tryAll(list: Compiled<T>[], text: string, index: number, visit: (value: T, start: number, end: number) => boolean | void): boolean {
    for (const { pattern, value } of list) {
      pattern.lastIndex = index;
      if (pattern.test(text) && visit(value, index, pattern.lastIndex) === true) return true;
    }
    return false;
  }
}

const pairFilterBits = 1 << 16;

function pairFilterBit(first: number, second: number): number {
  return (Math.imul((first << 16) | second, 0x9e3779b1) >>> 16) & (pairFilterBits - 1);
}

export type LexiconHit<T> = { value: T; start: number; end: number };

/**
 * Several lexicons in one scanner, so a text is read once for all of them (the loop over its characters is most of
 * the cost of a scan, and one table stays in the CPU cache where several did not). `scan` gives each lexicon's hits
 * in the order its own scanner would visit them, all of them: callers stop where their visitor would have stopped.
 */
export class LexiconGroup<T extends unknown[]> {
  readonly #scanner: LexiconScanner<{ lexicon: number; value: unknown }>;
  readonly #size: number;

  constructor(lexicons: { [K in keyof T]: readonly LexiconEntry<T[K]>[] }, flags = '') {
    const all = lexicons as readonly (readonly LexiconEntry<unknown>[])[];
    this.#size = all.length;
    this.#scanner = new LexiconScanner(
      all.flatMap((entries, lexicon) => entries.map(({ source, value }) => ({ source, value: { lexicon, value } }))),
      flags,
    );
  }

  scan(text: string): { [K in keyof T]: LexiconHit<T[K]>[] } {
    const hits = Array.from({ length: this.#size }, (): LexiconHit<unknown>[] => []);
    this.#scanner.scan(text, ({ lexicon, value }, start, end) => {
      hits[lexicon]!.push({ value, start, end });
    });
    return hits as { [K in keyof T]: LexiconHit<T[K]>[] };
  }
}

/** More prefixes than this and the pattern is scanned the ordinary way. */
const maxPrefixes = 256;

/**
 * The literal prefixes (one or two characters) every match of `source` starts with, or undefined when they cannot
 * be read simply. Leading `\b` and look-arounds are skipped (they constrain the neighbours, not the characters);
 * groups of alternatives are expanded; a token that may be absent (`?`, `*`, `{0,…}`) or is not a plain character
 * or a small class ends the prefix.
 */
export function literalPrefixes(source: string, want = 2): string[] | undefined {
  const alternatives = splitAlternatives(source);
  if (alternatives.length > 1) {
    const union = new Set<string>();
    for (const alternative of alternatives) {
      const prefixes = literalPrefixes(alternative, want);
      if (!prefixes) return undefined;
      for (const prefix of prefixes) union.add(prefix);
    }
    return union.size > maxPrefixes ? undefined : [...union];
  }
  let prefixes = [''];
  let position = 0;
  while (position < source.length && prefixes.some((prefix) => prefix.length < want)) {
    if (source.startsWith('\\b', position)) {
      position += 2;
      continue;
    }
    if (/^\(\?<?[=!]/.test(source.slice(position, position + 4))) {
      const close = closingParenthesis(source, position);
      if (close < 0) return undefined;
      position = close + 1;
      continue;
    }
    const token = readToken(source, position);
    if (!token) break;
    const after = source.slice(token.end);
    if (quantifier.test(after)) break;
    const room = want - Math.min(...prefixes.map((prefix) => prefix.length));
    const options = token.group !== undefined ? literalPrefixes(token.group, room) : token.characters;
    if (!options || options.includes('')) break;
    const next = new Set<string>();
    for (const prefix of prefixes) {
      for (const option of options) next.add(prefix.length >= want ? prefix : (prefix + option).slice(0, want));
    }
    if (next.size > maxPrefixes) break;
    prefixes = [...next];
    // After a group or a repeated token the next token may not follow directly in every alternative: stop here.
    if (token.group !== undefined || /^[+{]/.test(after)) break;
    position = token.end;
  }
  return prefixes.some((prefix) => prefix.length === 0) ? undefined : prefixes;
}

type Token = { end: number; characters?: string[]; group?: string };

function readToken(source: string, position: number): Token | undefined {
  const char = source[position]!;
  if (char === '(') {
    const close = closingParenthesis(source, position);
    if (close < 0) return undefined;
    const inner = source.slice(position, close);
    const start = inner.startsWith('(?:') ? 3 : inner.startsWith('(?<') ? inner.indexOf('>') + 1 : 1;
    return { end: close + 1, group: inner.slice(start) };
  }
  if (char === '[') {
    const close = source.indexOf(']', position);
    if (close < 0 || source[position + 1] === '^') return undefined;
    const codes = classCharacters(source.slice(position + 1, close));
    return codes ? { end: close + 1, characters: [...codes].map((code) => String.fromCharCode(code)) } : undefined;
  }
  if (char === '\\') {
    const next = source[position + 1];
    if (next === undefined || /[a-zA-Z0-9]/.test(next)) return undefined;
    return { end: position + 2, characters: [next] };
  }
  if ('.^$|)'.includes(char)) return undefined;
  return { end: position + 1, characters: [char] };
}

const quantifier = /^(?:[?*]|\{0)/;

function closingParenthesis(source: string, open: number): number {
  let depth = 0;
  for (let index = open; index < source.length; index++) {
    const char = source[index];
    if (char === '\\') {
      index++;
      continue;
    }
    if (char === '[') {
      index = source.indexOf(']', index);
      if (index < 0) return -1;
      continue;
    }
    if (char === '(') depth++;
    if (char === ')' && --depth === 0) return index;
  }
  return -1;
}

function splitAlternatives(source: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < source.length; index++) {
    const char = source[index];
    if (char === '\\') {
      index++;
      continue;
    }
    if (char === '[') {
      index = source.indexOf(']', index);
      continue;
    }
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === '|' && depth === 0) {
      parts.push(source.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(source.slice(start));
  return parts;
}

// A small class such as [1-9], [죳좆] or [x×*]; wide ranges ([가-힣]) are not worth filing under each character.
function classCharacters(body: string): Set<number> | undefined {
  const codes = new Set<number>();
  for (let index = 0; index < body.length; index++) {
    if (body[index] === '\\') return undefined;
    const from = body.charCodeAt(index);
    if (body[index + 1] === '-' && index + 2 < body.length) {
      const to = body.charCodeAt(index + 2);
      if (to - from > 64) return undefined;
      for (let code = from; code <= to; code++) codes.add(code);
      index += 2;
    } else {
      codes.add(from);
    }
  }
  return codes.size > 0 ? codes : undefined;
}
