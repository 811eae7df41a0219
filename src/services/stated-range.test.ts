import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rangeFit } from './stated-range.js';

test('a question stating its own amount prefers the row whose range holds it', () => {
  const question = '재직한 지 4년 조금 넘었는데 연가 며칠 받아요?';
  assert.equal(rangeFit(question, '| 4년 이상 5년 미만 | 17일 |'), 1.2);
  assert.equal(rangeFit(question, '| 3년 이상 4년 미만 | 15일 |'), 0.8);
  assert.equal(rangeFit(question, '| 1년 미만 | 11일 |'), 0.8);
  assert.equal(rangeFit(question, '연가는 반일 단위로 사용할 수 있다'), 1, 'no range: no opinion');
  assert.equal(rangeFit('3년 됐는데 연가 며칠?', '| 3년 이상 4년 미만 | 15일 |'), 1.2);
  assert.equal(rangeFit('3년 안 됐는데 연가 며칠?', '| 3년 이상 4년 미만 | 15일 |'), 0.8, '"not yet" is just under');
  assert.equal(rangeFit('병가를 7일 썼는데 진단서 내야 해요?', '병가 일수가 연간 누계 5일을 초과하는 경우에는 진단서를 첨부한다.'), 1.2);
  assert.equal(rangeFit('서류 3장 사본 수수료는?', '1장 초과 시 1장마다 50원을 더한다'), 1.2);
});

test('bounds the question asks about, dates and other units are no stated amount', () => {
  assert.equal(rangeFit('병가 5일 이상이면 진단서 필요해요?', '병가 일수가 5일을 초과하는 경우'), 1);
  assert.equal(rangeFit('2024년 연가 며칠?', '| 3년 이상 4년 미만 | 15일 |'), 1);
  assert.equal(rangeFit('10월 15일 출장 여비는?', '5일 이상 출장'), 1);
  assert.equal(rangeFit('4년 조금 넘었는데 연가 며칠?', '출장이 5일 이상인 경우'), 1, 'days are not years');
});
