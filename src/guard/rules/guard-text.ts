import { normalizeText, toOriginalSpan } from '../pii/index.js';

/**
 * The text the rule lexicons match against: NFKC (full-width letters), invisible characters removed, Cyrillic and
 * Greek look-alikes folded to Latin, lower case.
 */
export type GuardText = { plain: string };

// The look-alikes that evaders actually use: they render like Latin letters in most fonts.
const homoglyphs: Record<string, string> = {
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ɡ: 'g', һ: 'h',
  ο: 'o', α: 'a', ε: 'e', ι: 'i', κ: 'k', ν: 'v', τ: 't', υ: 'u', ρ: 'p',
  // Lower case of capitals that look Latin only as capitals ([RООТ?АLL] lower-cased is [rooт?all]).
  т: 't', н: 'h', в: 'b', м: 'm', к: 'k',
};
const homoglyphPattern = new RegExp(`[${Object.keys(homoglyphs).join('')}]`, 'g');

// The chain's checks each ask for the same text in turn; remembering the last one saves repeating the work.
let last: { text: string; result: GuardText } | undefined;

export function guardText(text: string): GuardText {
  if (last?.text === text) return last.result;
  const plain = normalizeText(text).text.toLowerCase().replace(homoglyphPattern, (char) => homoglyphs[char] ?? char);
  const result = { plain };
  last = { text, result };
  return result;
}

// Capital look-alikes too, for rules that read case ("TOP ЅECRET" with a Cyrillic Ѕ is the marking TOP SECRET).
const upperHomoglyphs: Record<string, string> = {
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', Ѕ: 'S', І: 'I', Ј: 'J', Ү: 'Y',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
};
const anyHomoglyph = new RegExp(`[${Object.keys(homoglyphs).join('')}${Object.keys(upperHomoglyphs).join('')}]`, 'g');

/**
 * The text as rules that report spans read it (markings, credentials): normalised like `guardText` (NFKC,
 * invisible characters removed, look-alikes folded) but with its case kept, and a way back to the original's
 * offsets. "대\u200b외비", "TOP ЅECRET" and "pass\u200bword=…" are read as what they show.
 */
export type SpanView = { text: string; toOriginal(start: number, end: number): { start: number; end: number } };

// The classified and secrets checks ask for the same text in turn, as with `guardText`.
let lastView: { text: string; view: SpanView } | undefined;

export function spanView(text: string): SpanView {
  if (lastView?.text === text) return lastView.view;
  const normalized = normalizeText(text);
  // One code unit for one: the folded text keeps the normalised text's offsets.
  const folded = normalized.text.replace(anyHomoglyph, (char) => upperHomoglyphs[char] ?? homoglyphs[char] ?? char);
  const view: SpanView = { text: folded, toOriginal: (start, end) => toOriginalSpan(normalized, start, end) };
  lastView = { text, view };
  return view;
}
