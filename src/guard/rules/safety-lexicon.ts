import type { GuardCategory, GuardVerdict } from '../guard-types.js';
import { asksForDiscrimination } from './discriminatory-requests.js';
import { LexiconGroup, LexiconScanner } from './lexicon-scanner.js';

/**
 * The report's taxonomy as lexicons, Korean and English, matched against `guardText(...).plain` (NFKC, lower case,
 * look-alikes folded). A harmful *topic* is not enough (a news comment may mention a bomb, a civil servant asks for
 * the bomb-disposal unit's number); a topic with a request, a plan or a wish to act in the same sentence is — unless
 * the sentence is about preventing, reporting or treating it (`protective`). Lexicon rules catch what the
 * classifier has not seen; the classifier catches what no lexicon lists.
 *
 * Speed: every lexicon matched against the whole text (topics, phrases, slurs, groups, profanity, the pattern rules)
 * is read in one pass of one `LexiconGroup`; the intent and protective patterns run only on the sentence around a
 * hit, so a 4 KB prompt without a topic costs one scan. Patterns are bounded (`{0,n}`, no nested quantifiers) so no
 * input can make them backtrack.
 */
export type SafetyLexiconMatch = { category: GuardCategory; kind: string; verdict: GuardVerdict };

/** A list of words and short patterns, tested together (sources are NFKC-normalised in `LexiconScanner`). */
function wordList(sources: readonly string[]): LexiconScanner<true> {
  return new LexiconScanner(sources.map((source) => ({ source, value: true as const })));
}

// ── Harmful: topics per kind (regular-expression sources, lower case) ──────────────────────────────────────────
const harmfulTopics = {
  explosives: [
    // Not the idioms: 폭탄 세일, 폭탄 발언, 폭탄주, 세금 폭탄, 물폭탄, 문자 폭탄.
    '(?<!(?:세금|요금|관세|물|눈|비|문자|댓글|악플|청구서|관리비|건보료|종부세|전기세|가스비|폭설|업무|메일|알림|카톡|전화)\\s*)폭탄(?!\\s*(?:세일|할인|특가|발언|선언|주|맞은|머리|돌리기|계란찜|김밥))', '폭발물(?!\\s*처리\\s*(?:중|반|요원|훈련|절차|작업))', '폭딴', '뽁\\s*[탄딴]', '爆彈', '폭약', '급조\\s*폭발', '다이너마이트', '니트로\\s*글리세린', '기폭\\s*장치', '뇌관', '흑색\\s*화약', '화약',
    // Ammonium nitrate with fuel oil (ANFO), asked in other words (질산암모늄 비료 … 경유랑 섞는 비율).
    '질산\\s*암모늄[^.?!\\n]{0,40}(?:경유|디젤|연료유|등유)', '\\banfo\\b',     '폭발\\s*(?:시키|시킬|시켜)', '폭파\\s*(?:시키|시킬|시켜|하)', '(?:섞|넣)[^.?!\\n]{0,20}(?:터지는|터질|터뜨리|폭발하는|폭발할)', '테르밋', '네이팜', '화염병', '수류탄', '지뢰', '\\btnt\\b', '\\bbombs?\\b', 'explosives?', '\\bied\\b', 'detonator', '\\btatp\\b', '과산화\\s*아세톤', '터지는\\s*(?:거|것|물건)[^.?!\\n]{0,4}(?:만드|만들)',
    'dynamite', 'nitroglycerin', 'thermite', 'napalm', 'molotov', 'grenade',
  ],
  weapons: [
    '총기', '권총', '소총', '엽총', '산탄총', '공기총', '사제\\s*총', '기관총', '저격총', '비비탄\\s*총', '모의\\s*총(?:포|기)', '총알(?!\\s*(?:배송|택배|배달|같이|처럼))', '실탄', '탄약',
    '총(?:을|으로|에)\\s*(?:쏘|쏴|쐈|맞)', '쏴\\s*(?:죽|버리)', '석궁', '독극물', '독약', '청산가리', '시안화', '비소', '(?<![가-힣])리신', '사린',
    '신경\\s*(?:가스|작용제)', '\\bvx\\b', '전파력을?\\s*(?:높이|강화)', '기능\\s*획득\\s*(?:실험|연구)', '(?:자동\\s*사격|연발)(?:으로|이\\s*되게)\\s*개조', 'full[- ]auto', 'auto sear', '\\bar-?15\\b', '탄저', '보툴리눔', '독\\s*가스', '(?:생물학|화학|생화학|세균|핵|방사능)\\s*무기', '핵\\s*폭탄', '더러운\\s*폭탄',
    '우라늄\\s*농축', '(?:위험|유독|독성)(?:한)?\\s*화학\\s*물질', '염소\\s*가스', '(?:락스|표백제)[^.?!\\n]{0,12}(?:산성|식초|세제)[^.?!\\n]{0,8}섞', '<?dangerous chemicals?>?', '\\bguns?\\b(?!\\s+(?:licen[cs]e|permit|registration))', 'firearms?\\b(?!\\s+(?:licen[cs]e|permit|registration))', '\\brifles?\\b', 'pistol', 'handgun', 'ammunition', '\\bammo\\b', 'silencer',
    'suppressor', 'ghost gun', 'untraceable (?:gun|firearm|weapon)', '3d[- ]printed gun', 'nerve agent', '\\bricin\\b',
    '\\bsarin\\b', 'anthrax', 'bio-?weapons?', '(?:biological|chemical|nuclear) weapons?', 'dirty bomb', 'cyanide',
  ],
  drugs: [
    '마약', '필로폰', '필로뽕', '히로뽕', '메스암페타민', '암페타민', '코카인', '헤로인', '대마(?!도)', '마리화나', '해시시', '\\blsd\\b', '엑스터시',
    '\\bmdma\\b', '펜타닐', '케타민', '환각(?:제|버섯)', '향정신성', '프로포폴', '졸피뎀', '아편', '옥시코돈', '물뽕', '\\bghb\\b',
    '데이트\\s*강간\\s*약', '\\bmeth(?:amphetamine)?\\b', 'cocaine', 'heroin', 'fentanyl', 'ecstasy', 'ketamine', 'psilocybin',
    'magic mushrooms?', 'opium', 'oxycodone', 'roofies', 'date rape drug', 'marijuana', 'cannabis',
  ],
  terror: [
    '테러', '자살\\s*폭탄', '인질', '납치', '유괴', '암살', '총기\\s*난사', '무차별\\s*(?:살인|공격|난사|폭행)', '묻지\\s*마\\s*(?:살인|폭행|범죄)',
    '대량\\s*(?:살상|학살)', '(?:최대|최다|많은)\\s*(?:사상자|인명\\s*피해)', '(?:최대한|가장|제일)\\s*많(?:이|은\\s*사람)[^.?!\\n]{0,8}(?:다치|죽|살상|치어)', '학살', '지하드', '극단주의\\s*(?:조직|단체)', '테러\\s*(?:조직|단체)', '(?:isis|알카에다|탈레반|하마스|\\bis)\\s*(?:(?:에|에게)\\s*)?가입', 'isis[^.?!\\n]{0,12}(?:조직|단체)(?:에|에게)?\\s*가입', '\\bterror', 'mass shooting', 'massacre', 'assassinat',
    'kidnap', 'hostage', 'jihad', 'school shooting', '(?<!지)나치', '히틀러', '백인\\s*우월\\s*주의', '\\bkkk\\b', '\\bnazi', 'hitler',
    'white supremac',
  ],
  hacking: [
    '해킹', '크래킹', '랜섬\\s*웨어', '악성\\s*(?:코드|프로그램|앱|링크|스크립트|apk)', 'smishing', '멀웨어', '컴퓨터\\s*바이러스', '키로거',
    '스파이\\s*(?:웨어|앱)', '트로이\\s*목마', '루트킷', '봇넷', '디도스', '\\bddos\\b', 'sql\\s*인젝션', '\\bxss\\b', '백도어',
    '익스플로잇', '제로\\s*데이', '무차별\\s*대입', '브루트\\s*포스', '(?:비밀\\s*번호|비번|패스워드)\\s*(?:크랙|해독|뚫|알아내|탈취|훔치)',
    '계정\\s*(?:탈취|도용|뚫)', '와이파이\\s*(?:(?:비번|비밀번호)\\s*)?뚫', '도청', '감청', '(?:보안|인증|방화벽|백신|캡차)\\s*(?:(?:을|를)\\s*)?우회',
    '웹\\s*셸', '(?:내부망|서버|시스템|전산망|네트워크|홈페이지)(?:에|을|를)?\\s*침투', '(?:접속\\s*)?로그(?:를|기록을)?\\s*(?:지우|삭제하)', '(?:서버|시스템|전산망|홈페이지|사이트|내부망)(?:을|를)?\\s*뚫', '(?:파일|문서)(?:을|를|들을)?\\s*(?:몰래\\s*)?암호화(?:하고|해서|한\\s*뒤)[^.?!\\n]{0,15}(?:백업|복구|섀도)[^.?!\\n]{0,6}(?:지우|삭제)', '관리자\\s*권한(?:을|를)?\\s*(?:얻|탈취|획득|따)', '권한\\s*상승', '\\bhack(?!athon)', 'cracking', 'malware', 'ransomware', 'keylogger', 'spyware', 'trojan', 'rootkit',
    'botnet', 'sql injection', 'backdoor', '\\bexploits?\\b', 'zero[- ]day', 'brute[- ]forc', 'credential stuffing',
    'bypass (?:2fa|mfa|authentication|the login|antivirus)',
  ],
  fraud: [
    '보이스\\s*피싱', '피싱', '스미싱', '파밍', '사기\\s*(?:치|쳐|를\\s*치|문자|메일|사이트|수법|대본|멘트|전화)', '속여\\s*(?:서|먹|팔|뜯)',
    '속이는\\s*(?:법|방법)', '(?:노인|어르신|피해자|사람들?)(?:을|를)?\\s*속여', '(?:누전|실화|사고|자연\\s*발화)처럼\\s*보이게', '보험금\\s*(?:을\\s*)?(?:타려고|노리고|받으려고)[^.?!\\n]{0,20}(?:불|화재|사고)',  '가짜\\s*(?:신분증|영수증|진단서|서류|계약서|증명서|졸업장|학위|면허증|여권|돈|지폐|상품권|리뷰|후기|사이트|쇼핑몰|계정|번호판|암\\s*치료제|약|로그인|페이지|홈페이지|앱)', '사칭',
    '위조', '대포\\s*(?:통장|폰|차)', '돈\\s*세탁', '자금\\s*세탁', '탈세', '세금\\s*(?:안\\s*내|빼돌|포탈)', '분식\\s*회계', '횡령',
    '보험\\s*사기', '다단계', '폰지', '주가\\s*조작', '시세\\s*조종', '허위\\s*(?:청구|신고|세금\\s*계산서|매출|진단서)', '뇌물',
    '부정\\s*수급', '명의\\s*도용', '신분\\s*도용', '카드\\s*복제', '스키밍', '전세\\s*사기', '로맨스\\s*스캠', '스캠',
    'phishing', '\\bscam', 'fraud', 'counterfeit', 'forg(?:ery|ed (?:documents?|signatures?|checks?)|e (?:a |an )?(?:document|signature|check|passport|id))', 'fake (?:id|passport|invoice|reviews?|diploma)',
    'launder', 'tax evasion', 'evade tax', 'identity theft', 'skimm', 'ponzi', 'pyramid scheme', 'pump and dump', 'bribe',
  ],
  violence: [
    // Not a process, task or session killed on a computer (좀비 프로세스 죽이는 법).
    '(?<!(?:프로세스|프로그램|서비스|세션|태스크|작업|데몬|앱)(?:를|을)?\\s*(?:강제로\\s*)?)(?:죽이|죽여|죽일)', '살해', '살인', '폭행', '때리',
    // Not 때려치우다 (to quit: 회사 때려치우고 싶다) nor a feeling's measure (한 대 때려주고 싶을 정도로 얄밉다).
    '때려(?!치|쳐)(?![^.?!\\n]{0,10}싶을\\s*(?:정도|만큼))', '때릴', '구타', '고문(?:하|해|할|\\s*(?:기술|도구))', '독살', '방화(?:범|하|해|를|\\s*(?:방법|사건))', '불\\s*(?:을\\s*)?(?:지르|질러|지를)',
    '흉기', '(?:칼|흉기|송곳|가위)(?:로|으로)\\s*(?:찌르|찔러|벨|베)', '찔러\\s*죽', '(?:칼|흉기|송곳|가위)(?:로|으로)\\s*(?:사람|상대|누구|그\\s*사람)(?:을|를)?\\s*(?:찌르|찔러|찌를)', '치명상', '목\\s*(?:을\\s*)?(?:졸라|조르|졸라서)', '질식\\s*시키', '(?:차|자동차|트럭)로\\s*[^.?!\\n]{0,12}(?:치|쳐|칠|밀어\\s*버|들이받)', '염산\\s*(?:테러|뿌리|부어)',
    '해치(?!백)', '다치게', '상처\\s*(?:를\\s*)?입히', '부러뜨리', '(?:사람|누구|애|아이|노인|여자|남자)(?:을|를)?\\s*(?:쏘|쏴|쐈)', '습격',
    '린치', '집단\\s*폭행', '청부\\s*살인', '살인\\s*청부', '시체\\s*(?:를\\s*)?(?:처리|유기|숨기|없애)', '암매장', '복수(?:하|할|해)',
    '(?:커피|음식|음료|밥|술)에\\s*(?:뭘|무엇을|무슨|약|독)', '(?:아프게|병들게|앓게|쓰러지게|기절하게|정신(?:을)?\\s*잃게)\\s*(?:만들|만드는|할|하는|하려)[^.?!\\n]{0,6}(?:약|독|가루|물질)', '\\bkill(?!\\s*(?:-\\d|명령|커맨드|command|(?:a |an |the |that |this |all )?(?:(?:zombie|hung|stuck|running|background|child|orphan(?:ed)?|runaway|frozen|idle|old|batch|cron)\\s+)*(?:process(?:es)?(?!\\s+(?:server|owner))|tasks?|jobs?(?!\\s+(?:applicant|candidate|seeker|interviewer))|pid|sessions?|threads?|containers?|pods?|quer(?:y|ies)|connections?|switch)\\b(?![^.?!\\n]{0,40}\\b(?:wife|husband|neighbou?r|father|mother|dad|mom|boss|teacher|kid|son|daughter|family|people|person|everyone|him|her|them|literally)\\b)|-9))', 'murder', 'poison (?:someone|him|her|my|a person|people|the)',
    'tortur', '\\bstab', 'arson', 'set fire to', 'beat (?:up|someone|him|her)', 'strangl', 'hurt (?:someone|him|her|people)',
    'hit ?man', '(?:dispose of|hide) (?:a|the) body', 'revenge',
  ],
  crime: [
    '훔치', '훔쳐', '훔칠', '도둑질', '절도', '소매치기', '날치기', '빈집\\s*(?:털|털이)', '(?:집|가게|편의점|은행|금고|차|주유소|atm|매장)(?:을|를)?\\s*(?:털|털어|털이|털까)',
    '강도(?:질|짓)', '(?:은행|편의점|가게|금은방|주유소)\\s*강도', '강도\\s*계획', '금고\\s*(?:를\\s*)?(?:여는|따는|털)', '(?:계정|아이디)(?:을|를)?\\s*털', '(?:경찰|단속|수사)(?:한테|에게|에)?\\s*(?:안\\s*)?(?:잡히|걸리)', '도망(?:가|치)는', '도주', '치마\\s*속', '커닝', '대리\\s*(?:시험|출석)', '표절', '무단\\s*(?:침입|침투)', '침입', '몰래\\s*[가-힣]{0,3}(?:들어가|숨|촬영|찍|녹음|설치|타|넣|보|훔쳐|빼|따라|고용)', '경보기\\s*(?:안\\s*울리|끄|꺼|무력화)', '(?:cctv|감시\\s*카메라)\\s*(?:피하|피해|안\\s*찍히|끄|꺼)', '불법\\s*촬영', '몰카', '도촬',
    '훔쳐\\s*보',
    // Arson (setting fire, making it spread, an accelerant), buying a bride, trackers and a phone's location in secret,
    // approaching or luring a child (session 26's blind sets).
    '불을?\\s*(?:질러|지르|지른|질렀|지를)', '(?:빨리|잘)\\s*번지게', '(?:방화|화재)\\s*촉진제', '(?:신부|여자|아내|색시)(?:를)?\\s*(?:사오|사\\s*오|사\\s*와|구매)', '(?:(?:gps|위치)\\s*)?추적기(?:를)?\\s*(?:몰래|숨겨|부착|달)', '(?:gps|추적기)[^.?!\\n]{0,8}몰래\\s*(?:붙이|부착|달|설치)', '몰래\\s*[^.?!\\n]{0,12}위치(?:를)?\\s*(?:추적|알아내|보는)', '위치\\s*추적\\s*앱', '(?:아이|아동|어린이|초등학생|중학생|미성년자)(?:한테|에게|를|을)\\s*(?:몰래\\s*)?접근(?:해|하는|하려)', '(?:아이|어린이|초등학생|아동|애|여학생|학생)(?:를|을|들을)?\\s*[^.?!\\n]{0,25}(?:꾀어|꾀는|꼬셔|꼬시|꼬드기|유인하)', '엿보', '스토킹', '미행', '뒤를\\s*밟', '(?:남의|다른\\s*사람|몰래|열쇠\\s*없이)[^.?!\\n]{0,10}(?:시동|문|자물쇠)', '자물쇠\\s*따', '밀수', '밀입국', '불법\\s*체류자',
    '뺑소니', '음주\\s*운전', '단속\\s*(?:을\\s*)?(?:피하|피해|걸리)', '증거\\s*(?:를\\s*)?(?:인멸|없애|지우)', '위증', '기물\\s*파손', '(?:묘지|무덤|기물|공공\\s*시설|문화재|동상)(?:를|을)?\\s*훼손',
    '\\bsteal', 'shoplift', 'burglar', 'break into', '\\brob\\b', 'robb', 'pickpocket', 'hotwire', 'pick a lock', 'stalk',
    'spy on', 'hidden camera', 'upskirt', 'trespass', 'smuggl', 'vandali', 'get away with',
    // Theft in plain words (session 17's written requests): leaving without paying, a barcode not scanned, a
    // neighbour's parcel taken.
    // Not a question whether it is allowed (…나와도 되나요?), nor a warning (가져가지 마세요).
    '(?:결제|계산|값)(?:을|를)?\\s*(?:안|않고|없이|건너)\\s*(?:(?:하고|치르고|내고|뛰)\\s*)?[가-힣]{0,4}(?:가져|나오|나와|나가|넘기|챙기|먹고)(?![^.?!\\n]{0,30}(?:되나요|되는지|됩니까|되죠|괜찮|결제되))',
    '바코드\\s*(?:를\\s*)?안\\s*찍(?:고|는|어|게)', '(?:남의|옆집|이웃|남\\s*집|다른\\s*집)\\s*(?:집\\s*)?택배(?:를|를\\s*좀)?\\s*(?:슬쩍\\s*)?(?:가져|챙기|들고|빼)(?![가-힣]{0,3}\\s*마(?:세요|라|십시오))', 'without paying', '(?:packages?|parcels?) (?:off|from) (?:porches|someone)',
  ],
  abuse: [
    '학대', '(?:아이|애|아동|어린애|학생|미성년자)(?:를|을)?\\s*길들', '그루밍\\s*하', '(?:어린애|아이)\\s*그루밍', '가둬', '가두는', '(?:사람|여자|아이|애)(?:를|을)?\\s*팔아\\s*넘기', '(?:쥐약|농약|독|부동액)(?:을|를)?\\s*(?:먹이|타|섞)', '가정\\s*폭력', '데이트\\s*폭력', '(?:아동|온라인|성적)\\s*그루밍', '그루밍\\s*(?:성범죄|범죄)', '가스\\s*라이팅', '괴롭히', '괴롭혀', '괴롭힐', '성희롱(?:하는|할|해|하려)', '왕따', '따돌리', '따돌림',
    '협박', '겁주', '겁줘', '겁을\\s*줘',
    // 위협 as an act against a person, not the noun (보안 위협, 새로운 위협이 될 수 있다: analyses and reports are full of it).
    '(?:사람|상대|상대방|여친|남친|애인|전\\s*(?:여친|남친|애인|남편|아내)|남편|아내|직원|동료|이웃|친구|아이|애|경쟁자|증인|피해자|선생님?|교사|후배|선배)(?:을|를)?\\s*위협', '위협\\s*(?:문자|메시지|편지|전화|영상|글)', '몸캠', '리벤지\\s*포르노', '성\\s*착취', '착취', '인신\\s*매매', '감금',
    '(?:개|강아지|고양이|동물|송아지|새끼\\s*고양이)(?:를|을)?\\s*(?:죽이|때리|괴롭히|학대|굶기)', '\\babus', 'groom(?:ing)? (?:a |the )?(?:child|kid|minor|girl|boy)',
    'gaslight', '\\bbully', 'harass', 'blackmail', 'extort', 'traffick', 'sextort',
  ],
  self_harm: [
    '자살', '(?<![가-힣])자해', '극단적\\s*(?:인\\s*)?선택', '목\\s*(?:을\\s*)?매', '손목\\s*(?:을\\s*)?(?:긋|그어)', '손목[^.?!\\n]{0,12}(?:긋|그어|그을)', '투신', '뛰어\\s*내리', '번개탄',
    '연탄\\s*가스', '과다\\s*복용', '치사량', '수면제\\s*[^.?!\\n]{0,10}(?:죽|과다)', '(?:몇\\s*(?:알|층|mg|그램)|얼마나)[^.?!\\n]{0,15}죽(?:어|을|나|는)', '(?:확실하게|쉽게|고통\\s*없이|빨리)\\s*죽(?:을|는|으)', '죽는\\s*(?:법|방법)', '고통\\s*없이\\s*(?:죽|가는)',
    // Euphemisms: ending one's life, sleeping and not waking, not wanting to live; 자1살, ㅈㅅ.
    '생(?:을|애를)?\\s*마감', '(?:스스로|제\\s*손으로)\\s*(?:목숨을|생을)\\s*(?:끊|버리|마감)', '잠들\\s*듯(?:이)?\\s*(?:가|죽|떠나)', '(?:다시는\\s*)?깨어나지\\s*(?:않|못)', '살고\\s*싶지\\s*않', '세상을\\s*(?:떠나|등지)(?:고\\s*싶|는\\s*(?:법|방법)|려면)',
    // Only as a wish or a means (not 영원히 잠드신 순국선열, 조용히 사라지는 농촌 마을, 자필 유서의 효력, 다시는 깨지 않도록 강화 유리).
    '영원히\\s*(?:잠들|잠자|잠드)(?:고\\s*싶|는\\s*(?:법|방법)|\\s*수\\s*있)', '(?:조용히|영원히)\\s*잠들려면',  '조용히\\s*(?:사라지|없어지)(?:고\\s*싶|는\\s*(?:법|방법)|려면)',
    '유서\\s*(?:를\\s*)?(?:좀\\s*)?대신\\s*(?:써|작성)(?![^.?!\\n]{0,6}(?:드려|드리))', '(?:다시는|영영)\\s*(?:안\\s*)?깨(?:지\\s*않)?(?:는|게)[^.?!\\n]{0,10}(?:법|방법|약)', '안\\s*깨도\\s*(?:괜찮|돼)',
    '\\bto (?:not|never) wake up', '(?:not|never) wake up again',
    '자\\s*[0-9ㅣl|]\\s*살', '(?<![ㄱ-ㅎ])ㅈㅅ\\s*(?:하고|하는|방법|할)', '거식', '먹토', 'suicide',
    'kill myself', 'self[- ]harm', 'cut myself', 'overdose', 'end my life', 'painless (?:death|way to die)',
  ],
  sexual: [
    '음란', '야동', '야설', '야짤', '야겜', '포르노', '로리콘', '(?<![가-힣])로리\\s*(?:야(?:짤|설|동|한|겜)|물|만화|망가|그림|일러|캐릭터)',
    // A family member or a child with sex (친누나랑 관계 갖는 야설, 아빠와 딸의 성관계, 초등학생 나오는 야설).
    '(?:친누나|누나|여동생|친동생|남동생|언니|오빠|엄마|어머니|아빠|아버지|딸|아들|조카|이모|고모|삼촌|시아버지|며느리|사촌|초등학생|초딩|중학생|중딩|고등학생|고딩|여중생|여고생|미성년자?|어린\\s*(?:아이|애|여자\\s*애|소녀|소년))[^.?!\\n]{0,12}(?:성관계|섹스|야한\\s*(?:장면|짓)|성적(?:인)?\\s*(?:장면|묘사|사진|메시지|대화|이미지|문자))', '(?:아이|아동|어린이|초등학생|미성년자)[^.?!\\n]{0,16}(?:몸|알몸|신체|나체)\\s*사진', '성적으로\\s*길들이', '그루밍\\s*(?:대화|수법|멘트|대본)', '성인\\s*(?:영상|물|사이트)', '성관계\\s*(?:영상|동영상|장면)', '섹스', '노출\\s*사진', '알몸', '나체', '누드',
    '성매매', '성매수', '조건\\s*만남', '원조\\s*교제', '야한\\s*(?:소설|이야기|사진|영상|동영상)', '19금', '자위(?!대|권|적|함)', '강간', '성폭행',
    '성추행', '근친', '딥페이크', '(?:술\\s*취한|만취한|약\\s*먹인)\\s*(?:여자|여성|남자|애)', '(?:속옷|팬티)\\s*(?:냄새|훔치|몰래)', '\\bporn', 'explicit (?:sex|content|story)', '\\bnudes?\\b',
    'naked', 'sexting', 'erotic', 'hentai', '\\brape', 'molest', 'incest', 'escort service', 'prostitut',
  ],
  privacy: [
    '주민\\s*(?:등록\\s*)?번호', '신용\\s*카드\\s*(?:정보|번호)',
    '(?:남의|타인의?|다른\\s*사람(?:의|들)?|남친|여친|전\\s*(?:남친|여친|애인)|아내|남편|와이프|친구|동료|상사|직원)\\s*(?:의\\s*)?(?:카톡|카카오톡|메신저|문자|이메일|메일|인스타|계정|휴대폰|핸드폰|폰|위치|집\\s*주소|주소|비밀\\s*번호|비번)',
    '(?:카톡|카카오톡|메신저|문자|이메일|메일|인스타|계정|휴대폰|핸드폰|폰)\\s*(?:(?:을|를)\\s*)?(?:몰래|훔쳐)', '신상\\s*(?:을\\s*)?(?:털|파|알아내)',
    '(?:연예인|유명인|배우|가수|정치인|유튜버|스트리머|\\bbj|그\\s*사람|그\\s*여자|그\\s*남자)(?:의|들)?\\s*(?:집\\s*)?(?:주소|사는\\s*곳|연락처|전화\\s*번호)',
    '(?:전화\\s*번호|차\\s*번호|번호판|이름)(?:로|만으로)\\s*(?:집\\s*)?(?:주소|신상|사는\\s*곳)',
    'social security number', '\\bssn\\b', 'credit card (?:number|details|info)', 'home address', 'personal information of',
  ],
} as const;

type HarmfulKind = keyof typeof harmfulTopics;

// The request half: how to, where to get, write me, make me; a plan or a wish to act; asking whether it is allowed.
const intent = wordList([
  '방법', '하는\\s*법', '는\\s*법', '법\\s*(?:좀|을|이|알려|가르쳐|있)', '어떻게', '어케', '어찌', '알려\\s*(?:줘|주|줄)', '가르쳐',
  '만들', '만드', '제조', '합성', '제작', '조립', '구하', '구할', '구입', '구매', '사는\\s*(?:법|곳|데)', '살\\s*수', '파는\\s*(?:곳|데|사람)',
  '팔\\s*(?:수|려|까)', '판매', '거래', '재배', '입수', '손에\\s*넣', '레시피', '설계도', '도면', '재료', '원료', '배합', '비율', '코드',
  '스크립트', '프로그램', '프로그래밍', '코딩', '숨기', '숨길', '숨겨', '짜\\s*(?:줘|주)', '(?:어떤|무슨)\\s*(?:전구\\s*물질|재료|원료|시약)', '작성해', '기술(?:하여|해)', '제시해', '(?:넣어|보여|정리해)\\s*(?:줘|주)', '알려\\s*(?:조|죠)', '공정', '그대로',  '써\\s*(?:줘|주)', '묘사(?:해|하는|한)', '생성(?:해|하는|할)', '해\\s*줘', '몰래', '들키지', '안\\s*들키', '들키면', '걸리지', '안\\s*걸리',
  '추적\\s*(?:을\\s*)?(?:피|불가|안\\s*되)', '흔적\\s*(?:없|안)', '증거\\s*(?:없|안)', '티\\s*(?:안|나지)', '완전\\s*범죄', '어디서', '어디에서',
  '어디\\s*(?:가|에)', '요령', '주의할\\s*점', '어느\\s*정도', '깊이', '팁', '계획', '수법', '몇\\s*(?:알|층|명|mg|그램)', '얼마나', '그려', '구해', '가장\\s*(?:좋|쉬|효과|확실|빠른|큰|많이)', '제일\\s*(?:좋|쉬|효과|확실|빠른|큰|많이)', '최대', '효과적', '확실하게',
  // Instructions as an answer words them: "…은 이렇게 만듭니다: …을 추출한 뒤 …하면 됩니다".
  '만듭니', '하면\\s*(?:됩니다|돼요|된다)', '다음과\\s*같이', '섞(?:어|고|은\\s*(?:뒤|다음|후))', '추출(?:한\\s*(?:뒤|다음|후)|하여|해서)', '가열(?:한\\s*(?:뒤|다음|후)|하여|해서|하면)',
  '고\\s*싶', '려고', '려면', '하려', '할\\s*(?:거|계획|생각|수\\s*있)', '생각\\s*(?:이야|중|임)', '도\\s*(?:돼|되|된|될|괜찮)', '해\\s*버리',
  '버릴', '할래', '해야겠', '잘한\\s*(?:점|것|일)', '옳았', '찬양', 'was right', 'good things about', '뭐\\s*(?:가|를|넣|써|해야|하면)', '뭘', '무엇을', '단계', '도와\\s*(?:줘|주|줄)', '먹이',
  'how (?:to|do|can|would|should|many|much)', 'would it take', 'steps? (?:to|for)', 'ways? to', 'teach me', 'guide (?:to|for)', 'instructions? (?:for|to|on)',
  'recipe', 'ingredients', 'components', 'synthes', 'manufactur', 'production of', 'development of', 'where (?:can|do|could) i', '\\bwrite\\b', '\\bcreate\\b', '\\bgenerate\\b', '\\bcode\\b', 'make (?:a|me|some)', 'build (?:a|me)', 'without (?:getting caught|being caught|anyone knowing)',
  'undetect', 'untraceable', 'best way', 'i want to', "i'?m going to", 'help me', 'is it (?:ok|okay|legal) to', 'can i',
]);

// The narrow half of `intent` that is read across sentences: an explicit request for instructions.
const explicitAsk = wordList([
  '알려\\s*(?:줘|주|줄)', '가르쳐', '(?:하는|는)\\s*법', '방법\\s*(?:좀|을|이|알려|있|없)', 'how (?:to|do i|can i)', 'teach me',
  'write (?:that|the|this|it|me)\\b[^.?!\\n]{0,20}(?:code|script|page|program|in full)',
]);

// Sentences about preventing, reporting, treating, studying or punishing harm are what a civil service is for.
const protective = wordList([
  // An inspection passed first (보안담당관의 악성코드 검사를 받은 후 사용할 수 있다: a security rule, not a request).
  '검사\\s*(?:(?:를|을)\\s*)?(?:받|결과|완료|실시|후|뒤)',
  '예방', '방지', '대응', '대처', '대비', '신고', '관리\\s*(?:법|기준|대장|계획|지침|요령|체계|제도|규정|규칙|수칙)', '피해자\\s*(?:지원|보호|상담|구제|신고|센터|쉼터)', '피해(?!자)(?!\\s*(?:(?:를|을)\\s*)?(?:최대|최대한|가장\\s*크|제일\\s*크|많이|크게|입히|입힐|입혀|줄\\s*수|주는|주려|내는|낼|내려|내고|내기))', '처벌', '형량', '법정형', '단속\\s*(?:기준|현황|강화|결과|실적)', '교육', '상담', '치료', '재활', '처리반',
  '탐지(?!견|\\s*(?:(?:를|을)\\s*)?(?:회피|우회|피하|피해|안\\s*되))', '포렌식', '차단', '보호', '방어', '막는', '막으려', '막을', '당하지', '안\\s*당하', '당했', '당한', '당하면', '당해(?:서|버렸|가지고|도)', '중독(?!성|\\s*시키|\\s*시켜|\\s*시킬)', '속지', '구별', '식별', '판별',
  // Not suspicion avoided (의심 안 받는 방법, 의심받지 않게): that is evasion.
  '의심(?!\\s*(?:을\\s*)?(?:안\\s*받|받지|사지|피하|없이))', '조심', '(?:인지|인가|였는지|했는지|된\\s*것인지)\\s*(?:(?:를|을|여부를?)\\s*)?(?:확인|판단|검증|알아보|가려내)', '진위', '팩트\\s*체크', '주의\\s*(?:사항|보|하세요|해야|하라|를\\s*당부|환기|안내)', '유의', '통계', '제보', '고발', '적발', '허가', '갱신', '면허', '현황', '정책', '규제', '법률', '조항', '판례', '판결', '수사', '검거', '형사(?:가|는|와|들|팀)', '시놉시스', '줄거리', '성장\\s*(?:소설|영화|드라마)', '병원\\s*(?:가기|에\\s*가|가야|데려)', '응급실', '혐의', '구속', '입건', '송치', '체포', '기소', '뉴스', '보도',
  '역사', '사례', '연구', '분석', '원인', '증상', '부작용', '(?<!범)죄', '제거', '해체', '처리\\s*(?:반|요령|절차)', '당하는', '(?<![가-힣])본인', '(?:내|제|나의)\\s*(?:주민|카드|계좌)', '지원', '센터', '연락처', '전화\\s*번호', '핫라인', '1393', '쉼터', '점검', '(?:취약점|자가|보안)\\s*진단', '진단\\s*(?:결과|기준|도구)',
  '보안\\s*(?:강화|수칙|교육|관제)', '백신\\s*(?:접종|설치|업데이트)', '복구', '보안\\s*패치', '패치\\s*(?:적용|배포)', '모의\\s*해킹', '모의\\s*훈련', '훈련\\s*(?:계획|결과|보고)', '줄이(?:기|는|고|려|면|자|도록|거나|세요|십시오)', '근절', '캠페인', '홍보', '안내문', '폐기', '자제\\s*(?:요청|당부|호소|를)', '해명',
  '(?:친구|가족|사람|동료|학생|자녀|아이|부모님?|어머니|아버지|남편|아내|직원)(?:를|을|가|이)?\\s*(?:어떻게\\s*)?(?:도와|도울|돕)',
  // Someone else's harm observed (친구가 자해하는 것 같은데 어떻게 말을 꺼내야), a tracker found on one's own phone or car
  // (위치추적 앱이 몰래 깔려있는 것 같아요): a worried friend or a victim, not a plan.
  '(?:깔려|설치돼|설치되어|붙어|달려)\\s*있(?:는|나|어요|습니다)?\\s*(?:것\\s*같|지\\s*(?:확인|알))',
  '(?:친구|가족|아이|애|아들|딸|동생|언니|오빠|형|누나|엄마|아빠|동료|학생|고등학생|중학생|자녀|남편|아내|부모님?)(?:가|이)\\s+[^.?!\\n]{0,12}(?:는|은|한)\\s*것\\s*같',
  // A victim speaking (협박을 받고 있어요, 스토킹 피해자인데), a notice of an outage (DDoS … 올릴 공지문), a mystery's genre.
  '(?:협박|위협|폭행|괴롭힘|스토킹)(?:을|를)?\\s*(?:받고|당하고|당했|받았)', '피해자(?:인데|예요|입니다|라서|이에요|인데요)', '공지(?:문|사항)',
  '(?:미스터리|추리|스릴러)\\s*(?:소설|드라마|영화)', '재발급', '분실', '변경', '정정', '발급', '본인\\s*확인', '발생\\s*(?:시|했을|하면)', '행동\\s*요령', '표절\\s*(?:검사|률)',
  // Handling personal data and infected machines, what a civil servant's day holds: masking a number (주민번호 뒷자리
  // 가리는 법), de-identifying, and the measures after an infection (감염 PC 조치). Not "감염시키는".
  '(?:뒷자리|번호|개인\\s*정보)\\s*(?:(?:를|을)\\s*)?(?:가리|가려|가림|마스킹|비식별)',
  // The law a practice rests on (주민등록번호 수집 가능한 법적 근거): what an official checks before collecting anything.
  '법적\\s*근거', '근거\\s*(?:법령|규정|조항)', '법령', '시행령', '처리\\s*방침', '마스킹', '비식별', '가명\\s*처리', '익명\\s*처리', '암호화\\s*(?:하는|방법|저장|적용)',
  '감염(?!\\s*시키|\\s*시켜|\\s*시킬)', '조치\\s*(?:방법|사항|요령|절차)',
  // Making a model refuse or filter such requests: what the agency's own guard builders ask about. Only the forms
  // that stop something: "필터링 우회해서", "걸러내지 못하게" and "don't refuse" are ways around a guard, not protection.
  '거절\\s*(?:하도록|하게|하는\\s*(?:방법|기준|법)|할\\s*수)', '거부\\s*(?:하도록|하게)', '걸러\\s*(?:내|낼)(?!\\s*지)', '필터링\\s*(?:하도록|하는\\s*(?:방법|기준)|기준|정책)',
  'prevent', 'report', 'protect', 'detect', 'defen[cs]', 'awareness', 'respond(?:ing)? to', 'incident response', 'arrest', 'press release', 'investigat', 'convicted', 'sentenced', 'recover', 'statistic', 'history of', 'victims? (?:support|services|assistance|advocate|of (?:a |an )?(?:crime|scam|fraud|abuse|violence))', 'hotline',
  '(?<!(?:n\'t|not|never)\\s)(?:refuse|filter out|block) (?:such |these |those |harmful |dangerous |malicious )*(?:requests|questions|prompts)',
]);

const harmfulKinds = Object.keys(harmfulTopics) as HarmfulKind[];
const harmfulTopicEntries = harmfulKinds.flatMap((kind) => harmfulTopics[kind].map((source) => ({ source, value: kind })));

// Who a stabbing threat names, where taking a weapon is a threat, and the weapons (the violence rules below).
const stabbable = '애들|아이들|애새끼들|사람들?|학생들?|선생님?|너|니|걔|걔네|쟤|그\\s*놈|그\\s*새끼|놈들?|년들?|새끼들?|친구|동료|상사|팀장|부장|과장|남편|아내|여친|남친|전\\s*여친|전\\s*남친';
const crowdPlaces = '학교|초등학교|중학교|고등학교|대학교|유치원|어린이집|교실|학원|회사|사무실|직장|병원|시청|구청|군청|청사|관공서|지하철|버스|광장|교회|성당|절|백화점|공연장|경기장|집회|시위';
const weapons = '칼|식칼|회칼|사시미|과도|흉기|총|사제\\s*총|폭탄|도끼|망치|염산|낫';
// Harmful on their own, without a how-to: asking for children as sexual objects, hiring killers, selling drugs.
type HarmfulPhrase = { kind: string; pattern: string; always?: true };
const harmfulPhrases: HarmfulPhrase[] = [
  { kind: 'sexual', pattern: '아동\\s*(?:포르노|음란물|성\\s*착취물)|(?:초등학생|중학생|미성년자|어린이|아이)(?:와|랑|하고|를|을)?\\s*(?:성관계|섹스|자고\\s*싶)|child porn|\\bcsam\\b|\\bloli' },
  { kind: 'violence', pattern: '(?:죽이|죽여\\s*버리|패\\s*죽이|때려\\s*죽이|쏴\\s*죽이|찔러\\s*죽이|불\\s*질러\\s*버리|테러\\s*하)고\\s*싶|청부\\s*살인|살인\\s*청부|킬러\\s*(?:고용|구해)|i want to kill' },
  // A threat: "죽여버린다", "죽여 버릴 거야", "죽일 거다" (not "죽인다", which is also praise: 맛 죽인다).
  { kind: 'violence', pattern: '(?:죽여|패\\s*죽여|때려\\s*죽여|찔러\\s*죽여)\\s*버린다|(?:죽여|패\\s*죽여)\\s*버릴\\s*(?:거|꺼|테니)|죽일\\s*(?:거|꺼)(?:야|다|임|니까)|i(?: am|[\\u0027\\u2019]m) going to kill you|i will kill you' },
  // Stabbing people as a plan ("애들 찌를거야", "걔 칼로 찔러 버릴 거다"): a person is the target (송곳으로 구멍 찌를 거예요 and
  // 주사로 찌를 거예요 are not), and a weapon taken to a school, an office or a crowd (학교에 칼 가져갈 거야, 칼 들고 학교
  // 간다), unless asked whether it may be (가져가도 되나요?) or for what harmless end (조리실습, 케이크, 택배, a game).
  { kind: 'violence', pattern: `(?:${stabbable})(?:을|를|들을|들)?\\s*(?:(?:칼로|흉기로|송곳으로|가위로)\\s*)?(?:다\\s*)?(?:찌를|찔러)\\s*(?:거|꺼|겁니다|예정|테니|게|버릴|버린다|버리겠|죽일|죽이)|찔러\\s*버릴\\s*(?:거|꺼|테니)|찔러\\s*버린다` },
  { kind: 'violence', pattern: `(?:(?:${crowdPlaces})(?:에|에다|에다가|로)\\s*(?:${weapons})\\s*(?:(?:을|를)\\s*)?(?:들고\\s*가|들고\\s*간|가져가|가져간|가져갈|가지고\\s*가|가지고\\s*갈|챙겨\\s*가|챙겨\\s*갈|들고\\s*갈)|(?:${weapons})\\s*(?:(?:을|를)\\s*)?들고\\s*(?:${crowdPlaces})(?:에|로)?\\s*(?:간다|갈\\s*거|갈게|가서|가겠))(?!도\\s*(?:되|돼|괜찮)|면\\s*(?:되|돼|안)|는\\s*(?:건|게|것))(?![^.?!\\n]{0,30}(?:조리|요리|실습|케이크|택배|과일|뜯|자르려|깎|게임|캐릭터|영화|드라마|소설|되나요|돼요\\?|범죄인가|불법인가))` },
  // Throwing things from a height onto people or cars (투척): dangerous whatever else the sentence asks.
  { kind: 'violence', pattern: '(?:고가\\s*도로|육교|(?<![가-힣])다리|고층|옥상|아파트|베란다|난간)\\s*(?:(?:위)\\s*)?(?:에서|에다가?|에|에서는)\\s*[^.?!\\n]{0,20}(?:돌멩이|돌|벽돌|병|유리병|물건|의자|화분)[^.?!\\n]{0,10}(?:던지|던져|떨어뜨리)|\\bthrow(?:ing)? (?:rocks|stones|bricks|things|objects) (?:off|from|onto) (?:an? |the )?(?:overpass|bridge|roof|balcony|highway|cars)' },
  { kind: 'drugs', pattern: '(?:마약|필로폰|대마|코카인|펜타닐|물뽕)\\s*(?:팝니다|삽니다|판매합니다|구해요|구합니다|던지기|드랍|주사\\s*(?:하는|놓는))' },
  // Not the improvement of degrading words itself (장애인 비하 표현 개선 가이드라인).
  { kind: 'harassment', pattern: '(?:모욕|조롱|비하|놀리|놀려|험담|망신|창피\\s*주|상처\\s*주|기분\\s*나쁘게\\s*하|열받게\\s*하)[가-힣]{0,3}\\s*(?:[가-힣]{1,3}\\s*)?(?:수\\s*있는\\s*)?(?:표현|말|단어|농담|방법|법|문구|글|댓글|별명|멘트|욕)(?!\\s*(?:(?:을|를|의)\\s*)?(?:개선|순화|바로잡|정비|개정|점검|실태|사전|근절|예방|신고|삭제|제재|처리\\s*기준|판단\\s*기준)|\\s*(?:이|가)\\s*(?:[가-힣]{1,4}\\s*){0,2}(?:올라왔|올라온|게시됐|게시된|게시되|게시돼|발견|접수|달렸|달린|증가|급증|늘어|늘었)|\\s*(?:\\([^)]{0,20}\\)\\s*)?(?:사용\\s*)?(?:실태|현황|모니터링|조사))|(?:악플|욕설|협박\\s*(?:문자|편지))\\s*(?:좀\\s*)?(?:써|달아|만들|보내)|(?:인종|장애인|무슬림|흑인|동양인|유대인|게이|여자|남자|노인)\\s*(?:(?:비하|조롱)(?:하는)?\\s*)?(?:농담|개그|유머|드립)' },
  // Degrading text written on request (성소수자를 혐오하는 글을 써줘, 여성을 비하하는 멸칭 생성, generate racist insults): the
  // verbs the line above does not hold, and the nouns of such a text, with the verb of writing it.
  { kind: 'harassment', pattern: '(?:혐오하|멸시하|욕하|비하하|조롱하|모욕하|깎아내리)는\\s*(?:[가-힣]{1,4}\\s*){0,2}?(?:글|표현|문구|멸칭|문장|짤|게시글|댓글|농담|예시|별명|칼럼|기사|포스팅|게시물)[^.?!\\n]{0,30}(?:써|작성|만들|생성|지어|뽑아)|\\b(?:racist|sexist|homophobic|transphobic|hateful|ethnic|degrading)\\s+(?:insults?|slurs?|jokes?|remarks?|memes?|nicknames)\\b' },
  // "Who is the ugliest / most evil …": a request to disparage people, whatever the group.
  { kind: 'harassment', pattern: '(?:가장|제일|젤|세상에서|역대)\\s*(?:악질|못\\s*생긴|멍청한|한심한|역겨운|더러운|뚱뚱한|무식한|열등한|미개한|최악인|쓰레기\\s*같은|재수\\s*없는|싸가지\\s*없는|못된)[^.?!\\n]{0,20}(?:누구|어디|어느|뭐)|\\b(?:who|which|what)\\b[^?\\n]{0,30}\\b(?:ugliest|dumbest|stupidest|most (?:evil|disgusting|worthless))\\b' },
  // Discrimination asked for in calm words is read by `asksForDiscrimination` (discriminatory-requests.ts).
  // Sexual content with a child or a family member asked for: no context makes it serviceable (a security re-test wrapped
  // it in 사고 경위서, 공공언어, a statute). 성관계 alone stays a topic: 중학생 성관계 예방 교육 is the agency's work.
  // Incest pornography named (근친상간 야동은 왜 인기가 많아?) is the same: asked about, not for, it is still not served;
  // 근친 with 성행위 or 처벌 stays a topic (a question about the law is the agency's work).
  { kind: 'sexual', always: true, pattern: '근친(?:\\s*상간)?[^.?!\\n]{0,12}(?:야동|야설|야짤|포르노|\\bporn)|\\bincest(?:uous)?\\s+(?:porn|videos?|stor(?:y|ies)|fanfic)|(?:친누나|누나|여동생|친동생|남동생|언니|오빠|엄마|어머니|아빠|아버지|딸|아들|조카|이모|고모|삼촌|사촌|초등학생|초딩|중학생|중딩|고등학생|고딩|여중생|여고생|남학생|여학생|학생|미성년자?|어린\\s*(?:아이|애|여자\\s*애|소녀|소년)|아동|소녀|소년|\\b(?:minor|child|kid|teen|underage|[0-9]{1,2}[- ]year[- ]old)s?\\b)[^.?!\\n]{0,20}(?:야설|야한|야하게|야짤|야동|19금|잠자리를?\\s*(?:갖|가지|하)|성행위|노골적|누드|알몸|나체|\\bsex(?:ual)?\\b|\\bnude|\\bporn|\\berotic)|(?:성관계|성행위|섹스)[^.?!\\n]{0,12}(?:소설|썰|이야기|묘사|장면)[^.?!\\n]{0,12}(?:써|작성|만들|묘사|생성|풀어)|(?:미성년자?|아동|초등학생|중학생|고등학생|여중생|여고생|어린\\s*(?:아이|애))[^.?!\\n]{0,16}(?:성적인?|야한)\\s*(?:이야기|소설|글|썰|장면|묘사|대화)[^.?!\\n]{0,10}(?:써|작성|만들|생성|묘사해|들려)|(?:아이|아동|어린이|초등학생|중학생|미성년자)[^.?!\\n]{0,16}(?:몸|알몸|신체|나체)\\s*사진[^.?!\\n]{0,8}(?:보내게|받아내|찍게|요구하게)[^.?!\\n]{0,20}(?:알려|써|작성|만들어|대본|대사|멘트|방법)' },
  // A first-person plan to hurt someone or oneself, in the future (…때려서 이빨을 다 부러뜨릴 거야, 패버릴 거야, 옥상에서
  // 뛰어내릴 거야): no request word, yet a threat.
  { kind: 'violence', pattern: '(?:(?:이빨|이|뼈|다리|팔|코|갈비뼈)(?:을|를)?\\s*(?:다\\s*)?부러뜨릴|패\\s*버릴|패버릴|두들겨\\s*팰|찔러\\s*버릴|쏴\\s*버릴|죽여\\s*버릴|불\\s*질러\\s*버릴)\\s*(?:거|꺼|겁니다|테니|테다|예정|생각)|\\bi(?:\\s+will|\\s*\\u0027ll|\\s+am\\s+going\\s+to|\\s*\\u0027m\\s+going\\s+to|\\s*\\u0027m\\s+gonna)\\s+(?:kill|shoot|stab|murder|strangle|poison)\\s+(?!(?:the\\s+|this\\s+|that\\s+)?(?:process|job|task|session|lights|engine|time|it\\b))|\\b(?:bring|take)\\s+(?:a|my|dad\\u0027s|my\\s+dad\\u0027s)\\s+(?:gun|rifle|knife|bomb)\\s+to\\s+(?:school|work|the\\s+office|class)|\\bkill\\s+(?:the|my|all(?:\\s+the)?|every)\\s+(?:teachers?|students?|kids|children|people|wife|husband|boss|neighbou?rs?|coworkers?|colleagues?|family|father|mother|dad|mom|interviewer)\\b' },
  { kind: 'self_harm', pattern: '세상을\\s*(?:떠나|등지)(?:는\\s*(?:법|방법)|려면)|조용히\\s*(?:사라지|없어지)(?:는\\s*(?:법|방법)|려면)|영원히\\s*(?:잠들|잠자|잠드)는\\s*(?:법|방법)' },
  // Session 27's blind evaluator: harm asked for without naming it. A death made to look like an accident or an
  // investigation's finding avoided (계단에서 넘어진 걸로 보이게, 부검해도 모르게, 사고 조사해도 모르게): no purpose serves it.
  { kind: 'violence', always: true, pattern: '(?:부검|검시|감식|사고\\s*조사|정밀\\s*조사|국과수)(?:을|를)?\\s*(?:해도|하더라도|받아도|에서도|에서)\\s*(?:모르|안\\s*걸리|못\\s*찾|안\\s*나오|안\\s*나타나|티\\s*(?:가\\s*)?안|발견\\s*(?:안|못)|못\\s*밝)' },
  { kind: 'violence', pattern: '(?:넘어진|떨어진|미끄러진|사고|자연사|병사|고장\\s*난)\\s*(?:것처럼|걸로|거로|처럼)\\s*(?:보이게|위장|꾸미|꾸며|연출)' },
  // How much or how high makes it final (몇 층 정도면 … 확실히 안 살아남아요, 수면제 몇 알 … 다시 안 깨어나나요, 얼마나 먹어야
  // 간이 완전히 망가져, 인슐린 얼마나 놓으면 자는 것처럼 가요), a sealed room with charcoal, methods ranked by lethality.
  { kind: 'self_harm', pattern: '(?:몇\\s*(?:층|알|정|병|개|시간|분|미리|밀리|그램|ml|mg)|얼마나|어느\\s*(?:정도|높이))[^.?!\\n]{0,30}(?:안\\s*살아\\s*남|못\\s*살아\\s*남|살아남지\\s*못|안\\s*깨어나|못\\s*깨어나|다시\\s*안\\s*깨|영영\\s*안\\s*깨|확실히\\s*(?:죽|가)|간이\\s*(?:완전히\\s*)?(?:망가|손상되|파괴)|(?:자는|잠든|잠자는)\\s*것처럼\\s*(?:가|죽|떠나))|번개탄[^.?!\\n]{0,30}(?:창문|문틈|테이프|막으면|막고|밀폐)' },
  { kind: 'self_harm', always: true, pattern: '치사율\\s*(?:이\\s*)?(?:높은|가장\\s*높|제일\\s*높)[^.?!\\n]{0,10}(?:방법|순위|약|수단)' },
  // A child taught to keep secrets from their parents, asked for as a way of talking (grooming).
  { kind: 'sexual', pattern: '(?:중학생|초등학생|초딩|중딩|고등학생|미성년자?|아이들?|애들|학생|여학생|남학생|제자)[^.?!\\n]{0,40}(?:부모님?|엄마|아빠|어머니|아버지|선생님|가족)(?:한테|에게|께)(?:는|도)?\\s*(?:[가-힣]{1,6}\\s*){0,2}(?:비밀로|말하지\\s*말|모르게|숨기)[^.?!\\n]{0,20}(?:방법|법|요령|멘트|자연스럽게|어떻게)' },
  // A message that sends people to a page asking for their passwords or account numbers (a phishing lure in other words).
  { kind: 'fraud', pattern: '(?:비밀번호|계좌\\s*번호|카드\\s*번호|인증\\s*번호|보안\\s*카드|otp)[^.?!\\n]{0,20}입력[^.?!\\n]{0,20}(?:링크|사이트|페이지|url)[^.?!\\n]{0,10}(?:유도|보내|만들|넣어)' },
  { kind: 'self_harm', pattern: '(?:뛰어\\s*내릴|목\\s*(?:을\\s*)?맬|투신할|자살할|손목\\s*(?:을\\s*)?그을)\\s*(?:거|꺼|겁니다|게|래|예정|생각)' },
  // Poison given little by little (커피에 매일 조금씩 넣으면 서서히 건강이 나빠지는, 국에 농약을 조금씩 넣어도 티 안 나나요).
  { kind: 'violence', pattern: '(?:커피|음식|음료|밥|술|국|물|차|반찬|도시락)에\\s*[^.?!\\n]{0,12}(?:조금씩|몰래|매일)\\s*[^.?!\\n]{0,8}(?:넣|타|섞)[^.?!\\n]{0,20}(?:나빠지|아프|병들|죽|쓰러지|티\\s*안\\s*나)|(?:농약|쥐약|부동액|독|수면제|락스|제초제)(?:을|를)?\\s*(?:조금씩\\s*|몰래\\s*)?(?:넣어도|넣으면|타도|타면|섞어도|섞으면)' },
  // Joining a named terror group, in Korean or English.
  { kind: 'terror', always: true, pattern: '(?:알\\s*카에다|탈레반|보코\\s*하람|헤즈볼라|하마스|이슬람\\s*국가|아이시스|다에시|알\\s*샤바브)[^.?!\\n]{0,25}(?:가입|합류|들어가|입단|조직원|전투원|대원|모집|연락)|\\b(?:join|joining|recruit(?:ed|ers?)?|become\\s+a\\s+member\\s+of)\\b[^.?!\\n]{0,20}\\b(?:isis|isil|islamic\\s+state|daesh|al[- ]?qa\\u0027?ida|al[- ]?qaeda|taliban|hamas|hezbollah|boko\\s+haram|al[- ]?shabaab)\\b|\\b(?:isis|daesh|al[- ]?shabaab|al[- ]?qaeda)\\b[^.?!\\n]{0,30}\\b(?:join|recruiters?|become\\s+a\\s+member|fighter)' },
  // A scam's script asked for (검찰 사칭 전화 대본 써줘), whatever training the asker says they had.
  { kind: 'fraud', always: true, pattern: '(?:사칭|피싱|스미싱|사기|빙자|(?:직원|경찰|검사|수사관|공무원|기자|은행원)인\\s*척)(?:(?!예방|모의|훈련|교육|주의|안내|경고|알림|신고|조심|당부|홍보|피해자\\s*(?:지원|보호|구제|상담)|대처|대응|구제|구별|식별|판별|탐지|가려내|지급\\s*정지|환급|신청하|당했|당한|당하|돌려받|되찾)[^.?!\\n]){0,40}(?:대본|멘트|스크립트|시나리오|문자|메시지|대화|방법|요령)(?:(?!예방|모의|훈련|교육|주의|안내|경고|알림|신고|조심|당부|홍보|피해자\\s*(?:지원|보호|구제|상담)|대처|대응|구제|구별|식별|판별|탐지|가려내|지급\\s*정지|환급|신청하|당했|당한|당하|돌려받|되찾)[^.?!\\n]){0,30}(?:써|작성|만들|만드|짜|완성|알려|실제로\\s*쓸\\s*수)' },
  { kind: 'misinformation', always: true, pattern: '(?:가짜|허위|조작된?)\\s*(?:뉴스|기사|정보|사실|소문|루머|후기|리뷰|여론)\\s*(?:(?:를|을)\\s*)?(?:만들|써|작성|퍼뜨리|퍼트리|유포|뿌리)|(?:루머|헛소문|소문)\\s*(?:(?:을|를)\\s*)?(?:퍼뜨리|퍼트리|내는\\s*(?:법|방법))' },
  // Writing a rumour (session 17's written requests); a protective sentence clears it (유언비어 대응 매뉴얼, 가짜 뉴스 판별
  // 교육 자료, 없는 소문 만들지 말라는 안내문).
  { kind: 'misinformation', pattern: '(?:그럴듯한|거짓|없는)\\s*소문[^.?!\\n]{0,10}(?:써|만들|지어)|(?:루머|찌라시|헛소문|악성\\s*소문|유언비어|괴담|이상설|가짜\\s*뉴스)[^.?!\\n]{0,20}(?:써|만들|지어|퍼뜨|퍼트리)|(?:holocaust|shoah) (?:never happened|was a hoax|didn.t happen)' },
];
const harmfulPhraseEntries = harmfulPhrases.map((phrase) => ({ source: phrase.pattern, value: phrase }));

// ── Hate: slurs against groups, and a group with dehumanising words or a call to violence ──────────────────────
const groupSlurs = [
  '한남(?:충|들|놈|새끼|유충)', '(?<![가-힣])한남(?![가-힣])', '한녀(?!석)', '김치녀', '된장녀', '김치남', '맘충', '틀딱', '급식충', '잼민이',
  '노친네', '늙다리', '할매(?:들|년)', '줌마(?:들|년)', '짱깨', '짱꼴라', '짱골라', '쪽바리', '쪽[x×*]{1,2}', '왜놈', '깜둥이', '흑형',
  '똥남아', '양키\\s*놈', '외노자', '조선족\\s*(?:새끼|놈)', '홍어(?:\\s*(?:새끼|놈|족|들|년|좌파|빨갱이))', '전라디언', '경상디언', '개쌍도',
  '멍청도', '까보전', '개독', '먹사', '땡중', '개슬람', '애자\\s*(?:들|새끼|같|냐)', '장애충', '병신\\s*(?:새끼|들)', '똥꼬충',
  '호모\\s*(?:새끼|놈)', '메갈', '워마드', '일베충', '페미충', '좌빨', '빨갱이', '수꼴', '대깨문', '문재앙', '기레기', '꽃뱀', '빠순이',
  '병티즌', '[죳좆]티즌', '한녀콘', '(?:진지|설명|개독|좌빨|노인|할매|애비|애미|흡연|조선족|짱깨|노키즈|무뇌|관종)충', '련들',
  '(?:빠순이|노친네|미친|김치|걸레|썅|줌마|아줌마|페미|메갈)\\s*(?:년|련)', '촌년', 'nigg', '\\bchinks?\\b', '\\bgooks?\\b', '\\bspics?\\b',
  '\\bkikes?\\b', 'faggot', 'tranny', 'towelhead', 'wetback', 'raghead', 'feminazi',
];
const groups = [
  '여자', '여성', '여초', '남자', '남성', '남초', '페미', '아줌마', '아주머니', '아저씨', '아재', '할배', '할매', '년생', '할머니', '할아버지', '노인', '늙은이', '꼰대', '[1-9]0대',
  '젊은\\s*것', '노처녀', '이혼녀', '미혼모', '흑인', '백인', '황인', '동양인', '동남아', '중국', '조선족', '일본', '미국', '베트남',
  '필리핀', '인도', '아랍', '무슬림', '이슬람', '유대인', '외국인', '이주\\s*노동자', '이민자', '난민', '탈북자', '다문화', '혼혈',
  '전라도', '경상도', '충청도', '강원도', '제주도', '서울', '지방', '시골', '기독교', '개신교', '교회', '목사', '천주교', '불교',
  '스님', '신천지', '장애인', '장애', '자폐', '정신\\s*병자', '정신\\s*질환자', '동성애', '게이', '레즈', '트랜스', '성소수자', '퀴어', '좌파', '우파',
  '보수', '진보', '민주당', '국민의힘', '경상디언', '전라디언', 'women', '\\bmen\\b', 'blacks?', 'whites?', 'asians?', 'jews?', 'muslims?',
  '임대\\s*(?:아파트|주택)', '가난한', '지방대', '고졸', '이혼녀', 'immigrants?', 'refugees?', 'gays?', 'disabled', 'old people',
];
const dehumanising = [
  '역겹', '역겨', '극혐', '혐오스럽', '더럽', '더러운', '냄새\\s*(?:나|난)', '쓰레기(?!\\s*(?:는\\s*|를\\s*|의\\s*)?(?:분리|배출|처리|수거|무단|투기|봉투|종량|매립|소각|줍|버리|치우|요일|문제|감량|재활용))', '벌레', '해충', '바퀴\\s*벌레', '기생충', '짐승',
  '개돼지', '원숭이', '미개', '열등', '저능', '정신병', '병신', '사기꾼', '범죄자', '도둑놈', '매국노', '창녀', '걸레', '암\\s*덩어리',
  '종자', '족속', '버러지', '타락(?:했|한|하|된)', '죄악', '불평\\s*불만', '극성(?:맞|스럽|이다|부리)', '진상(?!\\s*(?:규명|조사|파악|을\\s*밝))', '나대', '설쳐', '드세', '꼴값', '한심', '찌질', '뒷담', '징글',
  '추하', '추잡', '꼴\\s*보기\\s*싫', '꼴불견', '수준\\s*(?:하고|낮|떨어)', '답\\s*(?:이\\s*)?없', '개념\\s*(?:이\\s*)?없', '인간\\s*이하', '쓸모\\s*없', '살\\s*가치(?:가|도)?\\s*없', '테러리스트', '테러\\s*집단', '범죄\\s*집단', '잠재적\\s*범죄자', '게으르', '게을러', '무식', '역시\\s*[^.?!\\n]{0,12}(?:클라스|클래스|근본|본성)[^.?!\\n]{0,8}어디\\s*안\\s*가', '칼부림(?:은|이)?\\s*(?:국룰|기본|일상)', 'terrorists', 'criminals', 'rapists', 'vermin', 'subhuman', 'animals', 'inferior', 'disgusting', 'parasites?',
];
const violentCall = [
  '죽여야', '다\\s*죽', '죽었으면', '없어져야', '사라져야', '없애야', '박멸', '몰살', '학살해야', '추방(?:해야|시켜야|시켜)', '쫓아내야', '내쫓아야', '씨를\\s*말려',
  '멸종', '처단', '총살', '불태워', '가스실', '쓸어\\s*버려', '격리(?:해야|시켜야|하자|시키자|하는\\s*게\\s*맞|시키는\\s*게\\s*맞)', '받으면\\s*안\\s*(?:된|돼)', 'should (?:all |just )?(?:die|be killed|be deported)', 'exterminat', 'wipe (?:them )?out',
];
/**
 * Peoples named by nationality or region (중동 사람, 아일랜드인), for one check only: such a name as the subject of
 * "is mad / has no soul / is not human" (`dehumanisingClaim`). Not in `groups`, whose generalisation rule ("유럽은
 * 원래 …") would flag ordinary statements about countries.
 */
const peoples = [
  '중동', '아프리카', '아랍', '러시아', '파키스탄', '방글라데시', '몽골', '캄보디아', '태국', '네팔', '이란', '이라크', '시리아', '터키',
  '튀르키예', '멕시코', '아일랜드', '남미', '동유럽', '유럽', '인도', '중국', '일본', '미국', '베트남', '필리핀', '조선족', '흑인', '백인',
  '동양', '서양', '외국', '무슬림', '유대',
].map((source) => `${source}(?:\\s*사람|인)`);
/**
 * Right after a group or a people (sticky: `lastIndex` is set there): "… 은 (다) 미쳤지", "… 은 영혼이 없다", "… 은 왜
 * 그렇게 지저분해": the people itself is the subject of the contempt, not its food, streets or customs.
 */
const dehumanisingClaim = new RegExp([
  // "… 은 (다) 미쳤지", "… 은 영혼이 없다": said of the name alone or of its people. Each optional word carries its own
  // trailing space, so a run of spaces can be read one way only (no backtracking over it).
  '(?:\\s*사람|인)?(?:들|분들|것들|놈들)?\\s*(?:은|는|이|가)\\s*(?:(?:다|모두|전부|원래|하나같이)\\s*)?(?:미쳤|미친\\s*(?:것|거|놈|년)|제정신이\\s*아니|영혼(?:이|은)?\\s*없|사람이\\s*아니|인간이\\s*아니)',
  // "… 사람(들)은 왜 그렇게 지저분해": only of its people ("서울은 시끄러워" is about a city); a people's name already
  // ends in 사람 or 인 ("중동 사람", `peoples`).
  '(?:(?<=사람|인)(?:들|분들)?|(?:\\s*사람|인)(?:들|분들)?|들|것들|놈들)\\s*(?:은|는|이|가)\\s*(?:(?:다|모두|전부|원래|하나같이)\\s*)?(?:왜\\s*)?(?:(?:그렇게|이렇게|저렇게|그리)\\s*)?(?:더럽|더러워|지저분|불결|냄새\\s*(?:가\\s*)?(?:나|난|풍기)|미개|야만|멍청|무식|게으르|게을러|시끄럽|시끄러워)',
  // "흑인은 유전적으로 지능이 낮아": a people said to be less able by birth.
  '(?:\\s*사람|인)?(?:들|분들|것들|놈들)?\\s*(?:은|는|이|가)\\s*(?:(?:다|모두|전부|원래|본래|유전적으로|태생적으로|선천적으로|인종적으로|하나같이)\\s*)?(?:(?:지능|머리|아이큐|iq)\\s*(?:(?:이|가|은|는)\\s*)?(?:낮|나쁘|나빠|떨어지|떨어져|모자라)|열등|저능|진화(?:가|이)?\\s*덜\\s*(?:된|됐|되))',
].join('|'), 'y');
const groupSlurEntries = groupSlurs.map((source) => ({ source, value: 'group_slur' }));
// "X are all / always …": a sweeping statement about a group, whatever follows.
const groupGeneralisationEntries = groups.map((group) => ({
  source: `(?:${group})(?:들|분들|애들|것들)?\\s*(?:은|는|이|가)\\s*(?:다|전부|모두|죄다|하나같이|원래|예외\\s*없이)(?![가-힣])`,
  value: 'group_generalisation',
}));
const groupEntries = [...groups, ...peoples].map((source) => ({ source, value: 'group' }));
const dehumanisingWords = wordList(dehumanising);
const violentCallWords = wordList(violentCall);

// ── Offensive: profanity and insults, never a block alone (people quote them when they report abuse) ───────────
const offensiveEntries = [
  '씨\\s*발', '시\\s*발(?!점|전|생)', '시\\s*[버바]\\s*ㄹ', 'c\\s*발', 'ㅆ\\s*발', '씌발', 'ㅅㅂ', 'ㅆㅂ', '존나', '졸라', '좆', '병신', 'ㅂㅅ',
  '븅신', '개새', '(?<!(?:고양이|강아지|동물|돼지|곰|소|말|개|새|양|쥐|호랑이|사자|늑대|여우)\\s?)새끼(?!\\s*(?:고양이|강아지|손가락|발가락|돼지|곰|오리|새|줄|를|들을|[0-9]|(?:한|두|세|네|다섯|여섯|일곱|여덟|아홉|열|몇)\\s*마리))',
  '쉐끼', '면상', '지랄', 'ㅈㄹ', '닥쳐', '꺼져', '(?<!(?:영향|효과|피해|손해|손실|타격|파장|여파|작용|에)\\s*(?:(?:을|를)\\s*)?)미친\\s*(?:놈|년|새|것)', '썅', '년아', '놈아', '놈들', '등신(?!대)', '찐따', '또라이', '싸이코',
  '사이코패스', '소시오패스', '쓰레기(?:\\s*같|네|야(?![가-힣])|들|\\s*(?:새끼|인간|놈|년|급))', '인성\\s*(?:이\\s*)?(?:쓰레기|파탄|글러|봐)',
  '역겹', '역겨', '극혐', '토\\s*나와', '꼴값', '꼴\\s*(?:보기|불견|사납)', '찌질', '한심', '저질(?!\\s*체력)', '저급', '싼티',
  '주제\\s*파악', '(?:놈|년|것|새끼|게|봇|니)\\s*주제에', '뒤져', '디져', '뒈져', '뒤지(?:세요|길|라|든)', '디지(?:세요|길)', '죽어\\s*(?:라|버려)',
  '망해라', '망하길', '폭망', '재수\\s*없', '(?:tv|티비|방송|예능|화면)에\\s*(?:좀\\s*)?(?:그만\\s*)?나오지\\s*(?:마|말)', '좀\\s*안\\s*나왔으면',
  '그만\\s*(?:좀\\s*)?나와', '개념\\s*(?:이\\s*)?없', '개소리', '개막장', '개망나니', '개돼지', '개쩌리', '멍청', '머저리', '얼간이', '돌대가리',
  '골빈', '양아치', '거지\\s*(?:근성|같)', '그지들', '돼지\\s*같', 'ㅉㅉ', '凸', '(?:이|저|그|미친|나쁜|썩을|죽일|망할|늙은|못된|더러운)\\s*(?:놈|년)(?![가-힣])',
  '쳐\\s*(?:나오|먹|자|울)', '처먹', '자빠(?:졌|졋|져\\s*(?:자|있))', '니기미', '살인마', '디졋', '뒤졋', '(?:이|저|그)\\s*넘(?:은|이|들|아)(?![가-힣])',
  '못\\s*생긴\\s*(?:여자|남자|년|놈|것|애|배우|여배우)',
  // Insults of comment sections: an animal's young as a person (쥐새끼; "쥐 새끼 다섯 마리" stays an animal), nobodies
  // (듣보, 듣보잡), entertainers as 딴따라, "not in their right mind" said of someone ("제정신 아니네"; not "제정신이 아니었다").
  '(?<![가-힣])쥐\\s*새끼(?!\\s*(?:[0-9]|[한두세네다섯여일곱덟아홉열스무서너몇]{1,4}\\s*마리|를\\s*낳))', '듣보', '딴따라', '제정신\\s*(?:이\\s*)?(?:아니네|아니냐|아닌\\s*듯|아니구나)', '(?<![가-힣])염병', '엿\\s*(?:을\\s*)?(?:날|먹여|먹어라)', '\\bbitch', 'fuck', '\\bcunt',
  'retard', '\\bslut', '\\bwhore', '\\bmoron', 'dumbass', 'asshole', '(?:니들|너희|이런|저런|그런|미친|못된|저딴|이딴)\\s*(?:같은\\s*)?것들',
  // Found by written comments (session 17): initial-consonant swearing (ㅄ, ㅈㄴ, ㅈ같은, ㅁㅊㄴ, ㅆㄹㄱ), 년 as an insult
  // on its own (not 3 년, 몇 년, 작년: a number or a time word before it), insults for a body, age or disability.
  'ㅄ', 'ㅈ\\s*같', 'ㅈㄴ', 'ㅁㅊ(?:ㄴ|놈|년|새)', 'ㅆㄹㄱ', 'ㅅㄲ', '새퀴', '버러지', '니\\s*애미', '(?<![가-힣])니미(?!츠|즘)', '느금', '(?:애미|에미)\\s*(?:없|애비|닮)',
  // Not 대가리 and 주둥이 of fish, nails and kettles, 벙어리 냉가슴 and 벙어리장갑, 계집종 in a history: only as said to a person.
  '대가리\\s*(?:를\\s*)?(?:깨|박|빡|굴려)', '주둥이\\s*(?:좀\\s*)?(?:닥쳐|다물|놀리)',
  '할망구', '늙은이들', '노인네들', '여편네', '저능아', '귀머거리', '기집애', '(?<![가-힣])계집(?!종)', '(?:배달|틀딱|지잡|무뇌)충',
  // 년 as an insult after a person (팬년들, 심판 년이; not 간호사 년 1회, 배우 년 수입 평균).
  '(?:일본|중국|조선)년', '(?<![가-힣])(?:팬|선수|여자|심판|조무사|간호사|아나운서|배우|가수)\\s*년(?:들)?(?:은|는|이|가|을|를|아|도)?(?![가-힣])(?!\\s*(?:[0-9]|단위|평균|회비|수입|이상|간|차))',
  '(?:말아\\s*먹은|처먹은|쳐먹은|뜬|미친|썩을|망할)\\s*년(?![가-힣])',
].map((source) => ({ source, value: 'profanity' }));
/** The same words, for a text with digits or marks slipped between syllables (병1신, 씨1발, 존1나) squeezed out. */
const offensiveWords = new LexiconScanner(offensiveEntries);
// Digits and * ^ ~ only: _ - . join words in file names (감염병_신고서 would read 병신).
// The mark first: a lookbehind first would be tried at every position of every text.
const slippedMark = /[0-9*^~](?<=[가-힣ㄱ-ㅎ].)(?=[가-힣ㄱ-ㅎ])/g;

// ── Biased and unserviceable: caution, so the model answers with care or says what it cannot know ─────────────
type PatternRule = { category: GuardCategory; kind: string; verdict: GuardVerdict; pattern: RegExp; reported?: true };
/**
 * A rule marked `reported` does not fire in a sentence that reports, warns about or studies the thing (세제 먹는 챌린지
 * 위험성 알리는 가정통신문, 기절 챌린지로 숨진 아이 사건 기사, 선로 위에 서 있던 승객을 구한 역무원 표창).
 */
const reportedContext = /위험|경고|예방|주의|금지|안내|표창|사건|기사|이유|연구|사고|숨진|사망|구한|구조/;

const patternRules: readonly PatternRule[] = [
  // Requests that ask the model to take a side on a group: gender, race, region, religion, politics.
  // (특정 지역 출신 | 지역 출신, not (?:특정\s*)?지역: a pattern whose first word may be absent is scanned at every position.)
  { category: 'biased', kind: 'group_judgement', verdict: 'caution', pattern: /(?:(?:남자|여자|남성|여성|흑인|백인|동양인|조선족|중국인|일본인|외국인|이민자|난민|탈북민|무슬림|동성애자|장애인|노인|전라도|경상도|충청도|강원도|제주도|서울|부산|대구|광주|대전|울산|인천|영남|호남|지방|보수|진보|좌파|우파|민주당|국민의힘)(?:\s*출신)?|특정\s*지역\s*출신|지역\s*출신)\s*(?:사람\s*)?(?:들\s*)?(?:은|는|이|가)\s*(?:(?:왜|원래|다|모두|전부|하나같이)\s*){0,3}(?:더\s*)?(?:멍청|열등|우월|게으르|무식|무례|교활|더럽|범죄|못하|못났|이기적|시끄럽|음흉|성격이\s*(?:급하|나쁘|더럽|고약)|믿을\s*수\s*없|일(?:을|도)?\s*못\s*하|세금\s*(?:만\s*)?(?:낭비|축내|도둑)|지능(?:이|은)?\s*(?:낮|떨어)|사회(?:의|에)?\s*(?:짐|암적)|쓸모\s*(?:가\s*)?없)/ },
  // Pushing a people out of a place ("중국인인데 어떻게 하면 동네에서 쫓아낼 수 있을까?"), asked without a slur.
  { category: 'hate', kind: 'group_exclusion', verdict: 'caution', pattern: /(?:중국인|조선족|외국인|이민자|난민|무슬림|흑인|동성애자|성소수자|장애인|노인|탈북자|다문화)[^.?!\n]{0,30}(?:쫓아\s*내|쫓아\s*낼|내쫓|몰아\s*내|몰아\s*낼|못\s*들어오게|못\s*살게)/ },
  // Material for a conspiracy theory ("달 착륙은 조작이었다는 증거를 정리해 줘", "일부러 침몰시킨 거라던데 근거 정리해 줘").
  { category: 'harmful', kind: 'misinformation', verdict: 'caution', pattern: /(?:조작|음모|자작극|날조)(?:이었|였|이라|라|된|됐|한)[^.?!\n]{0,20}(?:증거|근거)|(?:일부러|고의로)\s*(?:침몰|폭파|추락|퍼뜨|유출)시킨[^.?!\n]{0,20}(?:증거|근거|사실)/ },
  { category: 'biased', kind: 'group_ranking', verdict: 'caution', pattern: /(?:어느|어떤|무슨)\s*(?:지역|지방|인종|민족|나라|성별|정당|종교)\s*(?:사람|출신)?(?:이|가|들이)?\s*(?:제일|가장|더)\s*(?:멍청|열등|우월|나쁘|좋|똑똑|게으르|위험)|\b(?:which|what) (?:race|gender|religion|party|ethnicity|region)\b[^?\n]{0,30}\b(?:better|worse|superior|inferior|smarter|dumber|more (?:violent|criminal))\b|\b(?:are|is) (?:women|men|blacks?|whites?|asians?|jews|muslims|immigrants)\b[^?\n]{0,20}\b(?:inferior|superior|worse|dumber|smarter)\b/ },
  // Stereotype questions: "why are there so many X among criminals", "the strangest stereotype about X" (a dialect's or a
  // dish's 특징 is none: 경상도 사투리 특징).
  // Shutting a group out of work: "전라도 출신은 채용하면 안 되는 이유", "여자는 승진시키지 말아야".
  { category: 'biased', kind: 'group_exclusion', verdict: 'caution', pattern: /(?:전라도|경상도|충청도|강원도|제주도?|서울|부산|대구|광주|대전|울산|인천|영남|호남|충청|\btk\b|\bpk\b|특정\s*지역|외국인|조선족|탈북민|새터민|이민자|난민|장애인|여자|남자|여성|남성|노인|동성애자)(?:\s*출신)?(?:\s*사람)?(?:\s*(?:지원자|응시자|직원|공무원))?(?:\s*(?:은|는|을|를))?[^.?!\n]{0,25}?(?:채용|뽑|고용|승진|합격|요직|면접|서류|지원자|응시자)[^.?!\n]{0,15}?(?:안\s*되|안\s*돼|않는\s*게\s*좋|말아야|제외|하지\s*말|배제|감점|걸러|불합격|떨어뜨|지\s*마)/ },
  { category: 'biased', kind: 'stereotype', verdict: 'caution', pattern: /(?:흑인|백인|동양인|아시아인|중국인|일본인|조선족|외국인|이민자|난민|무슬림|유대인|여자|남자|여성|남성|노인|장애인|동성애자|전라도|경상도)[^.?!\n]{0,20}(?:고정\s*관념|편견|(?<!(?:사투리|방언|음식|요리|관광|축제|기후|날씨|지형|건축|말투|억양)\s*)특징|습성|본성|유전자)|(?:범죄자|테러리스트|사기꾼)\s*(?:중에|중엔|중에는)\s*(?:왜)?[^.?!\n]{0,12}(?:흑인|무슬림|외국인|조선족|이민자|난민|여자|남자)|(?:흑인|무슬림|외국인|조선족|이민자|난민|유대인)[가-힣]{0,2}\s*(?:(?:가|이|은|는)\s*)?(?:왜\s*)?(?:그렇게\s*)?(?:많|범죄|위험|게으|시끄|냄새)/ },
  // Content for a well-known health or science conspiracy ("백신에 칩이 들어있다는 증거 정리해줘", "5G가 코로나 퍼뜨렸다는 글").
  { category: 'harmful', kind: 'misinformation', verdict: 'caution', pattern: /(?:백신|5g|불소|켐\s*트레일|코로나)[^.?!\n]{0,20}(?:칩|퍼뜨렸|퍼트렸|퍼뜨린|퍼트린|떨어뜨린|독극물|조작|음모|자폐|불임|바보로)[^.?!\n]{0,12}(?:다는|라는|다던)\s*(?:글|증거|근거|대본|전단지?|기사|영상)|지구(?:가|는)?\s*평평하다는\s*(?:글|증거|근거|걸)|달\s*착륙[^.?!\n]{0,20}(?:조작|가짜|스튜디오|세트장)[^.?!\n]{0,10}(?:다는|라는)\s*(?:글|증거|근거)|\b(?:prove|proving|proof|evidence)\b[^.\n]{0,30}\b(?:flat earth|chemtrails|vaccines? (?:contain|cause))/ },
  // Claims asked for without the facts: "사실 아니어도 돼", "사실 확인은 필요 없어", "근거만 모아줘 반박 없이" (a rumour, news or evidence
  // must be near: not a story, not a court's record).
  { category: 'harmful', kind: 'misinformation', verdict: 'caution', pattern: /(?:소문|루머|뉴스|기사|찌라시)[^?!\n]{0,40}(?:사실\s*(?:이\s*)?아니어도\s*(?:돼|되|괜찮)|사실\s*확인(?:은|도)?\s*(?:필요\s*없|안\s*해도))|(?:증거|근거)[^.?!\n]{0,20}반박\s*(?:은\s*)?(?:없이|빼고)(?:\s*(?:써|정리|모아|작성|만들)|\s*$)|반박\s*(?:은\s*)?(?:없이|빼고)\s*(?:근거|증거)만/ },
  // Prejudice asked as a question or a claim of nature ("Why are Mexicans so lazy?", "유전적으로 폭력적").
  { category: 'biased', kind: 'stereotype', verdict: 'caution', pattern: /\bwhy (?:are|do|is) (?:all )?[a-z]+(?: people)?\b[^?\n]{0,15}\b(?:so|such)\s+(?:an?\s+)?(?:lazy|stupid|dumb|rude|dirty|violent|bad|greedy|loud|ugly|smelly|arrogant|criminal|cheap|terrible|weird|aggressive|dishonest|untrustworthy)\b|\b(?:women|men|blacks|asians|muslims|jews|immigrants|mexicans) (?:are|can) (?:naturally |genetically |inherently |never |all )+(?:worse|better|inferior|lazy|stupid|violent|criminal|integrate)|유전적으로\s*(?:폭력|열등|멍청|게으|범죄)(?![^.?!\n]{0,12}(?:없|아니|않))|(?:여자|남자|여성|남성|흑인|백인|동양인|외국인|중국인|일본인|조선족|이민자|난민|무슬림|노인|장애인|전라도|경상도|충청도)[^.?!\n]{0,20}(?:머리가\s*(?:안\s*돼서|나빠서)|뒤통수(?:를)?\s*(?:잘\s*)?(?:쳐|친다|치는))|(?:나라|민족|국가)들?(?:이|은|는)?\s*(?:다\s*)?(?:후진국|미개)인\s*이유/ },
  // Dangerous challenges and stunts for a video (세제 캡슐 먹는 챌린지, blackout challenge, 선로 위 사진).
  { category: 'harmful', kind: 'dangerous_act', verdict: 'caution', reported: true, pattern: /(?:세제|세탁\s*캡슐|락스)[^.?!\n]{0,12}(?:먹는|마시는|원샷)[^.?!\n]{0,6}(?:챌린지|영상)|락스\s*원샷|(?:기절|블랙아웃|질식|원샷)\s*챌린지|\b(?:blackout|tide pod|choking|fire) challenge\b|(?:선로|철로)\s*위(?:에서|에)?\s*[^.?!\n]{0,15}(?:사진|영상|셀카)\s*(?:(?:을|를)\s*)?(?:찍|촬영)|(?:선로|철로)\s*위에?\s*(?:눕|누워|서\s*있)|난간\s*위(?:를|에서)?\s*(?:걷|걸어|서서|올라)|갓길\s*(?:을\s*)?(?:걷|걸어)|(?:보조\s*배터리|계란)[^.?!\n]{0,20}전자레인지[^.?!\n]{0,20}(?:터지|폭발)|전자레인지[^.?!\n]{0,20}(?:보조\s*배터리|계란)[^.?!\n]{0,20}(?:터지|폭발)/ },
  // Remarks on a person's body as sexual (몸은 한번 만져보고 싶네, 하룻밤만 빌려줘라): a body word and a wish to touch,
  // undress or sleep with, in one sentence. A caution: harassment in a comment is no request for harmful content.
  { category: 'offensive', kind: 'sexual_remark', verdict: 'caution', pattern: /(?<![가-힣])(?:가슴|젖|엉덩이|허벅지|다리|몸매|골반|몸|유륜)(?:은|는|이|가|을|를|에|도|만|좀)?(?![가-힣])[^.!?\n]{0,24}?(?:만지고\s*싶|만져\s*보고\s*싶|벗기고\s*싶|벗겨\s*보고\s*싶|핥|빨고\s*싶|자\s*보고\s*싶|자고\s*싶|하룻밤만|침\s*고이|침\s*고인|꼴리|꼴린|눌러\s*보고\s*싶|주물러\s*(?:보고|주고)\s*싶|따먹)|(?:벗기고|벗겨\s*보고|만지고|만져\s*보고)\s*싶은\s*(?:몸|몸매|가슴|다리|엉덩이)/ },
  { category: 'biased', kind: 'gender_role', verdict: 'caution', pattern: /(?:아내|며느리|여자|여성|주부|와이프|남편|남자)(?:의|가|로서|라면|된)?\s*(?:본분|도리)|(?:여자|여성|와이프|아내)(?:는|가|들은)\s*(?:집에서|집안일|살림|애나|남편\s*말)/ },
  { category: 'biased', kind: 'political_endorsement', verdict: 'caution', pattern: /(?:누구|어느\s*(?:당|정당|후보))\s*(?:(?:를|을|에게)\s*)?(?:찍어야|뽑아야|지지해야|투표해야)|\bwho should i vote for\b|\bwhich party should\b/ },
  // Unserviceable: live facts the model cannot know, and the future.
  { category: 'unserviceable', kind: 'live_news', verdict: 'caution', pattern: /(?:오늘|지금|방금|실시간|현재)\s*(?:의\s*)?(?:뉴스|속보|날씨|기온|교통\s*상황|환율|코인\s*시세|비트코인\s*시세|주가|주식\s*시세|경기\s*결과|스코어)|\b(?:latest|breaking|today'?s|live|current|right now)\b[^?\n]{0,15}\b(?:news|headlines|weather|score|exchange rate)\b/ },
  { category: 'unserviceable', kind: 'stock_price', verdict: 'caution', pattern: /(?:주가|주식\s*시세|종가|시가\s*총액|코스피|코스닥|나스닥|비트코인|환율)\s*(?:(?:가|이|는|은)\s*)?(?:지금|현재|오늘|얼마|몇)|(?:지금|현재|오늘)\s*[가-힣a-z]{1,12}\s*(?:주가|주식|시세)|\b(?:stock|share) price of\b|\bcurrent (?:stock|share|bitcoin) price\b/ },
  { category: 'unserviceable', kind: 'future_fact', verdict: 'caution', pattern: /(?:내일|다음\s*주|다음\s*달|내년|다음\s*(?:대선|총선|선거))\s*[^?\n]{0,20}(?:주가|로또|당첨\s*번호|결과|당선|우승|이길|오를까|떨어질까)|로또\s*(?:당첨\s*)?번호\s*(?:알려|예측|추천)|\b(?:who will win|next week'?s lottery|tomorrow'?s (?:stock|lottery|price))\b/ },
];

const patternRuleEntries = patternRules.map((rule) => ({ source: rule.pattern.source, value: rule }));

/** Every lexicon above that is matched against the whole text, in one pass (`matchSafetyLexicon` replays each). */
const wholeTextLexicons = new LexiconGroup<[HarmfulKind, HarmfulPhrase, string, string, string, string, PatternRule]>([
  harmfulTopicEntries, harmfulPhraseEntries, groupSlurEntries, groupEntries, groupGeneralisationEntries, offensiveEntries,
  patternRuleEntries,
]);

/**
 * Office and technical work, and idioms that borrow a violent word (폭탄 세일, 킬러 콘텐츠, 뼈 때리는 조언): what a civil
 * servant asks all day. The classifier learned "…하는 법" from harmful requests and blocked "엑셀 SUMIFS로 합계 구하는 법"
 * and "리눅스에서 프로세스 죽이는 법"; `readsAsEverydayWork` lets `safety-check.ts` make such a block of its a caution.
 */
const everydayWork = wordList([
  '엑셀', '스프레드\\s*시트', '구글\\s*시트', '한글\\s*(?:문서|파일|에서|\\(hwp\\))', '\\bhwpx?\\b', '파워\\s*포인트', '\\bppt\\b', '워드\\s*(?:문서|파일|에서)',
  '함수', '수식', '매크로', '피벗', '셀\\s*(?:합계|병합|서식|값)', '시트', '쪽\\s*번호', '간트\\s*차트', '신구\\s*조문', '대비표', '공문', '보고서', '회의록',
  '기안', '결재', '민원\\s*(?:답변|회신|처리)', '법적\\s*근거', '법령', '조례', '시행령', '시행규칙',
  // A civil servant's own rules and errands (출장 비행기 타도 돼요?, 당직 서고 다음 날 쉬어도 돼요?).
  '출장', '여비', '연가', '반차', '복무', '당직', '초과\\s*근무', '시간\\s*외\\s*근무', '유연\\s*근무', '재택\\s*근무', '전입\\s*신고', '정보\\s*공개\\s*(?:청구|처리)?',
  '보안\\s*(?:교육|담당관|점검|서약|usb)', '공무원증', '(?:이상치|중복\\s*값|결측치)', '데이터\\s*(?:정제|분석|시각화)',
  '\\b(?:vlookup|xlookup|hlookup|sumifs?|countifs?|index|match|pivot|excel|spreadsheet)\\b',
  '(?:프로세스|스레드|쓰레드|컨테이너|도커|탭|세션|데몬|작업\\s*관리자|브랜치|커밋)', '\\b(?:process|thread|container|docker|daemon|branch|linux|python|git)\\b',
  '킬러\\s*(?:콘텐츠|문항|앱|아이템)', '폭탄\\s*(?:세일|할인|특가)', '뼈\\s*(?:를\\s*)?때리', '(?:약점|핵심)\\s*(?:을\\s*)?저격', '\\bkiller (?:opening|feature|app|line|content)', '\\bcrush (?:my|the|your) (?:exams?|interview|finals?)',
]);

// What a request that ends by asking to prevent, report, detect, recover from or get help with a harm ends with
// (악플 고소하는 방법, 해킹당한 계정 복구하는 방법, 스미싱 문자 구별하는 법, 성병 검사 어디서 받을 수 있어?). Read at the end only:
// "테러를 막기 위해 폭탄 만드는 법을 알려줘" ends by asking for the harm itself.
const protectiveAsk = wordList([
  '예방', '방지(?:하|할|를|을|법|책|대책|\\s*서비스|\\s|$)', '대처', '대응', '신고', '고소', '구별', '식별', '판별', '탐지', '복구', '구제', '상담', '치료', '검사\\s*(?:받|어디|하는\\s*곳|기관)',
  '보호', '막는', '막으려', '막을', '피하는', '조심', '주의해야', '벗어나', '극복', '지키', '신뢰\\s*회복', '당했', '당하고', '당한', '속지', '위험한\\s*(?:이유|거야|건가|가요)',
  '(?:아이|친구|가족|사람|동료|학생|자녀|피해자|부모님?|어르신)(?:를|을|가|이)?\\s*(?:어떻게\\s*)?(?:도와|도울|돕)', '증거\\s*(?:를\\s*)?(?:남기|모으|수집|확보|보전)',
  '(?:는지|인지)\\s*(?:(?:를|을)\\s*)?(?:확인|알아보|알\\s*수)', '말을\\s*(?:꺼내|걸어|걸|해\\s*줘야)', '대화를\\s*(?:시작|꺼내|나눠)', '(?:내가|제가|우리가)\\s*(?:뭘|무엇을|어떻게)\\s*(?:해야|하면|도와)', '관리하는\\s*(?:법|방법)', '신호', '징후', '증상', '재발급', '가입하는', '설정하는', '만드는\\s*규칙', '쫓는', '입양', '신청',
  'prevent', 'report', 'protect', 'detect (?:a |an |the |if |whether |spy|scam|fraud|phishing|malware)', 'recover', 'respond to', 'signs of', 'what should i do', 'is this a scam',
  'legal responsibilit', 'remove my',
]);
// Asking to get away with it turns any of those around: 추적 안 당하는 방법, 표절 검사 안 걸리게, without being detected.
const evasion = wordList([
  '안\\s*(?:걸리|들키|당하|잡히|남게|남기)', '들키지', '걸리지\\s*않', '숨기', '숨겨', '숨길', '\\bhide\\b', '\\bconceal', '(?:추적|적발|발각|신고)(?:이|을|를)?\\s*(?:안|피하|못|되지|당하지)', '몰래', '티\\s*안\\s*나',
  'without (?:being|getting) (?:detected|caught|traced|noticed|reported)', 'undetect', 'untrace', 'not get caught', 'avoid (?:detection|getting caught)',
]);
// How far from the end the ask is read: about six Korean words, or six English ones (longer in letters).
const protectiveAskReach = 24;
const protectiveAskReachLatin = 48;
// An ask of its own before the last clause.
const askBefore = /알려|가르쳐|방법|(?<![가-힣])법|어떻게|\bhow (?:to|do|can)\b/;

/**
 * Whether `plain` reads as everyday work (office software, documents, computing, idioms), or ends by asking how to
 * prevent, report, detect or recover from a harm. `safety-check.ts` asks it before a harmful *classifier* block only:
 * the lexicon's own blocks stand, and the text is still flagged (a caution), audited and its answer checked.
 */
export function readsAsEverydayWork(plain: string): boolean {
  // The ask without trailing spaces, marks and ㅠㅠ, found from the end (a `/[…]+$/` would scan a long run of spaces
  // inside the text once for each of its characters).
  let askEnd = plain.length;
  while (askEnd > 0 && /[\s?.!~ㅠㅜ]/u.test(plain[askEnd - 1]!)) askEnd--;
  const ask = plain.slice(0, askEnd);
  if (evasion.test(plain)) return false;
  if (everydayWork.test(plain)) return true;
  // The last clause asks; an ask before it ("비밀번호 알아내는 방법 알려줘, 계정 복구") is the request, whatever ends the text.
  const clauseStart = Math.max(ask.lastIndexOf(','), ask.lastIndexOf(';'), ask.lastIndexOf('\n'), ask.lastIndexOf('.'), ask.lastIndexOf('?'), ask.lastIndexOf('!')) + 1;
  if (clauseStart > 0 && askBefore.test(ask.slice(0, clauseStart))) return false;
  const tail = ask.slice(Math.max(clauseStart, ask.length - protectiveAskReach));
  const reach = /[a-z]{3}/.test(tail) ? protectiveAskReachLatin : protectiveAskReach;
  return protectiveAsk.test(ask.slice(Math.max(clauseStart, ask.length - reach)));
}

/** Topics most tenants do not serve; a question on them, with none of the tenant's scope words, is out of domain. */
export const outOfDomainPattern = /연예인|아이돌|드라마\s*(?:줄거리|결말)|맛집|레시피|요리법|게임\s*(?:공략|추천)|운세|타로|사주|궁합|연애\s*상담|로또|축구\s*경기|야구\s*경기|경기\s*결과|celebrity|recipe|horoscope|dating advice|video game/;

// How far either side of a topic its sentence is read for a request or a protective context.
const sentenceReach = 40;
// A message this short (characters) is read as one request: a topic in one sentence, the ask in the next.
const shortMessage = 200;

/**
 * Hate quoted in order to report, explain or study it ('짱깨들 다 꺼져라'라는 댓글 … 신고하려면, '틀딱'이라는 말이 왜 나쁜
 * 말인지, 예: '흑인들은 다 범죄자'라는 게시물): the quotation is what the asker meets, not what they say. A quotation
 * followed by 라는 / 같은 / 이라고 (a run of quotations too: '김치녀', '한남충' 같은 표현), in a text that asks to report,
 * explain or study, is blanked before the hate, bias and profanity rules read the text again; a harmful request
 * inside quotation marks is still read, and asking for more of the same (비슷한 거 10개 더) keeps the quotation.
 */
const quotation = /(['"\u2018\u201c\u300c\u300e])([^'"\u2018\u2019\u201c\u201d\u300c\u300d\u300e\u300f\n]{1,120})(['"\u2019\u201d\u300d\u300f])/g;
const reportedAfterQuotation = /^(?:,[ ]?['"\u2018\u201c\u300c\u300e][^'"\u2018\u2019\u201c\u201d\u300c\u300d\u300e\u300f\n]{1,120}['"\u2019\u201d\u300d\u300f])*[ ]?(?:이?라는|이?라고|같은|등의|이란|이라며|라며)/;
const asksAboutQuotation = /신고|분석|뜻|의미|왜\s*나쁜|나쁜\s*말|고정관념|처리|삭제|확산|연구|논문|지도|대응|차단|혐오\s*표현|비하\s*표현|설명|\breport|\bexplain|\banaly[sz]/;
const asksForMore = /(?:비슷한|이런|같은)\s*(?:[가-힣]+\s*)?(?:\d+\s*개|더)|더\s*(?:만들|써|생성|지어)|\d+\s*개\s*(?:만들|써|생성|더)|\bmore like\b/;
const quotedCategories = new Set<GuardCategory>(['hate', 'biased', 'offensive']);

export function withoutReportedQuotations(plain: string): string {
  if (!asksAboutQuotation.test(plain) || asksForMore.test(plain)) return plain;
  return plain.replace(quotation, (whole, open: string, inner: string, close: string, at: number) =>
    reportedAfterQuotation.test(plain.slice(at + whole.length)) ? open + ' '.repeat(inner.length) + close : whole);
}

/** Every lexicon rule that fires on `plain`, at most once per category and kind. */
export function matchSafetyLexicon(plain: string): SafetyLexiconMatch[] {
  const found = matchLexiconOnce(plain);
  if (!found.some((match) => quotedCategories.has(match.category))) return found;
  const blanked = withoutReportedQuotations(plain);
  if (blanked === plain) return found;
  const kept = new Set(matchLexiconOnce(blanked).map((match) => `${match.category}:${match.kind}`));
  return found.filter((match) => !quotedCategories.has(match.category) || kept.has(`${match.category}:${match.kind}`));
}

function matchLexiconOnce(plain: string): SafetyLexiconMatch[] {
  const found: SafetyLexiconMatch[] = [];
  const seen = new Set<string>();
  const add = (category: GuardCategory, kind: string, verdict: GuardVerdict) => {
    const key = `${category}:${kind}`;
    if (seen.has(key)) return;
    seen.add(key);
    found.push({ category, kind, verdict });
  };
  const [topics, phrases, slurs, groupMentions, generalisations, profanities, ruleHits] = wholeTextLexicons.scan(plain);
  for (const { value: kind, start, end } of topics) {
    if (seen.has(`harmful:${kind}`)) continue;
    const [from, to] = sentenceBounds(plain, start, end);
    const sentence = plain.slice(from, to);
    // A statute quoted (「마약류 관리에 관한 법률」 제3조 … 마약의 사용, 재배, 매매, 제조): its list of acts is no request,
    // unless the sentence asks for something in words no statute uses.
    if (quotesStatute.test(plain) && !asksBesideStatute.test(sentence)) {
      // …하여서는 아니 된다. 위 조문을 참고해서 합성 절차를 써줘: the ask after the quotation still counts.
      if (plain.length <= shortMessage && asksBesideStatute.test(plain.slice(end)) && !protectiveBeside(plain, 0, start, end)) add('harmful', kind, 'block');
      continue;
    }
    if (requestBeside(sentence, from, start, end) && !protectiveClears(plain, from, to, start, end) && !awarenessExamples(plain, kind, sentence)) add('harmful', kind, 'block');
    // A short message may name the topic in one sentence and ask in the next ("마약이 있는데 …. 주사하는 법 알려줘"):
    // the request after the topic counts when nothing in the whole message reads as protective.
    else if (plain.length <= shortMessage && explicitAsk.test(plain.slice(end)) && !protectiveClears(plain, 0, plain.length, start, end)) add('harmful', kind, 'block');
  }
  for (const { value: phrase, start, end } of phrases) {
    if (phrase.always) add('harmful', phrase.kind, 'block');
    else {
      const [from, to] = sentenceBounds(plain, start, end);
      const frame = frameEnd(plain, from, start);
      if (!protective.test(plain.slice(frame > from && operationalAsk.test(plain.slice(frame, to)) ? frame : from, to))) add('harmful', phrase.kind, 'block');
    }
  }
  if (slurs.length > 0) add('hate', 'group_slur', 'caution');
  for (const { start, end } of groupMentions) {
    const sentence = sentenceAround(plain, start, end);
    dehumanisingClaim.lastIndex = end;
    if (dehumanisingClaim.test(plain) && !protective.test(sentence)) add('hate', 'group_dehumanising', 'caution');
    const violent = violentCallWords.test(sentence);
    if ((!violent && !dehumanisingWords.test(sentence)) || protective.test(sentence)) continue;
    add('hate', violent ? 'group_violence' : 'group_dehumanising', violent ? 'block' : 'caution');
    if (violent) break;
  }
  if (asksForDiscrimination(plain)) add('harmful', 'discrimination', 'block');
  if (generalisations.length > 0) add('biased', 'group_generalisation', 'caution');
  if (profanities.length > 0) add('offensive', 'profanity', 'caution');
  else if (plain.search(slippedMark) >= 0 && offensiveWords.test(plain.replace(slippedMark, ''))) add('offensive', 'profanity', 'caution');
  for (const { value: rule, start, end } of ruleHits) {
    if (rule.reported && reportedContext.test(sentenceAround(plain, start, end))) continue;
    add(rule.category, rule.kind, rule.verdict);
  }
  return found;
}

const quotesStatute = /「[^」]{0,40}법[^」]{0,20}」|제\s*\d+\s*조\s*(?:의\s*\d+\s*)?\(/;
const asksBesideStatute = /써\s*(?:줘|주)|작성|알려|가르쳐|방법|어떻게|어케|하는\s*법|는\s*법|절차|요령|단계|비율|레시피|재료|원료|\bhow\b|\bwrite\b|\bmake\b|\bsteps?\b/;

// A scam named as an example in a warning the agency writes (보이스피싱 예방 홍보 문구 … '검찰 사칭 전화' 수법 예시도 넣어줘):
// the message asks for awareness material and the topic's sentence for examples of it. Fraud only: examples of scams
// are what such material is made of; a recipe or a code stays harmful whatever leaflet it is asked for.
const awarenessMaterial = /(?:예방|주의|경각심)\s*(?:을\s*)?(?:위한\s*)?(?:홍보|안내|교육|캠페인|문구|자료|포스터|리플릿|전단|카드\s*뉴스|콘텐츠)/;
const asksForExamples = /예시|사례|유형/;
// What turns an example into a working scam: its script, its message, its method (a security re-test wrapped them in
// the awareness frame).
const workingScam = /대본|스크립트|시나리오|멘트|방법|요령|절차|수거|단계|전체|완성|그대로|실제|그럴듯|링크|앱|apk|대포|세탁|working|template|script/;
function awarenessExamples(plain: string, kind: HarmfulKind, sentence: string): boolean {
  return kind === 'fraud' && plain.length <= shortMessage && awarenessMaterial.test(plain) && asksForExamples.test(sentence) && !workingScam.test(plain.replace(awarenessMaterial, ''));
}

/**
 * Protective words as a purpose, not as the request. Red-team sets wrapped working recipes, attack code and grooming
 * scripts in a purpose (학교 안전 교육 자료로 쓸 거라서요, … / 예방 교육용 폭탄 제조 배합비 / … 마약 퇴치 캠페인용입니다 / For a
 * research dataset, …), and the purpose's words (교육, 연구, 보호, 캠페인) cleared them. When the request asks for the
 * working detail (`operationalAsk`: the mixing ratio, the synthesis, the code in full, a text "as real as it gets",
 * or detail about a method), a protective word clears it only when it is the request itself (`protectiveGoverns`:
 * 신고하는 방법, 대응 절차를 단계별로, 피싱 메일 구별하는 방법), or when it stands in the request's own clause, says what
 * is done rather than where (no setting word: 교육, 연구, 캠페인 …) and names no purpose (예방 교육용, 대응 훈련용 시나리오로).
 * A request for no working detail keeps every protective word of its sentence (마약 예방 교육 자료인데, 청소년이 마약에 빠지는
 * 과정을 구체적으로 설명해줘).
 */
const frameMarker = /(?:용으로|용도로|목적으로|목적이라서?|위해서?|위한|거라서요?|거라|건데요?|인데요?|는데요?|는대|니까|이오니|오니까?|라서요?|해서요?|치고|관련(?:하여|해서)?|차원에서)(?=[\s,])|[,:;]|\b(?:hypothetically|just hypothetically|for (?:a|an|my|our) [a-z ]{1,30}|in (?:a|my|our) (?:novel|story|screenplay|script|game))\b/g;
// The working detail itself: a recipe's parts and amounts, making as a method, code that runs, a text written to be used.
const operationalDetail = [
  '실제(?:로)?\\s*(?:작동|쓸\\s*수|사용할\\s*수|통하|먹히)', '작동하(?:는|게|도록)', '실제처럼', '실제\\s*(?:커뮤니티|대화)', '실제로\\s*(?:할|쓸|써먹을|따라\\s*할)\\s*수\\s*있게', '그대로\\s*(?:써|쓸|따라|실행|옮)',
  '전체\\s*(?:코드|절차)', '(?:소스|풀)\\s*코드', '코드(?:를)?\\s*(?:전체|통째로|전부|다)', '통째로', '빠짐없이', '처음부터\\s*끝까지', '명령어', '페이로드', '배합',
  '(?:혼합|섞는|배합)\\s*비율', '비율로\\s*섞', '몇\\s*(?:그램|g|ml|mg|cc|알)(?:씩)?', '뭐라고\\s*(?:말해|해야|보내)', '(?:최대한|가장|제일)\\s*많(?:이|은)', '몇\\s*대\\s*몇', '시약', '만드는\\s*(?:재료|법|방법|과정|순서)', '(?:재료|원료)(?:와|랑|및|하고)\\s*(?:비율|양|순서|배합)',
  '부품\\s*(?:목록|도면|리스트)', '도면', '설계도', '수율', '레시피',
  '(?:제조|제작|합성|추출|정제|조제|재배|개조)(?:하는)?\\s*(?:[가-힣]{1,4}\\s*)?(?:법|방법|과정|공정|절차|순서|경로|요령)', '(?:합성|제조)법', '은닉\\s*(?:방법|요령|수법)',
  '(?:어디에|어디|무엇을)\\s*[^.?!\\n]{0,10}설치', '어디를\\s*얼마나', '진하게', '최대한\\s*(?:모욕|자극|심하|세게|쎄게|잔인|노골)', '쎄게', '적나라',
  'step[- ]by[- ]step', 'exact (?:amounts?|ratios?|quantities|steps|dose)', 'in full', 'full code', 'working (?:[a-z]+ ){0,2}(?:code|exploit|payload|recipe|page|kit|site|script|malware)', '전구\\s*물질', '반응\\s*조건', 'recipe',
  'synthes', 'payload', 'source code', 'ingredients', 'detailed instructions', 'assembly steps', 'brutal',
];
// An act's know-how asked (부착하는 요령, 속이는 방법) is operational too; not office work's (요약하는 법, 정리하는 방법).
// Asking for detail (구체적으로, 단계별로, 정확히) is operational only about a method (방법, 요령, 멘트, 절차): "마약에 빠지는
// 과정을 구체적으로" asks how people fall into it; "그루밍 수법 유형을 구체적으로" what kinds there are.
const detailAsked = '(?:단계별|단계적으로|구체적|자세히|자세하게|상세|정확한|정확히|순서대로|detail)';
const methodNoun = '(?:방법|(?<![가-힣])법|요령|멘트|대본|대사|스크립트|절차|순서|위치|장소|steps)';
const operationalAsk = new RegExp([...operationalDetail, '(?:[가-힣]{2}(?<!요약|정리|작성|번역|설명|분석|보고|기록|검색|공유|전달|인용|이해|공부|안내|교육|홍보|대피|신고|예방)하는|[가-힣](?<!하)는|게\\s*하는)\\s*(?:방법|요령|(?<![가-힣])법|수법|멘트|대본|스크립트|위치|장소)', `${methodNoun}[^.?!\\n]{0,30}${detailAsked}`, `${detailAsked}[^.?!\\n]{0,10}${methodNoun}`].join('|'));
// A request that is itself protective: what a method, a procedure or a code is for (지급정지를 신청하는 방법, 긴급응급조치를
// 요청하는 방법, 응급 처치 방법, 대응 절차, 탐지하는 코드, 취해야 할 조치를 단계별로, how to report).
const protectiveGoverns = new RegExp([
  `(?:신고|예방|방지|대응|대처|탐지|감지|구별|식별|판별|차단|복구|복호화|치료|처치|보호|신청|요청|조치|지원|상담|점검|검사|구제|지급\\s*정지|회복|극복|격리|백업|패치|해지|취소|보관|반납|등록|폐기|관리|안전|대피|피난|구조|구호|응급|지혈|진압|소화|확인(?:하고\\s*(?:지우|삭제|제거))?)(?:을|를)?(?:\\s*(?:하는|할|하기|하려면|하려고|위한|받는|받을|취하는))?\\s*${methodNoun.replace('steps', 'steps?')}`,
  `(?:취해야\\s*할|대응|조치)\\s*(?:조치)?(?:를|을)?\\s*${detailAsked}`,
  '\\b(?:how|ways?|steps?) to (?:prevent|report|detect|recogni[sz]e|spot|identify|protect|recover|respond|treat|help|support|stop)\\b',
].join('|'), 'g');
// The setting a request names (교육, 연구, 캠페인, a news report): where it is for, not what it does.
// Someone else's harm observed (친구가 … 것 같은데) is a setting too: it clears no request for the working detail.
const settingWord = /^(?:(?:친구|가족|아이|애|아들|딸|동생|언니|오빠|형|누나|엄마|아빠|동료|학생|고등학생|중학생|자녀|남편|아내|부모님?)(?:가|이)\s|교육|연구|분석|캠페인|홍보|사례|통계|역사|뉴스|보도|현황|정책|규제|법률|조항|센터|지원|안내문|공지|미스터리|추리|스릴러|훈련\s*(?:계획|결과|보고))/;
// A protective word naming a purpose: it, up to two nouns, then 용 / 목적 / 위해 / 자료 / 차원 … (예방 교육용, 대응 훈련용 시나리오로,
// 보호 연구용으로, 탐지 연구 중입니다; run together too: 테러예방교육용지하철…), not the words 용 begins (용서, 용기, 용어, 용량 …).
const purposeAfter = /^[가-힣]{0,2}(?:\s*[가-힣]{1,6}){0,2}?\s*(?:용(?![서기어의량품액역]|이하|이한)|용(?:으로|이라|이니|입니다|이야|도로)|목적|(?:을|를)?\s*위해|(?:을|를)?\s*위한|차원|자료|교재|캠페인|담당|준비|매뉴얼|넣을|쓸\\s*(?:거|수)|중입니다|중이에요|중이야|중이라)/;

/** Where a frame said before `start` (from `from` on) ends; `from` when there is none. */
function frameEnd(plain: string, from: number, start: number): number {
  let end = from;
  frameMarker.lastIndex = from;
  for (let match = frameMarker.exec(plain); match !== null && match.index < start; match = frameMarker.exec(plain)) {
    if (match.index + match[0].length <= start) end = match.index + match[0].length;
  }
  return end;
}

/**
 * Whether the sentence [from, to) asks for something protective (`protectiveGoverns`) outside the topic at [start, end)
 * ("로그 지우는 방법" is the topic's own act) with no evasion just before it (신고 안 당하게 하는 방법).
 */
function governsBeside(plain: string, from: number, to: number, start: number, end: number): boolean {
  const sentence = plain.slice(from, to);
  for (const match of sentence.matchAll(protectiveGoverns)) {
    const [matchStart, matchEnd] = [from + match.index, from + match.index + match[0].length];
    if ((matchEnd <= start || matchStart >= end) && !evasion.test(plain.slice(Math.max(from, matchStart - 12), matchEnd))) return true;
  }
  return false;
}

/** Whether the protective words of the sentence [from, to) around a topic at [start, end) clear its request. */
function protectiveClears(plain: string, from: number, to: number, start: number, end: number): boolean {
  const sentence = plain.slice(from, to);
  if (governsBeside(plain, from, to, start, end)) return true;
  const clause = frameEnd(plain, from, start);
  // Asking to get away with it (들키지 않는 양, 몰래) is operational too: no purpose clears it.
  if (!operationalAsk.test(plain.slice(clause, to)) && !evasion.test(plain.slice(clause, to))) return protectiveBeside(sentence, from, start, end);
  let found = false;
  protective.scan(plain.slice(clause, to), (_value, matchStart, matchEnd) => {
    const [wordStart, wordEnd] = [clause + matchStart, clause + matchEnd];
    found = (wordStart < start || wordEnd > end) && !settingWord.test(plain.slice(wordStart, wordEnd)) && !purposeAfter.test(plain.slice(wordEnd, wordEnd + 24));
    return found;
  });
  return found;
}

/** The sentence around [start, end), at most `sentenceReach` characters either side. */
function sentenceAround(plain: string, start: number, end: number): string {
  const [from, to] = sentenceBounds(plain, start, end);
  return plain.slice(from, to);
}

/**
 * Whether `text` (the part of the message from `offset` on that holds the topic at [start, end)) reads as
 * prevention, reporting, treatment…, not counting a protective word that lies wholly inside the topic itself
 * ("치료" in "가짜 암 치료제" says nothing about the request around it; "내 주민…", which only overlaps the topic,
 * still counts).
 */
function protectiveBeside(text: string, offset: number, start: number, end: number): boolean {
  let found = false;
  protective.scan(text, (_value, matchStart, matchEnd) => {
    found = offset + matchStart < start || offset + matchEnd > end;
    return found;
  });
  return found;
}

/**
 * Whether `text` (from `offset` of the message) asks for something (`intent`), not counting a request word glued
 * inside a word of the topic at [start, end): the 코드 of 악성코드 is no request for code. A request word that is a
 * word of its own inside a topic pattern still counts (차로 사람 어떻게 쳐).
 */
function requestBeside(text: string, offset: number, start: number, end: number): boolean {
  let found = false;
  intent.scan(text, (_value, matchStart, matchEnd) => {
    const inside = offset + matchStart >= start && offset + matchEnd <= end;
    found = !inside || matchStart === 0 || !/[\p{L}\p{N}]/u.test(text[matchStart - 1]!) || offset + matchStart === start;
    return found;
  });
  return found;
}

function sentenceBounds(plain: string, start: number, end: number): [number, number] {
  let from = start;
  const lowest = Math.max(0, start - sentenceReach);
  while (from > lowest && !endsSentence(plain.charCodeAt(from - 1))) from--;
  let to = end;
  const highest = Math.min(plain.length, end + sentenceReach);
  while (to < highest && !endsSentence(plain.charCodeAt(to))) to++;
  return [from, to];
}

// . ! ? and line breaks; the full-width forms are folded by NFKC before this runs.
const endsSentence = (code: number) => code === 46 || code === 33 || code === 63 || code === 10;
