import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TableContext } from './table-context.js';

test('a table row is read under its header, its caption and its merged first cell, and quoted under its column names', () => {
  const table = new TableContext();
  const lines = ['[주요 기관별 세계경제 성장률 전망(%)]', '', '| 기관 |  | 전망 시점 | 2021 | 2022 | 2023(e) |', '| IMF | 세계전체 | 2022.10 | 6.0 | 3.2 | 2.7 |', '|  | 선진국 |  | 5.2 | 2.4 | 1.1 |'];
  const read = lines.map((line) => table.read(line));
  assert.equal(read[0], null);
  assert.equal(read[2], 'header');
  const row = read[4];
  assert.ok(typeof row === 'object' && row !== null);
  assert.equal(row.quoted, '[주요 기관별 세계경제 성장률 전망(%)] — 기관: IMF, 선진국, 2021: 5.2, 2022: 2.4, 2023(e): 1.1');
  assert.equal(row.key, '기관: IMF, 선진국, 2021: 5.2, 2022: 2.4, 2023(e): 1.1');
  // The caption's unit goes with the numbers, so "몇 %" finds 1.1%.
  assert.equal(row.withUnit, '5.2% 2.4% 1.1%');
  // Its own words hold the merged first cell (IMF); its table's words (전망) are held apart from them.
  assert.ok(row.cells.has('w:선진국') && row.cells.has('w:imf'));
  assert.ok(!row.cells.has('w:전망') && row.terms.has('w:전망'));
});

test('a sentence before a table is no caption, and text between tables starts a new one', () => {
  const table = new TableContext();
  table.read('가. 국내 출장 여비는 운임, 일비, 식비, 숙박비로 구분하여 지급한다.');
  assert.equal(table.read('| 구분 | 금액 |'), 'header');
  const row = table.read('| 일비 | 1일 25,000원 |');
  assert.ok(typeof row === 'object' && row !== null);
  assert.equal(row.quoted, '구분: 일비, 금액: 1일 25,000원');
  assert.equal(row.withUnit, null);
  table.read('다음 표는 국외 출장이다.');
  assert.equal(table.read('| 등급 | 일비 |'), 'header');
});

test('an estimate mark (2023(e)) is no unit; a header\'s unit is', () => {
  const table = new TableContext();
  table.read('| 구분 | 2022 | 2023(e) |');
  const estimate = table.read('| 매출 | 10 | 12 |');
  assert.ok(typeof estimate === 'object' && estimate !== null);
  assert.equal(estimate.withUnit, null);
  const budget = new TableContext();
  budget.read('| 사업 | 예산(단위: 억원) |');
  const row = budget.read('| 홍보 | 13 |');
  assert.ok(typeof row === 'object' && row !== null);
  assert.equal(row.withUnit, '13억원');
});

test('a blank line ends a table: the next one starts with its own header', () => {
  const table = new TableContext();
  assert.equal(table.read('| 구분 | 금액 |'), 'header');
  table.read('| 일비 | 25,000원 |');
  table.read('');
  assert.equal(table.read('| 등급 | 숙박비 |'), 'header');
  const row = table.read('| 가 | 100달러 |');
  assert.ok(typeof row === 'object' && row !== null);
  assert.equal(row.quoted, '등급: 가, 숙박비: 100달러');
});

test('a body row with no cell filled in is empty, not a quotation of the caption alone', () => {
  const table = new TableContext();
  table.read('[신청서 양식]');
  table.read('| 성명 | 연락처 |');
  assert.equal(table.read('|  |  |'), 'empty');
});

test('a table of one row under an empty header is quoted under its caption, its cells as they stand', () => {
  const table = new TableContext();
  const lines = ['[주요 플랫폼의 100만 명 달성 시간 비교]', '', '|  |  |  |', '| --- | --- | --- |', '| 챗GPT 5일 | 인스타그램 2.5개월 | 페이스북 10개월 |'];
  const read = lines.map((line) => table.read(line));
  const row = read.at(-1);
  assert.ok(row && typeof row === 'object');
  assert.equal(row.quoted, '[주요 플랫폼의 100만 명 달성 시간 비교] — 챗GPT 5일, 인스타그램 2.5개월, 페이스북 10개월');
  assert.ok(row.terms.has('w:100만') || [...row.terms].some((term) => term.includes('100')), 'the caption\'s words are the row\'s');
});

test('a row is quoted without the markup a converted report left in its cells', () => {
  const table = new TableContext();
  table.read('| 시나리오 | 내용 |');
  const row = table.read('| 직접 구축 | <ul style="list-style-type: none"> • (방향) 정부 클라우드에서 개발<br/>• (1단계) A100 80GB 8대 필요 </ul> |');
  assert.ok(typeof row === 'object' && row !== null);
  assert.equal(row.quoted, '시나리오: 직접 구축, 내용: • (방향) 정부 클라우드에서 개발 • (1단계) A100 80GB 8대 필요');
  // A cell of markup alone is an empty cell; a comparison (a < b > c) is text.
  const compared = table.read('| <br> | a < b > c |');
  assert.ok(typeof compared === 'object' && compared !== null);
  assert.equal(compared.quoted, '내용: a < b > c');
  const bare = table.read('| 간접 구축 | <p></p> |');
  assert.ok(typeof bare === 'object' && bare !== null);
  assert.equal(bare.quoted, '시나리오: 간접 구축');
});
