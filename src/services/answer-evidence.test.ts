import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evidenceIn, questionUnitTexts, textTerms, weighUnits } from './answer-evidence.js';

const units = (question: string) => questionUnitTexts(question).map((unit) => `${unit.text}${unit.predicate ? '*' : ''}`);

test('a question\'s units: content words, verb stems, the spoken predicate marked; question words and light words gone', () => {
  assert.deepEqual(units('시차출퇴근하면 몇 시에 출근할 수 있나요?'), ['시차출퇴근', '시', '출근']);
  assert.deepEqual(units('출장 가기 전 언제까지 신청서를 올려야 하나요?'), ['출장', '가기', '신청서', '올려*']);
  assert.deepEqual(units('공공데이터 쓰는데 돈을 내야 하나요?'), ['공공데이터', '쓰는데', '돈']);
  // A question that ends as a copula has a noun last, not a verb.
  assert.deepEqual(units('법인카드 사용 한도는 얼마인가요?'), ['법인카드', '사용', '한도']);
  assert.deepEqual(units('클라우드로 옮긴 정보시스템은 몇 개인가요?'), ['클라우드', '옮긴', '정보시스템']);
  // A verb's ㄹ form before 수 있다 or 때 is a verb wherever it stands (nia-qa-dev B021: these four held half the
  // question's weight, and the passage that answers it was refused); a noun before 때 is not.
  assert.deepEqual(units('공공기관이 민간 기업의 초거대 AI를 그대로 가져다 쓸 때 생길 수 있는 문제들을 항목별로 알려줘'),
    ['공공기관', '민간', '기업', '초거대', 'ai', '쓸*', '생길*', '문제들', '항목별*']);
  assert.deepEqual(units('출장 때 숙박비는 얼마인가요?'), ['출장', '숙박비']);
});

test('a follow-up\'s units: a polite bare topic is a noun, pointers back and connectives are no units', () => {
  assert.deepEqual(units('임기는요?'), ['임기']);
  assert.deepEqual(units('그럼 결과 보고서는요?'), ['결과', '보고서']);
  assert.deepEqual(units('연임은 되나요?'), ['연임']);
  assert.deepEqual(units('그건 누구 승인을 받아야 해요?'), ['승인', '받아*']);
  assert.deepEqual(units('그럼 몇 자리 이상이어야 해요?'), ['자리', '이상']);
  assert.deepEqual(units('그 기간 안에 못 정하면요?'), ['기간', '정하면*']);
  assert.deepEqual(units('몇 곳으로 확대돼요?'), ['확대']);
  assert.deepEqual(units('군대 다녀왔으면 청년월세 나이제한 어떻게 돼요'), ['군대', '다녀왔으면*', '청년월세', '나이제']);
  // A verb's -어서 and a past clause (틀려서, 잠겼는데) are the asker's case; a noun's 서 (보고서, 신청서) is not a verb's.
  assert.deepEqual(units('비밀번호 틀려서 계정 잠겼는데 어디에 풀어달라고 해요?'), ['비밀번호', '틀려서*', '계정', '잠겼', '풀어달*']);
  assert.deepEqual(units('보고서 늦어서 신청서 다시 내야 해요?'), ['보고서', '늦어서*', '신청서', '다시']);
});

test('personal data the asker gives is not the subject of the question', () => {
  const question = '주민등록번호 900101-1234567 인 홍길동의 출장신청서는 며칠 전까지 내나요?';
  const start = question.indexOf('900101');
  const withoutNumber = questionUnitTexts(question, [{ start, end: start + 14 }]).map((unit) => unit.text);
  assert.ok(!withoutNumber.some((text) => /\d/.test(text)), withoutNumber.join());
  assert.ok(withoutNumber.includes('출장신청서'));
});

test('evidence weighs rare words most, holds a compound by its syllable pairs, and a synonym holds its unit', () => {
  const statistics = { passages: 100, documentFrequency: new Map([['b:출장', 2], ['b:일비', 0], ['b:정산', 3], ['b:출퇴', 1], ['b:퇴근', 4]]) };
  const weighed = weighUnits(questionUnitTexts('해외 출장 일비는 얼마인가요?'), statistics);
  const rule = textTerms('제6조(여비 정산) 출장 여비는 보고서 제출 후 7일 이내에 정산하여야 한다.');
  // 일비 is in no passage (half weight, still heavy): a passage about 출장 alone holds less than half.
  assert.ok(evidenceIn(weighed, rule) < 0.5, String(evidenceIn(weighed, rule)));
  const settle = weighUnits(questionUnitTexts('출장비 정산은 언제까지 끝내야 하죠?'), statistics);
  assert.ok(evidenceIn(settle, rule) >= 0.5, String(evidenceIn(settle, rule)));
  const cloud = weighUnits(questionUnitTexts('클라우드 전환'), { passages: 10, documentFrequency: new Map() });
  assert.equal(evidenceIn(cloud, textTerms('cloud 전환')), 1, 'the built-in synonym cloud holds 클라우드');
  // A tenant's groups (synonymsForSearch) hold a unit as the built-in ones do: 비번 is its 비밀번호 (built in, it would
  // also be an off-duty day). The built-in 야근 is 시간외근무.
  const password = textTerms('비밀번호는 90일마다 변경하여야 한다.');
  const asked = questionUnitTexts('비번 변경');
  assert.ok(evidenceIn(weighUnits(asked, statistics), password) < 1);
  assert.equal(evidenceIn(weighUnits(asked, statistics, new Map([['비번', ['비밀번호']]])), password), 1);
  assert.equal(evidenceIn(weighUnits(questionUnitTexts('야근 시간'), statistics), textTerms('시간외근무는 월 57시간을 초과할 수 없다.')), 1);
});

test('spoken words are no units, and what people say is held by what regulations write (최대 → 초과)', () => {
  assert.deepEqual(units('출장 갔다 와서 결과보고 며칠 안에 올려야 하나요?'), ['출장', '결과보고', '올려*']);
  assert.deepEqual(units('친척집에서 자고 오면 숙박비는 아예 못 받나요?'), ['친척집', '숙박비', '받나요*']);
  const statistics = { passages: 100, documentFrequency: new Map<string, number>() };
  const rule = textTerms('시간외근무는 1일 4시간, 월 57시간을 초과할 수 없다.');
  assert.equal(evidenceIn(weighUnits(questionUnitTexts('시간외근무는 최대 몇 시간?'), statistics), rule), 1);
  const lost = textTerms('보안USB를 분실한 경우 24시간 이내에 보안담당관에게 신고하여야 한다.');
  const asked = weighUnits(questionUnitTexts('보안USB를 잃어버렸는데 어떻게 해야 하죠?'), statistics);
  assert.equal(evidenceIn(asked, lost), 1, '잃어버렸 is held by 분실');
});

test('everyday words are held by the regulation\'s terms (월급 → 보수, 통장 → 계좌), and 돈 by a fee or an allowance, one way', () => {
  const statistics = { passages: 100, documentFrequency: new Map<string, number>() };
  const payday = textTerms('① 보수는 매월 20일에 지급한다.');
  assert.equal(evidenceIn(weighUnits(questionUnitTexts('월급날이 언제예요?'), statistics), payday), 1);
  const account = textTerms('계좌를 바꾸려는 사람은 지급일 5일 전까지 계좌 변경 신청서를 제출하여야 한다.');
  assert.ok(evidenceIn(weighUnits(questionUnitTexts('통장 바꾸려면 언제까지 말해야 돼요?'), statistics), account) >= 0.5);
  const fee = textTerms('공공데이터의 이용은 무료를 원칙으로 한다. 다만, 실비의 범위에서 이용료를 받을 수 있다.');
  assert.equal(evidenceIn(weighUnits(questionUnitTexts('돈'), statistics), fee), 1, '돈 is held by 이용료');
  // One way: an allowance asked about is not held by a fee.
  assert.equal(evidenceIn(weighUnits(questionUnitTexts('수당'), statistics), fee), 0);
  // A spoken verb is held through its everyday stem (잃어버렸어요 → 잃어버렸 → 분실).
  const lost = textTerms('노트북을 분실한 경우 즉시 정보보안팀에 신고한다.');
  assert.equal(evidenceIn(weighUnits(questionUnitTexts('노트북 잃어버렸어요'), statistics), lost), 1);
  // A noun before the copula's connective (둘인데, 휴직 중인데) is the noun.
  assert.deepEqual(units('애가 둘인데 둘째는 가족수당 얼마 붙어요?'), ['애', '둘', '둘째', '가족수당', '붙어요*']);
  // 애 (a child) is held by 자녀; 국가 and 평가 stay words.
  assert.equal(evidenceIn(weighUnits(questionUnitTexts('애가'), statistics), textTerms('둘째 자녀는 월 80,000원')), 1);
  assert.deepEqual(units('국가 평가'), ['국가', '평가']);
});

test('spoken questions (a review\'s set, session 25): each sentence has its verb, intensifiers are no units, 할때 ends a verb', () => {
  // 나와요 is the first sentence's verb, though not the question's last word.
  assert.deepEqual(units('육휴 중에 월급 얼마나 나와요? 처음 몇달은'), ['육휴', '월급', '나와요*', '처음', '몇달']);
  assert.deepEqual(units('와이프도 공무원인데 둘다 육휴 가능?'), ['와이프', '공무원', '육휴', '가능*']);
  assert.deepEqual(units('복직할때 언제까지 신청함?'), ['복직', '신청함*']);
  // A one-syllable noun with its particle (집이) is the noun.
  assert.deepEqual(units('집이 청사 바로 옆인데 주차 등록 되나요?'), ['집', '청사', '옆', '주차', '등록*']);
  const statistics = { passages: 100, documentFrequency: new Map<string, number>() };
  // Everyday words: 와이프 → 부부, 쪼개서 → 분할, 밥 → 식사, 강의료 → 사례금.
  assert.equal(evidenceIn(weighUnits(questionUnitTexts('와이프'), statistics), textTerms('부부가 모두 공무원이어도 각각 육아휴직을 할 수 있습니다.')), 1);
  assert.equal(evidenceIn(weighUnits(questionUnitTexts('쪼개서'), statistics), textTerms('분할 횟수에는 제한이 없습니다.')), 1);
  assert.equal(evidenceIn(weighUnits(questionUnitTexts('밥'), statistics), textTerms('음식물(식사, 다과)은 1인당 3만원까지입니다.')), 1);
  assert.equal(evidenceIn(weighUnits(questionUnitTexts('강의료'), statistics), textTerms('외부강의 사례금은 1시간당 40만원')), 1);
});

test('a list item\'s marker is no sentence end: 다. 우편 접수는 받지 않음 stays one quotable item (quoted without its marker)', async () => {
  const { splitSentences } = await import('./split-sentences.js');
  assert.deepEqual(splitSentences('  다. 우편 접수는 받지 않음\n  가. 기간: 2025. 8. 11.(월) ~ 9. 19.(금) 18:00까지', 15),
    ['우편 접수는 받지 않음', '기간: 2025. 8. 11.(월) ~ 9. 19.(금) 18:00까지']);
  // Sentences still end at 다. inside a line.
  assert.deepEqual(splitSentences('신청서는 사흘 전까지 제출합니다. 다만 긴급한 경우에는 당일 신청도 받습니다.', 8),
    ['신청서는 사흘 전까지 제출합니다.', '다만 긴급한 경우에는 당일 신청도 받습니다.']);
});

test('a proviso in brackets stays with the sentence it limits (… 12시간까지 인정한다. (단, 만 19세 미만 청소년은 8시간 유지))', async () => {
  const { withProvisos } = await import('./extractive-answer.js');
  const { splitSentences } = await import('./split-sentences.js');
  assert.deepEqual(withProvisos(splitSentences('재난·재해 현장 봉사는 1일 최대 12시간까지 인정한다. (단, 만 19세 미만 청소년은 8시간 유지)', 15)),
    ['재난·재해 현장 봉사는 1일 최대 12시간까지 인정한다. (단, 만 19세 미만 청소년은 8시간 유지)']);
});

test('a noun before 있어요 is the subject, not a verb; honorific verbs keep their noun; the everyday words of review26', () => {
  assert.deepEqual(units('청사 안에 흡연구역 어디 있어요?'), ['청사', '흡연구역', '있어요*']);
  // After a verb's 수 the word before is still the verb.
  assert.deepEqual(units('신청 기한을 늦출 수 있나요?'), ['신청', '기한', '늦출*']);
  // Written without its space (나갈수 있어요) the verb keeps its 수 and stays the verb.
  assert.deepEqual(units('공무원도 공모전 나갈수 있어요?'), ['공무원', '공모전', '나갈수*', '있어요*']);
  assert.ok(units('퇴직하시는 분 선물 사도 되나요?').includes('퇴직'));
  const statistics = { passages: 100, documentFrequency: new Map<string, number>() };
  assert.equal(evidenceIn(weighUnits(questionUnitTexts('돌려줘야'), statistics), textTerms('집행잔액과 발생 이자는 반환하여야 한다.')), 1);
  assert.equal(evidenceIn(weighUnits(questionUnitTexts('겨울'), statistics), textTerms('동절기(11월~2월)에는 대관하지 않습니다.')), 1);
  assert.equal(evidenceIn(weighUnits(questionUnitTexts('법카'), statistics), textTerms('법인카드를 분실한 경우')), 1);
});
