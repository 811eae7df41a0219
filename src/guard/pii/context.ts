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
const representativeBefore = /(?:^|[^가-힣])대표(?:\s?(번호|전화|전화번호|연락처|메일|이메일|e-?mail|팩스))?\s*(?:[:：]\s*)?$/i;
export function representativeContact(text: string, start: number): string | null {
  const before = textBefore(text, start, 14);
  if (before.indexOf('대표') === -1) return null;
  const match = representativeBefore.exec(before);
  return match ? (match[1] ?? '').toLowerCase() : null;
}

/**
 * A cue that a number or an address beside a 대표 label is someone's own: 제/저의/내 (my), 자택, 집 전화, 개인,
 * 휴대폰/핸드폰, 본인, 사장, 직통 within a few characters after the value (대표 02-987-6543 (제 집 전화입니다)), or
 * 제/저의/내/개인/자택 right before 대표 (제 대표번호). Checked only where the 대표 exemption would apply.
 */
const personalAfter = /(?:^|[^가-힣])(?:제|저의|내|나의)\s|자택|집\s?전화|집\s?번호|개인|휴대|핸드폰|본인|사장|직통/;
const personalBefore = /(?:^|[^가-힣])(?:제|저의|내|나의|개인|자택|본인)\s*$/;
export function personalCueBeside(text: string, start: number, end: number): boolean {
  // Up to the next item of a list (대표전화 02-2100-1234 / 팀장 직통 010-…: 직통 is the next number's).
  const after = textAfter(text, end, 16);
  const stop = after.search(/[/,;·\d]/);
  if (personalAfter.test(stop === -1 ? after : after.slice(0, stop))) return true;
  const before = textBefore(text, start, 24);
  const at = before.lastIndexOf('대표');
  return at !== -1 && personalBefore.test(before.slice(0, at));
}
