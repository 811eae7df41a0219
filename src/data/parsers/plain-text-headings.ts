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
export type HeadingKind =
  | 'part'
  | 'roman'
  | 'volume'
  | 'chapter'
  | 'legal-section'
  | 'legal-subsection'
  | 'article'
  | 'question'
  | 'ruling'
  | 'hangul'
  | 'number'
  | `number:${number}`
  | 'appendix'
  | `mark:${string}`;

/** Marks that open a section title. ○, -, · and * open list items in the same documents, so they are not here. */
const sectionMarks = '■□▶◆◇●◎▣◈';
const romanNumerals = 'ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ';
const hangulOrdinals = '가나다라마바사아자차카타파하';
/** The parts of a court decision (판결문, 결정문) as 법원 종합법률정보 and the courts' own documents set them out. */
const rulingParts = new Set(['판시사항', '판결요지', '결정요지', '참조조문', '참조판례', '전문', '주문', '이유', '청구취지', '항소취지', '상고취지', '신청취지', '상고이유']);
/**
 * A number and its counter, not a title: "3 개월 동안 시범 운영", "2 차례 회의를 거쳐", "15 %". A one-syllable counter
 * takes no particle here: "1. 회의 개요", "2. 건의 사항" and "3. 인가 절차" are titles.
 */
const countedFirstWord =
  /^(?:(?:개월|개국|개소|개사|차례|시간|가지|주일|주년)(?:[이가을를은는의에도만로]|간|째|동안|씩|여|이상|이내|이하|미만|까지|부터)?|(?:[개명건원년월일차위번호회배곳층인종분초세살권쪽]|억|만|천|%)(?:간|째|동안|씩|여|이상|이내|이하|미만|까지|부터)?)$/u;
const latinRomanNumerals = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];
/** Appendices close every open section: they sit at the top level whatever came first. */
export const appendixLevel = 1;

/** A title is short; a line that long is a sentence or a table row. */
export const maxHeadingCharacters = 60;

/** A heading candidate: its kind, and its number where it has one (2 for "2 초거대 AI", Ⅲ → 3). */
export type HeadingCandidate = {
  kind: HeadingKind;
  number: number | null;
  /**
   * A title that needs a numbered sibling (n − 1 or n + 1 of its kind) to be a heading, beyond the kinds that always
   * do (numbered titles, Hangul ordinals): "3장 …", "Part 2".
   */
  ordinal?: boolean;
};

/**
 * A table of contents or a running header pasted from a PDF: a title that ends in a page number ("제2장 재난안전
 * 데이터 현황 5", "PART 1 정책 동향 ····· 3").
 */
const endsInPageNumber = (text: string) => /[가-힣A-Za-z)](?:\s+|\s*[·.…․‥]{2,}\s*)\d{1,3}$/u.test(text);

/** The kind of heading `line` is, or null. `line` is one line that stands alone between blank lines. */
export function plainTextHeadingKind(line: string): HeadingKind | null {
  return plainTextHeading(line)?.kind ?? null;
}

/** A statute's addenda title, alone on its line: 부칙, 부 칙, 부칙 <제1234호, 2023. 12. 29.>. */
export function isAddendaTitle(line: string): boolean {
  return /^부\s?칙(?:\s*[<(［\[（〈].{0,40}[>)］\]）〉])?$/u.test(line.trim());
}

/** `plainTextHeadingKind` with the heading's number. */
export function plainTextHeading(line: string): HeadingCandidate | null {
  // "1.\t개요" (a Word paste's tab after the number) reads as "1. 개요"; any other tab makes a table row.
  const text = line.trim().replace(/^(\d{1,2}(?:\.\d{1,2}){0,3}\.?|[Ⅰ-Ⅻ]\.?)\t+/u, '$1 ');
  if (text.length < 2 || text.length > maxHeadingCharacters || text.includes('\t')) return null;
  // A sentence is no title: a full stop, or a longer line that ends as 개조식 statements do (…개발됨, …64개임, …필요함).
  if (/[.。!?]$/.test(text) || (text.length > 12 && /[가-힣][임음함됨]$/u.test(text))) return null;
  const first = text[0]!;
  // One mark, then a title: "■ 기존 ■ 신규" is two column labels, not a heading, nor "▶ 문의: 홍길동 사무관(…)" or
  // "■ 제보는 카카오톡 okjebo", a notice's contact lines.
  if (sectionMarks.includes(first)) {
    if (/^.\s*(?:문의처?|담당자?|연락처|전화|출처|제보|관련\s?기사|참고(?:\s?자료)?|작성자?|보도\s?일시)(?:\s*[:：]|는|\s+보기)/u.test(text)) return null;
    return /^.\s*\S/u.test(text) && ![...text.slice(1)].some((character) => sectionMarks.includes(character)) ? { kind: `mark:${first}`, number: null } : null;
  }
  // A court decision's parts as courts publish them (판시사항, 판결요지, 주문, 이유, …), often letter-spaced ("주 문").
  if (text.length <= 12 && rulingParts.has(text.replace(/\s/g, ''))) return { kind: 'ruling', number: null };
  // [붙임 1] 주요국 지침 비교, <참고> 추진 일정, 【참고】 사업 개요: an appendix, at the top level (`appendixLevel`).
  if (/^(?:\[|<|【|〈|《|＜)\s*(?:붙임|참고|별첨|별표|별지|부록)[^\]>】〉》＞]{0,8}(?:\]|>|】|〉|》|＞)/u.test(text)) return { kind: 'appendix', number: null };
  // 부칙 <제1234호, 2023. 12. 29.>: a statute's addenda close its chapters as an appendix does.
  if (isAddendaTitle(text)) return { kind: 'appendix', number: null };
  // I. 개요, IV. 추진 일정: Roman numerals in Latin letters, with their full stop.
  const latinRoman = /^(XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)\.\s+[가-힣A-Za-z0-9]/u.exec(text);
  if (latinRoman) return endsInPageNumber(text.slice(latinRoman[1]!.length + 1)) ? null : { kind: 'roman', number: latinRomanNumerals.indexOf(latinRoman[1]!) + 1 };
  if (romanNumerals.includes(first)) {
    return /^[Ⅰ-Ⅻ]\.?\s+\S/u.test(text) && !endsInPageNumber(text.slice(1)) ? { kind: 'roman', number: romanNumerals.indexOf(first) + 1 } : null;
  }
  // 제1절 기본계획, 제2관 …: a statute's or a report's sections and subsections under its chapters.
  const legalSection = /^제\s?(\d{1,2})\s?([절관])(?:\s|[.:]|$)/u.exec(text);
  if (legalSection) {
    if (endsInPageNumber(text.slice(legalSection[0].length))) return null;
    return { kind: legalSection[2] === '절' ? 'legal-section' : 'legal-subsection', number: Number(legalSection[1]) };
  }
  // 제1편 총칙 (a 민법's books) and 제1부 stand above chapters.
  const volume = /^제\s?(\d{1,2})\s?[편부](?:\s|[.:]|$)/u.exec(text);
  if (volume) return endsInPageNumber(text.slice(volume[0].length)) ? null : { kind: 'volume', number: Number(volume[1]) };
  const chapter = /^(?:제\s?(\d{1,2})\s?장|(\d{1,2})\s?장|chapter\s+(\d{1,2})|part\s+(\d{1,2}))(?:\s|[.:]|$)/iu.exec(text);
  if (chapter) {
    if (endsInPageNumber(text.slice(chapter[0].length))) return null;
    // "제2장" is a chapter as it stands; "1장 이내로 작성하여 제출" or "Part 2 of the setup" only among siblings.
    return { kind: 'chapter', number: Number(chapter[1] ?? chapter[2] ?? chapter[3] ?? chapter[4]), ...(chapter[1] ? {} : { ordinal: true }) };
  }
  // "2 초거대 AI 정의 및 특징": a number of one or two digits, a space, and a title that starts with a letter. Not a
  // number with a unit or a date (3 개, 12 월), and not a line that is mostly figures (a table row or a page number).
  // "1.1 미국", "2.3.1 보완 요청": a deeper level of its own per depth, numbered by its last part.
  const numbered = /^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+[가-힣A-Za-z]/u.exec(text);
  if (numbered && !countedFirstWord.test(text.slice(numbered[1]!.length).replace(/^\.?\s*/, '').split(/\s/)[0]!)) {
    const title = text.slice(numbered[1]!.length).replace(/^\.?\s*/, '');
    // An English title starts with a capital: "3 engineers will work on it" is a sentence.
    if (/^[a-z]+(?:\s|$)/.test(title)) return null;
    if (endsInPageNumber(` ${title}`)) return null;
    const parts = numbered[1]!.split('.');
    const letters = title.replace(/[^가-힣A-Za-z]/gu, '').length;
    if (letters < 2 || letters < title.replace(/\s/g, '').length / 2) return null;
    // "1. 관련: 보안업무 시행세칙 제42조", "2. 일시: 5. 31.(금)": a label and its value, an item of a 공문, not a title.
    if (/[:：]\s*\S/u.test(title)) return null;
    return { kind: parts.length === 1 ? 'number' : `number:${parts.length}`, number: Number(parts.at(-1)) };
  }
  // 가. 온라인 민원: a short title after a Hangul ordinal, without figures and without "label: value".
  const hangul = /^([가-하])[.)]\s+([가-힣A-Za-z][^\d:：]{0,17})$/u.exec(text);
  if (hangul && !/[.)]$/.test(hangul[2]!)) return { kind: 'hangul', number: hangulOrdinals.indexOf(hangul[1]!) + 1 };
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
 * - the open part's or chapter's heading again is a running header ("Ⅱ. 국내외 동향" atop every page of part Ⅱ; a
 *   title that ends in a page number, a table of contents line, is no candidate at all: `plainTextHeading`).
 * Articles (제N조) are headings wherever they stand: `articleLabel` only finds them in a statute's text.
 */
export function acceptedHeadings(
  candidates: readonly { candidate: HeadingCandidate; bodyBefore: boolean; text: string }[],
  bodyAtEnd: boolean,
): boolean[] {
  const words = candidates.map(({ text }) => text.replace(/[^가-힣A-Za-z]/gu, ''));
  const listPairs = (skip: readonly boolean[]) => {
    const listed = candidates.map(() => false);
    for (let index = 1; index < candidates.length; index++) {
      const previous = candidates[index - 1]!.candidate;
      const current = candidates[index]!;
      if (skip[index - 1] || skip[index] || current.bodyBefore || current.candidate.kind !== previous.kind || current.candidate.kind === 'article') continue;
      if (current.candidate.number === 1 && previous.number !== null) continue;
      listed[index - 1] = true;
      listed[index] = true;
    }
    return listed;
  };
  // A table of contents is a list whose items come back later as titles: its entries are no headings, and they
  // neither make the first title after them a list item nor say anything about the mark's use.
  const firstLists = listPairs(candidates.map(() => false));
  const later = new Set<string>();
  const contents = candidates.map(() => false);
  for (let index = candidates.length - 1; index >= 0; index--) {
    contents[index] = firstLists[index]! && later.has(words[index]!);
    later.add(words[index]!);
  }
  const inList = listPairs(contents).map((listed, index) => listed || contents[index]!);
  const listed = new Map<HeadingKind, { total: number; inLists: number }>();
  candidates.forEach(({ candidate }, index) => {
    if (contents[index]) return;
    const counts = listed.get(candidate.kind) ?? { total: 0, inLists: 0 };
    counts.total++;
    if (inList[index]) counts.inLists++;
    listed.set(candidate.kind, counts);
  });
  const bullet = (kind: HeadingKind) => kind.startsWith('mark:') && (listed.get(kind)?.inLists ?? 0) * 2 >= (listed.get(kind)?.total ?? 1);
  // The last candidate with nothing after it has no body either ("▶ 관련기사 보기" closing a news article).
  const accepted = candidates.map(({ candidate }, index) => !inList[index] && !bullet(candidate.kind) && (index < candidates.length - 1 || bodyAtEnd));
  const ordinal = ({ candidate }: { candidate: HeadingCandidate }) => candidate.ordinal === true || isOrdinal(candidate.kind);
  const numbers = new Set(candidates.filter((entry, index) => accepted[index] && ordinal(entry)).map(({ candidate }) => `${candidate.kind} ${candidate.number}`));
  // A running header repeats the open heading of its kind (the same number and words) while nothing above it opened:
  // "제1절 통칙" under 제2장 is that chapter's own first section.
  const depth = headingLevels(candidates.map(({ candidate }) => candidate.kind));
  const open = new Map<HeadingKind, { number: number; words: string }>();
  return candidates.map((entry, index) => {
    const { candidate } = entry;
    if (!accepted[index]) return false;
    if (ordinal(entry)) return numbers.has(`${candidate.kind} ${candidate.number! - 1}`) || numbers.has(`${candidate.kind} ${candidate.number! + 1}`);
    for (const kind of open.keys()) if (depth.get(kind)! > depth.get(candidate.kind)!) open.delete(kind);
    if (candidate.number === null || candidate.kind.startsWith('mark:') || candidate.kind === 'article' || candidate.kind === 'question') return true;
    const current = open.get(candidate.kind);
    if (current?.number === candidate.number && (current.words.startsWith(words[index]!) || words[index]!.startsWith(current.words))) return false;
    open.set(candidate.kind, { number: candidate.number, words: words[index]! });
    return true;
  });
}

/** Numbered titles: a list's items unless a sibling number stands elsewhere as a title too. */
const isOrdinal = (kind: HeadingKind) => kind === 'number' || kind.startsWith('number:') || kind === 'hangul';

/**
 * The number and title of an article at the start of a line of a statute or regulation: "제3조(정의)" of "제3조(정의)
 * 이 조례에서 …", "제5조의2 (전담조직)", and "제9조" of "제9조 삭제 <2021. 3. 2.>" or "제4조 ① 시장은 …". A reference
 * that a line break put first ("제3조제1항에 따른 …", "제3조(정의)에 따른 …") is not one.
 */
export function articleLabel(line: string): string | null {
  const match = /^제\s?\d{1,3}\s?조(?:\s?의\s?\d{1,2})?(?:\s?(?:[(（][^()（）]{1,40}[)）]|【[^【】]{1,40}】)(?=\s|$)|(?=\s+(?:삭제|[①-⑳])))/u.exec(line.trim());
  return match ? match[0] : null;
}

/** Whether a document is a statute or regulation: two articles with titles, numbered differently. */
export function readsAsStatute(lines: readonly string[]): boolean {
  const numbers = new Set<string>();
  for (const line of lines) {
    const label = articleLabel(line);
    if (label && /[(（【]/.test(label)) numbers.add(/\d+/.exec(label)![0]);
    if (numbers.size >= 2) return true;
  }
  return false;
}

/**
 * A question of a FAQ or a Q&A when the next line answers it: "Q3. 수수료는 얼마인가요?" then "A. …", "문) …" then
 * "답) …", "【질의】 …" then "【답변】 …". The question is a heading, so a passage is cited (and found) under it.
 */
export function questionHeading(line: string, nextLine: string | undefined): HeadingCandidate | null {
  const text = line.trim();
  if (nextLine === undefined || text.length > maxQuestionCharacters) return null;
  const question = /^(?:(?:Q|질문|질의|문)\s?(\d{0,3})\s?[.):：]|[【\[［<〈]\s*(?:질의|질문|문)\s*(\d{0,3})\s*[】\]］>〉])\s*[가-힣A-Za-z0-9「"'‘“(]/u.exec(text);
  if (!question || !/^(?:(?:A|답변?)\s?\d{0,3}\s?[.):：]|[【\[［<〈]\s*(?:답변|답)\s*\d{0,3}\s*[】\]］>〉])/u.test(nextLine.trim())) return null;
  const number = question[1] || question[2];
  return { kind: 'question', number: number ? Number(number) : null };
}

/**
 * A question wrapped onto a second line (or paragraph) before its answer: "Q6. 외국인 배우자와 함께 이사한 경우에는",
 * "어떻게 신고하나요?", "A. …". The second line must not be a question or an answer of its own, nor prose.
 */
export function wrappedQuestion(line: string, secondLine: string, answerLine: string): HeadingCandidate | null {
  const question = questionHeading(line, answerLine);
  if (!question || questionHeading(line, secondLine) !== null || questionHeading(secondLine, answerLine) !== null) return null;
  return secondLine.trim().length <= 80 ? question : null;
}

/** A question may be a long sentence; a line longer than this is prose. */
const maxQuestionCharacters = 150;

/**
 * A title on the first line of its block, with its items below it and no blank line between ("□ 추진 배경" then
 * " ○ 생성형 AI의 …"), as 개조식 reports are written: a short candidate whose next line is indented deeper or opens
 * with a list mark (○ ㅇ - · ※ ① 가. 1) (1) (가)), or a very short title opening its paragraph over a sentence.
 */
export function titleOverItems(line: string, nextLine: string, previousLine: string | undefined): HeadingCandidate | null {
  const candidate = plainTextHeading(line);
  if (candidate === null || candidate.kind === 'appendix' || candidate.kind === 'question') return null;
  const text = line.trim();
  const title = text.replace(/^(?:[Ⅰ-Ⅻ]\.?|\S{1,2}\.?)\s*/u, '');
  if ((text.length > 24 || /\d/.test(title)) && !numberedItem(text)) return null;
  const deeper = indentOf(nextLine) > indentOf(line) || listMark.test(nextLine.trim());
  // "1. 목적" opening its paragraph over a sentence: a title too, when it is much shorter than the line under it (a
  // list item wrapped onto the next line runs about as long as a line can).
  const overProse = previousLine === undefined && text.length <= 15 && nextLine.trim().length >= 20 && plainTextHeading(nextLine) === null;
  return (deeper || overProse) && (previousLine === undefined || indentOf(line) <= indentOf(previousLine)) ? candidate : null;
}

/**
 * A marked title that numbers an agenda item, a task or a case ("▶ 안건 1. 2024-정보공개-0117호 이의신청(…)", "□ 과제 2:
 * …"): long and full of figures, and still the title of what follows it.
 */
export const numberedItem = (text: string) => /^[■□▶◆◇●◎▣◈]\s*(?:안건|의안|의제|과제|사례|보고\s?사항|심의\s?안건)\s*(?:제\s*)?\d{1,2}\s*(?:호\s*)?[.:)]?\s/u.test(text);

const listMark = /^(?:[○◦ㅇ\-·※▲•∙①-⑳]|[가-하][.)]\s|\d{1,2}\)|\(\d{1,2}\)|\([가-하]\))/u;
const indentOf = (line: string) => /^[\s\u3000]*/u.exec(line)![0].length;

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
  // A novel's numbered scene and its first line of dialogue ("1." then "\"어디 가?\"") are no part and title.
  if (/^["'“‘「『]/u.test(title)) return null;
  if (plainTextHeadingKind(title) !== null || title.replace(/[^가-힣A-Za-z]/gu, '').length < 2) return null;
  const text = `${number} ${title}`;
  const roman = romanNumerals.indexOf(number[0]!);
  if (roman >= 0) return { text, candidate: { kind: 'roman', number: roman + 1 } };
  const digits = /(\d{1,2})/.exec(number);
  const kind = /^\d/.test(number) ? 'part' : /[편부]$/u.test(number) ? 'volume' : 'chapter';
  return { text, candidate: { kind, number: digits ? Number(digits[1]) : null } };
}

/**
 * Levels by order of first appearance — except where the document shows otherwise: `nested` pairs (a heading directly
 * followed by one of another kind, no text between: "1. 분석 역량 강화" then "□ 교육 확대") put the first kind above the
 * second even if the second appeared first (under an earlier "Ⅰ."), and a statute's units keep their statutory order
 * (편 > 장 > 절 > 관 > 조) whichever appears first. Evidence that contradicts what is already known is ignored.
 * Appendices are at the top level.
 */
export function headingLevels(kinds: readonly HeadingKind[], nested: readonly (readonly [HeadingKind, HeadingKind])[] = []): Map<HeadingKind, number> {
  const seen: HeadingKind[] = [];
  for (const kind of kinds) if (kind !== 'appendix' && !seen.includes(kind)) seen.push(kind);
  const below = new Map<HeadingKind, Set<HeadingKind>>(seen.map((kind) => [kind, new Set()]));
  const reaches = (from: HeadingKind, to: HeadingKind): boolean => {
    const stack = [from];
    const visited = new Set<HeadingKind>();
    while (stack.length > 0) {
      const kind = stack.pop()!;
      if (kind === to) return true;
      if (visited.has(kind)) continue;
      visited.add(kind);
      stack.push(...below.get(kind)!);
    }
    return false;
  };
  const above = (parent: HeadingKind, child: HeadingKind) => {
    if (parent !== child && below.has(parent) && below.has(child) && !reaches(child, parent)) below.get(parent)!.add(child);
  };
  for (const parent of seen) for (const child of seen) if (parent in statuteRank && child in statuteRank && statuteRank[parent]! < statuteRank[child]!) above(parent, child);
  for (const [parent, child] of nested) above(parent, child);
  // Topological order, ties broken by first appearance.
  const order: HeadingKind[] = [];
  while (order.length < seen.length) {
    const next = seen.find((kind) => !order.includes(kind) && seen.every((parent) => order.includes(parent) || !below.get(parent)!.has(kind)))!;
    order.push(next);
  }
  const levels = new Map<HeadingKind, number>(order.map((kind, index) => [kind, index + 1]));
  levels.set('appendix', appendixLevel);
  return levels;
}

const statuteRank: Partial<Record<HeadingKind, number>> = { volume: 0, chapter: 1, 'legal-section': 2, 'legal-subsection': 3, article: 4 };
