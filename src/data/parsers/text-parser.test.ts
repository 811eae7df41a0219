import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultParseLimits } from './parse-limits.js';
import { textParser } from './text-parser.js';

const blocksOf = async (text: string) => {
  const result = await textParser.parse(new TextEncoder().encode(text), 'report.txt', defaultParseLimits);
  assert.ok(result.ok, JSON.stringify(result));
  return result.document.blocks;
};

test('a paragraph of tab-separated rows is a table; its rule lines are no rows', async () => {
  const blocks = await blocksOf(['[전망(%)]', '', '기관\t2022\t2023', '------\t----\t----', 'IMF\t3.2\t2.7', 'OECD\t3.1\t2.2'].join('\n'));
  const table = blocks.find((block) => block.kind === 'table');
  assert.ok(table && table.kind === 'table');
  assert.deepEqual(table.rows, [['기관', '2022', '2023'], ['IMF', '3.2', '2.7'], ['OECD', '3.1', '2.2']]);
  assert.deepEqual(table.rowLines, [3, 5, 6]);
});

test('one row of cells over a rule line is a table of one body row under an empty header', async () => {
  const blocks = await blocksOf(['[주요 플랫폼의 100만 명 달성 시간 비교]', '', '챗GPT 5일\t인스타그램 2.5개월\t페이스북 10개월', '--------\t--------\t--------'].join('\n'));
  const table = blocks.find((block) => block.kind === 'table');
  assert.ok(table && table.kind === 'table', JSON.stringify(blocks));
  assert.deepEqual(table.rows, [['', '', ''], ['챗GPT 5일', '인스타그램 2.5개월', '페이스북 10개월']]);
  assert.deepEqual(table.rowLines, [3, 3]);
  // Without the rule line a single line of cells is no table: nothing says the tabs are columns.
  assert.deepEqual((await blocksOf('챗GPT 5일\t인스타그램 2.5개월')).map((block) => block.kind), ['paragraph']);
});
