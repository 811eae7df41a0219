/** Helpers for context words: Korean writes the label right before the value (`주민등록번호: …`). */

/** The text just before a match, where labels live. */
export function textBefore(text: string, start: number, window = 24): string {
  return text.slice(Math.max(0, start - window), start);
}

export function textAfter(text: string, end: number, window = 12): string {
  return text.slice(end, end + window);
}

export function hasContextBefore(text: string, start: number, words: RegExp, window = 24): boolean {
  return words.test(textBefore(text, start, window));
}

/** Score with a context boost, capped at 1. */
export function boosted(base: number, hasContext: boolean, boost = 0.3): number {
  return Math.min(1, hasContext ? base + boost : base);
}

/**
 * An agency's contact point written right before the value: 대표번호 02-2100-3000, 대표전화: 1588-…, (대표 044-200-7000),
 * 대표 메일 help@mois.go.kr. Returns what 대표 is followed by ('' for 대표 alone, else the word: 번호, 전화, 메일…), or
 * null. Not 대표자 (a representative, a person), nor 부대표 or 공동대표 (a title): 대표 stands after no syllable.
 */
const representativeBefore = /(?:^|[^가-힣])대표(?:\s?(번호|전화|전화번호|연락처|메일|이메일|e-?mail|팩스))?\s*[:：]?\s*$/i;
export function representativeContact(text: string, start: number): string | null {
  const before = textBefore(text, start, 14);
  if (before.indexOf('대표') === -1) return null;
  const match = representativeBefore.exec(before);
  return match ? (match[1] ?? '').toLowerCase() : null;
}
