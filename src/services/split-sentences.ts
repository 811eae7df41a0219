/**
 * Sentences, list items and table rows: agency documents carry most facts in 개조식 lines, not prose.
 * Shared by extractive answers and extractive summaries. Inline HTML (common in converted reports)
 * is dropped; bullets (•, -, ○ …) start new pieces.
 */
export function splitSentences(text: string, minimumLength = 8): string[] {
  return text
    .replace(/<[^>]{1,200}>/g, ' ')
    .split(/\n+|\s[•·▪◦]\s|\s-\s|(?<=[다요함음임됨까]\.)\s+|(?<=[.?!])\s+(?=[A-Z가-힣"'(“‘])/)
    .map((piece) => piece.replace(/^[\s•·▪◦○□■*-]+/, '').replace(/\s+/g, ' ').trim())
    .filter((piece) => piece.length >= minimumLength);
}
