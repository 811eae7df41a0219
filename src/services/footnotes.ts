import { textTerms } from './answer-evidence.js';

/**
 * Footnotes in a passage. A report marks a word with a superscript number (프로비저닝 ¹⁾, 포인트 솔루션²⁾) and explains it
 * further down, on a line that starts with the number ("1) 사용자의 요구에 맞게 시스템 자원을 할당 …"). That line never
 * names the word it explains, so "프로비저닝 뜻" found the table row that names it and not its definition. Read
 * under the marked words, the footnote holds the question.
 *
 * Lines are read in order, as `TableContext` reads them: a line that starts with a number and a parenthesis is a
 * footnote only when a marker with that number stands above it in the same passage (a list's "1) …" under no marker
 * stays a list item).
 */
export class Footnotes {
  readonly #marked = new Map<number, Set<string>>();

  /** The words a line explains when it is a footnote of a marker above it; null otherwise. Registers its markers. */
  read(line: string): Set<string> | null {
    const number = footnoteNumber.exec(line)?.[1];
    const explained = number !== undefined ? this.#marked.get(Number(number)) ?? null : null;
    for (const match of line.matchAll(marker)) {
      const words = markedWords(line.slice(0, match.index));
      if (words !== '') this.#marked.set(superscriptNumber(match[1]!), textTerms(words));
    }
    return explained;
  }
}

const superscripts = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const marker = /([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2})⁾/g;
// "1) …" at the start of a line, or of a table's first cell.
const footnoteNumber = /^\s*(?:\|\s*)?(\d{1,2})\)\s+\S/;

function superscriptNumber(digits: string): number {
  return Number([...digits].map((digit) => superscripts.indexOf(digit)).join(''));
}

/** The two words before a marker, within its cell or clause: the term it explains (포인트 솔루션²⁾ → 포인트 솔루션). */
function markedWords(before: string): string {
  // An English name in parentheses after the term (견고성과 신빙성(Robust and Reliable)⁴⁾) is the term's too.
  const clause = before.replace(/\([^()]*\)\s*$/, '').split(/[|\t•·,;:()「」『』<>]/).at(-1) ?? '';
  return clause.trim().split(/\s+/).slice(-2).join(' ');
}
