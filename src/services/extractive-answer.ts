import { sourceLine } from '../data/index.js';
import type { SearchHit } from '../search/index.js';
import { askedQuantity, money } from './asked-quantity.js';
import { evidenceIn, textTerms, type QuestionUnit } from './answer-evidence.js';
import { isNonFact } from './non-fact-lines.js';
import { splitSentences } from './split-sentences.js';
import { FootnoteLines, Footnotes } from './footnotes.js';
import { TableContext } from './table-context.js';
import { amountFit, statedAmount } from './stated-range.js';

/**
 * The answer without a model: the passages' sentences that hold most of the question (`answer-evidence.ts`), quoted
 * as they stand, each under the source and section it comes from.
 */
/** `line`: the line of the source's text the sentence stands on (0-based), for citing it at its own source line. */
export type Quotation = { sentence: string; source: number; section: string | null; score: number; line: number };

/** How close to the best sentence another must score to be quoted beside it; how many are quoted at most. */
const sentenceFloor = 0.6;
const maxQuotations = 3;
/** A passage far weaker than the best one is not quoted from (it shares a word or two, not the subject). */
const passageFloor = 0.8;
/** The shortest piece worth quoting; under an FAQ's question, the shortest answer. */
const minimumSentence = 15;
/** What a table row's share of the question counts for when its table's words are needed to make it (`table-context.ts`). */
const rowContextShare = 0.85;
const minimumAnswer = 6;

/** Questions of what a word means (프로비저닝 뜻, RPA란?): a footnote of the word is its definition. */
const asksMeaning = /뜻|의미|정의|무슨\s*말|개념|[가-힣]란\s*(?:무엇|뭐|[?？]|$)|what\s+(?:is|does)|\bmeaning\b|\bdefin/i;

/** Questions of amount, time or count are answered by a sentence with a number in it. */
const numericQuestion = /얼마|며칠|몇|언제|기한|기간|비율|금액|예산|비용|수수료|요금|시간|까지/;

/** Whether a question asks for an amount, a date, a period or a count (answered by a sentence with a number). */
export function asksForNumber(question: string): boolean {
  return numericQuestion.test(question) || askedQuantity(question) !== undefined;
}

/**
 * The quotations that answer `question` from `hits` (at most three, best first), or none when no sentence holds
 * enough of it. `headings` are lines that name a section (never quoted: the citation names them); `evidence` is each
 * hit's share of the question. `focus`: a follow-up's own words (`follow-up-question.ts`), which a quoted sentence or
 * its heading must hold; `numeric`: prefer sentences with a number (by default, when `question` asks for one).
 */
export function chooseQuotations(
  question: string, units: readonly QuestionUnit[], hits: readonly SearchHit[], evidence: readonly number[],
  parts: (hit: SearchHit) => { text: string; section: string | null; firstLine: number }[], headings: ReadonlySet<string>,
  options: { focus?: readonly QuestionUnit[]; numeric?: boolean } = {},
): Quotation[] {
  const focus = options.focus ?? [];
  const focusWords = focus.map((unit) => unit.text);
  // The particulars' labels this question asks for (언제 → 일시:), read once for all its sentences.
  const askedLabels = particularLabels.flatMap(([asks, label]) => (asks.test(question) ? [label] : []));
  const numeric = options.numeric ?? numericQuestion.test(question);
  // "몇 명 / 몇 % / 얼마": the sentence that answers states such a number; the others are context at best.
  const quantity = askedQuantity(question);
  // "언제까지 / 마감 / 기한": the answer states a deadline (12월 10일까지, 7일 이내), not any date.
  const deadline = asksDeadline.test(question);
  // The amount the question states of itself (4년 조금 넘었는데), read once for all its sentences.
  const amount = statedAmount(question);
  const meaning = asksMeaning.test(question);
  // Each with whether it states the quantity asked for and what makes it the same quotation as another (a table row
  // is the same row whether or not its caption was in view: a window that starts at the table has none).
  const scored: (Quotation & { quantified: boolean; key: string })[] = [];
  // Footnote lines of every passage, so a marked line finds its note in the next passage of its document.
  const footnoteLines = new FootnoteLines();
  const places = hits.map(footnotePlace);
  hits.forEach((hit, index) => footnoteLines.addPassage(places[index]!.place, hit.text, places[index]!.lineOf));
  // A passage's standing includes what its markers' footnotes say (a table whose 연구비 ²⁶⁰⁾ is "공공 AI R&D 예산" in a
  // note in the next passage holds a question about that budget).
  const standing = hits.map((hit, index) => {
    const notes = footnoteLines.notesOfPassage(places[index]!.place, hit.text, places[index]!.lineOf);
    return notes === null ? evidence[index]! : Math.max(evidence[index]!, evidenceIn(units, new Set([...textTerms(hit.text, hit.section), ...notes])));
  });
  const best = Math.max(0, ...standing);
  hits.forEach((hit, index) => {
    if (standing[index]! < best * passageFloor) return;
    // What a sentence is about includes where it stands: its section's heading (an FAQ's question over its answer)
    // and the document's name (개조식_보고서_클라우드전환.txt).
    const context = [...documentNameTerms(hit.document)];
    const meetingParticulars = meetingRecord.test(hit.document);
    const startsDocument = hit.lines?.[0] === 1 || (hit.lines === null && hit.page === 1);
    let firstLine = startsDocument;
    for (const { text, section, firstLine: partLine } of parts(hit)) {
      const heading = section?.split(' > ').at(-1);
      const around = [...context, ...(heading ? textTerms(heading) : [])];
      // Under a question (an FAQ's "Q. 정보공개 수수료는 얼마인가요?"), the lines answer it without repeating its words.
      const answersHeading = heading !== undefined && /[?？]\s*$/.test(heading) && evidenceIn(units, textTerms(heading)) > 0;
      // A 개조식 item's detail lines (- 출입 시 출입대장 기록 …) are about the item above them (○ 전산실(별관 4층) …): its
      // words count as theirs, as a heading's do.
      let item: Set<string> | null = null;
      const table = new TableContext();
      const footnotes = new Footnotes();
      for (const [offset, line] of text.split('\n').entries()) {
        const documentFirstLine = firstLine && line.trim() !== '';
        if (documentFirstLine) firstLine = false;
        // Indented, or under an item without indentation: 개조식 ranks lines by their marks (□ > ○ > - > ·), and HWPX and
        // DOCX paragraphs reach us without the spaces or margins that indented them.
        const detail = detailLine.test(line) || (item !== null && detailMark.test(line));
        const row = table.read(line);
        // A footnote (1) …) is about the words its marker stands after (프로비저닝 ¹⁾): they count as its own; and a
        // marked line's footnotes (연구비 ²⁶⁰⁾ → "국방을 제외한 공공 AI R&D 예산 기준") say what it means: theirs count as its.
        const explained = footnotes.read(line);
        const notes = line.includes('⁾') ? footnoteLines.notesOf(places[index]!.place, places[index]!.lineOf(partLine + offset), line) : null;
        const inherited = detail ? item : typeof row === 'object' && row !== null ? row.terms : explained;
        const parent = notes === null ? inherited : new Set([...(inherited ?? []), ...notes]);
        if (itemLine.test(line)) item = textTerms(line);
        else if (!detail && line.trim() !== '') item = null;
        // A table's header row is no fact of its own, nor is an empty row; body rows are quoted whole, under their
        // column names.
        if (row === 'header' || row === 'empty') continue;
        if (!row && isNonFact(line, { documentFirstLine })) continue;
        // Under a question, a short answer is the answer (연간 80시간 이상입니다.), not too short to quote.
        for (const sentence of row ? [row.quoted] : withProvisos(splitSentences(line, answersHeading ? minimumAnswer : minimumSentence))) {
          if (headings.has(sentence)) continue;
          const own = parent ? new Set([...textTerms(sentence), ...parent]) : textTerms(sentence);
          // A labelled particular (일시: 2024. 10. 15.) answers the question its label asks (언제) in a passage about it.
          // (Shorter ones, 장소: 대강당, were tried: an unanswerable held-out follow-up was then answered.)
          const labelled = askedLabels.some((label) => label.test(sentence.trim())) && (!meetingParticulars || /회의/.test(question));
          if (evidenceIn(units, own) === 0 && !answersHeading && !labelled) continue;
          const near = new Set([...own, ...around]);
          // A follow-up's own words (its focus) must be in the sentence or its heading, or its value (기한 → 30일 이내).
          if (focus.length > 0 && evidenceIn(focus, near) === 0 && !statesAttribute(focusWords, sentence)) continue;
          // Under an item (○ 화재 / ○ 지진, each with its 대피 장소:), the item says what the particular is about: the passage's
          // share of the question is not the line's.
          // A table row holds what its own cells hold, or somewhat less than what it holds with its table's words (its
          // header's and caption's are a bigger bag of words than any sentence: "연간 인정 한도: 60시간" outranked "연간 80시간
          // 이상 상시학습을 이수해야 합니다" for 1년에 몇 시간).
          const held = labelled && !parent ? Math.max(evidenceIn(units, near), standing[index]!)
            : row ? Math.max(evidenceIn(units, new Set([...row.cells, ...around])), rowContextShare * evidenceIn(units, near))
            : evidenceIn(units, near);
          // The number the question asks for (a deadline for 언제까지), a particular under the label asked for (장소:
          // for 어디; above a line that only states a number), and the passage's own standing, break near ties. A
          // list's number (2. 「…」) is no number stated.
          // A table's unit is in its caption or header (전망(%), 단위: 억원): its cells state the quantity with it.
          const quantified = quantity !== undefined && (quantity.test(sentence) || (row !== null && row.withUnit !== null && quantity.test(row.withUnit)));
          const stated = quantity ? (quantified ? 1.25 : 0.6)
            : labelled || (meaning && explained !== null && !row && !detail) ? 1.25
            : deadline ? (statesAttribute(['기한'], sentence) ? 1.25 : statesNumber(sentence) ? 1.1 : 1)
            : numeric && statesNumber(sentence) ? 1.25 : 1;
          // A question that states its own amount (4년 조금 넘었는데) is answered by the row whose range holds it.
          const score = held * stated * (amount ? amountFit(amount, sentence) : 1) + standing[index]! * 0.1 - index * 0.001;
          scored.push({ sentence, source: index, section, score, line: partLine + offset, quantified, key: (row ? row.key : sentence).replace(/\s+/g, ' ') });
        }
      }
    }
  });
  // "몇 명 / 몇 % / 초당 몇 토큰": a count the passages never state is no answer, whatever else they share.
  if (quantity && !scored.some((entry) => entry.quantified)) return [];
  const top = Math.max(0, ...scored.map((entry) => entry.score));
  // Overlapping chunks repeat sentences: each is quoted once, under its best-ranked source.
  const seen = new Set<string>();
  return scored.filter((entry) => entry.score >= top * sentenceFloor)
    .sort((a, b) => b.score - a.score)
    .filter((entry) => {
      if (seen.has(entry.key)) return false;
      seen.add(entry.key);
      return true;
    }).slice(0, maxQuotations)
    .map(({ quantified: _quantified, key: _key, ...quotation }) => quotation);
}

/**
 * Where a passage's footnotes are filed (`FootnoteLines`): its document version by source line where the passage
 * records them (text formats), else the passage alone by its own line.
 */
function footnotePlace(hit: SearchHit): { place: string; lineOf: (index: number) => number | null } {
  return hit.lineRuns && hit.lineRuns.length >= 2
    ? { place: `${hit.documentId}@${hit.version}`, lineOf: (index) => sourceLine(hit.lineRuns, index) }
    : { place: `${hit.documentId}@${hit.version}#${hit.chunk}`, lineOf: (index) => index };
}

/**
 * What a value of an attribute looks like, for the attributes follow-ups ask of the subject before (그 기한은요?,
 * 비용은요?, 기간은요?): a regulation states the value (30일 이내, 250원) without naming the attribute.
 */
const attributeValues: readonly [RegExp, RegExp][] = [
  [/^(?:기한|마감|제출기한|신청기한)$/, /\d+\s*(?:일|개월|주|년|시간)\s*(?:이내|안에|전까지|전|까지)|\d+\s*(?:월|일)\s*까지/],
  [/^(?:기간|소요기간|처리기간)$/, /\d+\s*(?:일|개월|주|년|시간)/],
  [/^(?:금액|비용|요금|수수료|가격|이용료|사용료|한도)$/, money],
];

/** Whether `text` states a value of one of the attribute words `words` (기한 → 30일 이내). */
export function statesAttribute(words: readonly string[], text: string): boolean {
  return attributeValues.some(([attribute, value]) => words.some((word) => attribute.test(word)) && value.test(text));
}

const asksDeadline = /언제\s*까지|마감|기한/;
/** A sentence without the number or letter of the list it stands in (2. 「…」, 가. …, (3) …, ① …). */
const withoutListMark = (sentence: string) => sentence.replace(/^\s*(?:\d{1,2}[.)]|\(\d{1,2}\)|[가-하][.)])\s+/, '');
/**
 * Whether a sentence states a number, not counting its list mark or a way to reach someone: a telephone number or an
 * extension (☎ 044-200-3125, 내선 2417) answers no "얼마" or "몇" (a review saw the contact line quoted first for
 * 공모전 대상 상금).
 */
export const statesNumber = (sentence: string) => /\d/.test(withoutListMark(sentence)
  .replace(/\(?0\d{1,2}\)?[-.\s]?\d{3,4}[-.\s]\d{4}/g, '')
  .replace(/(?:내선|구내|☎)\s*(?:번호\s*)?(?:[:.]\s*)?\d{3,5}/g, ''));

/** The labels of a 공문's or notice's particulars, by the question word they answer. */
// A label may name its subject first (검진 기간:, 교육 장소:).
const labelStart = '^(?:[가-하①-⑳\\d]{1,2}[.)]\\s*)?(?:[가-힣]{1,6}\\s)?';
const label = (names: string) => new RegExp(`${labelStart}(?:${names})\\s*[:：]`);
// A 개조식 item (○, □ under a heading) and its detail lines (-, ·, ※ indented under it).
const itemLine = /^\s*[○●◦□■▶◆◇]\s*\S/;
const detailLine = /^\s+(?:[-–·∙]|※)\s*\S/;
const detailMark = /^(?:[-–·∙]|※)\s*\S/;
const particularLabels: readonly [RegExp, RegExp][] = [
  // 언제 (when it happens) is a 일시; 언제까지 (by when), 마감 and 기한 a deadline, which an event's 일시 is not.
  [/^(?!.*(?:언제\s*까지|마감|기한)).*(?:언제|며칠|일정|몇\s*시)/, label('일\\s*시|일\\s*정|기\\s*간|날\\s*짜|시\\s*간')],
  // A period that ends by a time (접수 기간: 8. 11. ~ 9. 19. 18:00까지) is a deadline too.
  [/언제\s*까지|기한|마감/, label('기\\s*한|마\\s*감|제출\\s*기한|기\\s*간(?=\\s*[:：].*까지)')],
  [/어디|장소|위치/, label('장\\s*소|위\\s*치|교육장|회의장')],
  [/누구|누가|대상/, label('대\\s*상|참석자?|담당자?|문의')],
  [/문의|연락|전화/, label('문\\s*의|연락처|전화')],
];
/**
 * Minutes and result reports (회의록, 회의결과보고): their 일시, 장소 and 참석자 are the meeting's own, which answer a
 * question about the meeting, not about what the meeting decided (새 청사 이사 언제 해요? is not the meeting's 일시).
 */
const meetingRecord = /회의\s*(?:결과|록)|결과\s*보고/;

/**
 * A proviso stays with the rule it qualifies: "숙박비는 1박당 7만원을 한도로 한다. 다만, 서울특별시는 10만원으로 한다."
 * is one quotation, since the first sentence alone states a rule the document does not have.
 */
export function withProvisos(sentences: readonly string[]): string[] {
  const joined: string[] = [];
  for (const sentence of sentences) {
    // In brackets or after a note mark too: "… 12시간까지 인정한다. (단, 만 19세 미만 청소년은 8시간 유지)".
    if (joined.length > 0 && /^[(（※]?\s*(?:다만|단[,\s]|그러나|except|provided|however)/i.test(sentence)) joined[joined.length - 1] += ` ${sentence}`;
    else joined.push(sentence);
  }
  return joined;
}

/** The words of a document's file name (개조식_보고서_클라우드전환.txt → 개조식 보고서 클라우드전환). */
export function documentNameTerms(name: string): Set<string> {
  return textTerms(name.replace(/\.[A-Za-z0-9]{1,5}$/, '').replace(/[_\-.]+/g, ' '));
}
