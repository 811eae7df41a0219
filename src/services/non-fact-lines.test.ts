import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentNameTerms } from './extractive-answer.js';
import { isNonFact } from './non-fact-lines.js';

test('titles, headlines, contents entries and captions state no fact; sentences and 개조식 items do', () => {
  const line = (text: string, documentFirstLine = false) => isNonFact(text, { documentFirstLine });
  assert.equal(line('한국디지털진흥원 복무 및 출장 관리 규정', true), true, 'a document\'s first line is its title');
  assert.equal(line('행정안전부, 인공지능 민원상담 서비스 전국 확대'), true, 'a press release\'s headline');
  assert.equal(line('3 공공분야 초거대 AI 구축방안 198'), true, 'a contents entry with its page');
  assert.equal(line('제1장 총칙 ········· 5'), true);
  assert.equal(line('[국내외 초거대 AI 종류]'), true, 'a caption');
  assert.equal(line('<표 3> 부처별 예산 현황'), true);
  assert.equal(line('출장을 가려는 임직원은 출발 5일 전까지 출장신청서를 제출하여야 한다.'), false);
  assert.equal(line('이 규정은 2024년 7월 1일부터 시행한다.', true), false, 'a first line that is a sentence is a fact');
  assert.equal(line(' ○ 민간 클라우드 활용 확대 필요성 대두'), false, 'a 개조식 item states its fact without a predicate');
  assert.equal(line('2023년 말 기준 전체 정보시스템 1,500개 중 420개(28%) 전환 완료'), false, 'a line with figures');
});

test('a document\'s name is read as words', () => {
  const terms = documentNameTerms('개조식_보고서_클라우드전환.txt');
  assert.ok(terms.has('w:클라우드전환') && terms.has('b:클라'), [...terms].join());
  assert.ok(!terms.has('w:txt'));
});
