import type { Element } from 'domhandler';
import type { Block, DocumentParser, ParseLimits, ParsedDocument } from './document-parser.js';
import { cellText, DocumentBuilder } from './document-builder.js';
import { blocksText } from './hwp/hwp-body.js';
import { checkInput, extensionOf, hasPrefix, zipMagic } from './input-checks.js';
import { DocumentParseFailure, guardedParse } from './parse-failure.js';
import { gridRows, spanOf } from './table-grid.js';
import { openZip, type ZipArchive } from './zip-archive.js';
import { attribute, childElements, findAll, isElement, localName, parseXml, textContent } from './xml-tree.js';
import { withInferredHeadings } from './heading-inference.js';

type ParagraphHead = { kind: 'outline' | 'number' | 'bullet'; level: number };
type Context = { heads: Map<string, ParagraphHead>; headersFooters: string[] };

const maxDepth = 32;

/** HWPX (OWPML, KS X 6101): a zip of XML; sections listed in Contents/content.hpf's spine. */
export const hwpxParser: DocumentParser = {
  formats: ['hwpx'],
  canParse: (bytes, fileName) => (hasPrefix(bytes, zipMagic) ? extensionOf(fileName) === 'hwpx' : false),
  parse: (bytes, _fileName, limits) => guardedParse(() => parseHwpx(bytes, limits)),
};

function parseHwpx(bytes: Uint8Array, limits: ParseLimits): ParsedDocument {
  checkInput(bytes, limits);
  // Images and previews are skipped: only XML carries text.
  const archive = openZip(bytes, limits, (name) => /\.(xml|hpf)$/i.test(name));
  const manifest = archive.text('META-INF/manifest.xml') ?? '';
  if (/encryption-data|encrypt/i.test(manifest)) throw new DocumentParseFailure('password_protected', 'the document is encrypted with a password');
  const sections = sectionNames(archive);
  if (sections.length === 0) throw new DocumentParseFailure('corrupt_file', 'no Contents/section*.xml in the archive');
  const builder = new DocumentBuilder('hwpx');
  const context: Context = { heads: paragraphHeads(archive.text('Contents/header.xml')), headersFooters: builder.headersFooters };
  for (const name of sections) {
    const roots = parseXml(archive.text(name) ?? '');
    // A section is one <hs:sec> element; anything else (zeros, a cut-off entry) is damage, not an empty section.
    if (!roots.some((root) => localName(root) === 'sec')) throw new DocumentParseFailure('corrupt_file', `${name} is not a section (damaged XML)`);
    for (const root of roots) {
      for (const block of paragraphListBlocks([root], context, 0)) builder.add(block);
    }
  }
  const title = metadataFrom(archive, builder);
  return withInferredHeadings(builder.build(title ? { title } : {}));
}

/** Section files in spine order; falls back to numeric order when content.hpf is missing or odd. */
function sectionNames(archive: ZipArchive): string[] {
  const present = archive.names.filter((name) => /^Contents\/section\d+\.xml$/i.test(name));
  const hpf = archive.text('Contents/content.hpf');
  if (hpf) {
    const roots = parseXml(hpf);
    const hrefs = new Map(findAll(roots, 'item').map((item) => [attribute(item, 'id') ?? '', attribute(item, 'href') ?? '']));
    const ordered = findAll(roots, 'itemref')
      .map((reference) => hrefs.get(attribute(reference, 'idref') ?? '') ?? '')
      .map((href) => (href.startsWith('Contents/') ? href : `Contents/${href}`));
    const missing = ordered.filter((name) => /^Contents\/section\d+\.xml$/i.test(name) && !present.some((entry) => entry.toLowerCase() === name.toLowerCase()));
    if (missing.length > 0) throw new DocumentParseFailure('corrupt_file', `content.hpf lists ${missing.join(', ')}, missing from the archive`);
    const found = ordered.filter((name) => present.includes(name));
    if (found.length > 0) return found;
  }
  const number = (name: string) => Number(/(\d+)\.xml$/i.exec(name)?.[1] ?? 0);
  return present.sort((a, b) => number(a) - number(b));
}

function paragraphHeads(headerXml: string | undefined): Map<string, ParagraphHead> {
  const heads = new Map<string, ParagraphHead>();
  if (!headerXml) return heads;
  for (const paraPr of findAll(parseXml(headerXml), 'paraPr')) {
    const heading = findAll(childElements(paraPr), 'heading')[0];
    const type = heading ? attribute(heading, 'type') : undefined;
    const level = Number(heading ? attribute(heading, 'level') : 0) || 0;
    if (type === 'OUTLINE') heads.set(attribute(paraPr, 'id') ?? '', { kind: 'outline', level });
    else if (type === 'NUMBER') heads.set(attribute(paraPr, 'id') ?? '', { kind: 'number', level });
    else if (type === 'BULLET') heads.set(attribute(paraPr, 'id') ?? '', { kind: 'bullet', level });
  }
  return heads;
}

function metadataFrom(archive: ZipArchive, builder: DocumentBuilder): string | undefined {
  const hpf = archive.text('Contents/content.hpf');
  if (!hpf) return undefined;
  const roots = parseXml(hpf);
  for (const meta of findAll(roots, 'meta')) {
    const name = attribute(meta, 'name');
    const value = textContent(meta).trim();
    if (name && value) builder.metadata[name] = value;
  }
  const title = findAll(roots, 'title')[0];
  return title ? textContent(title).trim() || undefined : undefined;
}

/** Blocks of every paragraph under these elements (a section, a cell's subList, a drawText). */
function paragraphListBlocks(roots: Element[], context: Context, depth: number): Block[] {
  if (depth > maxDepth) return [];
  return findAll(roots, 'p').flatMap((paragraph) => paragraphBlocks(paragraph, context, depth));
}

/**
 * Walks a paragraph's runs in document order. Text accumulates; an object (table, shape with text)
 * ends the text so far and is placed where it stands; notes follow the paragraph.
 */
function paragraphBlocks(paragraph: Element, context: Context, depth: number): Block[] {
  const head = context.heads.get(attribute(paragraph, 'paraPrIDRef') ?? '');
  const blocks: Block[] = [];
  const notes: Block[] = [];
  let buffer = '';
  const flush = () => {
    if (buffer.trim() !== '') blocks.push(textBlock(buffer, head));
    buffer = '';
  };
  const visit = (element: Element): void => {
    const name = localName(element);
    switch (name) {
      case 't':
        for (const child of element.children) {
          if (child.type === 'text') buffer += child.data;
          else if (isElement(child)) visit(child);
        }
        return;
      case 'tab':
        buffer += '\t';
        return;
      case 'lineBreak':
        buffer += '\n';
        return;
      case 'tbl':
        flush();
        blocks.push(tableBlock(element, context, depth + 1));
        return;
      case 'footNote':
      case 'endNote':
      case 'hiddenComment': {
        const text = blocksText(paragraphListBlocks([element], context, depth + 1));
        const noteKind = name === 'footNote' ? 'footnote' : name === 'endNote' ? 'endnote' : 'comment';
        if (text) notes.push({ kind: 'note', noteKind, text });
        return;
      }
      case 'header':
      case 'footer': {
        const text = blocksText(paragraphListBlocks([element], context, depth + 1));
        if (text && !context.headersFooters.includes(text)) context.headersFooters.push(text);
        return;
      }
      case 'dutmal': {
        const main = findAll([element], 'mainText')[0];
        if (main) buffer += textContent(main);
        return;
      }
      // Deleted text under change tracking is shown struck through by Hangul and kept in the preview.
      case 'secPr':
      case 'script': // equation source
      case 'fieldBegin':
      case 'fieldEnd':
        return;
      default:
        if (childElements(element).some((child) => ['drawText', 'subList'].includes(localName(child)))) {
          // Shapes with text (rect, ellipse, textart…) and captions: placed where they stand.
          const text = blocksText(paragraphListBlocks(childElements(element), context, depth + 1));
          if (text) {
            flush();
            blocks.push({ kind: 'note', noteKind: name === 'caption' ? 'caption' : 'textbox', text });
          }
          return;
        }
        for (const child of childElements(element)) visit(child);
    }
  };
  for (const child of childElements(paragraph)) visit(child);
  flush();
  return [...blocks, ...notes];
}

function textBlock(text: string, head: ParagraphHead | undefined): Block {
  const clean = text.replace(/[ \t]*\n[ \t]*/g, '\n').trim();
  if (head?.kind === 'outline') return { kind: 'heading', level: Math.min(head.level + 1, 6), text: clean };
  if (head) return { kind: 'list-item', ordered: head.kind === 'number', depth: head.level, text: clean };
  return { kind: 'paragraph', text: clean };
}

/** Cells at their cellAddr, covering their cellSpan (merged cells, table-grid.ts); rowCnt and colCnt size the grid. */
function tableBlock(table: Element, context: Context, depth: number): Block {
  const rowCount = Number(attribute(table, 'rowCnt')) || 0;
  const columnCount = Number(attribute(table, 'colCnt')) || 0;
  const cells = childElements(table, 'tr').flatMap((row, rowIndex) =>
    childElements(row, 'tc').map((cell, columnIndex) => {
      const address = childElements(cell, 'cellAddr')[0];
      const span = childElements(cell, 'cellSpan')[0];
      return {
        row: Number(address ? attribute(address, 'rowAddr') : rowIndex) || 0,
        column: Number(address ? attribute(address, 'colAddr') : columnIndex) || 0,
        rowSpan: spanOf(span ? attribute(span, 'rowSpan') : undefined),
        columnSpan: spanOf(span ? attribute(span, 'colSpan') : undefined),
        text: cellText(blocksText(paragraphListBlocks(childElements(cell), context, depth))),
      };
    }),
  );
  const rows = gridRows(cells, { rows: rowCount, columns: columnCount });
  if (!rows) return { kind: 'table', rows: cells.map((cell) => [cell.text]) };
  const caption = childElements(table, 'caption')[0];
  const block: Block = { kind: 'table', rows };
  if (caption) {
    const captionText = cellText(blocksText(paragraphListBlocks([caption], context, depth)));
    if (captionText) block.caption = captionText;
  }
  return block;
}
