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

// Invisible characters used to split numbers and words without changing how they look.
const invisible = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/;
// Dashes NFKC leaves alone but people (and evaders) use as hyphens.
const dashes = /[\u2010-\u2015\u2212\ufe58\ufe63]/;
// A base character and the marks or conjoining jamo that NFKC may fold into it.
const combining = /[\p{M}\u1160-\u11ff]/u;
// Single digits or hyphens separated by single spaces, e.g. `0 1 0 - 1 2 3 4 - 5 6 7 8`.
const spacedDigits = /(?<![0-9A-Za-z-])[0-9-](?: [0-9-]){5,}(?![0-9A-Za-z-])/g;

export function normalizeText(original: string): NormalizedText {
  if (!needsWork(original)) return { text: original, originalStart: null, originalEnd: null };
  const pieces: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let index = 0;
  while (index < original.length) {
    const clusterEnd = clusterEndAt(original, index);
    const cluster = original.slice(index, clusterEnd);
    if (!invisible.test(cluster)) {
      const folded = dashes.test(cluster) ? '-' : cluster.normalize('NFKC');
      for (let unit = 0; unit < folded.length; unit++) {
        starts.push(index);
        ends.push(clusterEnd);
      }
      pieces.push(folded);
    }
    index = clusterEnd;
  }
  return collapseSpacedDigits(pieces.join(''), starts, ends);
}

function needsWork(text: string): boolean {
  spacedDigits.lastIndex = 0;
  // The common case: only ASCII and precomposed Hangul syllables, which NFKC leaves as they are and which hold no
  // invisible character or odd dash; one scan of char codes instead of a native normalisation.
  if (isAsciiOrHangul(text)) return spacedDigits.test(text);
  return text.normalize('NFKC') !== text || invisible.test(text) || dashes.test(text) || spacedDigits.test(text);
}

function isAsciiOrHangul(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0x80 && (code < 0xac00 || code > 0xd7a3)) return false;
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

function collapseSpacedDigits(text: string, starts: number[], ends: number[]): NormalizedText {
  const keep: boolean[] = new Array<boolean>(text.length).fill(true);
  let changed = false;
  spacedDigits.lastIndex = 0;
  for (const match of text.matchAll(spacedDigits)) {
    if ((match[0].match(/\d/g) ?? []).length < 6) continue;
    for (let offset = 1; offset < match[0].length; offset += 2) keep[match.index + offset] = false;
    changed = true;
  }
  if (!changed) return { text, originalStart: Int32Array.from(starts), originalEnd: Int32Array.from(ends) };
  let collapsed = '';
  const keptStarts: number[] = [];
  const keptEnds: number[] = [];
  for (let index = 0; index < text.length; index++) {
    if (!keep[index]) continue;
    collapsed += text[index];
    keptStarts.push(starts[index]!);
    keptEnds.push(ends[index]!);
  }
  return { text: collapsed, originalStart: Int32Array.from(keptStarts), originalEnd: Int32Array.from(keptEnds) };
}

/** Maps a span of the normalised text back to the original string. */
export function toOriginalSpan(normalized: NormalizedText, start: number, end: number): { start: number; end: number } {
  if (!normalized.originalStart || !normalized.originalEnd) return { start, end };
  return { start: normalized.originalStart[start]!, end: normalized.originalEnd[end - 1]! };
}
