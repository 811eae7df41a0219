import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import type { Block } from './document-parser.js';
import { cellText } from './document-builder.js';
import { gridRows, placeFlowingCells, spanOf, type FlowingCell } from './table-grid.js';
import { isElement, textContent } from './xml-tree.js';

const skipped = new Set(['script', 'style', 'noscript', 'template', 'head', 'svg', 'iframe', 'object']);
const paragraphLike = new Set(['p', 'pre', 'blockquote', 'address', 'figcaption', 'dt', 'dd', 'summary', 'caption']);
const containers = new Set(['div', 'section', 'article', 'main', 'body', 'html', 'header', 'footer', 'nav', 'aside', 'form', 'fieldset', 'figure', 'details', 'dl', 'center']);

/**
 * HTML to blocks: h1–h6 headings, p/pre/blockquote paragraphs, li list items (ordered under ol,
 * depth from nesting), tables (th/td rows; nested tables flattened into their cell). Loose inline
 * text between blocks becomes a paragraph. With `lineOf`, each block gets the source lines it spans.
 */
export function htmlToBlocks(html: string, lineOf?: (offset: number) => number): Block[] {
  const document = parseDocument(html, { withStartIndices: true, withEndIndices: true, decodeEntities: true });
  const blocks: Block[] = [];
  let inline: ChildNode[] = [];
  const span = (nodes: ChildNode[]): { lines?: [number, number] } => {
    const first = nodes[0];
    const last = nodes[nodes.length - 1];
    if (!lineOf || !first || !last || first.startIndex === null || last.endIndex === null) return {};
    return { lines: [lineOf(first.startIndex), lineOf(last.endIndex)] };
  };
  const flushInline = () => {
    const text = collapse(inline.map(inlineText).join(''));
    if (text) blocks.push({ kind: 'paragraph', text, ...span(inline) });
    inline = [];
  };
  const walk = (nodes: ChildNode[], listDepth: number, ordered: boolean) => {
    for (const node of nodes) {
      if (!isElement(node)) {
        if (node.type === 'text') inline.push(node);
        continue;
      }
      const name = node.name.toLowerCase();
      if (skipped.has(name)) continue;
      const heading = /^h([1-6])$/.exec(name);
      if (heading) {
        flushInline();
        blocks.push({ kind: 'heading', level: Number(heading[1]), text: collapse(inlineText(node)), ...span([node]) });
      } else if (paragraphLike.has(name)) {
        flushInline();
        const text = name === 'pre' ? textContent(node).replace(/^\n|\n$/g, '') : collapse(inlineText(node));
        blocks.push({ kind: 'paragraph', text, ...span([node]) });
      } else if (name === 'ul' || name === 'ol') {
        flushInline();
        walk(node.children, listDepth + 1, name === 'ol');
      } else if (name === 'li') {
        flushInline();
        const nested = node.children.filter((child) => isElement(child) && ['ul', 'ol'].includes(child.name.toLowerCase()));
        const own = node.children.filter((child) => !nested.includes(child));
        blocks.push({ kind: 'list-item', ordered, depth: Math.max(0, listDepth - 1), text: collapse(own.map(inlineText).join('')), ...span([node]) });
        walk(nested, listDepth, ordered);
      } else if (name === 'table') {
        flushInline();
        blocks.push({ ...tableBlock(node), ...span([node]) });
      } else if (containers.has(name)) {
        flushInline();
        walk(node.children, listDepth, ordered);
        flushInline();
      } else if (name === 'br' || name === 'hr') {
        if (name === 'hr') flushInline();
        else inline.push(node);
      } else {
        inline.push(node);
      }
    }
  };
  walk(document.children, 0, false);
  flushInline();
  return blocks.filter((block) => block.kind === 'table' || block.text !== '');
}

function tableBlock(table: Element): Block & { kind: 'table' } {
  const rows: FlowingCell[][] = [];
  const collectRows = (nodes: ChildNode[]) => {
    for (const node of nodes) {
      if (!isElement(node)) continue;
      const name = node.name.toLowerCase();
      if (name === 'tr') {
        rows.push(node.children.filter(isElement).filter((cell) => ['td', 'th'].includes(cell.name.toLowerCase())).map((cell) => ({
          rowSpan: spanOf(cell.attribs['rowspan']),
          columnSpan: spanOf(cell.attribs['colspan']),
          text: cellText(inlineText(cell)),
        })));
      } else if (['thead', 'tbody', 'tfoot'].includes(name)) collectRows(node.children);
    }
  };
  collectRows(table.children);
  // mammoth writes Word's merged cells (vMerge, gridSpan) as rowspan and colspan; without them every later cell of a
  // row would move one column left. A grid past maxTableCells keeps the cells as listed.
  const grid = gridRows(placeFlowingCells(rows));
  const caption = table.children.filter(isElement).find((child) => child.name.toLowerCase() === 'caption');
  const block: Block & { kind: 'table' } = { kind: 'table', rows: grid ?? rows.map((row) => row.map((cell) => cell.text)) };
  if (caption) block.caption = cellText(inlineText(caption));
  return block;
}

/** Text of inline content; <br> and block children become line breaks. */
function inlineText(node: ChildNode): string {
  if (node.type === 'text') return node.data;
  if (!isElement(node)) return '';
  const name = node.name.toLowerCase();
  if (skipped.has(name)) return '';
  if (name === 'br') return '\n';
  const inner = node.children.map(inlineText).join('');
  return paragraphLike.has(name) || name === 'li' || name === 'tr' || name === 'div' ? `\n${inner}\n` : name === 'td' || name === 'th' ? ` ${inner} ` : inner;
}

function collapse(text: string): string {
  return text.split('\n').map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim()).filter((line) => line !== '').join('\n');
}
