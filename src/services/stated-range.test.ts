import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inPlainNumbers, rangeFit } from './stated-range.js';

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

test('money is compared in won however it is written, and 이내 bounds from above', () => {
  const question = '5천만원짜리 사업인데 보조금 한번에 다 받을 수 있나요?';
  assert.equal(rangeFit(question, '3천만원 이상 사업은 2회로 나누어 교부한다.'), 1.2);
  assert.equal(rangeFit(question, '보조금 3억원 이상 사업은 외부 회계감사인의 검증보고서를 첨부한다.'), 0.8);
  assert.equal(rangeFit(question, '1건당 1,000만원 이하 사업'), 0.8);
  assert.equal(rangeFit('1억 5천만 원 공사 수의계약 돼요?', '추정가격 2억원 이하의 공사는 수의계약할 수 있다.'), 1.2);
  assert.equal(rangeFit('28,000원 냈는데 환불 되나요', '3만원 미만은 환불하지 않는다'), 1.2);
  assert.equal(rangeFit('외부 손님 15명 회의 오는데 언제까지 등록해야돼?', '10명 이상 단체 방문은 방문 5일 전까지 등록'), 1.2);
  assert.equal(rangeFit('외부 손님 15명 오는데', '10명 이내는 당일 등록'), 0.8);
});

test('amounts of money become one number of won', () => {
  assert.equal(inPlainNumbers('500만원, 3천만 원, 1억 5천만원, 28,000원, 1,000명'), '5000000원, 30000000원, 150000000원, 28000원, 1000명');
  assert.equal(inPlainNumbers('2.5억원'), '250000000원');
});
