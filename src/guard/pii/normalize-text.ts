/**
 * Normalisation before matching, with a map back to the original string: evasion tricks (full-width digits,
 * zero-width joiners, digits spaced out one by one) must not hide personal data, yet every offset we report
 * has to point into the text the caller sent.
 */
export type NormalizedText = {
  text: string;
  /** For each UTF-16 index of `text`: where its source starts in the original; null when nothing changed. */
  originalStart: Int32Array | null;
  /** For each UTF-16 index of `text`: where its source ends in the original. */
  originalEnd: Int32Array | null;
};

// Characters that show nothing (or nothing in a number) and are used to split numbers and words without changing how
// they look: format and bidi controls, C0/C1 controls other than line breaks and tabs, Hangul fillers, the combining
// grapheme joiner and variation selectors, the braille blank, the Khmer inherent vowels, and the replacement
// character (what a broken byte becomes: "010-\ufffd1234-5678" is still a phone number).
const invisible = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffd]/;
// Tag characters and musical-notation format controls: astral, invisible.
const invisibleAstral = /^[\u{E0000}-\u{E007F}\u{1D173}-\u{1D17A}]/u;
// Half of a surrogate pair without the other half (String.prototype.isWellFormed is not in this project's ES lib).
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const invisibleAstralAnywhere = /[\u{E0000}-\u{E007F}\u{1D173}-\u{1D17A}]/u;
// Line and paragraph separators and NEL: breaks NFKC leaves alone, read as a space (a break inside a number is a gap).
const asSpace = /[\u0085\u2028\u2029]/;
// Dashes NFKC leaves alone but people (and evaders) use as hyphens.
const dashes = /[\u2010-\u2015\u2212\ufe58\ufe63]/;
// A base character and the marks or conjoining jamo that NFKC may fold into it.
const combining = /[\p{M}\u1160-\u11ff]/u;
// Single digits or hyphens separated by single spaces, e.g. `0 1 0 - 1 2 3 4 - 5 6 7 8`.
const spacedDigits = /(?<![0-9A-Za-z-])[0-9-](?: [0-9-]){5,}(?![0-9A-Za-z-])/g;
// Spaces around a hyphen between digits (`900101 - 1234567`, `010 -1234- 5678`): the hyphen joins, the spaces go.
const spacedHyphen = /(?<=[0-9]) *- *(?=[0-9])/g;

/**
 * What normalisation does to a UTF-16 code unit standing alone, filled in as characters are first seen (one
 * `normalize` call per distinct character instead of one per character of every text). `Kept`: NFKC leaves it as
 * it is, it is no mark, no invisible character and no odd dash. Only marks and conjoining jamo (`Mark`) ever
 * combine with the character before them under NFKC (checked over every canonical decomposition in Unicode: the
 * characters after the first are marks, jamo, or astral and so never `Kept`), so a text made of `Kept` characters
 * is its own NFKC form.
 */
const Unknown = 0, Kept = 1, Dropped = 2, Dash = 3, Folded = 4, Mark = 5, Surrogate = 6;
type Kind = typeof Unknown | typeof Kept | typeof Dropped | typeof Dash | typeof Folded | typeof Mark | typeof Surrogate;
const kinds = new Uint8Array(0x10000);
const foldedForms = new Map<number, string>();

function kindOf(code: number): Kind {
  const known = kinds[code]! as Kind;
  if (known !== Unknown) return known;
  let kind: Kind;
  const char = String.fromCharCode(code);
  if (code >= 0xd800 && code <= 0xdfff) kind = Surrogate;
  // Before marks: the grapheme joiner and the variation selectors are marks that show nothing.
  else if (invisible.test(char)) kind = Dropped;
  else if (combining.test(char)) kind = Mark;
  else if (asSpace.test(char)) {
    kind = Folded;
    foldedForms.set(code, ' ');
  }
  else if (dashes.test(char)) kind = Dash;
  else {
    // Other scripts' decimal digits (Arabic-Indic ٩٠٠١٠١, Devanagari, Thai …) are no NFKC business: folded to ASCII here.
    const folded = code > 0x7f && decimalDigit.test(char) ? String(digitValue(code)) : char.normalize('NFKC');
    kind = folded === char ? Kept : Folded;
    if (kind === Folded) foldedForms.set(code, folded);
  }
  kinds[code] = kind;
  return kind;
}

const decimalDigit = /\p{Nd}/u;

/** A decimal digit's value: scripts encode 0–9 in runs of ten, so it is its distance from its run's start, mod 10. */
function digitValue(code: number): number {
  let start = code;
  while (start > 0 && decimalDigit.test(String.fromCharCode(start - 1))) start--;
  return (code - start) % 10;
}

// Characters other than printable ASCII, tabs and line breaks, and Hangul syllables: the regular-expression engine
// skips to them faster than a loop (control characters go the slow way, to be dropped).
const notAsciiOrHangul = /[^\t\n\v\f\r\x20-\x7e\uac00-\ud7a3]/g;

// The guard chain normalises each request twice (its rule checks read `guardText`, the PII check calls
// `detectPii`): the last result is kept and handed out again. Callers treat it as read-only.
let last: { original: string; normalized: NormalizedText } | undefined;

export function normalizeText(original: string): NormalizedText {
  if (last?.original === original) return last.normalized;
  const normalized = normalize(original);
  last = { original, normalized };
  return normalized;
}

function normalize(original: string): NormalizedText {
  if (!needsWork(original)) return { text: original, originalStart: null, originalEnd: null };
  const map = new OffsetMap(original.length);
  let text = '';
  let copiedUpTo = 0; // characters kept as they are are copied in runs
  let index = 0;
  while (index < original.length) {
    // A run of ASCII and Hangul syllables maps one to one; its last character goes on below when a mark follows it.
    notAsciiOrHangul.lastIndex = index;
    let runEnd = notAsciiOrHangul.test(original) ? notAsciiOrHangul.lastIndex - 1 : original.length;
    if (runEnd < original.length && runEnd > index && kindOf(original.charCodeAt(runEnd)) >= Mark) runEnd--;
    if (runEnd > index) {
      map.pushRun(index, runEnd);
      index = runEnd;
      continue;
    }
    const kind = kindOf(original.charCodeAt(index));
    const nextKind = index + 1 < original.length ? kindOf(original.charCodeAt(index + 1)) : Kept;
    if (kind !== Mark && kind !== Surrogate && nextKind !== Mark && nextKind !== Surrogate) {
      // A cluster of one code unit, the common case: decided by the table.
      if (kind === Kept) {
        map.push(index, index + 1);
        index++;
        continue;
      }
      text += original.slice(copiedUpTo, index);
      if (kind !== Dropped) {
        const folded = kind === Dash ? '-' : foldedForms.get(original.charCodeAt(index))!;
        for (let unit = 0; unit < folded.length; unit++) map.push(index, index + 1);
        text += folded;
      }
      copiedUpTo = ++index;
      continue;
    }
    // A base with marks after it, a mark at the start, or an astral character: normalised as a whole.
    text += original.slice(copiedUpTo, index);
    const clusterEnd = clusterEndAt(original, index);
    const cluster = original.slice(index, clusterEnd);
    // A lone surrogate (half of a character, from broken input) shows nothing: dropped like an invisible character.
    const loneSurrogate = cluster.length === 1 && kindOf(cluster.charCodeAt(0)) === Surrogate;
    if (!invisible.test(cluster) && !invisibleAstral.test(cluster) && !loneSurrogate) {
      const folded = dashes.test(cluster) ? '-' : cluster.normalize('NFKC');
      for (let unit = 0; unit < folded.length; unit++) map.push(index, clusterEnd);
      text += folded;
    }
    copiedUpTo = index = clusterEnd;
  }
  text += original.slice(copiedUpTo);
  return collapseSpacedDigits(text, map);
}

function needsWork(text: string): boolean {
  // The common case: characters NFKC leaves as they are and that hold no invisible character, odd dash or mark
  // (ASCII, Hangul syllables, the usual punctuation); one scan of char codes instead of a native normalisation.
  if (allKept(text)) return hasSpacedDigits(text) || hasSpacedHyphen(text);
  return text.normalize('NFKC') !== text || invisible.test(text) || dashes.test(text) || hasSpacedDigits(text) || hasSpacedHyphen(text)
    || asSpace.test(text) || invisibleAstralAnywhere.test(text) || loneSurrogate.test(text) || otherDigits.test(text);
}

/**
 * Whether `spacedDigits` matches. Six digits or hyphens one space apart come first, without the look-behind that has
 * the engine try the expression at every character: a necessary condition, found by a quick scan (half the time).
 */
function hasSpacedDigits(text: string): boolean {
  if (!sixSpacedDigits.test(text)) return false;
  spacedDigits.lastIndex = 0;
  return spacedDigits.test(text);
}
const sixSpacedDigits = /[0-9-] [0-9-] [0-9-] [0-9-] [0-9-] [0-9-]/;

// Decimal digits outside ASCII that NFKC leaves alone (`kindOf` folds them).
const otherDigits = /(?![0-9])\p{Nd}/u;

function hasSpacedHyphen(text: string): boolean {
  // Most texts have no space beside a hyphen: a look beside each hyphen (few) spares them the regular expression.
  if (!hasSpaceBesideHyphen(text)) return false;
  spacedHyphen.lastIndex = 0;
  for (const match of text.matchAll(spacedHyphen)) if (match[0].length > 1) return true;
  return false;
}

/** Whether `text` holds ` -` or `- `: one native search for hyphens instead of one for each pair. */
function hasSpaceBesideHyphen(text: string): boolean {
  for (let at = text.indexOf('-'); at !== -1; at = text.indexOf('-', at + 1)) {
    if (text.charCodeAt(at - 1) === 32 || text.charCodeAt(at + 1) === 32) return true;
  }
  return false;
}

function allKept(text: string): boolean {
  notAsciiOrHangul.lastIndex = 0;
  while (notAsciiOrHangul.test(text)) {
    if (kindOf(text.charCodeAt(notAsciiOrHangul.lastIndex - 1)) !== Kept) return false;
  }
  return true;
}

function clusterEndAt(text: string, start: number): number {
  const first = text.codePointAt(start)!;
  let end = start + (first > 0xffff ? 2 : 1);
  while (end < text.length) {
    const next = text.codePointAt(end)!;
    if (!combining.test(String.fromCodePoint(next))) break;
    end += next > 0xffff ? 2 : 1;
  }
  return end;
}

/** For each unit of the normalised text, where its source starts and ends in the original; grows as needed. */
class OffsetMap {
  starts: Int32Array;
  ends: Int32Array;
  length = 0;

  constructor(capacity: number) {
    this.starts = new Int32Array(Math.max(16, capacity));
    this.ends = new Int32Array(Math.max(16, capacity));
  }

  push(start: number, end: number): void {
    this.reserve(1);
    this.starts[this.length] = start;
    this.ends[this.length++] = end;
  }

  /** Units `from`…`to - 1` of the original, each kept as it is. */
  pushRun(from: number, to: number): void {
    this.reserve(to - from);
    for (let index = from; index < to; index++) {
      this.starts[this.length] = index;
      this.ends[this.length++] = index + 1;
    }
  }

  private reserve(count: number): void {
    if (this.length + count <= this.starts.length) return;
    const capacity = Math.max(this.starts.length * 2, this.length + count);
    const starts = new Int32Array(capacity);
    const ends = new Int32Array(capacity);
    starts.set(this.starts);
    ends.set(this.ends);
    this.starts = starts;
    this.ends = ends;
  }
}

function collapseSpacedDigits(text: string, map: OffsetMap): NormalizedText {
  let keep: Uint8Array | null = null;
  spacedDigits.lastIndex = 0;
  for (const match of text.matchAll(spacedDigits)) {
    if ((match[0].match(/\d/g) ?? []).length < 6) continue;
    keep ??= new Uint8Array(text.length).fill(1);
    for (let offset = 1; offset < match[0].length; offset += 2) keep[match.index + offset] = 0;
  }
  for (const match of text.matchAll(spacedHyphen)) {
    if (match[0].length === 1) continue;
    keep ??= new Uint8Array(text.length).fill(1);
    for (let offset = 0; offset < match[0].length; offset++) if (match[0][offset] === ' ') keep[match.index + offset] = 0;
  }
  if (!keep) return { text, originalStart: map.starts.slice(0, map.length), originalEnd: map.ends.slice(0, map.length) };
  let collapsed = '';
  const keptStarts = new OffsetMap(text.length);
  // The kept characters between two dropped ones go in as one slice, not one string per character.
  let keptFrom = 0;
  for (let index = 0; index < text.length; index++) {
    if (!keep[index]) {
      collapsed += text.slice(keptFrom, index);
      keptFrom = index + 1;
      continue;
    }
    keptStarts.push(map.starts[index]!, map.ends[index]!);
  }
  collapsed += text.slice(keptFrom);
  return {
    text: collapsed,
    originalStart: keptStarts.starts.slice(0, keptStarts.length),
    originalEnd: keptStarts.ends.slice(0, keptStarts.length),
  };
}

/** Maps a span of the normalised text back to the original string. */
export function toOriginalSpan(normalized: NormalizedText, start: number, end: number): { start: number; end: number } {
  if (!normalized.originalStart || !normalized.originalEnd) return { start, end };
  return { start: normalized.originalStart[start]!, end: normalized.originalEnd[end - 1]! };
}
