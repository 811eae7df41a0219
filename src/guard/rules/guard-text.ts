import { normalizeText } from '../pii/index.js';

/**
 * The text the rule lexicons match against: NFKC (full-width letters), invisible characters removed, Cyrillic and
 * Greek look-alikes folded to Latin, lower case.
 */
export type GuardText = { plain: string };

// The look-alikes that evaders actually use: they render like Latin letters in most fonts.
const homoglyphs: Record<string, string> = {
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ɡ: 'g', һ: 'h',
  ο: 'o', α: 'a', ε: 'e', ι: 'i', κ: 'k', ν: 'v', τ: 't', υ: 'u', ρ: 'p',
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
