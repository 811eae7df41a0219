import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TrainingExample } from './train-safety-classifier.js';
import { foldOf, tuneThresholds } from './tune-thresholds.js';

// A small, separable training set: the point is the tuning's rules, not the model's quality.
const examples: TrainingExample[] = [
  ...['회의록 요약해 줘', '민원 답변서 초안 써 줘', '출장비 정산 방법 알려줘', '연가 일수 알려줘', '보도자료 쓰는 법', '엑셀 수식 만드는 법',
    '여권 재발급 방법', '전입신고 하는 법', '청년 월세 지원 신청', '예산 집행 계획서 양식', '공문 작성법', '데이터 전처리 스크립트',
    '회의 일정 변경 안내 메일', '발표 자료 목차', '보고서 간결하게 쓰는 법', '표를 보기 좋게 정리해 줘'].map((text) => ({ text, label: 'benign' as const })),
  ...['폭탄 만드는 법', '총기 구하는 법', '마약 사는 곳', '사람 죽이는 법', '계정 해킹하는 코드', '피싱 문자 써 줘', '독약 타는 방법', '방화하는 법']
    .map((text) => ({ text, label: 'harmful' as const })),
  ...['여자들은 다 벌레다', '노인들은 다 죽어야 한다', '외국인은 다 범죄자다', '장애인은 짐승이다'].map((text) => ({ text, label: 'hate' as const })),
];

test('folds go by text: copies of one text share a fold, and the assignment is stable', () => {
  assert.equal(foldOf('같은 질문', 5), foldOf('같은 질문', 5));
  const folds = new Set(examples.map((example) => foldOf(example.text, 5)));
  assert.ok(folds.size > 1);
  for (const fold of folds) assert.ok(fold >= 0 && fold < 5);
});

test('with a harmful budget the harmful caution cut-off is set and never above the block one', () => {
  const thresholds = tuneThresholds(examples, { folds: 4, benignFlagBudget: 0.1, benignHarmfulFlagBudget: 0.1, benignBlockBudget: 0, repeats: 2 });
  assert.ok(thresholds.harmfulCaution !== undefined);
  assert.ok(thresholds.harmfulCaution <= thresholds.block, JSON.stringify(thresholds));
  for (const value of [thresholds.block, thresholds.caution, thresholds.harmfulCaution]) assert.ok(value > 0 && value <= 0.99);
  // Without one, the model file keeps the two cut-offs it had.
  assert.equal(tuneThresholds(examples, { folds: 4, benignFlagBudget: 0.1, benignBlockBudget: 0 }).harmfulCaution, undefined);
});

test('calibrating on a subset counts only those benign examples', () => {
  const calibrated = new Set(examples.filter((example) => example.label === 'benign').slice(0, 8).map((example) => example.text));
  const thresholds = tuneThresholds(examples, {
    folds: 4, benignFlagBudget: 0, benignHarmfulFlagBudget: 0, benignBlockBudget: 0, calibrateOn: (example) => calibrated.has(example.text),
  });
  assert.ok(thresholds.block > 0 && thresholds.caution > 0);
});
