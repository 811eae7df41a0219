import type { Block, ParsedDocument } from './document-parser.js';
import { listMarkers } from './list-markers.js';

/**
 * Plain text in reading order: one block per paragraph, table rows as tab-separated lines, list items with their
 * numbers (1., 2., …) or a bullet (•), consecutive items on consecutive lines, an item's further lines under its
 * text.
 */
export function toText(document: ParsedDocument): string {
  const parts: string[] = [];
  const markers = listMarkers('•', { orphanIndent: 2 });
  let previous: Block | undefined;
  for (const block of document.blocks) {
    let text: string;
    if (block.kind === 'list-item') {
      const { indent, marker } = markers.next(block, previous);
      const [first = '', ...rest] = block.text.split('\n');
      text = [`${' '.repeat(indent)}${marker} ${first}`, ...rest.map((line) => `${' '.repeat(indent + marker.length + 1)}${line}`)].join('\n');
    } else {
      text = blockText(block);
    }
    if (text !== '') {
      if (previous?.kind === 'list-item' && block.kind === 'list-item' && parts.length > 0) parts[parts.length - 1] += `\n${text}`;
      else parts.push(text);
    }
    previous = block;
  }
  return parts.join('\n\n') + (document.blocks.length > 0 ? '\n' : '');
}

function blockText(block: Exclude<Block, { kind: 'list-item' }>): string {
  switch (block.kind) {
    case 'table':
      return [...(block.caption ? [block.caption] : []), ...block.rows.map((row) => row.join('\t'))].join('\n');
    default:
      return block.text;
  }
}
