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
