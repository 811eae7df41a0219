import { decodeHtmlEntities } from '../rules/html-entities.js';

/**
 * A text with its escapes decoded, and the way back to the original's offsets. A security review wrote resident
 * numbers and phone numbers as HTML references (`&#56;&#55;…`), `\u0038` escapes, percent-encoding (`%38%37…`) and
 * read aloud (공일공 일이삼사 …): a model or a browser reads them as digits, so personal-data detection must too, and
 * masking must cover the characters that spell the value.
 */
export type DecodedText = { text: string; toOriginal(start: number, end: number): { start: number; end: number } };

// An escape: an HTML reference, a backslash escape, a run of percent-encoded bytes, or a tag (`010<b>-</b>1234`),
// tried where one of its first characters stands.
const candidate = /[&\\%<]/g;
// Digits read aloud, as a transcript writes them (공일공 일이삼사 오육칠팔): nine or more digit syllables with at most
// three spaces, dots or hyphens between two (팔 칠 공 - 일 이 …). Shorter runs are words (이삼일, 사오십, 일일이). (Tried:
// Chinese numerals in the same class, 〇一〇, cost the dev sentences a tenth of their throughput; digits mixed in,
// 공1공-2삼4오, a sixth.)
// The hyphen read aloud as 다시 (dash) joins two runs too: 팔공공일공일 다시 일이삼사오육공.
const digitSyllables = '공영일이삼사오육륙칠팔구';
const spokenSeparator = `(?:[ .-]{0,3}|[ ]?다시[ ]?)`;
const spokenRun = new RegExp(`[${digitSyllables}](?:${spokenSeparator}[${digitSyllables}]){8,}`, 'y');
const anySpokenRun = new RegExp(spokenRun.source, 'g');
/**
 * Groups of digits and groups of digits read aloud, mixed, between hyphens (010-삼사오육-7890, 공일공-1234-5678): each
 * group all digits or all syllables (so a word glued to a number, 5678사이, is no group). Looked for only in a text
 * with a hyphen between a digit and a digit syllable (`hasMixedHyphen`), not words joined by one (경제-산업-사회).
 */
const mixedRun = new RegExp(
  `(?<![0-9${digitSyllables}])(?:[0-9]{2,7}|[${digitSyllables}]{2,7})(?:-(?:[0-9]{3,7}|[${digitSyllables}]{3,7})){1,3}(?![0-9${digitSyllables}])`, 'y');
const anything = new RegExp(`[&\\\\%<]|${spokenRun.source}`);
const candidateOrSyllable = new RegExp(`[&\\\\%<${digitSyllables}]`, 'g');
const candidateSyllableOrDigit = new RegExp(`[&\\\\%<${digitSyllables}0-9]`, 'g');
const escapeAt = new RegExp(
  [
    '&#x[0-9a-f]{1,6};?', '&#\\d{1,7};?', '&[a-z]{2,7};',
    '\\\\u[0-9a-f]{4}', '\\\\u\\{[0-9a-f]{1,6}\\}', '\\\\x[0-9a-f]{2}',
    '(?:%[0-9a-f]{2})+',
    '<!--[^]{0,200}?-->', '<\\/?[a-z][^<>]{0,200}>',
  ].join('|'),
  'giy',
);
// Tags that only style a run of text: nothing in their place (<i>0</i><i>1</i>0 reads 010); other tags end a word.
const inlineTags = new Set(['a', 'b', 'i', 'u', 's', 'em', 'strong', 'span', 'font', 'mark', 'sub', 'sup', 'small', 'big', 'code', 'kbd', 'abbr', 'del', 'ins']);

// The chain's checks ask in turn about the same text (personal data, then markings and credentials through `spanView`,
// then restricted-document fingerprints): the last answer is kept, as `normalizeText` keeps its own.
let last: { text: string; decoded: DecodedText | null } | undefined;

/** `null` when `text` holds no escape (the common case). */
export function decodeEscapes(text: string): DecodedText | null {
  if (last?.text === text) return last.decoded;
  // Most texts have neither: one scan by the expression engine says so, before anything is allocated.
  let decoded: DecodedText | null = null;
  const mixed = hasMixedHyphen(text);
  if (mixed || anything.test(text)) {
    anySpokenRun.lastIndex = 0;
    decoded = decode(text, mixed ? candidateSyllableOrDigit : anySpokenRun.test(text) ? candidateOrSyllable : candidate);
  }
  last = { text, decoded };
  return decoded;
}

/**
 * Whether a hyphen stands between a digit and a digit syllable (010-삼, 공-1). Hyphens are few: a loop over them costs
 * less than any expression with look-behinds, which the engine tries at every character (measured: four times the
 * `anything` search).
 */
function hasMixedHyphen(text: string): boolean {
  for (let at = text.indexOf('-', 1); at !== -1; at = text.indexOf('-', at + 1)) {
    const before = text.charCodeAt(at - 1);
    const after = text.charCodeAt(at + 1);
    // The digit side first: a comparison, where the syllable side is a set look-up.
    if (isDigit(before) ? digitSyllableCodes.has(after) : isDigit(after) && digitSyllableCodes.has(before)) return true;
  }
  return false;
}
const isDigit = (code: number) => code >= 48 && code <= 57;
const digitSyllableCodes = new Set(Array.from(digitSyllables, (syllable) => syllable.charCodeAt(0)));

function decode(text: string, starting: RegExp): DecodedText | null {
  // Decoding never lengthens the text (the longest output, an astral character's two units, comes from ≥ 7 characters).
  // Allocated at the first escape: prose has its percentages and less-than signs, few texts have an escape.
  let starts = new Int32Array(0);
  let ends = new Int32Array(0);
  const pieces: string[] = [];
  let length = 0;
  const emit = (decoded: string, start: number, end: number) => {
    pieces.push(decoded);
    for (let unit = 0; unit < decoded.length; unit++, length++) {
      starts[length] = start;
      ends[length] = end;
    }
  };
  let changed = false;
  let copiedUpTo = 0;
  const copyUpTo = (index: number) => {
    if (index <= copiedUpTo) return;
    pieces.push(text.slice(copiedUpTo, index));
    for (let at = copiedUpTo; at < index; at++, length++) {
      starts[length] = at;
      ends[length] = at + 1;
    }
    copiedUpTo = index;
  };
  for (starting.lastIndex = 0; starting.test(text);) {
    const index = starting.lastIndex - 1;
    const spoken = starting !== candidate && digitSyllables.includes(text[index]!);
    const digit = text.charCodeAt(index) >= 48 && text.charCodeAt(index) <= 57;
    let match: RegExpExecArray | null = null;
    let decoded: Decoded | null = null;
    if (starting === candidateSyllableOrDigit && (spoken || digit)) {
      mixedRun.lastIndex = index;
      match = mixedRun.exec(text);
      decoded = match ? mixedDigits(match[0]) : null;
    }
    if (decoded === null && !digit) {
      const pattern = spoken ? spokenRun : escapeAt;
      pattern.lastIndex = index;
      match = pattern.exec(text);
      decoded = match ? (spoken ? spokenDigits(match[0]) : decodeOne(match[0])) : null;
    }
    if (!match || decoded === null) continue;
    if (!changed) {
      starts = new Int32Array(text.length);
      ends = new Int32Array(text.length);
    }
    copyUpTo(index);
    const end = index + (decoded.consumed ?? match[0].length);
    if (decoded.perCharacter === null) emit(decoded.text, index, end);
    else for (const [piece, from, to] of decoded.perCharacter) emit(piece, index + from, index + to);
    changed = true;
    copiedUpTo = end;
    starting.lastIndex = end;
  }
  if (!changed) return null;
  copyUpTo(text.length);
  const out = pieces.join('');
  return {
    text: out,
    toOriginal: (start, end) => {
      if (end > start) return { start: starts[start]!, end: ends[end - 1]! };
      const at = start < out.length ? starts[start]! : text.length;
      return { start: at, end: at };
    },
  };
}

/** `consumed`: how many characters of the match were read (all when absent). */
type Decoded = { text: string; perCharacter: [string, number, number][] | null; consumed?: number };

const syllableDigit: Record<string, string> = { 공: '0', 영: '0', 일: '1', 이: '2', 삼: '3', 사: '4', 오: '5', 육: '6', 륙: '6', 칠: '7', 팔: '8', 구: '9' };

// Digit counts of the numbers read aloud: phone numbers (10, 11), resident and foreigner numbers (13), cards (16).
const numberLengths = new Set([10, 11, 13, 16]);

/**
 * Each digit syllable becomes its digit, separators stay. A final 이 right after a syllable that ends in a consonant
 * (…오육칠팔이 맞아요, …칠팔이다) may be the subject particle or the copula (after a vowel the particle is 가): it is
 * left to the text when the digits without it have a number's length and with it do not (…일이삼사오육이, a resident
 * number's last digit 2, keeps it).
 */
function spokenDigits(run: string): Decoded {
  const digits = run.replace(/[ .-]|다시/g, '').length;
  const particle = run.length > 1 && run.endsWith('이') && '공영일삼육륙칠팔'.includes(run[run.length - 2]!)
    && numberLengths.has(digits - 1) && !numberLengths.has(digits);
  const read = particle ? run.slice(0, -1) : run;
  return { ...readDigits(read), consumed: read.length };
}

/** Each digit syllable becomes its digit and 다시 a hyphen (its 시 nothing); digits and separators stay. */
function readDigits(read: string): Decoded {
  const perCharacter = [...read].map((character, index): [string, number, number] => {
    const dash = character === '다' && read[index + 1] === '시';
    const afterDash = character === '시' && read[index - 1] === '다';
    return [dash ? '-' : afterDash ? '' : syllableDigit[character] ?? character, index, index + 1];
  });
  return { text: perCharacter.map(([piece]) => piece).join(''), perCharacter };
}

/**
 * A mixed run is read only when it has groups of both kinds (all digits is no escape; all syllables is `spokenRun`'s)
 * and a number's count of digits: 010-삼사오육-7890 is a phone number, 2024-이삼 nothing.
 */
function mixedDigits(run: string): Decoded | null {
  const groups = run.split('-');
  const spelled = groups.filter((group) => digitSyllables.includes(group[0]!)).length;
  if (spelled === 0 || spelled === groups.length || !numberLengths.has(run.length - groups.length + 1)) return null;
  return readDigits(run);
}

function decodeOne(escape: string): Decoded | null {
  const first = escape[0];
  if (first === '<') {
    const name = /^<\/?([a-z][a-z0-9]*)/i.exec(escape)?.[1]?.toLowerCase();
    return { text: escape.startsWith('<!--') || (name !== undefined && inlineTags.has(name)) ? '' : ' ', perCharacter: null };
  }
  if (first === '&') {
    const decoded = decodeHtmlEntities(escape);
    return decoded === escape ? null : { text: decoded, perCharacter: null };
  }
  if (first === '\\') {
    const hex = escape[1] === 'x' ? escape.slice(2) : escape[2] === '{' ? escape.slice(3, -1) : escape.slice(2);
    const point = parseInt(hex, 16);
    if (!(point > 0 && point <= 0x10ffff)) return null;
    return { text: String.fromCodePoint(point), perCharacter: null };
  }
  return decodePercentRun(escape);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** `%38%37%EB%8C%80…`: each character keeps the span of its own bytes; a run that is not UTF-8 is left as written. */
function decodePercentRun(run: string): Decoded | null {
  const bytes = new Uint8Array(run.length / 3);
  for (let byte = 0; byte < bytes.length; byte++) bytes[byte] = parseInt(run.slice(byte * 3 + 1, byte * 3 + 3), 16);
  const perCharacter: [string, number, number][] = [];
  let text = '';
  for (let byte = 0; byte < bytes.length;) {
    const lead = bytes[byte]!;
    const length = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 0;
    if (length === 0 || byte + length > bytes.length) return null;
    let piece: string;
    try {
      piece = utf8.decode(bytes.subarray(byte, byte + length));
    } catch {
      return null;
    }
    perCharacter.push([piece, byte * 3, (byte + length) * 3]);
    text += piece;
    byte += length;
  }
  return { text, perCharacter };
}
