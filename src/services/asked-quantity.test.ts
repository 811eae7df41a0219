import assert from 'node:assert/strict';
import { test } from 'node:test';
import { askedQuantity } from './asked-quantity.js';

test('a "몇 <counter>" question asks for a number with that counter', () => {
  const people = askedQuantity('감원한 인원은 통계상 몇 명으로 집계됐나요?')!;
  assert.ok(people.test('목표 인구 50만 명'));
  assert.ok(people.test('참여 인원 1,200명'));
  assert.ok(!people.test('생성형 AI는 일자리에 영향을 준다'));
  assert.ok(!people.test('투자 규모 300억 원'));
  // A share of the staff answers how many must come (비상 2단계: 전 직원 1/3); a quorum does not.
  const called = askedQuantity('태풍경보 때 비상소집 몇명 나와야돼?')!;
  assert.ok(called.test('| 비상 2단계 | 호우·태풍 경보 | 전 직원 1/3 |'));
  assert.ok(called.test('소속 직원의 3분의 1 이상'));
  assert.ok(!called.test('시민제안심사위원회(외부위원 과반수) 심사'));
  // An age asked in 살 is answered in 세.
  assert.ok(askedQuantity('청년농 영농정착 지원금 몇살까지 신청가능?')!.test('만 18세 이상 만 40세 미만'));
  const tokens = askedQuantity('CPU만으로 돌리면 초당 몇 토큰 정도 생성되나요?')!;
  assert.ok(tokens.test('초당 20토큰'));
  assert.ok(!tokens.test('LLaMA-70B는 136GB의 메모리가 필요함'));
  const share = askedQuantity('경제성장률 예상치는 몇 %였나요?')!;
  assert.ok(share.test('선진국 1.1%'));
  assert.ok(share.test('59.2 퍼센트'));
  const memory = askedQuantity('VRAM은 몇 GB야?')!;
  assert.ok(memory.test('VRAM 80GB'));
  assert.ok(!memory.test('80대'));
});

test('loose counters, 몇십/몇백, 몇몇 and questions without 몇', () => {
  const parameters = askedQuantity('PaLM은 파라미터가 몇 개이고 학습 토큰은 얼마나 돼?')!;
  assert.ok(parameters.test('PaLM 540B'));
  assert.ok(askedQuantity('몇백 명이 참석했어?')!.test('약 300명'));
  assert.equal(askedQuantity('몇몇 기관은 어디야?'), undefined);
  assert.equal(askedQuantity('클라우드 비중은 얼마나 돼?'), undefined);
  assert.equal(askedQuantity('출장 승인은 언제까지 받아야 하나요?'), undefined);
});

test('며칠 (how many days) asks for a count of days, however it is written', () => {
  for (const question of ['민원은 며칠 이내에 처리해야 하나요?', '처리 기간이 며칠이나 걸려요?', '며칠 걸려요?']) {
    const days = askedQuantity(question)!;
    assert.ok(days, question);
    assert.ok(days.test('민원은 접수한 날부터 7일 안에 처리한다.'), question);
    assert.ok(days.test('처리 기간은 14 영업일이다.'), question);
    assert.ok(days.test('신청일부터 약 8근무일이 걸립니다.'), question);
    assert.ok(!days.test('WEF는 2025년까지 75%가 도입할 것으로 본다.'), question);
  }
});

test('the price of something is an amount of money (or 무료); 얼마 동안 is a period', () => {
  for (const question of ['그럼 과태료는 얼마예요?', 'AI 상담원 확대에 예산이 얼마나 드나요?', '공공데이터 이용료는 얼마인가요?']) {
    const amount = askedQuantity(question)!;
    assert.ok(amount, question);
    assert.ok(amount.test('이번 확대에는 총사업비 120억 원이 투입된다.'), question);
    assert.ok(amount.test('예산 1조 9,074억원'), question);
    assert.ok(amount.test('이용은 무료를 원칙으로 한다.'), question);
    assert.ok(!amount.test('이사한 날부터 14일 이내에 전입신고를 하여야 하며, 기한을 넘기면 과태료가 부과될 수 있습니다.'), question);
  }
  assert.ok(askedQuantity('부정수급으로 환수되면 지원금을 얼마 동안 못 받나요?')!.test('3년간 지원을 제한한다'));
  assert.ok(askedQuantity('처리율이 얼마였어요?')!.test('96.2%'));
});

test('몇 프로 is a share (10%, 10퍼센트, 100분의 10); 몇 시 is a time of day (9시, 07:10), not a number of hours', () => {
  const share = askedQuantity('계약보증금 몇 프로 내야 돼요?')!;
  for (const sentence of ['계약금액의 100분의 10 이상을 계약보증금으로 내야 한다.', '보증금은 10%이다.', '10퍼센트를 낸다.']) assert.ok(share.test(sentence), sentence);
  assert.ok(!share.test('계약보증금은 계약 체결 전에 낸다.'));
  const time = askedQuantity('출근 버스 몇 시에 떠요?')!;
  assert.ok(time.test('출근 버스는 매일 07:10에 출발합니다.'));
  assert.ok(time.test('오전 9시에 출발한다.'));
  assert.ok(!time.test('버스로 2시간 걸린다.'));
});
