import assert from 'node:assert/strict';
import { test } from 'node:test';
import { format } from './i18n.js';
import { finalSound, particleFor, withParticle } from './korean-particle.js';

test('a number is read by its last digit: 2 이 → 와, 1 일 → 과, 3 삼 → 을', () => {
  assert.equal(withParticle('버전 2', '과'), '버전 2와');
  assert.equal(withParticle('버전 1', '과'), '버전 1과');
  assert.equal(withParticle('3', '을'), '3을');
  assert.equal(withParticle('4', '을'), '4를');
  assert.equal(withParticle('6', '이'), '6이');
  assert.equal(withParticle('9', '이'), '9가');
  assert.equal(withParticle('0', '은'), '0은'); // 영
  assert.equal(withParticle('1.5', '은'), '1.5는'); // 일 점 오
  assert.equal(withParticle('2.0', '이'), '2.0이'); // 이 점 영
});

test('a number ending in zeros is read by its place: 십, 백, 천, 만, 억, 조', () => {
  assert.equal(withParticle('10', '와'), '10과');
  assert.equal(withParticle('100', '를'), '100을');
  assert.equal(withParticle('8080', '는'), '8080은');
  assert.equal(withParticle('1,000', '가'), '1,000이');
  assert.equal(withParticle('20000', '가'), '20000이'); // 이만
  assert.equal(withParticle('300000000', '를'), '300000000을'); // 삼억
  assert.equal(withParticle('1000000000000', '가'), '1000000000000가'); // 일조
});

test('ㄹ takes 로, other final consonants 으로, no final consonant 로', () => {
  assert.equal(withParticle('1', '으로'), '1로');
  assert.equal(withParticle('7', '으로'), '7로');
  assert.equal(withParticle('3', '으로'), '3으로');
  assert.equal(withParticle('5', '으로'), '5로');
  assert.equal(withParticle('10', '으로'), '10으로');
  assert.equal(withParticle('서울', '으로'), '서울로');
  assert.equal(withParticle('부산', '으로'), '부산으로');
  assert.equal(withParticle('해요체', '으로'), '해요체로');
});

test('Hangul is read by the last syllable; quotes and a trailing parenthetical do not count', () => {
  assert.equal(withParticle('행정안전부', '을'), '행정안전부를');
  assert.equal(withParticle('과학기술정보통신부', '은'), '과학기술정보통신부는');
  assert.equal(withParticle('국방부 본청', '이'), '국방부 본청이');
  assert.equal(withParticle("'규정'", '과'), "'규정'과");
  assert.equal(withParticle('존댓말(하십시오체)', '으로'), '존댓말(하십시오체)로');
  assert.equal(finalSound('회의록 '), 'consonant');
});

test('when the final sound cannot be told, both forms are shown', () => {
  assert.equal(particleFor('openai', '이'), '이(가)');
  assert.equal(particleFor('k_abc', '을'), '을(를)');
  assert.equal(particleFor('Python', '으로'), '(으)로');
  assert.equal(particleFor('', '과'), '과(와)');
  assert.equal(finalSound('v2-beta'), undefined);
});

test('format picks the particle after a slot, whichever form the template wrote', () => {
  assert.equal(format('버전 {version}과 일치합니다', { version: 2 }), '버전 2와 일치합니다');
  assert.equal(format('버전 {version}와 일치합니다', { version: 1 }), '버전 1과 일치합니다');
  assert.equal(format('포트 {port}은(는) 이미 사용 중입니다', { port: 8080 }), '포트 8080은 이미 사용 중입니다');
  assert.equal(format('스키마 버전 {found}이(가) 새롭습니다', { found: 12 }), '스키마 버전 12가 새롭습니다');
  assert.equal(format("기관 '{name}'을(를) 만들었습니다", { name: '행정안전부' }), "기관 '행정안전부'를 만들었습니다");
  assert.equal(format('{style}(으)로 작성하세요', { style: '개조식' }), '개조식으로 작성하세요');
  assert.equal(format('모델 서버 {provider}가 거부했습니다', { provider: 'openai' }), '모델 서버 openai이(가) 거부했습니다');
});

test('format leaves text that is not a particle alone', () => {
  assert.equal(format('{count}개', { count: 3 }), '3개');
  assert.equal(format('{count}건, {n}가지', { count: 2, n: 4 }), '2건, 4가지');
  assert.equal(format('{n}이상', { n: 2 }), '2이상');
  // After a parenthesis the particle belongs to the word before it, which the slot does not know.
  assert.equal(format("기관 '{id}' ({name})을(를) 만들었습니다", { id: 'mois', name: '행정안전부' }), "기관 'mois' (행정안전부)을(를) 만들었습니다");
  assert.equal(format('{missing}과 {x}', { x: 1 }), '{missing}과 1');
  assert.equal(format('Matches version {version}', { version: 2 }), 'Matches version 2');
});
