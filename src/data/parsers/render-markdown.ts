import type { Block, ParsedDocument } from './document-parser.js';
import { listMarkers } from './list-markers.js';

const noteLabels: Record<string, string> = {
  footnote: '각주',
  endnote: '미주',
  textbox: '글상자',
  comment: '메모',
  caption: '캡션',
};

/** Markdown: headings as #, tables as pipe tables (first row as header), list items, notes as quotes. */
export function toMarkdown(document: ParsedDocument): string {
  const parts: string[] = [];
  if (document.title && !document.blocks.some((block) => block.kind === 'heading' && block.text === document.title)) {
    parts.push(`# ${escapeInline(document.title)}`);
  }
  let previous: Block | undefined;
  const markers = listMarkers('-', { orphanIndent: 0 });
  for (const block of document.blocks) {
    let rendered: string;
    if (block.kind === 'list-item') {
      const { indent, marker } = markers.next(block, previous);
      rendered = `${' '.repeat(indent)}${marker} ${block.text.replace(/\n/g, ' ')}`;
    } else {
      rendered = blockMarkdown(block);
    }
    // Consecutive list items form one list: no blank line between them.
    if (previous?.kind === 'list-item' && block.kind === 'list-item' && parts.length > 0) parts[parts.length - 1] += `\n${rendered}`;
    else parts.push(rendered);
    previous = block;
  }
  return parts.length > 0 ? `${parts.join('\n\n')}\n` : '';
}

function blockMarkdown(block: Exclude<Block, { kind: 'list-item' }>): string {
  switch (block.kind) {
    case 'heading':
      return `${'#'.repeat(Math.max(1, Math.min(block.level, 6)))} ${escapeInline(block.text.replace(/\n/g, ' '))}`;
    case 'paragraph':
      return block.text.split('\n').map(escapeLineStart).join('  \n');
    case 'note':
      return block.text.split('\n').map((line) => `> ${line}`).join('\n').replace(/^> /, `> **${noteLabels[block.noteKind] ?? block.noteKind}:** `);
    case 'table':
      return tableMarkdown(block.rows, block.caption);
  }
}

function tableMarkdown(rows: string[][], caption: string | undefined): string {
  const width = Math.max(1, ...rows.map((row) => row.length));
  const line = (row: string[]) => `| ${Array.from({ length: width }, (_, index) => escapeCell(row[index] ?? '')).join(' | ')} |`;
  const [header = [], ...body] = rows;
  const table = [line(header), `|${' --- |'.repeat(width)}`, ...body.map(line)].join('\n');
  return caption ? `${escapeInline(caption)}\n\n${table}` : table;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function escapeInline(text: string): string {
  return text.replace(/([\\`*_[\]])/g, '\\$1');
}

/** A paragraph line that starts like Markdown syntax (# , - , 1. , >) would change meaning. */
function escapeLineStart(line: string): string {
  return line.replace(/^(\s*)([#>+-]|\d+[.)])(\s)/, '$1\\$2$3');
}
