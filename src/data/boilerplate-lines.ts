import { hash } from 'node:crypto';
import { codePointClass, isSurrogatePair, letter, unitClass, whitespace } from '../core/char-classes.js';
import type { ParsedDocument } from './parsers/index.js';

/**
 * Repeated boilerplate: running page headers and footers inside a document, and template lines (letterhead,
 * copyright notices) across a tenant's documents. Such lines stay in the stored text, so line numbers and
 * what a reader sees are unchanged, but they stop counting for search (down-weighted to nothing); a chunk
 * made only of them is not indexed at all.
 *
 * Lines are compared by a key: spaces collapsed and digits folded, so "행정안전부 - 3 -" and "행정안전부 - 4 -"
 * are one line. Only the key's hash is stored, never the line: it may hold personal data.
 */
const minLetters = 4;
const maxLength = 200;

export function lineKey(line: string): string | null {
  const folded = foldLine(line);
  return folded === null ? null : hash('sha256', folded, 'base64url').slice(0, 16);
}

const isDigit = (code: number) => code >= 0x30 && code <= 0x39;

/**
 * `line.trim().replace(/\s+/g, ' ').replace(/\d+/g, '#')` in one pass (lines are keyed on every chunk),
 * or null when that is longer than `maxLength` or has fewer than `minLetters` letters (`/\p{L}/gu`).
 */
function foldLine(line: string): string | null {
  let start = 0;
  let end = line.length;
  while (start < end && unitClass(line.charCodeAt(start)) & whitespace) start++;
  while (end > start && unitClass(line.charCodeAt(end - 1)) & whitespace) end--;
  let folded = '';
  let copiedTo = start;
  let letters = 0;
  for (let index = start; index < end; ) {
    const code = line.charCodeAt(index);
    const digit = isDigit(code);
    if (!digit && !(unitClass(code) & whitespace)) {
      if (codePointClass(line, index) & letter) letters++;
      index += isSurrogatePair(line, index) ? 2 : 1;
      continue;
    }
    let runEnd = index + 1;
    while (runEnd < end && (digit ? isDigit(line.charCodeAt(runEnd)) : unitClass(line.charCodeAt(runEnd)) & whitespace)) runEnd++;
    // A single plain space is folded already: it is copied with the text around it.
    if (digit || code !== 0x20 || runEnd !== index + 1) {
      folded += `${line.slice(copiedTo, index)}${digit ? '#' : ' '}`;
      copiedTo = runEnd;
    }
    index = runEnd;
  }
  folded += line.slice(copiedTo, end);
  return folded.length > maxLength || letters < minLetters ? null : folded;
}

/** Keys of the lines of a text, in line order (null for lines too short or long to be boilerplate). */
export function lineKeys(text: string): (string | null)[] {
  return text.split('\n').map(lineKey);
}

/** Lines that appear on at least `minPages` different pages of a paged document: running headers and footers. */
export function repeatedPageLines(document: ParsedDocument, minPages: number): Set<string> {
  const pagesByKey = new Map<string, Set<number>>();
  for (const block of document.blocks) {
    if (block.page === undefined || block.kind === 'table') continue;
    for (const key of lineKeys(block.text)) {
      if (!key) continue;
      const pages = pagesByKey.get(key) ?? new Set<number>();
      pages.add(block.page);
      pagesByKey.set(key, pages);
    }
  }
  return new Set([...pagesByKey].filter(([, pages]) => pages.size >= minPages).map(([key]) => key));
}

/**
 * The text as search should see it: boilerplate lines blanked (not removed, so a reader of the terms and
 * of the text agree on line positions). `allBoilerplate` when nothing else is left.
 */
export function withoutBoilerplate(text: string, boilerplate: ReadonlySet<string>): { text: string; blanked: number; allBoilerplate: boolean } {
  if (boilerplate.size === 0) return { text, blanked: 0, allBoilerplate: false };
  let blanked = 0;
  let kept = 0;
  const lines = text.split('\n').map((line) => {
    const key = lineKey(line);
    if (key && boilerplate.has(key)) {
      blanked++;
      return '';
    }
    if (line.trim()) kept++;
    return line;
  });
  return { text: lines.join('\n'), blanked, allBoilerplate: blanked > 0 && kept === 0 };
}
