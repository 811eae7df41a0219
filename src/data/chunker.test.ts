import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { chunkDocument, sourceLine } from './chunker.js';
import { parseFile, type Block, type ParsedDocument } from './parsers/index.js';

const documentOf = (blocks: Block[], format = 'pdf'): ParsedDocument => ({ format, blocks, headersFooters: [], metadata: {}, warnings: [] });

test('a chunk of a paged document never spans a page, so its page is exact', () => {
  const sentence = (page: number, index: number) => `${page}쪽 ${index}번째 문단은 정보공개 절차를 설명한다.`;
  const blocks: Block[] = [1, 2, 3].flatMap((page) => Array.from({ length: 12 }, (_, index) => ({ kind: 'paragraph' as const, text: sentence(page, index), page })));
  const chunks = chunkDocument(documentOf(blocks), { maxLines: 24, maxChars: 150 });
  assert.ok(chunks.length > 3, 'long pages still get several windows each');
  for (const chunk of chunks) {
    const pages = new Set([...chunk.text.matchAll(/(\d)쪽/g)].map((match) => Number(match[1])));
    assert.deepEqual([...pages], [chunk.page], chunk.text);
  }
  assert.deepEqual(chunks.map((chunk) => chunk.ordinal), chunks.map((_, index) => index), 'ordinals run on across pages');
  assert.deepEqual([...new Set(chunks.map((chunk) => chunk.page))], [1, 2, 3]);
  // Half overlap inside a page is kept: every paragraph is in some chunk of its own page.
  for (const block of blocks) assert.ok(chunks.some((chunk) => chunk.page === block.page && chunk.text.includes((block as { text: string }).text)));
});

test('the 2-page sample PDF gives one chunk per page', async () => {
  const bytes = readFileSync(new URL('../../../test/__fixtures__/documents/sample.pdf', import.meta.url));
  const parsed = await parseFile(new Uint8Array(bytes), 'sample.pdf');
  assert.ok(parsed.ok, JSON.stringify(parsed));
  const chunks = chunkDocument(parsed.document);
  assert.deepEqual(chunks.map((chunk) => [chunk.page, chunk.text]), [
    [1, 'Public Records Guideline\n\nThis guideline sets the disclosure procedure.'],
    [2, 'Annex\n\nBudget table and contacts.'],
  ]);
});

test('documents without pages are windowed as before: line windows with half overlap', () => {
  const blocks: Block[] = Array.from({ length: 40 }, (_, index) => ({ kind: 'paragraph' as const, text: `${index + 1}행`, lines: [index + 1, index + 1] as [number, number] }));
  const chunks = chunkDocument(documentOf(blocks, 'txt'));
  assert.deepEqual(chunks.map((chunk) => chunk.lines), [[1, 24], [13, 36], [25, 40]]);
  assert.ok(chunks.every((chunk) => chunk.page === null));
});

test('a chunk names the sections that open inside it, each heading as it stands in the text', async () => {
  const statute = ['제1장 총칙', '', '제1조(목적) 목적을 정한다.', '', '제2조(정의) 뜻은 다음과 같다.', '', '제2장 운영', '', '제3조(운영) 운영한다.'].join('\n');
  const parsed = await parseFile(new TextEncoder().encode(statute), 'ordinance.txt');
  assert.ok(parsed.ok);
  const [chunk, ...rest] = chunkDocument(parsed.document);
  assert.equal(rest.length, 0);
  assert.equal(chunk!.section, '제1장 총칙');
  assert.deepEqual(chunk!.innerSections, [
    { heading: '제1조(목적)', section: '제1장 총칙 > 제1조(목적)' },
    { heading: '제2조(정의)', section: '제1장 총칙 > 제2조(정의)' },
    { heading: '제2장 운영', section: '제2장 운영' },
    { heading: '제3조(운영)', section: '제2장 운영 > 제3조(운영)' },
  ]);
  for (const { heading } of chunk!.innerSections!) assert.ok(chunk!.text.includes(heading));
  // A chunk with no heading inside has none.
  const plain = chunkDocument(documentOf([{ kind: 'paragraph', text: '본문', lines: [1, 1] }], 'txt'));
  assert.equal(plain[0]!.innerSections, undefined);
});

test('every line of a text chunk knows its source line, across the blank lines between paragraphs', async () => {
  const source = ['복무 규정', '', '', '제1조(목적) 목적을 정한다.', '둘째 줄이다.', '', '제2조(근무) 오전 9시부터 근무한다.', '', '', '', '제3조(휴가) 휴가는 연 20일이다.'];
  const parsed = await parseFile(new TextEncoder().encode(source.join('\n')), 'rules.txt');
  assert.ok(parsed.ok);
  const [chunk] = chunkDocument(parsed.document);
  const text = chunk!.text.split('\n');
  for (const [index, line] of text.entries()) {
    if (!line.trim()) continue;
    assert.ok(source[sourceLine(chunk!.lineRuns, index)! - 1]!.includes(line.trim()), `text line ${index}: ${line}`);
  }
  // A Markdown table's rows after its |---| rule: each at its own line (the rule is no row).
  const markdown = ['# 연가', '', '| 재직기간 | 연가 일수 |', '|---|---|', '| 1년 미만 | 11일 |', '| 4년 이상 5년 미만 | 17일 |', '', '끝.'];
  const table = await parseFile(new TextEncoder().encode(markdown.join('\n')), 'rules.md');
  assert.ok(table.ok);
  const [tableChunk] = chunkDocument(table.document);
  for (const [index, line] of tableChunk!.text.split('\n').entries()) {
    if (!line.trim()) continue;
    const cells = line.split('|').map((cell) => cell.trim()).filter(Boolean);
    assert.ok(cells.every((cell) => markdown[sourceLine(tableChunk!.lineRuns, index)! - 1]!.includes(cell)), `text line ${index}: ${line}`);
  }
  // Paged formats have none; nor does a chunk stored before the runs were recorded.
  assert.equal(sourceLine(undefined, 0), null);
  assert.equal(chunkDocument(documentOf([{ kind: 'paragraph', text: '쪽 본문', page: 1 }], 'pdf'))[0]!.lineRuns, undefined);
});

test('a text file\'s tab-separated table is a table: rows keep their columns, a rule line is no row, and a long one repeats its header', async () => {
  const source = ['[주요 기관별 세계경제 성장률 전망(%)]', '', '기관\t\t전망 시점\t2021\t2022\t2023(e)', '------\t-----\t-----\t---\t---\t---',
    'IMF\t세계전체\t2022.10\t6.0\t3.2\t2.7', '\t선진국\t\t5.2\t2.4\t1.1', '', '* 자료 : IMF WEO', '', '탭이 한 줄에만\t있는 문단', '둘째 줄'];
  const parsed = await parseFile(new TextEncoder().encode(source.join('\n')), 'report.txt');
  assert.ok(parsed.ok);
  const table = parsed.document.blocks.find((block) => block.kind === 'table');
  assert.ok(table && table.kind === 'table');
  assert.deepEqual(table.rows, [['기관', '', '전망 시점', '2021', '2022', '2023(e)'], ['IMF', '세계전체', '2022.10', '6.0', '3.2', '2.7'], ['', '선진국', '', '5.2', '2.4', '1.1']]);
  assert.deepEqual(table.rowLines, [3, 5, 6]);
  // A paragraph with one tabbed line is text, as before.
  assert.ok(parsed.document.blocks.some((block) => block.kind === 'paragraph' && block.text.startsWith('탭이 한 줄에만')));
  const [chunk] = chunkDocument(parsed.document);
  const lines = chunk!.text.split('\n');
  const row = lines.findIndex((line) => line.includes('선진국'));
  assert.equal(lines[row], '|  | 선진국 |  | 5.2 | 2.4 | 1.1 |');
  assert.equal(sourceLine(chunk!.lineRuns, row), 6);

  // 60 rows under one header: every piece after the first starts with the header again, cited at its own line.
  const long = ['구분\t금액', ...Array.from({ length: 60 }, (_, index) => `항목${index + 1}\t${(index + 1) * 1000}원`)];
  const longParsed = await parseFile(new TextEncoder().encode(long.join('\n')), 'budget.txt');
  assert.ok(longParsed.ok);
  const chunks = chunkDocument(longParsed.document);
  assert.ok(chunks.length >= 3);
  const rowsSeen = new Set<string>();
  for (const piece of chunks) {
    const pieceLines = piece.text.split('\n').filter((line) => line.trim() !== '');
    assert.equal(pieceLines[0], '| 구분 | 금액 |', `chunk ${piece.ordinal}`);
    for (const [index, line] of piece.text.split('\n').entries()) {
      if (!line.trim()) continue;
      const at = sourceLine(piece.lineRuns, index)!;
      assert.ok(long[at - 1]!.split('\t').every((cell) => line.includes(cell)), `chunk ${piece.ordinal} line ${index}: ${line} at ${at}`);
      if (at > 1) rowsSeen.add(line);
    }
    // A piece's span is its own rows; the repeated header is before it.
    assert.ok(piece.lines![0] >= 1 && piece.lines![1] <= 61);
  }
  assert.equal(rowsSeen.size, 60);
});
