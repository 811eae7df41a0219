import { hwpTag, readRecords, readUint32 } from './hwp-records.js';

/** What a paragraph shape says about structure: 개요 (outline) paragraphs are headings, 번호/글머리표 are lists. */
export type ParagraphHead = { kind: 'none' } | { kind: 'outline' | 'number' | 'bullet'; level: number };

/**
 * Reads the paragraph shapes from DocInfo. Bits 23–24 of the first property word give the paragraph
 * head kind (0 none, 1 outline, 2 number, 3 bullet) and bits 25–27 its level (0 = level 1).
 */
export function readParagraphHeads(docInfo: Uint8Array): ParagraphHead[] {
  const heads: ParagraphHead[] = [];
  for (const record of readRecords(docInfo).records) {
    if (record.tag !== hwpTag.paraShape) continue;
    const properties = readUint32(record.data, 0);
    const kind = (properties >>> 23) & 0x3;
    const level = (properties >>> 25) & 0x7;
    heads.push(kind === 0 ? { kind: 'none' } : { kind: kind === 1 ? 'outline' : kind === 2 ? 'number' : 'bullet', level });
  }
  return heads;
}
