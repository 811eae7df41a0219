import type { Block, DocumentParser, ParseLimits, ParsedDocument } from './document-parser.js';
import { cellText, DocumentBuilder } from './document-builder.js';
import { checkInput, extensionOf, hasPrefix, zipMagic } from './input-checks.js';
import { readCoreProperties } from './ooxml-properties.js';
import { DocumentParseFailure, guardedParse } from './parse-failure.js';
import { gridRows, maxTableCells, spanOf } from './table-grid.js';
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
  const roots = parseXml(xml);
  const rows: string[][] = [];
  // Each kept row's number in the sheet (0-based), for merged ranges, which name sheet rows; empty rows are dropped.
  const sheetRowNumbers: number[] = [];
  for (const row of findAll(roots, 'row')) {
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
    if (cells.some((cell) => cell !== '')) {
      rows.push(cells);
      sheetRowNumbers.push((Number(attribute(row, 'r')) || sheetRowNumbers.length + 1) - 1);
    }
  }
  const width = Math.max(...rows.map((row) => row.length));
  const padded = rows.map((row) => [...row, ...Array.from({ length: width - row.length }, () => '')]);
  return withMergedCells(padded, sheetRowNumbers, findAll(roots, 'mergeCell').map((merge) => attribute(merge, 'ref') ?? ''));
}

/**
 * Merged ranges (A3:A4, B1:C1) hold their value in the top-left cell only; the grid (table-grid.ts) gives it to the
 * slots it covers, as in HWP and Word tables, and combines a two-row header. A sheet past the grid's cap keeps its
 * cells as stored.
 */
function withMergedCells(rows: string[][], sheetRowNumbers: number[], references: string[]): string[][] {
  if (references.length === 0 || rows.length * (rows[0]?.length ?? 0) > maxTableCells) return rows;
  const merges = references.flatMap((reference) => {
    const [from, to] = reference.split(':');
    const top = rowNumber(from);
    const bottom = rowNumber(to);
    const left = columnIndex(from);
    const right = columnIndex(to);
    if (top === undefined || bottom === undefined || left === undefined || right === undefined || left >= maxColumns) return [];
    const row = sheetRowNumbers.indexOf(top);
    if (row < 0) return [];
    const rowSpan = sheetRowNumbers.filter((number) => number >= top && number <= bottom).length;
    return [{ row, column: left, rowSpan: spanOf(rowSpan), columnSpan: spanOf(right - left + 1), text: rows[row]![left] ?? '' }];
  });
  if (merges.length === 0) return rows;
  // Merged ranges first: the slots they cover are theirs, not the empty cells stored there.
  const cells = [...merges, ...rows.flatMap((row, rowIndex) => row.map((text, column) => ({ row: rowIndex, column, rowSpan: 1, columnSpan: 1, text })))];
  return gridRows(cells, { rows: rows.length, columns: rows[0]?.length ?? 0 }) ?? rows;
}

/** "BC12" → 11 (0-based row). */
function rowNumber(reference: string | undefined): number | undefined {
  const digits = reference ? /\d+$/.exec(reference)?.[0] : undefined;
  return digits ? Number(digits) - 1 : undefined;
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
