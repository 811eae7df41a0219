import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectPii } from './detect-pii.js';

/** Public documents are full of numbers that are not personal data: none of these may be flagged. */
const lookAlikes = [
  '행정안전부 공고 제2023-08호', '법률 제19592호', '개인정보 보호법 시행령 제12조', '예산 1조 9,074억원', '예산 1,234,567,890원',
  "'23.12.1. 발표", '2023-12-01 기준', '2023.12.01', '2023년 12월 1일', '버전 5.0.2.2', 'v1.2.3.4', 'ISBN 978-89-1234-567-8',
  'ISBN 979-11-5678-123-4', 'ISO/IEC 5259', '일련번호 2982-8457', '문서번호 010-1234-5678', 'GPU 8,192개', 'A100 80GB 126~512대',
  '전년 대비 15.1% 증가', '제12조 3456', '사업비 1234567890원', '접수번호 820904-1865709',
  // File names an audit record carries (a review found them masked there for good): versions, results, findings.
  '구버전(5.0.2.2) Picture 컨트롤.hwp', '최신버전 v2.1.0.3', '감사결과.txt', '정산결과.xlsx', '감사 결과 부적정 3건', '부적절 사례',
];

test('document and statute numbers, amounts, dates, versions and ISBNs are not personal data', () => {
  for (const text of lookAlikes) assert.deepEqual(detectPii(text).entities, [], text);
});

test('an amount\'s unit and digits read aloud are no names (백 and 천 are surnames)', () => {
  for (const text of ['단위: 백만원, 예산(백만원)', '(단위: 천만원)', '금액(백만원) 합계', '공일공 사업단']) {
    assert.deepEqual(detectPii(text).entities, [], text);
  }
  assert.equal(detectPii('담당자 백만호 주무관').entities[0]?.type, 'PERSON', 'a name that starts like an amount is still a name');
});
