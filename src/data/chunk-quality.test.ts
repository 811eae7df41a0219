import assert from 'node:assert/strict';
import { test } from 'node:test';
import { judgeChunkQuality } from './chunk-quality.js';

const settings = { minChunkCharacters: 8, minLetterShare: 0.3 };

test('very short and symbol-heavy chunks are judged; tables of numbers and a one-chunk memo are not', () => {
  assert.equal(judgeChunkQuality('- 3 -', settings, false), 'short');
  assert.equal(judgeChunkQuality('- 3 -', settings, true), null);
  assert.equal(judgeChunkQuality('=-=-=-=-=-=-=-=-=-=-=-= ※ ※ ※ ▶▶▶ 가', settings, false), 'symbols');
  assert.equal(judgeChunkQuality('| 1 | 2 | 3 |\n| 4 | 5 | 6 |\n| 7 | 8 | 9 | 10 | 11 | 12 |', settings, false), null);
  assert.equal(judgeChunkQuality('민원 처리 기한은 7일이다.', settings, false), null);
});
