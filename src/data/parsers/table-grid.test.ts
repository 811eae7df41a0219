import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gridRows, maxTableCells, placeFlowingCells, spanOf, type FlowingCell } from './table-grid.js';

const cell = (text: string, columnSpan = 1, rowSpan = 1): FlowingCell => ({ text, columnSpan, rowSpan });

test('a row-spanning cell repeats down; a body cell spanning columns keeps to its first column', () => {
  const rows = gridRows(placeFlowingCells([
    [cell('구분'), cell('항목'), cell('주기')],
    [cell('자체 점검', 1, 2), cell('PC 보안'), cell('매월')],
    [cell('서버 취약점'), cell('반기 1회')],
    [cell('합계', 2), cell('3건')],
  ]));
  assert.deepEqual(rows, [
    ['구분', '항목', '주기'],
    ['자체 점검', 'PC 보안', '매월'],
    ['자체 점검', '서버 취약점', '반기 1회'],
    ['합계', '', '3건'],
  ]);
});

test('a two-row header becomes one row of combined names, and its sub-names are no data row', () => {
  const rows = gridRows(placeFlowingCells([
    [cell('구분', 1, 2), cell('당직비(1회)', 2), cell('비고', 1, 2)],
    [cell('평일'), cell('토요일·공휴일')],
    [cell('5급 이상'), cell('5만원'), cell('7만원'), cell('')],
  ]));
  assert.deepEqual(rows, [
    ['구분', '당직비(1회) 평일', '당직비(1회) 토요일·공휴일', '비고'],
    ['5급 이상', '5만원', '7만원', ''],
  ]);
});

test('a three-row header combines each level', () => {
  const rows = gridRows(placeFlowingCells([
    [cell('기관', 1, 3), cell('예산', 4)],
    [cell('2024', 2), cell('2025', 2)],
    [cell('본예산'), cell('추경'), cell('본예산'), cell('추경')],
    [cell('A'), cell('1'), cell('2'), cell('3'), cell('4')],
  ]));
  assert.deepEqual(rows?.[0], ['기관', '예산 2024 본예산', '예산 2024 추경', '예산 2025 본예산', '예산 2025 추경']);
  assert.equal(rows?.length, 2);
});

test('a header cell spanning columns over values of its own is a one-row header, repeated across', () => {
  // "평일 야간" beside the group is a value: the row under 당직비 is data, not names of its columns.
  const rows = gridRows(placeFlowingCells([
    [cell('구분'), cell('당직비', 2)],
    [cell('평일 야간'), cell('5만'), cell('7만')],
  ]));
  assert.deepEqual(rows, [['구분', '당직비', '당직비'], ['평일 야간', '5만', '7만']]);
});

test('a title over the whole table is not repeated across, and long merged text is not copied', () => {
  const note = '가'.repeat(150);
  const rows = gridRows(placeFlowingCells([
    [cell('2025년 점검 계획', 3)],
    [cell('항목'), cell('주기'), cell('비고')],
    [cell('PC'), cell('매월'), cell(note, 1, 2)],
    [cell('서버'), cell('반기')],
  ]));
  assert.deepEqual(rows, [
    ['2025년 점검 계획', '', ''],
    ['항목', '주기', '비고'],
    ['PC', '매월', note],
    ['서버', '반기', ''],
  ]);
});

test('cells at their addresses (HWPX, HWP): spans clipped at the edge, an overlap keeps the cell placed first', () => {
  const rows = gridRows([
    { row: 0, column: 0, rowSpan: 2, columnSpan: 2, text: '1' },
    { row: 0, column: 2, rowSpan: 1, columnSpan: 1, text: '2' },
    { row: 1, column: 2, rowSpan: 9, columnSpan: 9, text: '3' },
    { row: 1, column: 1, rowSpan: 1, columnSpan: 1, text: 'overlap' },
  ], { rows: 3, columns: 3 });
  assert.deepEqual(rows, [['1', '1', '2'], ['1', '', '3'], ['', '', '3']]);
});

test('absurd spans and sizes are bounded', () => {
  assert.equal(spanOf('0'), 1);
  assert.equal(spanOf('-3'), 1);
  assert.equal(spanOf('abc'), 1);
  assert.equal(spanOf(undefined), 1);
  assert.equal(spanOf('65535'), 1_000);
  assert.equal(gridRows([{ row: 0, column: 0, rowSpan: 1, columnSpan: 1, text: 'x' }], { rows: 65_535, columns: 65_535 }), null);
  assert.equal(gridRows([{ row: maxTableCells, column: 0, rowSpan: 1, columnSpan: 1, text: 'x' }]), null);
  // A span down past the last row stops there instead of adding rows.
  assert.deepEqual(gridRows(placeFlowingCells([[cell('a', 1, 500), cell('b')], [cell('c')]])), [['a', 'b'], ['a', 'c']]);
  assert.equal(gridRows([]), null);
});
