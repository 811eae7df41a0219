import type { Grade } from '../auth/index.js';
import { clearanceRank } from '../auth/index.js';
import type { ParsedDocument } from './parsers/index.js';

/**
 * Disclosure markings found in a document's title, headers/footers and first lines. Korean
 * agencies stamp 대외비 / 비공개 / 취급주의 there; a marking can only raise the grade given at upload
 * (the stricter wins), never lower it.
 */
const markings: readonly { pattern: RegExp; grade: Grade }[] = [
  // "비밀" and "기밀" only as words of their own: "비밀번호" or "기밀성" are not markings; nor are 대외 비교, 대외비용.
  { pattern: /대\s*외\s*비(?![교용율중])|(?<![가-힣])(?:[ⅠⅡⅢ123]급\s*)?(?:비밀|기밀)(?![가-힣])|\b(?:restricted|confidential|secret)\b/i, grade: 'restricted' },
  { pattern: /비\s*공\s*개|취\s*급\s*주\s*의|(?<![가-힣])내부용(?![가-힣])|\b(?:internal use only|not for (?:public )?release)\b/i, grade: 'internal' },
];

/**
 * A stamp is a short line of its own or sits in brackets; a sentence that mentions 비공개 is not one, unless it says
 * so of the document itself ("이 문서는 대외비 입니다", "본 자료는 비공개로 분류됨"), wherever it stands in its line.
 */
function isStampLine(line: string, match: RegExpExecArray): boolean {
  const bare = line.trim();
  if (bare.length <= 30) return true;
  const before = bare.slice(0, match.index).trimEnd().at(-1) ?? '';
  return '[(<【〔「『'.includes(before) || declaresItself.test(line.slice(Math.max(0, match.index - 40), match.index));
}
// The document named, or its grade's label, earlier in the marking's sentence: "이 문서는 ", "본 보고서는 … ", "이 문서의
// 보안등급은 ", "보안등급: ", "문서등급 " (a header line: 보안등급: 대외비 | 작성: 기획조정실 | …).
const declaresItself = /(?:(?:이|본|해당|상기)\s*(?:문서|자료|보고서|파일|계획서?|내용|공문)|(?:보안|문서|비밀)\s*등급)[^.?!。]*$/;

/** How far into the body a marking still counts: a stamp sits at the top, not in a paragraph about 대외비 rules. */
const headLines = 5;

export function detectGrade(document: ParsedDocument): Grade | null {
  const head = document.blocks.slice(0, headLines).map((block) => ('text' in block ? block.text : '')).join('\n').slice(0, 400);
  const places = [document.title ?? '', ...document.headersFooters, head];
  let found: Grade | null = null;
  for (const place of places) {
    for (const line of place.split('\n')) {
      for (const marking of markings) {
        const match = marking.pattern.exec(line);
        if (match && isStampLine(line, match) && (found === null || clearanceRank(marking.grade) > clearanceRank(found))) found = marking.grade;
      }
    }
  }
  return found;
}

export function stricterGrade(a: Grade, b: Grade | null): Grade {
  return b !== null && clearanceRank(b) > clearanceRank(a) ? b : a;
}
