/**
 * Headings in plain text, as Korean public documents write them: a line on its own (blank lines around it) that
 * starts with a section mark (■ 정의, ▶ 결론, □ 추진 배경), a Roman numeral (Ⅲ. 초거대 AI), a chapter (제2장 …,
 * Chapter 3) or a section number and a short title (2 초거대 AI 정의 및 특징). Without them a text file's chunks have no
 * section path: citations cannot say where a passage sits, and the index cannot use the title of the part a passage
 * belongs to.
 *
 * The marks carry no level of their own (one report's ■ is another's □), so levels come from the order in which
 * each kind of mark first appears, as reStructuredText assigns its heading levels: the first kind seen is level 1,
 * the next new kind level 2, and so on.
 */
export type HeadingKind = 'part' | 'roman' | 'chapter' | 'number' | `mark:${string}`;

/** Marks that open a section title. ○, -, · and * open list items in the same documents, so they are not here. */
const sectionMarks = '■□▶◆◇●◎▣◈';
const romanNumerals = 'ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ';

/** A title is short; a line that long is a sentence or a table row. */
export const maxHeadingCharacters = 60;

/** The kind of heading `line` is, or null. `line` is one line that stands alone between blank lines. */
export function plainTextHeadingKind(line: string): HeadingKind | null {
  const text = line.trim();
  if (text.length < 2 || text.length > maxHeadingCharacters || text.includes('\t')) return null;
  // A sentence is no title: a full stop, or a longer line that ends as 개조식 statements do (…개발됨, …64개임, …필요함).
  if (/[.。!?]$/.test(text) || (text.length > 12 && /[가-힣][임음함됨]$/u.test(text))) return null;
  const first = text[0]!;
  // One mark, then a title: "■ 기존 ■ 신규" is two column labels, not a heading.
  if (sectionMarks.includes(first)) return /^.\s*\S/u.test(text) && ![...text.slice(1)].some((character) => sectionMarks.includes(character)) ? `mark:${first}` : null;
  if (romanNumerals.includes(first)) return /^[Ⅰ-Ⅻ]\.?\s+\S/u.test(text) ? 'roman' : null;
  if (/^(?:제\s?\d{1,2}\s?[장편부]|\d{1,2}\s?장|chapter\s+\d{1,2}|part\s+\d{1,2})(?:\s|[.:]|$)/iu.test(text)) return 'chapter';
  // "2 초거대 AI 정의 및 특징": a number of one or two digits, a space, and a title that starts with a letter. Not a
  // number with a unit or a date (3 개, 12 월), and not a line that is mostly figures (a table row or a page number).
  if (/^\d{1,2}\.?\s+[가-힣A-Za-z]/u.test(text) && !/^\d{1,2}\.?\s+(?:[개명건원년월일차위번호회%]|억|만|천)(?:\s|$)/u.test(text)) {
    const letters = text.replace(/[^가-힣A-Za-z]/gu, '').length;
    return letters >= 2 && letters >= text.replace(/\s/g, '').length / 2 ? 'number' : null;
  }
  return null;
}

/**
 * A part's number on a line of its own and its title on the next ("3." then "대규모 언어모델 기반의 공공분야 초거대 AI
 * 도입 방향", as a report's chapter title pages come out of a PDF): the title as one heading, or null.
 */
export function partTitle(numberLine: string, titleLine: string): string | null {
  const number = numberLine.trim();
  const title = titleLine.trim();
  if (!/^(?:\d{1,2}\.|[Ⅰ-Ⅻ]\.?|제\s?\d{1,2}\s?[장편부]|chapter\s+\d{1,2}|part\s+\d{1,2})$/iu.test(number)) return null;
  if (title.length < 2 || title.length > maxHeadingCharacters || title.includes('\t') || /[.。!?]$/.test(title)) return null;
  if (plainTextHeadingKind(title) !== null || title.replace(/[^가-힣A-Za-z]/gu, '').length < 2) return null;
  return `${number} ${title}`;
}

/** Levels by order of first appearance, one tracker per document. */
export class HeadingLevels {
  readonly #levels = new Map<HeadingKind, number>();

  levelOf(kind: HeadingKind): number {
    let level = this.#levels.get(kind);
    if (level === undefined) {
      level = this.#levels.size + 1;
      this.#levels.set(kind, level);
    }
    return level;
  }
}
