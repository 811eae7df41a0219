import type { GuardCategory } from '../guard-types.js';

/**
 * The report's taxonomy as rules, Korean and English, matched against `guardText(...).plain`. A harmful *topic* is
 * not enough (a news comment may mention a bomb); a harmful topic with a how-to or an intent is. Lexicon rules catch
 * what the classifier has not seen; the classifier catches what no lexicon lists.
 */
export type SafetyRule = { category: GuardCategory; kind: string; pattern: RegExp };

// "How do I / teach me / make / get": the request half of a harmful request.
const howTo = '(?:방법|법\\s*(?:좀|을|이|알려|가르쳐)|하는\\s*법|어떻게|알려\\s*줘|알려\\s*주|가르쳐|만들(?:어|려|고|기|는)|제조|구하(?:는|려|고|기)|구입|사는\\s*(?:법|곳|데)|설계|코드|스크립트|레시피|how (?:to|do|can|would)|steps? to|ways? to|teach me|guide to|write (?:a|me)|make (?:a|me)|build (?:a|me))';

const harmfulTopics: { kind: string; topic: string }[] = [
  { kind: 'weapons', topic: '(?:폭탄|폭발물|사제\\s*총|총기|화염병|독극물|독약|신경\\s*가스|사린|탄저|생화학\\s*무기|3d\\s*프린터\\s*총|소음기|bomb|explosive|pipe bomb|molotov|nerve agent|ricin|sarin|bioweapon|untraceable gun|ghost gun|silencer)' },
  { kind: 'terror', topic: '(?:테러|자살\\s*폭탄|인질|납치|암살|총기\\s*난사|terror(?:ist|ism)?|mass shooting|assassinat|kidnap|hostage)' },
  { kind: 'hacking', topic: '(?:해킹|해킹하|크랙|랜섬웨어|악성\\s*코드|키로거|피싱|스미싱|디도스|ddos|sql\\s*인젝션|백도어|익스플로잇|hack(?:ing)?|malware|ransomware|keylogger|phishing|smishing|exploit|backdoor|botnet|sql injection|credential stuffing|bypass (?:2fa|authentication))' },
  { kind: 'drugs', topic: '(?:마약|필로폰|메스암페타민|코카인|헤로인|대마|lsd|엑스터시|펜타닐|환각제|meth(?:amphetamine)?|cocaine|heroin|fentanyl|ecstasy|mdma)' },
  { kind: 'violence', topic: '(?:죽이|살해|살인|폭행|때리|고문|독살|방화|불\\s*지르|흉기|칼로\\s*찌르|kill|murder|poison|torture|stab|arson|beat (?:up|someone))' },
  { kind: 'crime', topic: '(?:훔치|절도|도둑질|소매치기|위조|사기\\s*치|보이스\\s*피싱|돈세탁|자금\\s*세탁|밀수|탈세|불법\\s*촬영|몰카|스토킹|shoplift|steal|launder|counterfeit|forge|scam|evade tax|stalk)' },
  { kind: 'abuse', topic: '(?:학대|아동\\s*성|그루밍|길들이|가스라이팅|자해|자살|abuse|groom|self-?harm|suicide)' },
  { kind: 'sexual', topic: '(?:음란|야동|포르노|성관계\\s*영상|노출\\s*사진|성매매|조건\\s*만남|porn|explicit sex|nude|sexual content|escort)' },
];

export const safetyRules: readonly SafetyRule[] = [
  ...harmfulTopics.map(({ kind, topic }): SafetyRule => ({
    category: 'harmful', kind, pattern: new RegExp(`${topic}[^.?!\\n]{0,24}${howTo}|${howTo}[^.?!\\n]{0,24}${topic}`),
  })),
  // Requests that ask the model to take a side on a group: gender, race, region, religion, politics.
  { category: 'biased', kind: 'group_judgement', pattern: /(?:남자|여자|남성|여성|흑인|백인|동양인|조선족|중국인|일본인|외국인|이민자|난민|무슬림|동성애자|장애인|노인|전라도|경상도|충청도|강원도|제주도|서울|지방|보수|진보|좌파|우파|민주당|국민의힘)\s*(?:사람)?(?:들)?\s*(?:은|는|이|가)\s*(?:왜|원래|다|모두|전부|하나같이)?\s*(?:더\s*)?(?:멍청|열등|우월|게으르|무식|더럽|범죄|못하|못났|이기적|시끄럽|음흉|믿을\s*수\s*없)/ },
  { category: 'biased', kind: 'group_ranking', pattern: /(?:어느|어떤|무슨)\s*(?:지역|지방|인종|민족|나라|성별|정당|종교)\s*(?:사람|출신)?(?:이|가|들이)?\s*(?:제일|가장|더)\s*(?:멍청|열등|우월|나쁘|좋|똑똑|게으르|위험)|\b(?:which|what) (?:race|gender|religion|party|ethnicity|region)\b[^?\n]{0,30}\b(?:better|worse|superior|inferior|smarter|dumber|more (?:violent|criminal))\b|\b(?:are|is) (?:women|men|blacks?|whites?|asians?|jews|muslims|immigrants)\b[^?\n]{0,20}\b(?:inferior|superior|worse|dumber|smarter)\b/ },
  { category: 'biased', kind: 'political_endorsement', pattern: /(?:누구|어느\s*(?:당|정당|후보))\s*(?:를|을|에게)?\s*(?:찍어야|뽑아야|지지해야|투표해야)|\bwho should i vote for\b|\bwhich party should\b/ },
  // Unserviceable: live facts the model cannot know, and the future.
  { category: 'unserviceable', kind: 'live_news', pattern: /(?:오늘|지금|방금|실시간|현재)\s*(?:의\s*)?(?:뉴스|속보|날씨|기온|교통\s*상황|환율|코인\s*시세|비트코인\s*시세|주가|주식\s*시세|경기\s*결과|스코어)|\b(?:latest|breaking|today'?s|live|current|right now)\b[^?\n]{0,15}\b(?:news|headlines|weather|score|exchange rate)\b/ },
  { category: 'unserviceable', kind: 'stock_price', pattern: /(?:주가|주식\s*시세|종가|시가\s*총액|코스피|코스닥|나스닥|비트코인|환율)\s*(?:가|이|는|은)?\s*(?:지금|현재|오늘|얼마|몇)|(?:지금|현재|오늘)\s*[가-힣a-z]{1,12}\s*(?:주가|주식|시세)|\b(?:stock|share) price of\b|\bcurrent (?:stock|share|bitcoin) price\b/ },
  { category: 'unserviceable', kind: 'future_fact', pattern: /(?:내일|다음\s*주|다음\s*달|내년|다음\s*(?:대선|총선|선거))\s*[^?\n]{0,20}(?:주가|로또|당첨\s*번호|결과|당선|우승|이길|오를까|떨어질까)|로또\s*(?:당첨\s*)?번호\s*(?:알려|예측|추천)|\b(?:who will win|next week'?s lottery|tomorrow'?s (?:stock|lottery|price))\b/ },
];

/** Insults and slurs: never a block alone (people quote them when they report abuse), a caution and a classifier feature. */
export const offensivePattern = /씨\s*발|시\s*발(?!점|전|생)|ㅅㅂ|ㅆㅂ|존나|졸라|좆|병신|ㅂㅅ|븅신|개새|새끼|지랄|닥쳐|꺼져|미친\s*(?:놈|년|새)|썅|년아|놈아|등신|찐따|한남|김치녀|된장녀|맘충|틀딱|급식충|짱깨|쪽바리|깜둥이|똥남아|홍어|bitch|fuck|cunt|nigg|faggot|retard/;

/** Topics most tenants do not serve; a question on them, with none of the tenant's scope words, is out of domain. */
export const outOfDomainPattern = /연예인|아이돌|드라마\s*(?:줄거리|결말)|맛집|레시피|요리법|게임\s*(?:공략|추천)|운세|타로|사주|궁합|연애\s*상담|로또|축구\s*경기|야구\s*경기|경기\s*결과|celebrity|recipe|horoscope|dating advice|video game/;
