import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, stripKoreanSuffix } from './analyzer.js';
import { analyzeForIndex, analyzeQuery, builtInSynonymGroups, builtInSynonyms, withRegulationTerms } from './index.js';
import { normalizeText } from './normalize.js';

const words = (text: string, query = false) => analyze(text, { query, bigrams: false });

test('particles come off nouns: 클라우드가/의/로는 → 클라우드', () => {
  for (const form of ['클라우드가', '클라우드의', '클라우드로는', '클라우드에서는', '클라우드까지']) assert.equal(stripKoreanSuffix(form), '클라우드', form);
  // One-syllable particles are not stripped from two-syllable words that end that way.
  assert.equal(stripKoreanSuffix('회의'), '회의');
  assert.equal(stripKoreanSuffix('국가'), '국가');
});

test('verb endings come off: 전망하였으나, 예상된다, 증가했나요', () => {
  assert.equal(stripKoreanSuffix('전망하였으나'), '전망');
  assert.equal(stripKoreanSuffix('예상된다'), '예상');
  assert.equal(stripKoreanSuffix('증가했나요'), '증가');
});

test('numbers: thousands separators, abbreviated years, counters joined to their number', () => {
  assert.equal(normalizeText("1조 9,074억원 '23.12.1."), '1조 9074억원 2023.12.1.');
  const terms = words('1조 9,074억원, 도서 9권, 100만 명');
  for (const term of ['n:9074', 'w:9074억', 'w:1조', 'w:9권', 'w:100만']) assert.ok(terms.includes(term), term);
});

test('mixed scripts: English lower-cased and stemmed, units kept with numbers, particles after Latin dropped', () => {
  const terms = words('PaLM은 540B 파라미터, A100 80GB가 필요하고 GPUs를 models에');
  for (const term of ['w:palm', 'w:540b', 'w:80gb', 'w:gpu', 'w:model']) assert.ok(terms.includes(term), `${term} in ${terms.join(' ')}`);
  assert.ok(!terms.includes('w:은') && !terms.includes('w:가'));
});

test('queries drop question words and endings, and expand synonyms', () => {
  const terms = analyzeQuery('과기부 예산은 얼마나 돼?');
  assert.ok(terms.includes('w:과학기술정보통신부'));
  assert.ok(!terms.some((term) => term === 'w:얼마나' || term === 'b:얼마'));
});

test('bigrams cross word boundaries, so compound nouns meet their spaced form', () => {
  const joined = new Set(analyze('경제성장률').filter((term) => term.startsWith('b:')));
  const spaced = analyze('경제 성장률').filter((term) => term.startsWith('b:'));
  assert.ok(spaced.every((term) => joined.has(term)));
});

test('a noun made a verb with 하다/되다 keeps the noun; two-syllable nouns ending in 하 stay whole', () => {
  const words = (text: string) => analyze(text, { bigrams: false }).filter((term) => term.startsWith('w:'));
  assert.deepEqual(words('GPT-4를 파인튜닝하는데 6개월'), ['w:gpt', 'w:gpt4', 'w:파인튜닝', 'w:6개월', 'w:개월']);
  assert.deepEqual(words('성능이 저하되는 문제'), ['w:성능', 'w:저하', 'w:문제']);
  assert.deepEqual(words('금리를 인하하는데 선정된 사업'), ['w:금리', 'w:인하', 'w:선정', 'w:사업']);
  assert.deepEqual(words('이하는 산하 기관'), ['w:이하', 'w:산하', 'w:기관']);
});

test('past and reported clause endings after 하다/되다 come off: 개선됐는지, 도입했으며, 필요하다고, 선정되었는지', () => {
  const words = (text: string) => analyze(text, { bigrams: false }).filter((term) => term.startsWith('w:'));
  assert.deepEqual(words('정확도가 개선됐는지 확인'), ['w:정확도', 'w:개선', 'w:확인']);
  assert.deepEqual(words('클라우드를 도입했으며 예산을 확대됐을 때'), ['w:클라우드', 'w:도입', 'w:예산', 'w:확대', 'w:때']);
  assert.deepEqual(words('장비가 필요하다고 선정되었는지 발표했던'), ['w:장비', 'w:필요', 'w:선정', 'w:발표']);
  // A three-syllable stem loses 하/되 as before; the rule never leaves less than two syllables.
  assert.deepEqual(words('사전학습한다면'), ['w:사전학습']);
  assert.equal(stripKoreanSuffix('했는지'), '했는지');
});

test('R&D, M&A, AT&T are one word each (and R&D = 연구개발), not stray letters', () => {
  const terms = words('공공 R&D 예산과 M&A, AT&T');
  for (const term of ['w:r&d', 'w:m&a', 'w:at&t']) assert.ok(terms.includes(term), `${term} in ${terms.join(' ')}`);
  assert.ok(!terms.includes('w:r') && !terms.includes('w:d'));
  assert.ok(analyzeQuery('AI R&D 예산은?').includes('w:연구개발'));
  assert.ok(analyzeQuery('연구개발 예산').includes('w:r&d'));
  // Long words around & stay apart: "research&development" is no abbreviation.
  assert.deepEqual(words('abcd&e').filter((term) => term.startsWith('w:')), ['w:abcd', 'w:e']);
});

test('version 4: a name and its number as one word; adnominal -한 and the copula of spoken questions come off', () => {
  const terms = words('GPT-4와 GPT4, LLaMA-2 그리고 COVID-19');
  for (const term of ['w:gpt', 'w:gpt4', 'w:llama2', 'w:covid19']) assert.ok(terms.includes(term), `${term} in ${terms.join(' ')}`);
  assert.equal(words('GPT-1').filter((term) => term === 'w:gpt4').length, 0);
  for (const [form, stem] of [['정의한', '정의'], ['예상한', '예상'], ['투입한', '투입'], ['필요한', '필요'], ['파인튜닝한', '파인튜닝'], ['규제한', '규제'],
    ['실시한', '실시'], ['확대한', '확대'], ['보유한', '보유']] as const) {
    assert.equal(stripKoreanSuffix(form), stem, form);
  }
  // Nouns that end in 한 stay whole.
  for (const noun of ['제출기한', '접근권한', '무제한', '최소한', '권한', '기한']) assert.equal(stripKoreanSuffix(noun), noun, noun);
  for (const [form, stem] of [['년도였어', '년도'], ['협정이야', '협정'], ['기준이죠', '기준'], ['단계엔', '단계'], ['모델이었어요', '모델']] as const) {
    assert.equal(stripKoreanSuffix(form), stem, form);
  }
  assert.equal(stripKoreanSuffix('유엔'), '유엔');
});

test('version 5: a name written with its number is the name too; transliterated names meet their Latin names', () => {
  assert.ok(words('LLaMA2는').includes('w:llama'));
  assert.ok(words('Dolly2').includes('w:dolly') && words('Dolly2').includes('w:dolly2'));
  // One letter is no name: chips and architectures stay whole.
  for (const token of ['A100', 'H100', 'x86']) assert.deepEqual(words(token), [`w:${token.toLowerCase()}`], token);
  // Letters after the digits: no name to take apart.
  assert.ok(!words('b2b').includes('w:b'));
  const question = analyzeQuery('라마2 학습 데이터에서 한국어 비중은?');
  const passage = analyzeForIndex('LLaMA2는 한국어 데이터 0.06%를 활용했으나');
  assert.ok(question.includes('w:llama') && passage.includes('w:llama'));
  assert.ok(analyzeQuery('제미나이와 클로드').includes('w:gemini'));
});

test('every built-in synonym member is a word the analyzer can produce and look up', () => {
  for (const group of builtInSynonymGroups) {
    for (const member of group) {
      if (member.includes(' ')) continue;
      // One of the analyzer's words for the member (as a passage or question gives it) expands to the whole group:
      // a member written in a form the analyzer never produces ("설명가능한" once -한 came off) would be dead.
      const others = group.filter((other) => other !== member && !other.includes(' '));
      const found = words(member).some((term) => others.every((other) => builtInSynonyms.get(term.slice(2))?.includes(other)));
      assert.ok(found, `${member}: ${words(member).join(' ')}`);
    }
  }
});

test('version 6: a chunk is indexed with its innermost heading, not the chapter titles above it', () => {
  const terms = analyzeForIndex('- HyperClova 2,040억개', '3. 대규모 언어모델 기반의 공공분야 초거대 AI 도입 방향 > ■ 초거대 AI 종류');
  assert.ok(terms.includes('w:종류') && terms.includes('w:hyperclova'));
  assert.ok(!terms.includes('w:도입') && !terms.includes('w:언어모델'), 'the chapter title is in the path shown, not in the terms');
  assert.deepEqual(analyzeForIndex('본문', '■ 정의'), analyzeForIndex('본문', '3장 > ■ 정의'));
});

test('everyday words expand questions only: 월급 finds 보수, and stored passages keep their terms', () => {
  assert.ok(analyzeQuery('월급날이 언제예요?').includes('w:보수'));
  assert.ok(analyzeQuery('통장 바꾸려면').includes('w:계좌'));
  assert.ok(analyzeQuery('업체가 돈 달라고 하면').includes('w:계약상대자'));
  // The index is untouched: a passage with 보수 gets no 월급 (no re-indexing when the list changes).
  assert.ok(!analyzeForIndex('보수는 매월 20일에 지급한다.').includes('w:월급'));
  // The built-in groups expand them as before.
  assert.ok(analyzeQuery('야근 수당').includes('w:시간외근무'));
});

test('a follow-up\'s polite 요 after a particle is no part of its word (대구는요 → 대구), in questions only', () => {
  assert.ok(analyzeQuery('그럼 대구는요?').includes('w:대구'));
  assert.ok(analyzeQuery('주말에는요?').includes('w:주말'));
  assert.ok(analyzeQuery('하반기 목표는요').includes('w:목표'));
  // 요 that belongs to the word stays: 필요, 중요.
  assert.ok(analyzeQuery('필요').includes('w:필요'));
  assert.ok(analyzeQuery('중요').includes('w:중요'));
  // Stored passages keep their terms.
  assert.ok(analyzeForIndex('대구는요').includes('w:대구는요'));
});

test('everyday phrases are rewritten into the regulation\'s term before a question is searched (집에서 일하는 → 재택근무하는)', () => {
  assert.equal(withRegulationTerms('집에서 일하는 날 야근하면 수당 나와요?'), '재택근무하는 날 야근하면 수당 나와요?');
  assert.equal(withRegulationTerms('부산 출장가면 잠자는 돈 얼마까지 나와요'), '부산 광역시 출장가면 숙박비 얼마까지 나와요');
  // A metropolitan city is priced as 광역시; only the city as a word, not a place named after it.
  assert.equal(withRegulationTerms('그럼 대구는요?'), '그럼 대구 광역시는요?');
  assert.equal(withRegulationTerms('대전시 출장'), '대전 광역시 출장');
  assert.equal(withRegulationTerms('인천광역시 출장'), '인천광역시 출장');
  assert.equal(withRegulationTerms('대구시청 위치와 부산항 물동량'), '대구시청 위치와 부산항 물동량');
  assert.equal(withRegulationTerms('당직날 아파서 못 나가면'), '당직날 질병으로 못 나가면');
  assert.equal(withRegulationTerms('USB로 자료 밖에 가져가면 며칠까지 돼?'), 'USB로 자료 반출하면 며칠까지 돼?');
  assert.equal(withRegulationTerms('밖에서 강의하면 강의료 얼마'), '외부강의하면 강의료 얼마');
  assert.equal(withRegulationTerms('교육시간 못 채우면 불이익 있어요?'), '교육시간 미달되면 불이익 있어요?');
  assert.equal(withRegulationTerms('창 밖에 가로수'), '창 밖에 가로수');
  // The next sitting of a committee is its 차기; 다음 달, 다음과 같이 are not.
  assert.equal(withRegulationTerms('다음 정보보안위원회는 언제 열려요?'), '차기 정보보안위원회는 언제 열려요?');
  assert.equal(withRegulationTerms('다음 회의에서 논의해요?'), '차기 회의에서 논의해요?');
  assert.equal(withRegulationTerms('다음 달 회의, 다음과 같이 회의'), '다음 달 회의, 다음과 같이 회의');
  assert.equal(withRegulationTerms('출장 신청은 언제까지 해요?'), '출장 신청은 언제까지 해요?');
  // 몇일 is 며칠 misspelt; a question word glued to 안에 is two words.
  assert.equal(withRegulationTerms('재택근무 일주일에 몇일까지 돼요?'), '재택근무 주 며칠까지 돼요?');
  assert.equal(withRegulationTerms('몇 일 걸려요'), '며칠 걸려요');
    assert.equal(withRegulationTerms('몇시간내로 처리돼요'), '몇시간 내로 처리돼요');
  assert.equal(withRegulationTerms('몇일자 공문'), '몇일자 공문');
  // A reply given is the notice a rule dates; money that comes in is paid; the first is 최초; two people sharing are 2인 공동.
  assert.equal(withRegulationTerms('정보공개 청구하면 며칠안에 답 줘요?'), '정보공개 청구하면 며칠 안에 줘요?');
  assert.equal(withRegulationTerms('답답해요'), '답답해요');
  assert.equal(withRegulationTerms('청년월세 지원금은 언제 들어와요?'), '청년월세 지원금은 언제 지급되요?');
  assert.equal(withRegulationTerms('청사에 언제 들어와요?'), '청사에 언제 들어와요?');
  assert.equal(withRegulationTerms('첫 입금은 언제에요?'), '최초 입금은 언제에요?');
  assert.equal(withRegulationTerms('첫번째 질문, 첫 날'), '첫번째 질문, 첫 날');
  assert.equal(withRegulationTerms('그럼 2명이 같이 자면요?'), '그럼 2인 공동 숙박하면요?');
  assert.equal(withRegulationTerms('청년월세 한달에 얼마 지원돼요?'), '청년월세 월 얼마 지원돼요?');
  assert.equal(withRegulationTerms('재택근무 일주일에 며칠까지 돼요?'), '재택근무 주 며칠까지 돼요?');
  assert.equal(withRegulationTerms('석 달에 한 번'), '석 달에 한 번');
});
