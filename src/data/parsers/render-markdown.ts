import type { Block, ParsedDocument } from './document-parser.js';

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
  let lists: OpenList[] = [];
  for (const block of document.blocks) {
    let rendered: string;
    if (block.kind === 'list-item') {
      lists = previous?.kind === 'list-item' ? lists : [];
      rendered = listItemMarkdown(block, lists);
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

/** A list still open at some depth: its kind, the next number, and the width of its marker (children indent by it). */
type OpenList = { depth: number; ordered: boolean; next: number; markerWidth: number };

/**
 * Ordered items are numbered 1., 2., … within their list; a deeper item nests under the item before it, indented
 * by the width of that item's marker (CommonMark needs the child under the parent's text, not two spaces in).
 * Any other block ends the list, so numbering after a paragraph starts again at 1: the parsed model does not say
 * whether the source continued it.
 */
function listItemMarkdown(block: Block & { kind: 'list-item' }, lists: OpenList[]): string {
  while (lists.length > 0 && lists.at(-1)!.depth > block.depth) lists.pop();
  let list = lists.at(-1);
  if (list && list.depth === block.depth && list.ordered !== block.ordered) {
    lists.pop();
    list = undefined;
  }
  if (!list || list.depth < block.depth) {
    list = { depth: block.depth, ordered: block.ordered, next: 1, markerWidth: 0 };
    lists.push(list);
  }
  const marker = list.ordered ? `${list.next}.` : '-';
  list.next += 1;
  list.markerWidth = marker.length + 1;
  const indent = lists.slice(0, -1).reduce((width, parent) => width + parent.markerWidth, 0);
  return `${' '.repeat(indent)}${marker} ${block.text.replace(/\n/g, ' ')}`;
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
