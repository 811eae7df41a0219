import { createHash } from 'node:crypto';
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
  const folded = line.trim().replace(/\s+/g, ' ').replace(/\d+/g, '#');
  if (folded.length > maxLength || (folded.match(/\p{L}/gu)?.length ?? 0) < minLetters) return null;
  return createHash('sha256').update(folded).digest('base64url').slice(0, 16);
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
