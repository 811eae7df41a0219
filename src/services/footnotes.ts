import { textTerms } from './answer-evidence.js';

/**
 * Footnotes in a passage. A report marks a word with a superscript number (프로비저닝 ¹⁾, 연구비 ²⁶⁰⁾) and explains it
 * further down, on a line that starts with the number ("1) 사용자의 요구에 맞게 시스템 자원을 할당 …"). The two halves
 * never share their words: "프로비저닝 뜻" found the table row that names it, not its definition, and "미국, 영국, EU,
 * 중국의 공공 AI R&D 예산" found the footnote that says the row's 연구비 is the public R&D budget, not the row. Each is
 * read with the other's words.
 *
 * `Footnotes` reads a passage's lines in order (as `TableContext` does): a line that starts with a number and a
 * parenthesis is a footnote only of a marker with that number above it in the same passage (a list's "1) …" under no
 * marker stays a list item). A marked line's footnote may stand in the next passage (the report's 연구비 ²⁶⁰⁾ is 15 lines
 * above its note, across a passage break): `FootnoteLines` finds it in any retrieved passage of the document.
 */
export class Footnotes {
  /** Marker number → the words before the marker, for the markers read so far. */
  readonly #marked = new Map<number, Set<string>>();

  /** The words the next line explains when it is a footnote of a marker above it; null otherwise. */
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

/**
 * The footnote lines of the passages retrieved for one question, by place (a document version, or one passage where
 * its source lines are not known) and line: a marker's footnote is the nearest line below it that starts with its
 * number, within `footnoteReach` lines (reports number their footnotes again in each chapter).
 */
export class FootnoteLines {
  readonly #notes = new Map<string, { line: number; number: number; text: string }[]>();

  /** Files the footnote lines of `text` under `place`; `lineOf`: a line's place-wide line, null when unknown. */
  addPassage(place: string, text: string, lineOf: (index: number) => number | null): void {
    text.split('\n').forEach((line, index) => {
      const number = footnoteNumber.exec(line)?.[1];
      if (number === undefined) return;
      const at = lineOf(index);
      if (at === null) return;
      const notes = this.#notes.get(place) ?? [];
      if (!notes.some((note) => note.line === at)) notes.push({ line: at, number: Number(number), text: line });
      this.#notes.set(place, notes);
    });
  }

  /** The words of the footnotes that the markers of `text`, at `line` of `place`, point to; null when none is known. */
  notesOf(place: string, line: number | null, text: string): Set<string> | null {
    const notes = this.#notes.get(place);
    if (!notes || line === null) return null;
    let words: Set<string> | null = null;
    for (const match of text.matchAll(marker)) {
      const marked = superscriptNumber(match[1]!);
      const below = notes.filter((note) => note.number === marked && note.line > line && note.line - line <= footnoteReach);
      if (below.length === 0) continue;
      const nearest = below.reduce((best, note) => (note.line < best.line ? note : best));
      words = new Set([...(words ?? []), ...noteTerms(nearest.text)]);
    }
    return words;
  }

  /** The words of the footnotes that a passage's marked lines point to; null when none. */
  notesOfPassage(place: string, text: string, lineOf: (index: number) => number | null): Set<string> | null {
    if (!text.includes('⁾')) return null;
    let words: Set<string> | null = null;
    text.split('\n').forEach((line, index) => {
      const notes = line.includes('⁾') ? this.notesOf(place, lineOf(index), line) : null;
      if (notes !== null) words = new Set([...(words ?? []), ...notes]);
    });
    return words;
  }
}

/** How far below its marker a footnote may stand: a page of a report. */
const footnoteReach = 60;

const noteTerms = (line: string) => textTerms(line.replace(footnoteNumber, '$2'));

const superscripts = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const marker = /([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})⁾/g;
// "1) …" at the start of a line, or of a table's first cell.
const footnoteNumber = /^\s*(?:\|\s*)?(\d{1,3})\)\s+(\S)/;

function superscriptNumber(digits: string): number {
  return Number([...digits].map((digit) => superscripts.indexOf(digit)).join(''));
}

/** The two words before a marker, within its cell or clause: the term it explains (포인트 솔루션²⁾ → 포인트 솔루션). */
function markedWords(before: string): string {
  // An English name in parentheses after the term (견고성과 신빙성(Robust and Reliable)⁴⁾) is the term's too.
  const clause = before.replace(/\([^()]*\)\s*$/, '').split(/[|\t•·,;:()「」『』<>]/).at(-1) ?? '';
  return clause.trim().split(/\s+/).slice(-2).join(' ');
}
