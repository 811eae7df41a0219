import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { detectPii } from '../detect-pii.js';

/** Session 26: an auditor's 200 lines of ordinary government text (false positives) and the forms beside them. */
const found = (text: string, type = 'PERSON') =>
  detectPii(text, { includeText: true }).entities.filter((entity) => entity.type === type).map((entity) => entity.text ?? '');

describe('PII precision on ordinary government text', () => {
  test('PERSON: three-syllable nouns ending in a noun suffix (犯 民 案 集 院 壁, -매매) are no bare names', () => {
    for (const text of ['산불 방화범 검거 포상금 기준', '이주민 지원 사업', '예산안 원안 의결', '우수 사례집 발간', '감사원 처분요구서',
      '방화벽 정책 확인', '성매매 피해자 지원', '도시민 설문 결과', '심의안 검토']) assert.deepEqual(found(text), [], text);
    // Look-alikes: names whose given name is a frequent one ending in those syllables, and any with evidence.
    assert.deepEqual(found('오죽하면 박재범 팬들도'), ['박재범']);
    assert.deepEqual(found('어제 김지민 봤어'), ['김지민']);
    assert.deepEqual(found('이지원 학생이 발표'), ['이지원']);
    assert.deepEqual(found('담당자 손흥민 주무관'), ['손흥민']);
    assert.deepEqual(found('민원인 이주민 씨'), ['이주민']);
  });

  test('PERSON: the days, places, shares and rates of agency notices are no bare names (session 30)', () => {
    for (const text of ['공휴일에는 운영하지 않습니다', '지급 예정일 안내', '근무지 변경 신청', '목요일 저녁에도 되나요', '공모전 언제까지 내요',
      '전월분 임금 지급', '최종본 제출', '여름철 전력 수요', '감면율 적용', '학부모 상담', '지하철 노선', '강아지 데리고 가도 되나요',
      '서면평가 결과', '운영반 편성']) assert.deepEqual(found(text), [], text);
    // Look-alikes: names that end in those syllables, bare, from the dev and reviewers' sets.
    assert.deepEqual(found('정성일 선배이기 때문에'), ['정성일']);
    assert.deepEqual(found('완전 병맛 고경표 대박'), ['고경표']);
    assert.deepEqual(found('오늘 회의에 이재민도 참석했다'), ['이재민']);
  });

  test('PERSON: 팀, 짐 and 존 are everyday words first; only a listed family name after them makes a name (session 31)', () => {
    for (const text of ['우리 팀 회의는 3시입니다', '기획 팀 전원 참석', '팀 단위로 제출해 주세요', '팀 프로젝트 일정', '짐 정리를 부탁합니다',
      '짐 많은 분은 엘리베이터를 이용하세요', '키즈 존 운영 시간']) assert.deepEqual(found(text), [], text);
    // Look-alikes: the dev set's 짐 캐리, and famous holders of these names.
    assert.deepEqual(found('짐 캐리의 영화'), ['짐 캐리']);
    assert.deepEqual(found('팀 쿡 애플 CEO가 방한했다'), ['팀 쿡']);
    assert.deepEqual(found('존 레논을 좋아한다'), ['존 레논']);
    assert.deepEqual(found('존 F. 케네디 공항'), ['존 F. 케네디']);
  });

  test('PERSON: after a name label, a surname and one syllable that make an ordinary word are no name (session 31)', () => {
    for (const text of ['민원 담당자 지원', '민원 담당자 승진 가산점 있어요?']) assert.deepEqual(found(text), [], text);
    // Look-alikes: two-syllable names after the same label.
    assert.deepEqual(found('담당자 허준'), ['허준']);
    assert.deepEqual(found('담당자 지성'), ['지성']);
  });

  test('PERSON: a village (-마을), and a year or -라도 after a word, end no name (session 31)', () => {
    for (const text of ['서하마을 경로당', '대상: 신청연도 기준 만 18세 이상', '다만, 비공개 정보라도 비공개 부분과 공개 부분을 나눌 수 있다']) {
      assert.deepEqual(found(text), [], text);
    }
    // Look-alikes: names ending in 연 or 라, with 도 after them.
    assert.deepEqual(found('김서연도 왔다'), ['김서연']);
    assert.deepEqual(found('김보라도 왔다'), ['김보라']);
  });

  test('PERSON: a word and a syllable that makes nouns of it, before a title, is no name (session 31)', () => {
    assert.deepEqual(found('7. 11.(금)까지 부서별 이사 순서 확정 및 통보'), []);
    // Look-alikes: a name ending in 별 or 세 before a title.
    assert.deepEqual(found('박종대 씨가 왔다'), ['박종대']);
    assert.deepEqual(found('홍한별 주무관에게 제출'), ['홍한별']);
  });

  test('PERSON: a word after a district ending in 동 or 리, and a category before a count, are no names', () => {
    assert.deepEqual(found('서울특별시 종로구 사직동·교남동 주민센터'), []);
    assert.deepEqual(found('안산시 단원구 원시동 소재'), []);
    assert.deepEqual(found('사망 4명, 실종 2명, 이재민 1,203명.'), []);
    // Look-alikes: 홍길동 with no district before it, a name before a phone number.
    assert.deepEqual(found('작성자 홍길동 주무관'), ['홍길동']);
    assert.deepEqual(found('성명: 이재민 010-1234-5678'), ['이재민']);
  });

  test('PERSON: a name never ends inside a longer word', () => {
    assert.deepEqual(found('공영주차장 요금이 비싸요'), []);
    assert.deepEqual(found('길고양이 급식소 때문에'), []);
    assert.deepEqual(found('고용허가 근로자 명단'), []);
    assert.deepEqual(found('장기휴가 보장제도'), []);
    // Look-alikes: a name with 이 or 가 glued on, a name glued to a title.
    assert.deepEqual(found('이정진이 왜 출연했는지'), ['이정진']);
    assert.deepEqual(found('김철수가 제출했다'), ['김철수']);
    assert.deepEqual(found('김철수과장이 보고했다'), ['김철수']);
  });

  test('PERSON: self-introductions with 이라고, 인데요, 이에요, 이고요', () => {
    assert.deepEqual(found('안녕하세요, 박지은이라고 합니다.'), ['박지은']);
    assert.deepEqual(found('저 정수진인데요, 감사합니다'), ['정수진']);
    assert.deepEqual(found('저는 김민수이에요.'), ['김민수']);
    assert.deepEqual(found('박지은입니다.'), ['박지은']);
    // Look-alikes: ordinary nouns before the same endings.
    assert.deepEqual(found('이것은 정책이라고 합니다'), []);
    assert.deepEqual(found('소규모인데요 괜찮나요'), []);
  });

  test('Agency contact points and placeholders are no personal data', () => {
    assert.deepEqual(found('대변인실 대표번호 02-2100-3000으로 문의', 'PHONE'), []);
    assert.deepEqual(found('정부세종청사 (대표 044-200-7000)', 'PHONE'), []);
    assert.deepEqual(found('대표전화: 02-123-4567, 대표전화 (02) 2100-3000', 'PHONE'), []);
    assert.deepEqual(found('이메일 문의는 대표 메일 help@mois.go.kr 로만 받습니다.', 'EMAIL'), []);
    assert.deepEqual(found('예시 번호 010-0000-0000 은 서식 안내용', 'PHONE'), []);
    // Look-alikes: a representative's own number, a mobile after 대표, a vice-head, an ordinary number and address.
    assert.deepEqual(found('대표자 연락처 010-2345-6789', 'PHONE'), ['010-2345-6789']);
    assert.deepEqual(found('대표 010-2345-6789', 'PHONE'), ['010-2345-6789']);
    assert.deepEqual(found('부대표 02-2100-3001', 'PHONE'), ['02-2100-3001']);
    assert.deepEqual(found('담당자 전화 010-1000-0000', 'PHONE'), ['010-1000-0000']);
    assert.deepEqual(found('대표자 메일 hong@naver.com', 'EMAIL'), ['hong@naver.com']);
    assert.deepEqual(found('문의 help@mois.go.kr', 'EMAIL'), ['help@mois.go.kr']);
  });

  test('PERSON: Latin names in title case after English context words', () => {
    assert.deepEqual(found('Please call Mr. John Smith tomorrow.'), ['John Smith']);
    assert.deepEqual(found('Dr. Lee will attend.'), ['Lee']);
    assert.deepEqual(found('Name: Jane Doe'), ['Jane Doe']);
    assert.deepEqual(found('Applicant: Maria Garcia, passport attached'), ['Maria Garcia']);
    assert.deepEqual(found('Contact John Smith at john.smith@unicef.org for details.'), ['John Smith']);
    // Look-alikes: notices and things that are named.
    assert.deepEqual(found('Contact Us for more information.'), []);
    assert.deepEqual(found('Contact Center hours: 9 to 6'), []);
    assert.deepEqual(found('File Name: Annual Report'), []);
    assert.deepEqual(found('Ms Word document'), []);
    assert.deepEqual(found('Dr. Smith. 2024.'), ['Smith']);
    assert.deepEqual(found('United Nations Public Service Awards 2024'), []);
  });

  test('대표 exemption: only a landline or a service number right after the label, never a mobile or one with a personal cue', () => {
    for (const text of ['대변인실 대표번호 02-2100-3000', '(대표 044-200-7000)', '대표번호 1588-1234']) assert.deepEqual(found(text, 'PHONE'), [], text);
    assert.deepEqual(found('대표번호 010-2345-6789로 연락 주세요', 'PHONE'), ['010-2345-6789']);
    assert.deepEqual(found('대표전화: 010-9876-5432', 'PHONE'), ['010-9876-5432']);
    assert.deepEqual(found('대표번호 ０１０-２２２２-３４５６ 으로 주세요', 'PHONE'), ['０１０-２２２２-３４５６']);
    assert.deepEqual(found('대표 연락처 010-7777-1234', 'PHONE'), ['010-7777-1234']);
    assert.deepEqual(found('대표번호 +82-10-1234-5678', 'PHONE'), ['+82-10-1234-5678']);
    assert.deepEqual(found('대표번호 공일공 일이삼사 오육칠팔', 'PHONE'), ['공일공 일이삼사 오육칠팔']);
    assert.deepEqual(found('대표 02-987-6543 (제 집 전화입니다)', 'PHONE'), ['02-987-6543']);
    assert.deepEqual(found('제 대표번호 02-123-4567', 'PHONE'), ['02-123-4567']);
    assert.deepEqual(found('대표번호 02-123-4567 김영수', 'PHONE'), ['02-123-4567']);
    // A list: each number alone; a cue of the next item is not this one's.
    assert.deepEqual(found('대표번호 010-1234-5678, 02-2100-3000', 'PHONE'), ['010-1234-5678', '02-2100-3000']);
    assert.deepEqual(found('대표전화 02-2100-1234 / 팀장 직통 010-3456-7890', 'PHONE'), ['010-3456-7890']);
  });

  test('대표 메일: only a role address or a public body\'s is exempt', () => {
    assert.deepEqual(found('대표 메일 help@mois.go.kr', 'EMAIL'), []);
    assert.deepEqual(found('대표 메일: webmaster@seoul.kr', 'EMAIL'), []);
    assert.deepEqual(found('대표 메일: kimminsu1987@naver.com', 'EMAIL'), ['kimminsu1987@naver.com']);
    assert.deepEqual(found('대표 메일 hong.gildong@gmail.com (제 개인 메일입니다)', 'EMAIL'), ['hong.gildong@gmail.com']);
    assert.deepEqual(found('대표 메일 info@korea.kr, kimminsu@naver.com', 'EMAIL'), ['kimminsu@naver.com']);
    assert.deepEqual(found('대표 메일 kimminsu1987@mois.go.kr', 'EMAIL'), ['kimminsu1987@mois.go.kr']);
  });

  test('PERSON: a count after a name drops it only when it is a statistic', () => {
    assert.deepEqual(found('출장자: 강동원 외 3명'), ['강동원']);
    assert.deepEqual(found('박민수 1명'), ['박민수']);
    assert.deepEqual(found('김지훈 2건'), ['김지훈']);
    assert.deepEqual(found('강동원, 이지은 2명'), ['강동원', '이지은']);
    assert.deepEqual(found('참석자: 김철수, 이영희, 박민수 3명'), ['김철수', '이영희', '박민수']);
    assert.deepEqual(found('이재민 1,203명이 대피소에 머물고 있다'), []);
    assert.deepEqual(found('이재민 12명'), []);
    assert.deepEqual(found('사망 4명, 실종 2명, 이재민 1,203명.'), []);
  });

  test('PERSON: the noun-suffix refusal holds for a bare word only', () => {
    assert.deepEqual(found('박상원이 보고'), ['박상원']);
    assert.deepEqual(found('송주원이 왔다'), ['송주원']);
    assert.deepEqual(found('김기범한테 물어봐'), ['김기범']);
    for (const text of ['감사원 감사 결과 보고', '이주민 지원 사업', '예산안 심의 일정', '감사원, 국정원 합동']) assert.deepEqual(found(text), [], text);
  });

  test('PERSON: neighbourhoods before 주민센터/재개발/주민 and 김모 are no names', () => {
    for (const text of ['사직동 주민센터 운영시간', '원시동 재개발', '정원동 주민', '김모 씨 관련 민원', '박모(45) 씨', '최모씨가 신고']) assert.deepEqual(found(text), [], text);
    assert.deepEqual(found('윤재동 010-1212-3434'), ['윤재동']);
  });

  test('PERSON: self-introductions with (이)라고 합니다 and a two-syllable surname before the copula', () => {
    assert.deepEqual(found('최유리라고 합니다, 잘 부탁드립니다'), ['최유리']);
    assert.deepEqual(found('김하나라고 합니다'), ['김하나']);
    assert.deepEqual(found('이서연이예요'), ['이서연']);
    assert.deepEqual(found('남궁민수입니다'), ['남궁민수']);
    assert.deepEqual(found('황보혜정이라고 합니다'), ['황보혜정']);
    assert.deepEqual(found('이것은 정책이라고 합니다'), []);
  });
});
