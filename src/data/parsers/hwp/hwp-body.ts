import type { Block } from '../document-parser.js';
import { cellText } from '../document-builder.js';
import { gridRows, spanOf } from '../table-grid.js';
import type { ParagraphHead } from './hwp-doc-info.js';
import { decodeParaText, readLengthPrefixedString } from './hwp-para-text.js';
import { controlId, hwpTag, readUint16, type HwpRecord } from './hwp-records.js';

/** What the body walk needs besides the records, and where it leaves what is not body text. */
export type BodyContext = {
  paragraphHeads: ParagraphHead[];
  headersFooters: string[];
  warn: (line: string) => void;
};

// Nested objects (a box in a box in a table…) are bounded so a malicious file cannot recurse forever.
const maxDepth = 32;

/** Blocks of a paragraph list (a section, a cell, a text box), in reading order. */
export function paragraphListBlocks(nodes: HwpRecord[], context: BodyContext, depth = 0): Block[] {
  if (depth > maxDepth) return [];
  return paragraphsOf(nodes).flatMap((paragraph) => paragraphBlocks(paragraph, context, depth));
}

/** Paragraph headers under these records: directly, or inside list headers and shape components. */
function paragraphsOf(nodes: HwpRecord[], found: HwpRecord[] = []): HwpRecord[] {
  for (const node of nodes) {
    if (node.tag === hwpTag.paraHeader) found.push(node);
    else if (node.tag !== hwpTag.ctrlHeader) paragraphsOf(node.children, found);
  }
  return found;
}

function paragraphBlocks(paragraph: HwpRecord, context: BodyContext, depth: number): Block[] {
  const textRecord = paragraph.children.find((child) => child.tag === hwpTag.paraText);
  const controls = paragraph.children.filter((child) => child.tag === hwpTag.ctrlHeader);
  const head = context.paragraphHeads[readUint16(paragraph.data, 8)] ?? { kind: 'none' };
  const blocks: Block[] = [];
  const notes: Block[] = [];
  let buffer = '';
  const flush = () => {
    if (buffer.trim() !== '') blocks.push(textBlock(buffer, head));
    buffer = '';
  };
  const used = new Set<number>();
  const place = (index: number) => {
    const control = controls[index];
    if (!control || used.has(index)) return;
    used.add(index);
    const placed = controlBlocks(control, context, depth + 1);
    if (placed.inline) buffer += placed.inline;
    if (placed.blocks.length > 0) {
      flush();
      blocks.push(...placed.blocks);
    }
    notes.push(...placed.notes);
  };
  for (const segment of textRecord ? decodeParaText(textRecord.data) : []) {
    if (segment.kind === 'text') buffer += segment.text;
    else place(segment.index);
  }
  // Controls the text did not point at (a damaged text record) still count.
  controls.forEach((_, index) => place(index));
  flush();
  return [...blocks, ...notes];
}

function textBlock(text: string, head: ParagraphHead): Block {
  const clean = text.replace(/[ \t]*\n[ \t]*/g, '\n').trim();
  if (head.kind === 'outline') return { kind: 'heading', level: Math.min(head.level + 1, 6), text: clean };
  if (head.kind === 'number' || head.kind === 'bullet') {
    return { kind: 'list-item', ordered: head.kind === 'number', depth: head.level, text: clean };
  }
  return { kind: 'paragraph', text: clean };
}

type PlacedControl = { inline?: string; blocks: Block[]; notes: Block[] };

function controlBlocks(control: HwpRecord, context: BodyContext, depth: number): PlacedControl {
  const id = controlId(control);
  const inner = () => blocksText(paragraphListBlocks(control.children, context, depth));
  switch (id) {
    case 'tbl ':
      return { blocks: [tableBlock(control, context, depth)], notes: [] };
    case 'gso ': {
      const text = inner();
      return { blocks: text ? [{ kind: 'note', noteKind: 'textbox', text }] : [], notes: [] };
    }
    case 'fn  ':
    case 'en  ': {
      const text = inner();
      return { blocks: [], notes: text ? [{ kind: 'note', noteKind: id === 'fn  ' ? 'footnote' : 'endnote', text }] : [] };
    }
    case 'tcmt': {
      const text = inner();
      return { blocks: [], notes: text ? [{ kind: 'note', noteKind: 'comment', text }] : [] };
    }
    case 'head':
    case 'foot': {
      const text = inner();
      if (text && !context.headersFooters.includes(text)) context.headersFooters.push(text);
      return { blocks: [], notes: [] };
    }
    case 'tdut': // 덧말: the base text lives in the control, the ruby text after it
      return { inline: readLengthPrefixedString(control.data, 4).text, blocks: [], notes: [] };
    case 'tcps': // 글자겹침: the overlapped characters
      return { inline: readLengthPrefixedString(control.data, 4).text, blocks: [], notes: [] };
    default: {
      // Unknown controls that hold paragraphs (form objects, future controls) keep their text.
      const blocks = paragraphListBlocks(control.children, context, depth);
      return { blocks, notes: [] };
    }
  }
}

/**
 * A table control holds a TABLE record (rows, columns) and, per cell, a LIST_HEADER whose bytes 8–15
 * give the cell's column, row, column span and row span, followed by the cell's paragraphs. List headers before the TABLE
 * record are the caption.
 */
function tableBlock(control: HwpRecord, context: BodyContext, depth: number): Block {
  const tableRecord = control.children.find((child) => child.tag === hwpTag.table);
  const rowCount = tableRecord ? readUint16(tableRecord.data, 4) : 0;
  const columnCount = tableRecord ? readUint16(tableRecord.data, 6) : 0;
  const cells: { row: number; column: number; rowSpan: number; columnSpan: number; nodes: HwpRecord[] }[] = [];
  const caption: HwpRecord[] = [];
  let seenTable = false;
  for (const child of control.children) {
    if (child.tag === hwpTag.table) seenTable = true;
    else if (child.tag === hwpTag.listHeader) {
      if (!seenTable) caption.push(child);
      else {
        // A short record reads as span 0, which spanOf takes as one slot.
        const span = (offset: number) => spanOf(readUint16(child.data, offset));
        cells.push({ column: readUint16(child.data, 8), row: readUint16(child.data, 10), columnSpan: span(12), rowSpan: span(14), nodes: [child] });
      }
    } else if (child.tag === hwpTag.paraHeader) {
      const current = seenTable ? cells[cells.length - 1]?.nodes : caption;
      current?.push(child);
    }
  }
  const placed = cells.map((cell) => ({ ...cell, text: cellText(blocksText(paragraphListBlocks(cell.nodes, context, depth))) }));
  // Merged cells fill the slots they cover (table-grid.ts); a grid past its cap keeps one cell per row.
  const rows = gridRows(placed, { rows: rowCount, columns: columnCount }) ?? placed.map((cell) => [cell.text]);
  const block: Block = { kind: 'table', rows };
  const captionText = cellText(blocksText(paragraphListBlocks(caption, context, depth)));
  if (captionText) block.caption = captionText;
  return block;
}

/** Flattens blocks to text, for places that hold only text (cells, notes, headers). */
export function blocksText(blocks: Block[]): string {
  return blocks
    .map((block) => (block.kind === 'table' ? block.rows.map((row) => row.join(' ')).join('\n') : block.text))
    .filter((text) => text.trim() !== '')
    .join('\n')
    .trim();
}
