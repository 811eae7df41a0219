import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import cfb from 'cfb';
import { strToU8, zipSync } from 'fflate';
import { createTenant, type Principal } from '../src/auth/index.js';
import { ingestDocument, refreshSearchStatistics } from '../src/data/index.js';
import { parseFile, toMarkdown } from '../src/data/parsers/index.js';
import { answerFromDocuments } from '../src/services/index.js';
import { openDatabase, type Database } from '../src/store/index.js';
import { backends } from './helpers/backends.js';
import { kgov } from './helpers/cli.js';
import { writeDocx, writeHwpx, type GeneratedBlock, type TableCell } from './helpers/office-files.js';

/**
 * Merged table cells in every format that has them (HTML, DOCX through mammoth, HWPX, HWP, XLSX): each row keeps all
 * its columns and each value stays under its own column name, so an answer quotes a row as the table means it.
 */

// A two-row header (당직비(1회) over 평일 and 토요일·공휴일, 구분 and 직급 merged down beside it), a 구분 merged down two
// body rows, and a 합계 merged across three columns.
const allowance: TableCell[][] = [
  [{ text: '구분', rowSpan: 2 }, { text: '직급', rowSpan: 2 }, { text: '당직비(1회)', columnSpan: 2 }, null],
  [null, null, '평일', '토요일·공휴일'],
  [{ text: '숙직', rowSpan: 2 }, '5급 이상', '60,000원', '80,000원'],
  [null, '6급 이하', '50,000원', '70,000원'],
  [{ text: '합계', columnSpan: 3 }, null, null, '260,000원'],
];
const allowanceMarkdown = [
  '| 구분 | 직급 | 당직비(1회) 평일 | 당직비(1회) 토요일·공휴일 |',
  '| --- | --- | --- | --- |',
  '| 숙직 | 5급 이상 | 60,000원 | 80,000원 |',
  '| 숙직 | 6급 이하 | 50,000원 | 70,000원 |',
  '| 합계 |  |  | 260,000원 |',
].join('\n');
const document: GeneratedBlock[] = [
  { text: '제5조(당직비) 당직 근무자에게는 다음 기준에 따라 당직비를 지급한다.' },
  { text: '[당직비 지급 기준]' },
  { table: allowance },
  { text: '당직비는 다음 달 급여일에 지급한다.' },
];

async function markdownOf(bytes: Uint8Array, fileName: string): Promise<string> {
  const result = await parseFile(bytes, fileName);
  assert.ok(result.ok, JSON.stringify(result));
  return toMarkdown(result.document);
}

test('kgov parse: an HTML table with rowspan and colspan keeps every value under its column', () => {
  const folder = mkdtempSync(join(tmpdir(), 'kgov-merged-'));
  try {
    const file = join(folder, '점검.html');
    writeFileSync(file, '<table><tr><th>구분</th><th>항목</th><th>주기</th></tr><tr><td rowspan="2">자체 점검</td><td>PC 보안</td><td>매월</td></tr>'
      + '<tr><td>서버 취약점</td><td>반기 1회</td></tr><tr><td colspan="2">합계</td><td>3건</td></tr></table>');
    const result = kgov(['parse', file, '--format', 'markdown']);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout.trim(), [
      '| 구분 | 항목 | 주기 |', '| --- | --- | --- |', '| 자체 점검 | PC 보안 | 매월 |', '| 자체 점검 | 서버 취약점 | 반기 1회 |', '| 합계 |  | 3건 |',
    ].join('\n'));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('an HTML table with a two-row header has one header row of combined names', async () => {
  const html = '<table><thead><tr><th rowspan="2">구분</th><th rowspan="2">직급</th><th colspan="2">당직비(1회)</th></tr><tr><th>평일</th><th>토요일·공휴일</th></tr></thead>'
    + '<tbody><tr><td rowspan="2">숙직</td><td>5급 이상</td><td>60,000원</td><td>80,000원</td></tr><tr><td>6급 이하</td><td>50,000원</td><td>70,000원</td></tr>'
    + '<tr><td colspan="3">합계</td><td>260,000원</td></tr></tbody></table>';
  assert.equal((await markdownOf(strToU8(html), '당직비.html')).trim(), allowanceMarkdown);
});

test('DOCX: Word\'s vMerge and gridSpan, through mammoth, keep every value under its column', async () => {
  assert.match(await markdownOf(writeDocx(document), '당직비.docx'), new RegExp(`\\[당직비 지급 기준\\]\n\n${escape(allowanceMarkdown)}\n`));
});

test('HWPX: cells covered by a cellSpan are filled, and a two-row header is one row', async () => {
  assert.match(await markdownOf(writeHwpx(document), '당직비.hwpx'), new RegExp(`\\[당직비 지급 기준\\]\n\n${escape(allowanceMarkdown)}\n`));
});

test('HWP: a cell\'s column and row spans (LIST_HEADER bytes 12–15) fill the slots they cover', async () => {
  // 표.hwp is a 3 × 3 table (ABC 123 | DEF | GHI / LMN | OPQ | STR / UVM | 123 | 456). LMN is merged down over UVM and
  // OPQ across over STR: the covered cells' records go, as Hangul leaves them out.
  const bytes = editHwpCells(readFileSync(new URL('../../../shared/fixtures/hwp/표.hwp', import.meta.url)), [
    { column: 0, row: 1, rowSpan: 2 }, { column: 0, row: 2, remove: true },
    { column: 1, row: 1, columnSpan: 2 }, { column: 2, row: 1, remove: true },
  ]);
  assert.equal(await markdownOf(bytes, '표.hwp'), '표\n\n| ABC 123 | DEF | GHI |\n| --- | --- | --- |\n| LMN | OPQ |  |\n| LMN | 123 | 456 |\n');
});

test('XLSX: a merged range gives its value to the rows it covers, and a two-row header is one row', async () => {
  const rows = [['구분', '직급', '당직비(1회)', ''], ['', '', '평일', '토요일·공휴일'], ['숙직', '5급 이상', '60,000원', '80,000원'], ['', '6급 이하', '50,000원', '70,000원'], ['합계', '', '', '260,000원']];
  const markdown = await markdownOf(writeXlsx(rows, ['A1:A2', 'B1:B2', 'C1:D1', 'A3:A4', 'A5:C5']), '당직비.xlsx');
  assert.ok(markdown.includes(allowanceMarkdown), markdown);
});

describe('answers quote a merged table\'s row under its column names (PGlite)', () => {
  const backend = backends[0]!;
  const operator: Principal = { kind: 'operator', name: 'test' };
  const reader: Principal = { kind: 'api-key', keyId: 'k', tenantId: 'duty', role: 'staff', clearance: 'restricted' };
  let place: Awaited<ReturnType<typeof backend.prepare>>;
  let database: Database;
  before(async () => {
    place = await backend.prepare();
    database = await openDatabase(place.config({ logging: { level: 'silent' } }));
    await createTenant(database, operator, { id: 'duty', name: '당직' });
    await ingestDocument(database, operator, { tenantId: 'duty', fileName: '당직 규정.hwpx', bytes: writeHwpx(document), grade: 'internal' });
    await refreshSearchStatistics(database);
  });
  after(async () => {
    await database?.close();
    await place?.cleanup();
  });

  test('the 6급 이하 row of a table with a two-row header', async () => {
    const answer = await answerFromDocuments(database, reader, { tenantId: 'duty', question: '6급 이하 숙직자의 토요일·공휴일 당직비는 얼마인가요?' });
    assert.equal(answer.mode, 'extractive');
    const line = answer.text.split('\n').find((text) => text.includes('6급 이하'));
    assert.equal(line?.replace(/ \[\d+\]$/, ''),
      '- [당직비 지급 기준] — 구분: 숙직, 직급: 6급 이하, 당직비(1회) 평일: 50,000원, 당직비(1회) 토요일·공휴일: 70,000원', answer.text);
  });
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A minimal XLSX of one sheet: inline strings, and the merged ranges Excel writes in <mergeCells>. */
function writeXlsx(rows: string[][], merges: string[]): Uint8Array {
  const xml = (body: string) => strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${body}`);
  const S = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  const sheetRows = rows.map((row, index) => `<row r="${index + 1}">${row.map((text, column) => (text === ''
    ? ''
    : `<c r="${String.fromCharCode(65 + column)}${index + 1}" t="inlineStr"><is><t>${text}</t></is></c>`)).join('')}</row>`).join('');
  const mergeCells = `<mergeCells count="${merges.length}">${merges.map((reference) => `<mergeCell ref="${reference}"/>`).join('')}</mergeCells>`;
  return zipSync({
    '[Content_Types].xml': xml('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'),
    'xl/workbook.xml': xml(`<workbook ${S}><sheets><sheet name="당직비" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    'xl/_rels/workbook.xml.rels': xml('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
    'xl/worksheets/sheet1.xml': xml(`<worksheet ${S}><sheetData>${sheetRows}</sheetData>${mergeCells}</worksheet>`),
  });
}

type CellEdit = { column: number; row: number; rowSpan?: number; columnSpan?: number; remove?: true };

/**
 * 표.hwp with its table cells edited in the uncompressed BodyText/Section0 record stream: a cell's LIST_HEADER holds
 * its column, row, column span and row span at bytes 8–15; a removed cell loses its LIST_HEADER and the paragraph
 * records after it, up to the next cell's.
 */
function editHwpCells(file: Buffer, edits: CellEdit[]): Uint8Array {
  const container = cfb.read(file, { type: 'buffer' });
  const entry = cfb.find(container, '/BodyText/Section0')!;
  const stream = Buffer.from(entry.content as Uint8Array);
  const records: { tag: number; start: number; dataStart: number }[] = [];
  for (let offset = 0; offset + 4 <= stream.length;) {
    const header = stream.readUInt32LE(offset);
    let size = header >>> 20;
    let dataStart = offset + 4;
    if (size === 0xfff) {
      size = stream.readUInt32LE(dataStart);
      dataStart += 4;
    }
    records.push({ tag: header & 0x3ff, start: offset, dataStart });
    offset = dataStart + size;
  }
  const tableAt = records.findIndex((record) => record.tag === 77);
  const cells = records.filter((record, index) => index > tableAt && record.tag === 72);
  const removed: [number, number][] = [];
  for (const edit of edits) {
    const at = cells.findIndex((record) => stream.readUInt16LE(record.dataStart + 8) === edit.column && stream.readUInt16LE(record.dataStart + 10) === edit.row);
    assert.ok(at >= 0, `no cell at ${edit.column},${edit.row}`);
    const record = cells[at]!;
    if (edit.remove) {
      // Up to the next cell (every removed cell here has one after it).
      removed.push([record.start, cells[at + 1]!.start]);
      continue;
    }
    if (edit.columnSpan) stream.writeUInt16LE(edit.columnSpan, record.dataStart + 12);
    if (edit.rowSpan) stream.writeUInt16LE(edit.rowSpan, record.dataStart + 14);
  }
  const kept: Buffer[] = [];
  let from = 0;
  for (const [start, end] of removed.sort((a, b) => a[0] - b[0])) {
    kept.push(stream.subarray(from, start));
    from = end;
  }
  kept.push(stream.subarray(from));
  entry.content = Buffer.concat(kept);
  return new Uint8Array(cfb.write(container, { type: 'buffer' }) as Buffer);
}
