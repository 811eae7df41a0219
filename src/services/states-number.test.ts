import assert from 'node:assert/strict';
import { test } from 'node:test';
import { statesNumber } from './extractive-answer.js';

test('a telephone number, an extension or a list mark is no number a question of 얼마 or 몇 asks for', () => {
  assert.equal(statesNumber('담당자: 과장 박민수(044-205-2711), 사무관 이소라(044-205-2714)'), false);
  assert.equal(statesNumber('운영지원과 물품담당(내선 2133)에 문의하세요.'), false);
  assert.equal(statesNumber('2. 신청 방법을 안내합니다.'), false);
  assert.equal(statesNumber('대상(국무총리상) 1팀 3천만원'), true);
  assert.equal(statesNumber('문의: 044-205-2711, 신청은 5일 이내'), true);
});
