/**
 * Sentences, list items and table rows: agency documents carry most facts in 개조식 lines, not prose.
 * Shared by extractive answers and extractive summaries. Inline HTML (common in converted reports)
 * is dropped; bullets (•, -, ○ …) start new pieces; an FAQ's Q. and A. marks are dropped.
 */
// A list's marker at the start of a line: 가. 나) 1. ①.
const listMarker = '(?:[가-하]|\\d{1,2}|[①-⑳])[.)]';
const markerAtLineStart = new RegExp(`^([ \\t]*${listMarker})[ \\t]+`, 'gm');
const heldMarker = new RegExp(`^${listMarker}\u2060`);

export function splitSentences(text: string, minimumLength = 8): string[] {
  return text
    .replace(/<[^>]{1,200}>/g, ' ')
    // An FAQ's answer mark is no sentence of its own ("A. 연간 80시간 이상입니다." is one sentence, not "A." and the rest).
    .replace(/^([ \t]*)(?:[AQ]|답|문)\s*[.:)]\s+/gm, '$1')
    // A list's marker (가. 나. 다. 1.) is no sentence's end: "다. 우편 접수는 받지 않음" is one item, not "다." and a piece
    // too short to quote. The space after it is held by a word joiner until the pieces are cut.
    .replace(markerAtLineStart, '$1\u2060')
    // A number's period is a date's (2025. 11. 중 개최, 3. 28. 금요일 18시), not a sentence's end: Korean writes a count
    // with its counter (3건.), so a sentence seldom ends in a bare number.
    .split(/\n+|\s[•·▪◦]\s|\s-\s|(?<=[다요함음임됨까]\.)\s+|(?<=[.?!])(?<!\d\.)\s+(?=[A-Z가-힣"'(“‘])/)
    .map((piece) => piece.replace(/^[\s•·▪◦○□■*-]+/, '').replace(/\s+/g, ' ').trim())
    .filter((piece) => piece.length >= minimumLength)
    // The marker counted toward the length (다. 우편 접수는 받지 않음 is an item, not a fragment) but is no part of the quote.
    .map((piece) => piece.replace(heldMarker, '').replace(/\u2060/g, ' '));
}
