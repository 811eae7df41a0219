import { strToU8, zipSync } from 'fflate';

/** One paragraph of a generated document: plain, or a list item of a numbered or bulleted list at a level (0-based). */
export type ListParagraph = { text: string; list?: { ordered: boolean; level: number } };
/**
 * A table of a generated document, as a grid: each row lists one entry per column. A string is a cell of its own; a
 * cell object may span columns and rows; `null` is a slot an earlier cell covers (merged into it from the left or
 * from above).
 */
export type TableCell = string | { text: string; columnSpan?: number; rowSpan?: number } | null;
export type GeneratedTable = { table: TableCell[][] };
export type GeneratedBlock = ListParagraph | GeneratedTable;

type Slot = { kind: 'cell'; text: string; columnSpan: number; rowSpan: number } | { kind: 'covered'; from: 'left' | 'above' };

/** Each slot of a grid: a cell with its spans, or covered from the left (same row) or from above (a row-spanning cell). */
function slotsOf(table: TableCell[][]): Slot[][] {
  const slots: Slot[][] = table.map((row) => row.map(() => ({ kind: 'covered', from: 'left' })));
  table.forEach((row, rowIndex) => row.forEach((cell, column) => {
    if (cell === null) return;
    const { text, columnSpan = 1, rowSpan = 1 } = typeof cell === 'string' ? { text: cell } : cell;
    slots[rowIndex]![column] = { kind: 'cell', text, columnSpan, rowSpan };
    for (let down = 1; down < rowSpan; down++) slots[rowIndex + down]![column] = { kind: 'covered', from: 'above' };
  }));
  return slots;
}
const isTable = (block: GeneratedBlock): block is GeneratedTable => 'table' in block;

const xml = (body: string) => strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${body}`);
const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fixedTime = { mtime: new Date('2026-11-28T00:00:00Z') };

/**
 * A minimal DOCX whose lists use real Word numbering: numId 1 is a bullet list, numId 2 a decimal list (%1., %2. at
 * its levels), as Word writes them in word/numbering.xml.
 */
export function writeDocx(blocks: readonly GeneratedBlock[]): Uint8Array {
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  const body = blocks.map((block) => {
    if (isTable(block)) return docxTable(block.table);
    const { text, list } = block;
    const numbering = list ? `<w:pPr><w:numPr><w:ilvl w:val="${list.level}"/><w:numId w:val="${list.ordered ? 2 : 1}"/></w:numPr></w:pPr>` : '';
    return `<w:p>${numbering}<w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`;
  }).join('');
  const levels = (format: string, text: (level: number) => string) =>
    [0, 1, 2].map((level) => `<w:lvl w:ilvl="${level}"><w:start w:val="1"/><w:numFmt w:val="${format}"/><w:lvlText w:val="${text(level)}"/></w:lvl>`).join('');
  const numbering = `<w:numbering ${W}>`
    + `<w:abstractNum w:abstractNumId="0">${levels('bullet', () => '•')}</w:abstractNum>`
    + `<w:abstractNum w:abstractNumId="1">${levels('decimal', (level) => `%${level + 1}.`)}</w:abstractNum>`
    + '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>';
  const rels = (items: Array<[string, string, string]>) => xml(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.map(([id, type, target]) => `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`).join('')}</Relationships>`);
  return zipSync({
    '[Content_Types].xml': xml('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
    '_rels/.rels': rels([['rId1', 'officeDocument', 'word/document.xml']]),
    'word/_rels/document.xml.rels': rels([['rId1', 'numbering', 'numbering.xml']]),
    'word/document.xml': xml(`<w:document ${W}><w:body>${body}</w:body></w:document>`),
    'word/numbering.xml': xml(numbering),
  }, fixedTime);
}

/** A Word table: a cell spanning columns has w:gridSpan; one spanning rows starts a w:vMerge that covered cells continue. */
function docxTable(table: TableCell[][]): string {
  const paragraph = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`;
  const slots = slotsOf(table);
  const rows = slots.map((row, rowIndex) => row.flatMap((slot, column) => {
    if (slot.kind === 'cell') {
      const properties = (slot.columnSpan > 1 ? `<w:gridSpan w:val="${slot.columnSpan}"/>` : '') + (slot.rowSpan > 1 ? '<w:vMerge w:val="restart"/>' : '');
      return [`<w:tc>${properties ? `<w:tcPr>${properties}</w:tcPr>` : ''}${paragraph(slot.text)}</w:tc>`];
    }
    if (slot.from === 'left') return [];
    // Continues the merge above; it spans as many columns as the cell that started it.
    const start = slots.slice(0, rowIndex).reverse().map((above) => above[column]!).find((above) => above.kind === 'cell');
    const span = start?.kind === 'cell' && start.columnSpan > 1 ? `<w:gridSpan w:val="${start.columnSpan}"/>` : '';
    return [`<w:tc><w:tcPr>${span}<w:vMerge/></w:tcPr><w:p/></w:tc>`];
  }));
  const grid = `<w:tblGrid>${(table[0] ?? []).map(() => '<w:gridCol w:w="2000"/>').join('')}</w:tblGrid>`;
  return `<w:tbl>${grid}${rows.map((cells) => `<w:tr>${cells.join('')}</w:tr>`).join('')}</w:tbl>`;
}

/**
 * A minimal HWPX (OWPML): list paragraphs point at a paraPr whose heading is NUMBER or BULLET at their level, as
 * Hangul writes numbered (문단 번호) and bulleted (글머리표) paragraphs in Contents/header.xml.
 */
export function writeHwpx(blocks: readonly GeneratedBlock[]): Uint8Array {
  const HH = 'xmlns:hh="http://www.hancom.co.kr/hwpml/2011/head"';
  const HS = 'xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section" xmlns:hp="http://www.hancom.co.kr/hwpml/2011/paragraph"';
  // paraPr 0 is plain; 1–3 numbered at levels 0–2; 4–6 bulleted at levels 0–2.
  const paraPrs = ['<hh:paraPr id="0"><hh:heading type="NONE" idRef="0" level="0"/></hh:paraPr>'];
  for (const [offset, type] of [[1, 'NUMBER'], [4, 'BULLET']] as const) {
    for (const level of [0, 1, 2]) paraPrs.push(`<hh:paraPr id="${offset + level}"><hh:heading type="${type}" idRef="1" level="${level}"/></hh:paraPr>`);
  }
  const header = `<hh:head ${HH} version="1.4"><hh:refList><hh:paraProperties itemCnt="${paraPrs.length}">${paraPrs.join('')}</hh:paraProperties></hh:refList></hh:head>`;
  const body = blocks.map((block) => {
    if (isTable(block)) return `<hp:p paraPrIDRef="0" styleIDRef="0"><hp:run charPrIDRef="0">${hwpxTable(block.table)}<hp:t/></hp:run></hp:p>`;
    const { text, list } = block;
    const paraPr = list ? (list.ordered ? 1 : 4) + list.level : 0;
    return `<hp:p paraPrIDRef="${paraPr}" styleIDRef="0"><hp:run charPrIDRef="0"><hp:t>${escapeXml(text)}</hp:t></hp:run></hp:p>`;
  }).join('');
  const hpf = '<opf:package xmlns:opf="http://www.idpf.org/2007/opf/"><opf:manifest><opf:item id="header" href="Contents/header.xml" media-type="application/xml"/><opf:item id="section0" href="Contents/section0.xml" media-type="application/xml"/></opf:manifest><opf:spine><opf:itemref idref="section0"/></opf:spine></opf:package>';
  return zipSync({
    mimetype: [strToU8('application/hwp+zip'), { level: 0 }],
    'Contents/content.hpf': xml(hpf),
    'Contents/header.xml': xml(header),
    'Contents/section0.xml': xml(`<hs:sec ${HS}>${body}</hs:sec>`),
  }, fixedTime);
}

/** A Hangul table: each cell at its hp:cellAddr with its hp:cellSpan; covered slots have no hp:tc, as Hangul writes them. */
function hwpxTable(table: TableCell[][]): string {
  const rows = slotsOf(table).map((row, rowIndex) => row.flatMap((slot, column) => (slot.kind === 'cell'
    ? [`<hp:tc name="" header="0" hasMargin="0" protect="0" editable="0" dirty="0" borderFillIDRef="1"><hp:subList id="" textDirection="HORIZONTAL" lineWrap="BREAK" vertAlign="CENTER"><hp:p paraPrIDRef="0" styleIDRef="0"><hp:run charPrIDRef="0"><hp:t>${escapeXml(slot.text)}</hp:t></hp:run></hp:p></hp:subList>`
      + `<hp:cellAddr colAddr="${column}" rowAddr="${rowIndex}"/><hp:cellSpan colSpan="${slot.columnSpan}" rowSpan="${slot.rowSpan}"/><hp:cellSz width="8000" height="1000"/></hp:tc>`]
    : [])));
  return `<hp:tbl id="1" rowCnt="${table.length}" colCnt="${table[0]?.length ?? 0}" cellSpacing="0" borderFillIDRef="1">${rows.map((cells) => `<hp:tr>${cells.join('')}</hp:tr>`).join('')}</hp:tbl>`;
}
