import type { Block, ParsedDocument } from './document-parser.js';
import {
  acceptedHeadings,
  articleLabel,
  headingLevels,
  isAddendaTitle,
  numberedItem,
  partHeading,
  plainTextHeading,
  questionHeading,
  readsAsStatute,
  titleOverItems,
  wrappedQuestion,
  type HeadingCandidate,
  type HeadingKind,
} from './plain-text-headings.js';

/**
 * Headings read from the text itself, for documents whose format does not mark them: plain text, and HWP, HWPX,
 * DOCX or PDF files written without heading styles — most agency documents, whose "□ 추진 배경", "Ⅱ. 국내외 동향"
 * and "제3조(정의)" are ordinary paragraphs. Without them a passage has no section path: citations cannot say where it
 * sits, and the index cannot use the title of the part it belongs to. Which lines read as titles, and which of those
 * are headings, is `plain-text-headings.ts`; this file walks a document's paragraphs with those rules.
 */

/** A paragraph as its lines. `body`: a block that is never a heading (a table, a list item, a note), only text; its lines are not read. */
export type TextParagraph = { lines: readonly string[]; body?: boolean };

/** Where a piece of the output starts and ends: a paragraph and a line in it (0-based), both inclusive. */
export type TextPosition = { paragraph: number; line: number };

/**
 * The paragraphs again, as headings and the body text between them. A body piece never spans two paragraphs; a
 * heading may (a part's bare number, then its title in the next paragraph). An article's body that follows its title
 * on the same line ("제1조(목적) 이 조례는 …") starts on that line, without the title.
 */
export type InferredPiece =
  | { kind: 'heading'; level: number; text: string; from: TextPosition; to: TextPosition }
  | { kind: 'body'; texts: string[]; from: TextPosition; to: TextPosition };

/** A heading candidate: where it stands, its text and, for an article with its body on the same line, that body. */
type Candidate = { from: TextPosition; to: TextPosition; text: string; candidate: HeadingCandidate; rest: string };

/**
 * `blankLines`: whether the source separates paragraphs with blank lines (plain text). In HWP, DOCX and PDF every
 * line of a 개조식 report is a paragraph of its own, so a marked title with its items below it ("□ 추진 배경", then
 * "○ …") and a marked statement with its items ("□ 전국 배움터에서 역량 교육 실시", then "○ …") look alike; there
 * a marked line is a title only if it reads as one (`blockStatement`).
 */
export function inferHeadings(paragraphs: readonly TextParagraph[], options: { blankLines: boolean }): InferredPiece[] {
  const candidates = headingCandidates(paragraphs);
  // Which candidates are headings needs their neighbours: is there text between one and the one before?
  const accepted = acceptWith(paragraphs, candidates);
  const headings = candidates.filter((heading, index) => accepted[index] && (options.blankLines || !blockStatement(heading)));
  const headingAt = new Map(headings.map((heading) => [`${heading.from.paragraph} ${heading.from.line}`, heading]));
  // Pieces first with each heading's kind; levels once it is known which headings stand directly over others.
  const pieces: (InferredPiece & { headingKind?: HeadingKind })[] = [];
  let coveredUntil: TextPosition = { paragraph: -1, line: 0 };
  paragraphs.forEach(({ lines }, paragraph) => {
    let run: Extract<InferredPiece, { kind: 'body' }> | null = null;
    const flush = () => {
      if (run) pieces.push(run);
      run = null;
    };
    const start = coveredUntil.paragraph === paragraph ? coveredUntil.line + 1 : 0;
    for (let line = start; line < lines.length; line++) {
      const heading = headingAt.get(`${paragraph} ${line}`);
      if (!heading) {
        run ??= { kind: 'body', texts: [], from: { paragraph, line }, to: { paragraph, line } };
        run.texts.push(lines[line]!);
        run.to = { paragraph, line };
        continue;
      }
      flush();
      pieces.push({ kind: 'heading', level: 0, headingKind: heading.candidate.kind, text: heading.text, from: heading.from, to: heading.to });
      coveredUntil = heading.to;
      if (heading.to.paragraph !== paragraph) break;
      line = heading.to.line;
      if (heading.rest !== '') run = { kind: 'body', texts: [heading.rest], from: { paragraph, line }, to: { paragraph, line } };
    }
    flush();
  });
  const nested: [HeadingKind, HeadingKind][] = [];
  pieces.forEach((piece, index) => {
    const next = pieces[index + 1];
    if (piece.headingKind && next?.headingKind && piece.headingKind !== 'appendix' && next.headingKind !== 'appendix') nested.push([piece.headingKind, next.headingKind]);
  });
  const levels = headingLevels(headings.map(({ candidate }) => candidate.kind), nested);
  return pieces.map(({ headingKind, ...piece }) => (headingKind && piece.kind === 'heading' ? { ...piece, level: levels.get(headingKind)! } : piece));
}

/**
 * A marked line that reads as a 개조식 statement rather than a title, where blank lines cannot tell them apart: longer
 * than the marked titles of a review's 34 agency documents (at most 28 characters), or led by its topic in brackets
 * ("□ (운영 현황) 전국 1,012개 배움터에서 교육 실시").
 */
const blockStatement = ({ candidate, text }: Candidate) =>
  candidate.kind.startsWith('mark:') && !numberedItem(text) && (text.length > 30 || /^.\s*[(（][^)）]{1,12}[)）]\s*\S/u.test(text));

/** `acceptedHeadings` with each candidate's neighbourhood read from the paragraphs: is there text before it, and after the last? */
function acceptWith(paragraphs: readonly TextParagraph[], candidates: readonly Candidate[]): boolean[] {
  const entries: { candidate: HeadingCandidate; text: string; bodyBefore: boolean }[] = [];
  let bodySeen = false;
  let next = 0;
  paragraphs.forEach(({ lines, body }, paragraph) => {
    if (body) {
      bodySeen = true;
      return;
    }
    for (let line = 0; line < lines.length; line++) {
      const candidate = candidates[next];
      if (candidate && candidate.from.paragraph === paragraph && candidate.from.line === line) {
        entries.push({ candidate: candidate.candidate, text: candidate.text, bodyBefore: bodySeen });
        bodySeen = candidate.rest !== '';
        next++;
        if (candidate.to.paragraph === paragraph) line = candidate.to.line;
        else break;
      } else if (lines[line]!.trim() !== '' && !covered(candidates[next - 1], paragraph, line)) bodySeen = true;
    }
  });
  return acceptedHeadings(entries, bodySeen);
}

const covered = (candidate: Candidate | undefined, paragraph: number, line: number) =>
  candidate !== undefined &&
  (paragraph > candidate.from.paragraph || line > candidate.from.line) &&
  (paragraph < candidate.to.paragraph || (paragraph === candidate.to.paragraph && line <= candidate.to.line));

/**
 * Lines that may be headings, in order (plain-text-headings.ts says which kinds): a paragraph of one line that reads
 * as a title, a part's bare number with its title in the next paragraph, an article of a statute, a question before
 * its answer, the first line of a paragraph that is a chapter's or part's title, and a short title over its items.
 */
function headingCandidates(paragraphs: readonly TextParagraph[]): Candidate[] {
  const statute = readsAsStatute(paragraphs.flatMap(({ lines, body }) => (body ? [] : lines)));
  const candidates: Candidate[] = [];
  const at = (paragraph: number, line: number): TextPosition => ({ paragraph, line });
  const whole = (paragraph: number, line: number, candidate: HeadingCandidate | null) => {
    if (candidate) candidates.push({ from: at(paragraph, line), to: at(paragraph, line), text: paragraphs[paragraph]!.lines[line]!.trim(), candidate, rest: '' });
    return candidate !== null;
  };
  for (let paragraph = 0; paragraph < paragraphs.length; paragraph++) {
    const { lines, body } = paragraphs[paragraph]!;
    if (body) continue;
    const following = paragraphs[paragraph + 1];
    if (lines.length === 1 && following && !following.body && following.lines.length === 1) {
      const part = partHeading(lines[0]!, following.lines[0]!);
      if (part) {
        candidates.push({ from: at(paragraph, 0), to: at(paragraph + 1, 0), text: part.text, candidate: part.candidate, rest: '' });
        paragraph++;
        continue;
      }
      // A question broken over two paragraphs before its answer (Enter pressed mid-question in an HWP file).
      const answer = paragraphs[paragraph + 2];
      const question = answer && !answer.body && answer.lines.length > 0 ? wrappedQuestion(lines[0]!, following.lines[0]!, answer.lines[0]!) : null;
      if (question) {
        candidates.push({ from: at(paragraph, 0), to: at(paragraph + 1, 0), text: `${lines[0]!.trim()} ${following.lines[0]!.trim()}`, candidate: question, rest: '' });
        paragraph++;
        continue;
      }
    }
    for (let index = 0; index < lines.length; index++) {
      const line = lines[index]!;
      const nextLine = index + 1 < lines.length ? lines[index + 1] : following?.lines[0];
      const label = statute ? articleLabel(line) : null;
      if (label) {
        candidates.push({ from: at(paragraph, index), to: at(paragraph, index), text: label, candidate: { kind: 'article', number: null }, rest: line.trim().slice(label.length).trim() });
        continue;
      }
      if (whole(paragraph, index, questionHeading(line, nextLine))) continue;
      const wrapped = index + 2 < lines.length ? wrappedQuestion(line, lines[index + 1]!, lines[index + 2]!) : null;
      if (wrapped) {
        candidates.push({ from: at(paragraph, index), to: at(paragraph, index + 1), text: `${line.trim()} ${lines[index + 1]!.trim()}`, candidate: wrapped, rest: '' });
        index++;
        continue;
      }
      if (lines.length === 1) {
        whole(paragraph, index, plainTextHeading(line));
        continue;
      }
      const candidate = plainTextHeading(line);
      // A statute's chapters and sections stand anywhere in its text (often pasted without blank lines); a report's
      // part or chapter title may open its first paragraph.
      const unit = candidate && unitKinds.has(candidate.kind) && line.trim().length <= 40;
      if (unit && (index === 0 || (statute && candidate.kind !== 'roman'))) whole(paragraph, index, candidate);
      else if (index + 1 < lines.length) whole(paragraph, index, titleOverItems(line, lines[index + 1]!, index > 0 ? lines[index - 1] : undefined));
    }
  }
  return candidates;
}

/** Kinds of title that may open a paragraph's first line (and, in a statute, any line but a Roman numeral's). */
const unitKinds = new Set<HeadingKind>(['volume', 'chapter', 'legal-section', 'legal-subsection', 'appendix', 'roman']);

/**
 * A parsed document with headings read from its text (`inferHeadings`), when its format gave it none: an HWP, HWPX,
 * DOCX or PDF file written without heading styles. A document with even one styled heading is left as its author
 * structured it. Paragraph blocks are read line by line; tables, list items and notes are text between headings.
 */
export function withInferredHeadings(document: ParsedDocument): ParsedDocument {
  if (document.blocks.some((block) => block.kind === 'heading')) return withArticleHeadings(document);
  const paragraphs = document.blocks.map((block): TextParagraph => (block.kind === 'paragraph' ? { lines: block.text.split('\n') } : { lines: [], body: true }));
  const pieces = inferHeadings(paragraphs, { blankLines: false });
  if (!pieces.some((piece) => piece.kind === 'heading')) return document;
  const blocks: Block[] = [];
  // A piece keeps its block's page (and line span, where the format has one: it still contains the piece).
  const span = (index: number) => {
    const { page, lines } = document.blocks[index]!;
    return { ...(page !== undefined ? { page } : {}), ...(lines ? { lines } : {}) };
  };
  let piece = 0;
  document.blocks.forEach((block, index) => {
    // Tables, list items and notes stand as they are (they are text between headings, never split).
    if (block.kind !== 'paragraph') {
      blocks.push(block);
      return;
    }
    const own: InferredPiece[] = [];
    while (pieces[piece] && pieces[piece]!.from.paragraph === index) own.push(pieces[piece++]!);
    if (own.length === 1 && own[0]!.kind === 'body' && own[0]!.texts.length === block.text.split('\n').length) {
      blocks.push(block);
      return;
    }
    for (const part of own) {
      if (part.kind === 'heading') blocks.push({ kind: 'heading', level: part.level, text: part.text, ...span(index) });
      else blocks.push({ kind: 'paragraph', text: part.texts.join('\n'), ...span(index) });
    }
  });
  return { ...document, blocks };
}

/**
 * A regulation whose author styled its chapters (## 제2장 근무) but wrote its articles as paragraphs ("제3조(근무시간)
 * ① …"): each article title becomes a heading one level under the styled heading above it, so a passage is cited
 * under its article (제2장 근무 > 제3조(근무시간)), not only its chapter. Only in a document that reads as a statute
 * (`readsAsStatute`: two titled articles); the article's body, on its title's line or after it, stays a paragraph.
 */
export function withArticleHeadings(document: ParsedDocument): ParsedDocument {
  const paragraphLines = document.blocks.flatMap((block) => (block.kind === 'paragraph' ? block.text.split('\n') : []));
  if (!readsAsStatute(paragraphLines)) return document;
  const blocks: Block[] = [];
  let styledLevel = 0;
  for (const block of document.blocks) {
    if (block.kind === 'heading') styledLevel = block.level;
    if (block.kind !== 'paragraph') {
      blocks.push(block);
      continue;
    }
    const lines = block.text.split('\n');
    const where = (from: number, to: number) => ({
      ...(block.page !== undefined ? { page: block.page } : {}),
      ...(block.lines ? { lines: [block.lines[0] + from, Math.min(block.lines[1], block.lines[0] + to)] as [number, number] } : {}),
    });
    let body: string[] = [];
    let bodyFrom = 0;
    const flush = (until: number) => {
      if (body.join('').trim() !== '') blocks.push({ kind: 'paragraph', text: body.join('\n'), ...where(bodyFrom, until) });
      body = [];
    };
    lines.forEach((line, index) => {
      // 부칙 (addenda) close the regulation beside its chapters, never inside its last article.
      if (isAddendaTitle(line)) {
        flush(index - 1);
        blocks.push({ kind: 'heading', level: Math.max(1, styledLevel), text: line.trim(), ...where(index, index) });
        bodyFrom = index + 1;
        return;
      }
      const label = articleLabel(line);
      if (!label || !/[(（【]/.test(label)) {
        body.push(line);
        return;
      }
      flush(index - 1);
      blocks.push({ kind: 'heading', level: Math.min(styledLevel + 1, 6), text: label, ...where(index, index) });
      const rest = line.trim().slice(label.length).trim();
      body = rest ? [rest] : [];
      bodyFrom = rest ? index : index + 1;
    });
    flush(lines.length - 1);
  }
  return { ...document, blocks };
}
