/**
 * Character classes read from a table instead of a regular expression per character or per call: indexing scans
 * every character of every chunk (analyzer, MinHash, line keys), and `charCodeAt` loops over a table are several
 * times faster than `replace`/`match` with Unicode properties. Each entry is computed once, lazily, by the very
 * regular expression it stands for, so a loop over this table classifies exactly as that expression does, in every
 * Node version. A surrogate pair is classified as the one code point it encodes (as a `u` expression reads it); a
 * lone surrogate as itself (no class).
 */
export const whitespace = 1; // /\s/ (also what trim() removes)
export const letter = 2; // /\p{L}/u
export const number = 4; // /\p{N}/u
export const hangul = 8; // /\p{Script=Hangul}/u
const computed = 128;

const bmp = new Uint8Array(0x10000);
const astral = new Map<number, number>();

function classify(character: string): number {
  return (
    computed |
    (/^\s$/.test(character) ? whitespace : 0) |
    (/^\p{L}$/u.test(character) ? letter : 0) |
    (/^\p{N}$/u.test(character) ? number : 0) |
    (/^\p{Script=Hangul}$/u.test(character) ? hangul : 0)
  );
}

/** Classes of one UTF-16 code unit read alone (a surrogate half has none). */
export function unitClass(code: number): number {
  const known = bmp[code]!;
  if (known !== 0) return known;
  return (bmp[code] = classify(String.fromCharCode(code)));
}

/** Whether `text[index]` starts a surrogate pair (one astral code point in two units). */
export function isSurrogatePair(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code < 0xd800 || code > 0xdbff) return false;
  const next = text.charCodeAt(index + 1);
  return next >= 0xdc00 && next <= 0xdfff;
}

/** Classes of the code point at `index`: a surrogate pair as one code point, anything else as its unit. */
export function codePointClass(text: string, index: number): number {
  if (!isSurrogatePair(text, index)) return unitClass(text.charCodeAt(index));
  const codePoint = text.codePointAt(index)!;
  let known = astral.get(codePoint);
  if (known === undefined) {
    known = classify(String.fromCodePoint(codePoint));
    // Bounded: astral characters are rare in documents, but a hostile one could hold many distinct ones.
    if (astral.size < 4096) astral.set(codePoint, known);
  }
  return known;
}
