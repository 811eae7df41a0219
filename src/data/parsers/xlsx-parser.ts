import type { Block, DocumentParser, ParseLimits, ParsedDocument } from './document-parser.js';
import { cellText, DocumentBuilder } from './document-builder.js';
import { checkInput, extensionOf, hasPrefix, zipMagic } from './input-checks.js';
import { readCoreProperties } from './ooxml-properties.js';
import { DocumentParseFailure, guardedParse } from './parse-failure.js';
import { openZip, type ZipArchive } from './zip-archive.js';
import { attribute, childElements, findAll, parseXml, textContent } from './xml-tree.js';

// Same reasoning as CSV: blocks a chunker can take whole, each with the header row repeated.
const rowsPerBlock = 50;
// A sheet's used range can claim 16,384 columns; empty trailing columns are dropped anyway.
const maxColumns = 1_000;

/**
 * XLSX: each sheet becomes a heading (the sheet name) and tables of its cell values (shared strings,
 * inline strings, numbers as stored). Formulas give their cached value. No library: the format's
 * text lives in two small XML parts, and SheetJS's npm release is unmaintained.
 */
export const xlsxParser: DocumentParser = {
  formats: ['xlsx'],
  canParse: (bytes, fileName) => hasPrefix(bytes, zipMagic) && ['xlsx', 'xlsm'].includes(extensionOf(fileName)),
  parse: (bytes, _fileName, limits) => guardedParse(() => parseXlsx(bytes, limits)),
};

function parseXlsx(bytes: Uint8Array, limits: ParseLimits): ParsedDocument {
  checkInput(bytes, limits);
  const archive = openZip(bytes, limits, (name) => name.endsWith('.xml') || name.endsWith('.rels'));
  const workbook = archive.text('xl/workbook.xml');
  if (!workbook) throw new DocumentParseFailure('corrupt_file', 'no xl/workbook.xml in the archive');
  const builder = new DocumentBuilder('xlsx');
  const strings = sharedStrings(archive);
  const targets = relationshipTargets(archive.text('xl/_rels/workbook.xml.rels'));
  for (const sheet of findAll(parseXml(workbook), 'sheet')) {
    const name = attribute(sheet, 'name') ?? '';
    const target = targets.get(attribute(sheet, 'id') ?? '');
    const path = target ? (target.startsWith('/') ? target.slice(1) : `xl/${target}`) : undefined;
    const xml = path ? archive.text(path) : undefined;
    if (!xml) continue;
    const rows = sheetRows(xml, strings);
    if (rows.length === 0) continue;
    builder.add({ kind: 'heading', level: 2, text: name });
    for (const block of tableBlocks(rows)) builder.add(block);
  }
  const title = readCoreProperties(archive, builder);
  return builder.build(title ? { title } : {});
}

function sharedStrings(archive: ZipArchive): string[] {
  const xml = archive.text('xl/sharedStrings.xml');
  if (!xml) return [];
  // Rich text splits a string into runs (<r><t>); phonetic hints (<rPh>) are not part of the value.
  return findAll(parseXml(xml), 'si').map((item) => findAll(childElements(item).filter((child) => child.name !== 'rPh' && !child.name.endsWith(':rPh')), 't').map(textContent).join(''));
}

function relationshipTargets(xml: string | undefined): Map<string, string> {
  const targets = new Map<string, string>();
  for (const relationship of xml ? findAll(parseXml(xml), 'Relationship') : []) {
    targets.set(attribute(relationship, 'Id') ?? '', attribute(relationship, 'Target') ?? '');
  }
  return targets;
}

function sheetRows(xml: string, strings: string[]): string[][] {
  const rows: string[][] = [];
  for (const row of findAll(parseXml(xml), 'row')) {
    const cells: string[] = [];
    childElements(row, 'c').forEach((cell, position) => {
      const column = columnIndex(attribute(cell, 'r')) ?? position;
      if (column >= maxColumns) return;
      const type = attribute(cell, 't');
      const value = childElements(cell, 'v')[0];
      const raw = value ? textContent(value) : '';
      const text = type === 's' ? strings[Number(raw)] ?? '' : type === 'inlineStr' ? findAll([cell], 't').map(textContent).join('') : type === 'b' ? (raw === '1' ? 'TRUE' : 'FALSE') : raw;
      while (cells.length < column) cells.push('');
      cells[column] = cellText(text);
    });
    if (cells.some((cell) => cell !== '')) rows.push(cells);
  }
  const width = Math.max(...rows.map((row) => row.length));
  return rows.map((row) => [...row, ...Array.from({ length: width - row.length }, () => '')]);
}

/** "BC12" → 54 (0-based column). */
function columnIndex(reference: string | undefined): number | undefined {
  const letters = reference ? /^[A-Z]+/.exec(reference)?.[0] : undefined;
  if (!letters) return undefined;
  return [...letters].reduce((sum, letter) => sum * 26 + (letter.charCodeAt(0) - 64), 0) - 1;
}

function tableBlocks(rows: string[][]): Block[] {
  const [header, ...body] = rows;
  if (!header) return [];
  if (body.length === 0) return [{ kind: 'table', rows: [header] }];
  const blocks: Block[] = [];
  for (let index = 0; index < body.length; index += rowsPerBlock) blocks.push({ kind: 'table', rows: [header, ...body.slice(index, index + rowsPerBlock)] });
  return blocks;
}
