import assert from 'node:assert/strict';
import { test } from 'node:test';
import { effectiveDate, metadataDate } from './effective-date.js';
import type { ParsedDocument } from './parsers/index.js';

const document = (lines: string[], metadata: Record<string, string> = {}): ParsedDocument => ({
  format: 'txt', blocks: lines.map((text) => ({ kind: 'paragraph', text })), headersFooters: [], metadata, warnings: [],
});

test('a date line near the top wins, in the forms agencies write it', () => {
  assert.deepEqual(effectiveDate(document(['행정안전부 공고', '2023. 12. 1.'])), { date: '2023-12-01', source: 'text' });
  assert.deepEqual(effectiveDate(document(['시행일: 2024년 3월 15일'], { modified: '2025-01-01T00:00:00Z' })), { date: '2024-03-15', source: 'enforcement' });
  assert.deepEqual(effectiveDate(document(['작성 2022-07-04 총무과'])), { date: '2022-07-04', source: 'text' });
});

test('a month without a day in the head (2025년 3월 개정) dates the document the first of that month', () => {
  assert.deepEqual(effectiveDate(document(['정보공개 청구 처리 안내', '한빛시 민원봉사과 정보공개팀', '2025년 3월 개정'])), { date: '2025-03-01', source: 'text' });
  assert.deepEqual(effectiveDate(document(['재난 대비 요령', '안전총괄과', '2025년 5월'])), { date: '2025-05-01', source: 'text' });
  assert.deepEqual(effectiveDate(document(['지침', '2024. 7. 시행'])), { date: '2024-07-01', source: 'enforcement' });
  assert.deepEqual(effectiveDate(document(['대피 요령', '한빛시청 청사 근무자용 / 안전총괄과 / 2025년 5월'])), { date: '2025-05-01', source: 'text' });
  assert.deepEqual(effectiveDate(document(['민원 편람', '한빛군 민원지적과 발행 (2025년 3월 개정)'])), { date: '2025-03-01', source: 'text' });
  // A full date anywhere in the head wins; a month inside a sentence is no date of the document.
  assert.deepEqual(effectiveDate(document(['2025년 3월 개정', '공고일 2025. 3. 14.'])), { date: '2025-03-14', source: 'text' });
  assert.equal(effectiveDate(document(['2025년 3월부터 요금이 오릅니다.'])), null);
  assert.equal(effectiveDate(document(['예산 2025년 3월 집행분 1,200만원'])), null);
});

test('else the modified, then created property; impossible dates are ignored', () => {
  assert.deepEqual(effectiveDate(document(['본문'], { created: '2020-01-02T00:00:00Z', modified: '2021-05-06T07:08:09Z' })), { date: '2021-05-06', source: 'metadata' });
  assert.equal(metadataDate("D:20231201090000+09'00'"), '2023-12-01');
  assert.equal(effectiveDate(document(['2023. 2. 30. 에 대하여', '전화 010-1234-5678'])), null);
  assert.equal(effectiveDate(document(['예산 1,234,567원'])), null);
});

test('a property time with a zone is dated by its day in Seoul; without a zone, as written', () => {
  // Word writes UTC: saved at 01:00 KST on 1 December.
  assert.equal(metadataDate('2023-11-30T16:00:00Z'), '2023-12-01');
  assert.equal(metadataDate('2023-11-30T14:59:59Z'), '2023-11-30');
  assert.equal(metadataDate("D:20231201010000+09'00'"), '2023-12-01');
  assert.equal(metadataDate("D:20231130200000-05'00'"), '2023-12-01');
  assert.equal(metadataDate('2023-12-01T23:30:00+09:00'), '2023-12-01');
  assert.equal(metadataDate('2023-12-01'), '2023-12-01');
  assert.equal(metadataDate('D:20231201'), '2023-12-01');
});

test('a regulation takes effect on its last enforcement clause (the latest 부칙), wherever it stands', () => {
  const rules = document(['복무 규정', '2022. 5. 1. 제정', '제1조(목적) 이 규정은 복무를 정한다.', '부칙', '이 규정은 2023년 1월 1일부터 시행한다.', '부칙(2024. 7. 1.)', '이 규정은 2024년 7월 1일부터 시행한다.']);
  assert.deepEqual(effectiveDate(rules), { date: '2024-07-01', source: 'enforcement' });
  assert.deepEqual(effectiveDate(document(['조례', '이 조례는 2025. 3. 1.부터 시행한다.'])), { date: '2025-03-01', source: 'enforcement' });
  // 공포한 날부터: no date stated, the head's date stands.
  assert.deepEqual(effectiveDate(document(['조례', '2023. 9. 1.', '이 조례는 공포한 날부터 시행한다.'])), { date: '2023-09-01', source: 'text' });
});

test('a 공문 is dated by its own 시행 line, not by the papers its 관련 line refers to', () => {
  const letter = ['○ ○ 부', '수신  수신자 참조', '제목  2025년 상반기 청렴교육 실시 알림', '1. 관련: 운영지원과-1234(2025. 3. 4.)',
    '2. 청렴교육을 아래와 같이 실시합니다.', '가. 일시: 2025. 4. 16.(수) 14:00~16:00', '○ ○ 부 장 관', '시행  감사담당관실-567 (2025. 3. 28.)'];
  assert.deepEqual(effectiveDate(document(letter)), { date: '2025-03-28', source: 'enforcement' });
  // Without a 시행 line, a referenced paper's date is still not the letter's.
  assert.deepEqual(effectiveDate(document(letter.slice(0, 6))), { date: '2025-04-16', source: 'text' });
});
