import type { Block, ParsedDocument } from './document-parser.js';

/** Plain text in reading order: one block per paragraph, table rows as tab-separated lines. */
export function toText(document: ParsedDocument): string {
  return document.blocks.map(blockText).filter((text) => text !== '').join('\n\n') + (document.blocks.length > 0 ? '\n' : '');
}

export function blockText(block: Block): string {
  switch (block.kind) {
    case 'table':
      return [...(block.caption ? [block.caption] : []), ...block.rows.map((row) => row.join('\t'))].join('\n');
    case 'list-item':
      return `${'  '.repeat(block.depth)}${block.ordered ? '-' : '•'} ${block.text}`;
    default:
      return block.text;
  }
}
