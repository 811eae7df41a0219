/**
 * Headings in plain text, as Korean public documents write them: a line on its own (blank lines around it) that
 * starts with a section mark (■ 정의, ▶ 결론, □ 추진 배경), a Roman numeral (Ⅲ. 초거대 AI), a chapter (제2장 …,
 * Chapter 3) or a section number and a short title (2 초거대 AI 정의 및 특징). Without them a text file's chunks have no
 * section path: citations cannot say where a passage sits, and the index cannot use the title of the part a passage
 * belongs to.
 *
 * Whether a candidate is a heading also depends on its neighbours (`acceptedHeadings`: a heading has a body).
 *
 * The marks carry no level of their own (one report's ■ is another's □), so levels come from the order in which
 * each kind of mark first appears, as reStructuredText assigns its heading levels: the first kind seen is level 1,
 * the next new kind level 2, and so on.
 */
export type HeadingKind = 'part' | 'roman' | 'chapter' | 'number' | `number:${number}` | 'appendix' | `mark:${string}`;

/** Marks that open a section title. ○, -, · and * open list items in the same documents, so they are not here. */
const sectionMarks = '■□▶◆◇●◎▣◈';
const romanNumerals = 'ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ';
const latinRomanNumerals = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];
/** Appendices close every open section: they sit at the top level whatever came first. */
export const appendixLevel = 1;

/** A title is short; a line that long is a sentence or a table row. */
export const maxHeadingCharacters = 60;

/** A heading candidate: its kind, and its number where it has one (2 for "2 초거대 AI", Ⅲ → 3). */
export type HeadingCandidate = { kind: HeadingKind; number: number | null };

/**
 * A table of contents or a running header pasted from a PDF: a title that ends in a page number ("제2장 재난안전
 * 데이터 현황 5", "PART 1 정책 동향 ····· 3").
 */
const endsInPageNumber = (text: string) => /[가-힣A-Za-z)](?:\s+|\s*[·.…․‥]{2,}\s*)\d{1,3}$/u.test(text);

/** The kind of heading `line` is, or null. `line` is one line that stands alone between blank lines. */
export function plainTextHeadingKind(line: string): HeadingKind | null {
  return plainTextHeading(line)?.kind ?? null;
}

/** `plainTextHeadingKind` with the heading's number. */
export function plainTextHeading(line: string): HeadingCandidate | null {
  const text = line.trim();
  if (text.length < 2 || text.length > maxHeadingCharacters || text.includes('\t')) return null;
  // A sentence is no title: a full stop, or a longer line that ends as 개조식 statements do (…개발됨, …64개임, …필요함).
  if (/[.。!?]$/.test(text) || (text.length > 12 && /[가-힣][임음함됨]$/u.test(text))) return null;
  const first = text[0]!;
  // One mark, then a title: "■ 기존 ■ 신규" is two column labels, not a heading.
  if (sectionMarks.includes(first)) {
    return /^.\s*\S/u.test(text) && ![...text.slice(1)].some((character) => sectionMarks.includes(character)) ? { kind: `mark:${first}`, number: null } : null;
  }
  // [붙임 1] 주요국 지침 비교, <참고> 추진 일정, 【참고】 사업 개요: an appendix, at the top level (`appendixLevel`).
  if (/^(?:\[|<|【|〈|《|＜)\s*(?:붙임|참고|별첨|별표|부록)[^\]>】〉》＞]{0,8}(?:\]|>|】|〉|》|＞)/u.test(text)) return { kind: 'appendix', number: null };
  // I. 개요, IV. 추진 일정: Roman numerals in Latin letters, with their full stop.
  const latinRoman = /^(XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)\.\s+[가-힣A-Za-z0-9]/u.exec(text);
  if (latinRoman) return endsInPageNumber(text.slice(latinRoman[1]!.length + 1)) ? null : { kind: 'roman', number: latinRomanNumerals.indexOf(latinRoman[1]!) + 1 };
  if (romanNumerals.includes(first)) {
    return /^[Ⅰ-Ⅻ]\.?\s+\S/u.test(text) && !endsInPageNumber(text.slice(1)) ? { kind: 'roman', number: romanNumerals.indexOf(first) + 1 } : null;
  }
  const chapter = /^(?:제\s?(\d{1,2})\s?[장편부]|(\d{1,2})\s?장|chapter\s+(\d{1,2})|part\s+(\d{1,2}))(?:\s|[.:]|$)/iu.exec(text);
  if (chapter) return endsInPageNumber(text.slice(chapter[0].length)) ? null : { kind: 'chapter', number: Number(chapter[1] ?? chapter[2] ?? chapter[3] ?? chapter[4]) };
  // "2 초거대 AI 정의 및 특징": a number of one or two digits, a space, and a title that starts with a letter. Not a
  // number with a unit or a date (3 개, 12 월), and not a line that is mostly figures (a table row or a page number).
  // "1.1 미국", "2.3.1 보완 요청": a deeper level of its own per depth, numbered by its last part.
  const numbered = /^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+[가-힣A-Za-z]/u.exec(text);
  if (numbered && !/^[\d.]+\s+(?:[개명건원년월일차위번호회%배]|억|만|천)(?:\s|$)/u.test(text)) {
    const title = text.slice(numbered[1]!.length).replace(/^\.?\s*/, '');
    if (endsInPageNumber(` ${title}`)) return null;
    const parts = numbered[1]!.split('.');
    const letters = title.replace(/[^가-힣A-Za-z]/gu, '').length;
    if (letters < 2 || letters < title.replace(/\s/g, '').length / 2) return null;
    return { kind: parts.length === 1 ? 'number' : `number:${parts.length}`, number: Number(parts.at(-1)) };
  }
  return null;
}

/**
 * Which candidates are headings, given the document's candidates in order (`bodyBefore`: text stands between this
 * candidate and the one before). A heading has a body; a list does not. Checked on 20 agency documents written for a
 * review (공문, 보고서, 회의록, 지침, 통계, PDF pastes), where these rules took the false headings from 65 to 8:
 * - two candidates of the same kind with nothing between them are list items ("1. 업무용 PC 비밀번호 설정 여부" then
 *   "2. …"), except a numbered title followed by its own list from 1 ("3. 준수 사항" then "1. …");
 * - a section mark that opens such lists at least as often as not is the document's bullet ("● IMF는 … 전망" lines
 *   one after another), so none of its lines is a heading;
 * - a numbered title needs a numbered sibling somewhere (n − 1 or n + 1): a 공문's "1. 관련: …" before its prose
 *   items is no heading;
 * - a part's or chapter's number repeated while it is open is a running header (and a title that ends in a page
 *   number, a table of contents line, is no candidate at all: `plainTextHeading`).
 */
export function acceptedHeadings(candidates: readonly { candidate: HeadingCandidate; bodyBefore: boolean }[]): boolean[] {
  const inList = candidates.map(() => false);
  for (let index = 1; index < candidates.length; index++) {
    const previous = candidates[index - 1]!.candidate;
    const current = candidates[index]!;
    if (current.bodyBefore || current.candidate.kind !== previous.kind) continue;
    if (current.candidate.number === 1 && previous.number !== null) continue;
    inList[index - 1] = true;
    inList[index] = true;
  }
  const listed = new Map<HeadingKind, { total: number; inLists: number }>();
  candidates.forEach(({ candidate }, index) => {
    const counts = listed.get(candidate.kind) ?? { total: 0, inLists: 0 };
    counts.total++;
    if (inList[index]) counts.inLists++;
    listed.set(candidate.kind, counts);
  });
  const bullet = (kind: HeadingKind) => kind.startsWith('mark:') && listed.get(kind)!.inLists * 2 >= listed.get(kind)!.total;
  const accepted = candidates.map(({ candidate }, index) => !inList[index] && !bullet(candidate.kind));
  const isNumber = (kind: HeadingKind) => kind === 'number' || kind.startsWith('number:');
  const numbers = new Set(candidates.filter(({ candidate }, index) => accepted[index] && isNumber(candidate.kind)).map(({ candidate }) => `${candidate.kind} ${candidate.number}`));
  // A part's number again while that part is open ("Ⅱ. 국내외 동향" atop every page of part Ⅱ) is a running header.
  const open = new Map<HeadingKind, number>();
  return candidates.map(({ candidate }, index) => {
    if (!accepted[index]) return false;
    if (isNumber(candidate.kind)) return numbers.has(`${candidate.kind} ${candidate.number! - 1}`) || numbers.has(`${candidate.kind} ${candidate.number! + 1}`);
    if (candidate.number === null || candidate.kind.startsWith('mark:')) return true;
    if (open.get(candidate.kind) === candidate.number) return false;
    open.set(candidate.kind, candidate.number);
    return true;
  });
}

/**
 * A part's number on a line of its own and its title on the next ("3." then "대규모 언어모델 기반의 공공분야 초거대 AI
 * 도입 방향", as a report's chapter title pages come out of a PDF): the title as one heading, or null. A Roman numeral
 * or a chapter keeps its own kind and number (so the running header "Ⅱ. 국내외 동향" later in part Ⅱ is known for what
 * it is); a bare "3." is a part of its own kind.
 */
export function partHeading(numberLine: string, titleLine: string): { text: string; candidate: HeadingCandidate } | null {
  const number = numberLine.trim();
  const title = titleLine.trim();
  if (!/^(?:\d{1,2}\.|[Ⅰ-Ⅻ]\.?|제\s?\d{1,2}\s?[장편부]|chapter\s+\d{1,2}|part\s+\d{1,2})$/iu.test(number)) return null;
  if (title.length < 2 || title.length > maxHeadingCharacters || title.includes('\t') || /[.。!?]$/.test(title)) return null;
  if (plainTextHeadingKind(title) !== null || title.replace(/[^가-힣A-Za-z]/gu, '').length < 2) return null;
  const text = `${number} ${title}`;
  const roman = romanNumerals.indexOf(number[0]!);
  if (roman >= 0) return { text, candidate: { kind: 'roman', number: roman + 1 } };
  const digits = /(\d{1,2})/.exec(number);
  return { text, candidate: { kind: /^\d/.test(number) ? 'part' : 'chapter', number: digits ? Number(digits[1]) : null } };
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
