import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { detectPii } from '../detect-pii.js';
import type { PiiType } from '../pii-types.js';

/** Each recognizer: values it must find (with the exact span) and look-alikes it must leave alone. */
const cases: Record<PiiType, { found: [text: string, value: string][]; notFound: string[] }> = {
  KR_RRN: {
    found: [['주민등록번호: 820904-1865709', '820904-1865709'], ['신청인 9710172224632입니다', '9710172224632'],
      ['(660712-2573988)', '660712-2573988'], ['2020년 이후 발급 050912-3000011', '050912-3000011'],
      // Groups split as pastes and evasion split them: spreadsheet cells, a wrapped line, a slash, dot or underscore.
      ['주민번호 900101\t1234567 입니다', '900101\t1234567'], ['주민번호 900101-\n1234567', '900101-\n1234567'],
      ['주민 900101\r\n1234567', '900101\r\n1234567'], ['900101/1234567', '900101/1234567'], ['870713.1234562', '870713.1234562'],
      ['870711_1234560', '870711_1234560'], ['900101--1234567', '900101--1234567'], ['주민번호 900101:1234567', '900101:1234567'],
      ['900101|1234567', '900101|1234567'], ['900101~1234567', '900101~1234567'], ['900101---1234567', '900101---1234567']],
    notFound: ['001332-1234567', '960303-0021413', '960121+1021413', '960111-10214131', '990230-1234567', '법인등록번호 110111-2345670',
      '등기번호 110111-2345670', '계약번호 231115-3847261'],
  },
  KR_FRN: {
    found: [['외국인등록번호 490924-5598326', '490924-5598326'], ['등록번호 9812116917473', '9812116917473']],
    notFound: ['051102-9234110', '000230-6214431'],
  },
  KR_BRN: {
    found: [['사업자등록번호 104-86-56659', '104-86-56659'], ['My BRN is 1048656659', '1048656659']],
    notFound: ['104-86-56658', '123-45-67890', 'ISBN 978-89-1234-567-8'],
  },
  KR_PASSPORT: {
    found: [['여권번호 M12345678', 'M12345678'], ['여권번호는 M789C1234입니다', 'M789C1234'], ['여권 G42602900', 'G42602900'],
      ['Passport No. M12345678', 'M12345678'], ['여권 No: M48213077', 'M48213077'],
      // Beside the word only: Korea's oldest format, other countries', digits spaced in fours.
      ['구여권(JR1234567)은 재발급', 'JR1234567'], ['외국인 여권번호 E12345678 (중국)', 'E12345678'], ['여권(M 7061 5932) 사본', 'M 7061 5932']],
    notFound: ['A123B4567', 'M1234567', 'MM123A4567', 'M123-A4567', '주문번호 JR1234567', '제품 E12345678'],
  },
  KR_DRIVER_LICENSE: {
    found: [['운전면허번호 11-12-345678-90', '11-12-345678-90'], ['면허 서울 21-123456-78', '서울 21-123456-78'],
      ['28 22 123456 12', '28 22 123456 12']],
    notFound: ['99-22-123456-12', '11-22-12345-12', '111-22-123456-12'],
  },
  PHONE: {
    found: [['휴대폰 010-1234-5678로 연락', '010-1234-5678'], ['전화 02-123-4567', '02-123-4567'], ['전화 010\t9876\t5432', '010\t9876\t5432'],
      ['연락처 010_9876_5432', '010_9876_5432'],
      ['연락처 031.555.1234', '031.555.1234'], ['+82-10-2504-2626', '+82-10-2504-2626'], ['010 6905 2333', '010 6905 2333'],
      ['070-1234-5678', '070-1234-5678'], ['01056653431로', '01056653431'], ['전화 (02) 2100-3000', '(02) 2100-3000'],
      ['문의 (044)205-1234', '(044)205-1234'], ['팩스 031)8008-2114', '031)8008-2114'], ['안심번호 0504-1234-5678', '0504-1234-5678']],
    notFound: ['일련번호 2982-8457', '제2023-0812호', '예산 0312345678원'],
  },
  EMAIL: {
    found: [['메일: hong.gildong@korea.kr로 회신', 'hong.gildong@korea.kr'], ['문의: 홍길동@korea.kr', '홍길동@korea.kr'],
      // @ and dots spelled out to slip past a filter.
      ['메일 hong.gildong [at] naver [dot] com 으로 보내주세요', 'hong.gildong [at] naver [dot] com'],
      ['이메일은 minsu골뱅이gmail.com 입니다', 'minsu골뱅이gmail.com'], ['kim (at) korea (dot) kr', 'kim (at) korea (dot) kr'],
      ['lee 앳 naver 닷 com 으로', 'lee 앳 naver 닷 com'], ['choi(at)naver닷컴 으로', 'choi(at)naver닷컴'], ['park{AT}daum.net', 'park{AT}daum.net']],
    notFound: ['@korea.kr', 'user@localhost', '이메일의 [at] 표시를 @로 바꾸세요', 'see you (at) noon', '골뱅이 무침 맛집', '앳된 얼굴',
      'user [at] localhost', 'a [at] b 비교'],
  },
  CREDIT_CARD: {
    found: [['카드번호 9150 0080 6360 8378', '9150 0080 6360 8378'], ['결제카드 4190842185946859', '4190842185946859'],
      ['5189-9913-3036-1488', '5189-9913-3036-1488'], ['카드 5189\n9913\n3036\n1488', '5189\n9913\n3036\n1488']],
    notFound: ['4190842185946858', '1234-5678-9012-3456'],
  },
  BANK_ACCOUNT: {
    found: [['환급계좌: 신한은행 830-388368-59574', '830-388368-59574'], ['입금계좌 농협 484847-26-151858', '484847-26-151858'],
      ['국민은행 687-1698-9960-57', '687-1698-9960-57'], ['입금은 iM뱅크 504-10-123456-7', '504-10-123456-7'], ['새마을금고 9002-1234-5678-9', '9002-1234-5678-9'],
      ['환불 계좌 110-432-897654(신한은행)', '110-432-897654'], ['110-432-897654 신한은행', '110-432-897654']],
    notFound: ['830-388368-59574', '부산 051-123-4567', '2023-12-01 회의', '사업 기간 2023-12-1'],
  },
  KR_VEHICLE_PLATE: {
    found: [['차량번호 12가3456', '12가3456'], ['123가 4567 차량', '123가 4567'], ['서울12가3456', '서울12가3456']],
    notFound: ['1조 9,074억원', '12조 3456억원', '제12조 3456', '12각3456'],
  },
  IP_ADDRESS: {
    found: [['접속 IP 192.168.0.1', '192.168.0.1'], ['서버 2001:db8::8a2e:370:7334 접속', '2001:db8::8a2e:370:7334'],
      ['fe80::1', 'fe80::1']],
    notFound: ['버전 5.0.2.2', '256.1.1.1', '1.2.3.4.5', '10:30:45'],
  },
  KR_ADDRESS: {
    found: [['주소: 서울특별시 종로구 세종대로 209', '서울특별시 종로구 세종대로 209'],
      ['경기도 성남시 분당구 판교역로 235번길 10', '경기도 성남시 분당구 판교역로 235번길 10'],
      ['서울 종로구 청운동 123-45', '서울 종로구 청운동 123-45'], ['거주지 세종특별자치시 한누리대로 2130', '세종특별자치시 한누리대로 2130'],
      ['주소: 서울특별시 중구 을지로3가 123-4', '서울특별시 중구 을지로3가 123-4'], ['대구광역시 달서구 달구벌대로 2450, 3층 301호로', '대구광역시 달서구 달구벌대로 2450, 3층 301호'],
      ['서울특별시 송파구 올림픽로 300, 롯데월드타워 101동 2003호', '서울특별시 송파구 올림픽로 300, 롯데월드타워 101동 2003호'],
      ['서울 관악구 신림동 산 12-3', '서울 관악구 신림동 산 12-3']],
    notFound: ['이 서비스로 12개 기관이', '대한민국 정부로 3', '문화동 123'],
  },
  PERSON: {
    found: [['성명: 홍길동', '홍길동'], ['담당자 김민수 주무관', '김민수'], ['박서준 과장이 보고했다', '박서준'],
      ['배우 조승우(35)씨의', '조승우'], ['최근 예지 씨는', '예지'], ['제임스 맥어보이에게 빠졌다', '제임스 맥어보이'],
      ['남궁민수 씨', '남궁민수'], ['김영희가 발표했다', '김영희'], ['투수 윤성환(34)이 나섰다', '윤성환'],
      ['기정이가 웃었다', '기정'], ['혜교씨 시사회', '혜교'], ['조지 W. 부시 대통령', '조지 W. 부시'], ['소피마르소의 연기', '소피마르소'],
      ['이창호 9단이 이겼다', '이창호'], ['케일라 진 뮬러의 이름', '케일라 진 뮬러']],
    notFound: ['시스템을 정의한다', '가능성이 높아져', '맞춤형 교육', '지능형 클라우드', '엠비씨에서', '울주군 상북면', '하지만 이번에는',
      '크리스마스에는', '제국주의 시대', '총 3천여명이 참가', '클라우드 인프라 시장', '환자(35)가 입원', '고양이가 울었다', '명단에 호반장이',
      '안나오네요', '소규모 기업', '이미지를 생성', '이모지를 넣어 주세요', '메시지에 이모지 사용을 자제'],
  },
};

/** The PERSON spans found in `text`, as text. */
const found = (text: string) => detectPii(text, { includeText: true, types: ['PERSON'] }).entities.map((entity) => entity.text ?? '');

describe('recognizers', () => {
  for (const [type, { found, notFound }] of Object.entries(cases) as [PiiType, (typeof cases)[PiiType]][]) {
    test(`${type}: finds validated values with their spans`, () => {
      for (const [text, value] of found) {
        const entities = detectPii(text, { includeText: true }).entities.filter((entity) => entity.type === type);
        assert.deepEqual(entities.map((entity) => entity.text), [value], text);
        assert.equal(entities[0]!.start, text.indexOf(value), text);
      }
    });
    test(`${type}: leaves look-alikes alone`, () => {
      for (const text of notFound) {
        const entities = detectPii(text).entities.filter((entity) => entity.type === type);
        assert.deepEqual(entities, [], text);
      }
    });
  }

  test('a failed RRN checksum lowers the score but does not reject (numbers issued since October 2020)', () => {
    const valid = detectPii('820904-1865709').entities[0]!;
    const unchecked = detectPii('820904-1865700').entities[0]!;
    assert.equal(unchecked.type, 'KR_RRN');
    assert.ok(unchecked.score < valid.score || valid.score === unchecked.score);
    assert.ok(detectPii('960121-1234567').entities[0]!.score < detectPii('960121-1021413').entities[0]!.score);
  });

  test('PERSON: a name beside an age in brackets, a real name after 본명, and names listed with a found one', () => {
    assert.deepEqual(found('아이유(22·이지은)에게'), ['아이유', '이지은']);
    assert.deepEqual(found('가수 싸이(본명 박재상·35)의 노래'), ['싸이', '박재상']);
    assert.deepEqual(found('배우 정우식과 조우리가 출연했다'), ['정우식', '조우리']);
  });

  test('PERSON: frequent given names whose last syllable also ends words, and their look-alikes', () => {
    assert.deepEqual(found('박민서가 발표했다'), ['박민서']);
    assert.deepEqual(found('정현구는 말했다'), ['정현구']);
    assert.deepEqual(found('한혜리의 그림'), ['한혜리']);
    assert.deepEqual(found('오태식이 웃었다'), ['오태식']);
    assert.deepEqual(found('조귀순 과장이 보고했다'), ['조귀순']);
    // Words made of a surname syllable and a noun, or verb forms, that end like a listed given name.
    for (const text of ['동아리 활동을 했다', '안정화를 위해', '유지한 채로', '부재중 전화가 왔다', '운영자가 공지했다', '도봉구에서 열린',
      '전성기를 맞아', '표준형을 따른다', '감소라는 결과', '반지하에 살았다', '고민하는 사람', '현지화를 추진', '이동식 화장실', '음성용 모델',
      '선진형 모델', '표현하는 방법', '시나리오를 쓴다', '신형기를 샀다']) {
      assert.deepEqual(found(text), [], text);
    }
  });

  test('PERSON: given names in -은 after an open syllable, names before the copula, and form nouns after a label', () => {
    assert.deepEqual(found('김하은 주무관이 확인했습니다'), ['김하은']);
    assert.deepEqual(found('이지은 님께 연락드립니다'), ['이지은']);
    assert.deepEqual(found('참석자: 김민수, 이서연, 박지훈, 정다은'), ['김민수', '이서연', '박지훈', '정다은']);
    assert.deepEqual(found('민원인: 박순자입니다.'), ['박순자']);
    assert.deepEqual(found('제 이름은 표재훈입니다.'), ['표재훈']);
    // A label followed by a title or a form's noun, not a name (a review of government replies and forms).
    for (const text of ['신청인 주소를 변경하였으므로 회신합니다', '담당 주무관이 확인 후 연락드립니다', '담당자 연락처는 아래와 같습니다',
      '예금주 성명과 신청인 성명이 다릅니다', '작성자 서명란에 날인', '정부입니다', '최우선입니다', '수은 중독']) {
      assert.deepEqual(found(text), [], text);
    }
  });

  test('PERSON: whose performance or work a review speaks of (X의 연기, X의 작품), foreign names in two words included', () => {
    assert.deepEqual(found('역시 짐캐리의 작품은 다르다'), ['짐캐리']);
    assert.deepEqual(found('이번에는 케이트 블란쳇의 연기가 압권'), ['케이트 블란쳇']);
    assert.deepEqual(found('시규어 로스의 음악 같은 영화'), ['시규어 로스']);
    for (const text of ['배우의 연기가 좋았다', '주인공들의 연기', '감동의 연기였다', '추억의 음악', '최고의 작품', '올해의 앨범', '적절한 연기',
      '우려의 목소리가 크다', '감독의 작품', '추억의 영화', '그녀의 노래']) {
      assert.deepEqual(found(text), [], text);
    }
  });

  test('PERSON: a bare name-shaped word before a clause noun or a negation is a verb form, not a name', () => {
    for (const text of ['그가 주범일 가능성이 크다', '문제일 뿐이다', '이유일 때가 많다', '원인일 경우에는', '꿈을 이루지 못했다',
      '관심을 가지지 않는다', '그는 한동안 말이 없었다', '배나온 중년']) {
      assert.deepEqual(found(text), [], text);
    }
    // A name with a particle, or before any other word, is still found.
    assert.deepEqual(found('김영희가 할 수 있다'), ['김영희']);
    assert.deepEqual(found('김영희 교수가 말했다'), ['김영희']);
  });

  test('PERSON: a word right before 감독 is a director\'s name, foreign ones included, unless it names a field or supervision', () => {
    assert.deepEqual(found('코엔감독 매력적인 영화를 만들었다'), ['코엔']);
    assert.deepEqual(found('이안감독의 최고작'), ['이안']);
    assert.deepEqual(found('우베볼 감독 영화보다 못한'), ['우베볼']);
    assert.deepEqual(found('장피에르주네 감독의 느낌이 물씬'), ['장피에르주네']);
    assert.deepEqual(found('박찬욱 감독님 신작'), ['박찬욱']);
    for (const text of ['금융감독 당국의 적절한 감독이 필요하다', '관리 감독 체계를 갖춘다', '영화 감독 지망생', '대학을 감독하는 기관',
      '명작의 감독은 누구인가', '결과 감독을 강화한다', '촬영감독과 미술감독', '모니터링하는 감독 기능', '국제 감독 협력', '이번 감독은 다르다',
      '어떤 감독이 좋을까', '유명 감독의 신작', '다른 감독들과 달리']) {
      assert.deepEqual(found(text), [], text);
    }
  });

  test('PERSON: a frequent Japanese family name with a given name in Japanese spelling, or before a title', () => {
    assert.deepEqual(found('무라카미 하루키의 소설을 읽었다'), ['무라카미 하루키']);
    assert.deepEqual(found('다케우치유코 점점 더 기대하게 된다'), ['다케우치유코']);
    assert.deepEqual(found('마츠모토 히로시가 나온 드라마'), ['마츠모토 히로시']);
    assert.deepEqual(found('아베 총리가 사의를 밝혔다'), ['아베']);
    for (const text of ['다나카 감독관실 회의', '선생님이시다 그러나', '아베 노믹스 정책', '야마다 전기 매장', '사토 자동차 부품']) {
      assert.ok(!found(text).some((name) => name.includes(' ')), `${text}: ${found(text).join()}`);
    }
  });

  test('PERSON: a party of a contract or register (소유자, 임대인) names a person, two-syllable surnames included', () => {
    assert.deepEqual(found('주차 등록 차량 (소유자 남궁민, 010-7777-8888)'), ['남궁민']);
    assert.deepEqual(found('임대인 황보영수 (560817-1345672), 주소: 광주광역시'), ['황보영수']);
    assert.deepEqual(found('임차인 선우진 연락처'), ['선우진']);
    assert.deepEqual(found('신청인 제갈민 주소'), ['제갈민']);
    assert.deepEqual(found('민원인 독고준, 연락처'), ['독고준']);
    assert.deepEqual(found('소유자 김민수, 임대인 박영희'), ['김민수', '박영희']);
    // A form's noun or an ordinary word after the label, a double surname before a particle or a place's ending.
    for (const text of ['관리 소유자 변경', '소유자 확인 후 처리', '임대인 동의서 제출', '임차인 보호 조치', '세대주 변경 신고',
      '계약자 명의 변경', '채무자 회생 절차', '임대인 서문을 참고', '소유자 동방로 소재']) {
      assert.deepEqual(found(text), [], text);
    }
  });

  test('PERSON: a surname and one given syllable between a label and a title only people hold', () => {
    assert.deepEqual(found('담당 허준 사무관 휴가 중, 대리 결재자 지정 필요'), ['허준']);
    assert.deepEqual(found('작성자: 김준 과장'), ['김준']);
    // Two-syllable words before a title: fields, qualifiers, form nouns; and a short name with no label before it.
    for (const text of ['담당 부서 사무관', '담당 조달 사무관', '담당 민원 주무관에게', '담당 신임 과장', '담당 정책 과장', '담당 소방 경위',
      '담당 연금 팀장', '담당 김모 과장', '신임 과장 발령', '정책 과장 회의', '허준 사무관은', '담당 이사 선임']) {
      assert.deepEqual(found(text), [], text);
    }
  });

  test('PERSON: a foreign resident\'s name in Hangul between a foreigner\'s role or a label and a foreigner\'s identifier', () => {
    assert.deepEqual(found('외국인 근로자 응웬반안(외국인등록번호 850101-5123465)의 체류기간 연장'), ['응웬반안']);
    assert.deepEqual(found('등록외국인 왕리리 외국인등록번호 9503036125683 거소 이전 신고'), ['왕리리']);
    assert.deepEqual(found('신청인 쩐티흐엉(여권번호 C1234567)'), ['쩐티흐엉']);
    for (const text of ['외국인 근로자의 외국인등록번호 확인', '등록외국인 명단 외국인등록번호', '외국인 본인 외국인등록증 지참',
      '외국인 유학생 전체 여권번호 제출']) {
      assert.deepEqual(found(text), [], text);
    }
  });

  test('PERSON: a romanised name in capitals after a name\'s label, Korean or English', () => {
    assert.deepEqual(found('여권번호 M12345678, 영문성명 HONG GILDONG, 만료일 2029.08.14.'), ['HONG GILDONG']);
    assert.deepEqual(found('성명 HONG GILDONG'), ['HONG GILDONG']);
    assert.deepEqual(found('영문 이름: KIM MIN-SU'), ['KIM MIN-SU']);
    assert.deepEqual(found('Name: PARK, JISUNG'), ['PARK, JISUNG']);
    assert.deepEqual(found('영문명 HONG Gildong'), ['HONG Gildong']);
    for (const text of ['이름 ID PW 입력', '성명 OO OOO', '성명 XXX XXXX', 'Name: TBD', '영문 이름 AI 모델', '담당 AI TF 팀', 'file name: README']) {
      assert.deepEqual(found(text), [], text);
    }
  });

  test('PERSON: a Western given name before a title stands alone; a form noun after it is no family name', () => {
    assert.deepEqual(found('외국인등록번호 781120-5144784 소지자 마이클 존슨 씨 주소 변경 신고'), ['마이클 존슨']);
    assert.deepEqual(found('제니퍼 씨가 왔다'), ['제니퍼']);
    assert.deepEqual(found('보리스 존슨 총리'), ['존슨']);
  });

  test('PERSON: a name spaced out syllable by syllable after a label', () => {
    assert.deepEqual(found('신청인 김 철 수 (서명)'), ['김 철 수']);
    assert.deepEqual(found('담당자 이 영 희 주무관에게 문의'), ['이 영 희']);
    assert.deepEqual(found('성명 박 민준'), ['박 민준']);
    for (const text of ['담당 이 부서', '신청인 이 신청서를', '성명 김 씨', '담당 이 과장', '담당자 이 외 3명', '담당 주 업무']) {
      assert.deepEqual(found(text), [], text);
    }
  });

  test('EMAIL: an address in its normal form is found as before, once, beside a spelled-out one', () => {
    const text = '메일: hong.gildong@korea.kr 또는 hong [at] naver [dot] com';
    const entities = detectPii(text, { includeText: true }).entities;
    assert.deepEqual(entities.map((entity) => [entity.text, entity.score]), [['hong.gildong@korea.kr', 0.95], ['hong [at] naver [dot] com', 0.85]]);
  });

  test('a context word raises the score', () => {
    const bare = detectPii('M12345678').entities[0]!;
    const labelled = detectPii('여권번호 M12345678').entities[0]!;
    assert.ok(labelled.score > bare.score);
  });
});
