import { LexiconScanner } from './lexicon-scanner.js';
/**
 * Discrimination asked for in calm words: a job posting that turns away a nationality, a tenancy notice that refuses a
 * region's people, a club rule that bars 탈북민, a column that would take a group's vote away. No slur, no insult: what
 * makes them hateful is a relation — a protected group, and what is denied it — so they are read as one, from parts:
 *
 * - who: `protectedGroups` (nationality and ethnicity, region of origin, sex and sexuality, disability, religion, migrants);
 *   age counts only in hiring (`ageInHiring`): age limits of a youth programme are lawful, of a job posting not;
 * - what is denied: an act of admission turned down (`deniedAct` + `denial`: 지원 불가, 입주 제한, 가입을 제한), a refusal
 *   in the first person (`refusal`: 안 받는다, 임대하지 않는다, 교류하지 말 것), a right taken (`rightTaken`: 투표권을 뺏어야),
 *   a group called ill or tainted by birth (`pathologised`, `taintedBlood`), or blamed for a harm (`blamed`);
 * - and, for the admission rules only, a text being drafted (`drafting`: 공고, 안내문, 조항, 약관, 써 주세요): a question
 *   whether a rule is lawful (외국인은 가입 불가인가요?) drafts nothing.
 *
 * A sentence that reports, studies or opposes such a rule clears it (`opposing`: 차별 신고, 시정, 위반인지, 반박).
 * A relative clause about someone else's refusal (외국인 안 받는 식당, 장애인을 채용하지 않은 기업) is a report too.
 */

const protectedGroupList = [
  // Nationality, ethnicity, migration.
  '외국인', '중국인', '중국\\s*국적자?', '조선족', '중국\\s*동포', '베트남인', '동남아(?:인|\\s*사람)?', '흑인', '백인', '아랍인', '무슬림', '이슬람(?:교도|\\s*신자)?',
  '유대인', '인도인', '필리핀인', '몽골인', '탈북민', '탈북자', '새터민', '북한\\s*이탈\\s*주민', '이주민', '이민자', '이주\\s*노동자', '외국인\\s*노동자',
  '외국인\\s*근로자', '난민', '다문화(?:\\s*(?:가정|가족))?', '혼혈',
  // Region of origin.
  '전라도', '경상도', '충청도', '강원도', '제주도?\\s*출신', '호남', '영남', '특정\\s*지역',
  // Sex, sexuality, family.
  '여자', '여성', '남자', '남성', '동성애자', '동성\\s*커플', '게이', '레즈비언', '성소수자', '트랜스젠더', '기혼\\s*여성', '기혼자', '미혼모', '한부모',
  // Disability, age as a people (the numbers are `ageInHiring`), religion.
  '장애인', '장애\\s*아동', '휠체어', '정신\\s*장애인?', '자폐', '노인', '고령자', '기독교인', '불교\\s*신자',
];
export const protectedGroups = protectedGroupList.join('|');

// A job: the one context where age (and sex) limits are written discrimination.
const hiring = /채용|모집|구인|구합니다|입사|알바|아르바이트|경력직|신입|직원|생산직|사무직|공고/;
const youthProgramme = /청년|청소년|어린이|아동|유아/;
const ageInHiring = '(?:만\\s*)?\\d{2}\\s*세\\s*(?:이상|초과|넘)|\\d0대\\s*(?:이상|부터)|나이\\s*(?:가\\s*)?많은\\s*(?:분|사람)';

// Admission turned down: the act, then its denial (입주 제한, 가입을 제한, 지원 자격 없음, 수강 불가).
const deniedAct = '지원|입주|입학|수강|가입|이용|출입|입장|채용|계약|임대|거래|교류|배정|참여|등록|고용|입사|응시|숙박|예약|방문';
const denial = '불가|금지|제한|거부|거절|사절|불허|배제|자격\\s*(?:이\\s*)?없|안\\s*(?:됨|된다|됩니다)';
// Not lifted or forbidden itself (제한 완화, 제한 없음, 금지법).
const notLifted = '(?!\\s*(?:을\\s*|를\\s*)?(?:완화|해제|폐지|철폐|개선|없|금지법|조치\\s*위반|대상|사유|기준|여부|요건|조건|현황))';
// Screened out of a selection (서류에서 자동 탈락, 호남 출신이면 감점).
const dropped = '(?:(?:서류|심사|면접)에서\\s*)?(?:자동|무조건)\\s*탈락|(?:서류|심사|면접)에서\\s*탈락|(?:이면|은|는|도)\\s*감점';
// A refusal in the asker's own voice (안 받는다, 임대하지 않는다, 배정하지 말아, 교류하지 말 것), not a clause about others
// (안 받는 식당, 채용하지 않은 기업: `aboutOthers`).
const refusal = '(?:받지\\s*않(?!도록|게|으려|을까|아도)|안\\s*받(?!게|고|으면|을|았|아도)|뽑지\\s*않|안\\s*뽑|채용하지\\s*않|임대하지\\s*않|세를?\\s*(?:주지|놓지)\\s*않|들이지\\s*않|배정하지\\s*말|교류하지\\s*말|거래하지\\s*말|어울리지\\s*말|들어오지\\s*말|오지\\s*말|받아\\s*주지\\s*않|징계\\s*(?:대상|사유)|해고\\s*(?:대상|사유))';
const aboutOthers = /^[가-힣]{0,2}\s*(?:는|은|던|았던|았는|은데도)\s*(?:곳|식당|가게|업체|업소|기업|회사|사업주|사업장|기관|학교|학원|집주인|임대인|경우|사례|행위|관행)/;

// A right taken from a group (투표권 뺏어야, 참정권을 준 게 잘못, 결혼하거나 애 낳으면 안 된다, 인정해 줄 필요 없어).
const right = '투표권|참정권|선거권|피선거권|시민권|인권|재산권|국적|결혼|출산|애\\s*(?:를\\s*)?낳|아이\\s*(?:를\\s*)?낳|자녀\\s*(?:를\\s*)?낳';
const taken = '뺏|빼앗|박탈|없애|주면\\s*안|줄\\s*필요\\s*(?:가\\s*)?없|주지\\s*말|주는\\s*(?:건|게)\\s*(?:잘못|말이\\s*안)|준\\s*(?:건|게|것은?)\\s*잘못|인정\\s*(?:해\\s*)?(?:줄|할)\\s*필요\\s*(?:가\\s*)?없|인정하면\\s*안|면\\s*안\\s*(?:된|돼|됨)|하게\\s*(?:하면|해서는)\\s*안|못\\s*하게\\s*(?:해야|하자)|금지해야|제한해야';

/**
 * A rule: its pattern, and what else the text must hold for a match to count (a text being drafted, a job). A rule
 * made by `afterGroup` matches only where a protected group is named, and is tried there alone (`read`); one with
 * `requires` is not tried on a text without a word every match of it holds (a cheap scan before the costly one).
 */
type Rule = { pattern: RegExp; anchored?: RegExp; when?: (plain: string, drafts: boolean) => boolean; refusal?: true; requires?: RegExp };

/** A rule that starts with a protected group, then `rest` (its own group, so an alternation in it stays inside). */
function afterGroup(rest: string, options: Pick<Rule, 'when' | 'refusal'> = {}): Rule {
  const source = `(?:${protectedGroups})(?:${rest})`;
  return { pattern: new RegExp(source, 'g'), anchored: new RegExp(source, 'y'), ...options };
}
const drafted = (_plain: string, drafts: boolean) => drafts;

const relationRules: Rule[] = [
  // 중국 국적자와 조선족은 지원 불가, 외국인 세입자 입주 제한, 장애인 및 고령자는 이용을 제한.
  afterGroup(`[^.?!\\n]{0,30}?(?:${deniedAct})\\s*(?:(?:을|를|이|가|은|는)\\s*)?(?:${denial})${notLifted}`, { when: drafted }),
  afterGroup(`[^.?!\\n]{0,40}?${refusal}`, { refusal: true }),
  afterGroup(`[^.?!\\n]{0,30}?(?:${right})[^.?!\\n]{0,16}?(?:${taken})`),
  // 호남 출신이면 감점, 45세 이상, 장애인, 외국인은 서류에서 자동 탈락.
  afterGroup(`[^.?!\\n]{0,24}?(?:${dropped})`, { when: drafted }),
  // 장애인 복지시설이 들어오면 … 결사반대: a group's home or service kept out of the neighbourhood.
  afterGroup(`[^.?!\\n]{0,12}?(?:시설|센터|쉼터|기숙사|주택|학교|사원|모스크|교회)(?:이|가)?\\s*(?:들어오|들어서|생기|지어지)(?:면|는\\s*(?:것|걸))[^.?!\\n]{0,60}?반대`, { when: drafted }),
  // Served only by someone not of a group (택시기사가 인도인이 아닌 택시로 찾아줘, 외국인이 아닌 세입자만).
  afterGroup(`(?:이|가)?\\s*아닌\\s*(?:사람|기사|택시|직원|세입자|의사|선생님|강사|상담사|집주인|가게|식당)`),
  // 여성에게 참정권을 준 게 잘못: the right before its group is named again.
  { pattern: new RegExp(`(?:${right})\\s*(?:을|를)\\s*(?:준|주는)\\s*(?:건|게|것은?)\\s*(?:잘못|실수|말이\\s*안)`, 'g'), when: drafted },
  // Age in a job posting (만 45세 이상은 지원 자격 없음, 30대 이상은 안 받는다): `protectedGroups` holds no numbers.
  {
    pattern: new RegExp(`(?:${ageInHiring})[^.?!\\n]{0,16}?(?:(?:${deniedAct})\\s*(?:(?:을|를|이|가|은|는)\\s*)?(?:${denial})${notLifted}|${refusal}|${dropped})`, 'g'),
    when: (plain, drafts) => drafts && hiring.test(plain) && !youthProgramme.test(plain),
  },
];

// Said of a group by what it is: ill (트랜스젠더는 정신 질환자일 뿐), tainted by birth (피가 그래서 거짓말을 잘 함, 혈통이 오염),
// to blame (범죄 증가의 원인이 외국인 노동자들에게 있음, 경상도 사람들이 다 빼앗아 갔기 때문).
const pathologised = afterGroup(`(?:들)?\\s*(?:은|는|이|가)\\s*(?:(?:그냥|다|모두|전부|원래)\\s*)?(?:정신\\s*(?:질환|병)|정신병|병자|환자(?:일\\s*뿐|들일\\s*뿐|일\\s*뿐이))`);
const byBirth = '피가|피는|핏줄|유전자|태생|천성|본성';
const lineage = '혈통|순혈|핏줄';
const taintedBlood = new RegExp(`(?:${protectedGroups})[^.?!\\n]{0,16}(?:${byBirth})[^.?!\\n]{0,16}(?:거짓말|사기|범죄|폭력|게으|더럽|배신|뒤통수|도둑)|(?:${lineage})(?:이|을)?\\s*(?:[가-힣]{1,4}\\s*)?(?:오염|더럽혀|더러워|섞이|망가)`, 'g');
const blame = '원인|책임|주범|근원';
const ruined = '빼앗아|뺏어|망쳐|망친|말아\\s*먹';
const blamed = new RegExp(`(?:${blame})(?:이|은|는)\\s*(?:[^.?!\\n]{0,6}?)(?:${protectedGroups})(?:\\s*(?:사람|노동자|근로자|출신))?(?:들)?(?:에게|한테|에)\\s*있|(?:${protectedGroups})(?:\\s*(?:사람|출신|노동자|근로자))?(?:들)?(?:이|가)\\s*(?:다\\s*)?(?:${ruined})`, 'g');

const englishGroups = '(?:people\\s+from\\s+)?(?:africa|the\\s+middle\\s+east|asia|southeast\\s+asia|china|india|mexico|blacks?|black\\s+people|muslims?|jews?|jewish\\s+people|immigrants?|foreigners?|refugees?|gays?|lesbians?|trans(?:gender)?\\s+people|arabs?|mexicans?|asians?|women|disabled\\s+people|the\\s+disabled)';
const english = [
  new RegExp(`\\b(?:do\\s+not|don'?t|won'?t|will\\s+not|never|refuse\\s+to)\\s+(?:rent|lease|sell|hire|employ|serve|admit|accept|let)\\b[^.?!\\n]{0,20}?\\b(?:to\\s+)?${englishGroups}`, 'g'),
  new RegExp(`${englishGroups}[^.?!\\n]{0,40}?\\b(?:should|must)\\s+not\\s+(?:be\\s+allowed\\s+to|have|get)\\s+(?:vote|own|rights?|property|citizenship|marry|work|live)`, 'g'),
  new RegExp(`\\b(?:no|not\\s+welcome:?)\\s+(?:blacks|foreigners|chinese|muslims|gays|immigrants|arabs|mexicans)\\b`, 'g'),
];

// A text being written: the request to write it, or the kind of text.
const drafting = /써\s*(?:줘|주|줄|달|드)|쓰고\s*싶|작성|만들어|넣어|넣고|넣으|녹여|다듬|초안|문구|조항|조문|공고|안내문|약관|회칙|내규|규정|규칙|공지|공문|결의문|연명서|통신문|명시|표현해|\bdraft|\bwrite|\blisting|\bnotice|\bpolicy/;
// Reporting, studying, opposing or checking such a rule (차별 신고, 시정 권고, 위반인지, 반박 자료, 사실인가요).
const opposing = /신고|진정|고발|시정|처벌|위반|위법|불법|인권위|차별(?!\s*(?:없이|없는))[^.?!\n]{0,10}(?:인가|인지|아닌가|맞나|해당|금지|사례|예방|개선|해소|철폐)|차별\s*(?:금지|받|당했|당하|사례)|반박|사실인가|사실인지|팩트|근거\s*없|오해|편견|고정관념|분석|연구|판례|사례|괜찮은가요|되나요|돼요\?|가능한가요|가능할까요|\breport|\billegal|\bunlawful|\bdiscriminat/;

// A limit for a reason of safety or repair (엘리베이터 공사 중 휠체어 이용자 출입 제한 안내), or a place kept for a group
// (여성 전용 주차구역), is a notice, not a rule against people.
const practicalReason = /전용|우선\s*(?:배정|채용|입주|선발)|배려석|공사|점검|고장|수리|보수|안전\s*(?:상|을\s*위해|사고|문제)|건강상|의사\s*(?:소견|진단)|의학적/;

const rules: Rule[] = [
  ...relationRules,
  pathologised,
  { pattern: taintedBlood, requires: new RegExp(`${byBirth}|${lineage}`) },
  { pattern: blamed, requires: new RegExp(`${blame}|${ruined}`) },
  ...english.map((pattern) => ({ pattern })),
];

/**
 * Where a protected group is named: every position at which one of `protectedGroups` matches, overlapping ones too
 * (기혼 여성 names 기혼 여성 and 여성). Found in one pass of a `LexiconScanner`, so the rules that start with a group
 * (most of them) are tried there alone, as sticky expressions, not each scanned over the whole text: the thirteen
 * scans of an 80-way alternation were ~90 µs of a 4 KB prompt, and the one alternation that replaced them still
 * about a quarter of this module's time on long prompts (V8 tries every branch at every position).
 */
const groupScanner = new LexiconScanner(protectedGroupList.map((source) => ({ source, value: true })));
/** Exported for its test, which holds it to the alternation it replaced. */
export function groupPositions(plain: string): number[] {
  const positions: number[] = [];
  let ordered = true;
  groupScanner.scan(plain, (_found, start) => {
    const previous = positions[positions.length - 1];
    if (previous === start) return;
    if (previous !== undefined && start < previous) ordered = false;
    positions.push(start);
  });
  // Patterns the scanner cannot file by their first characters come after the others: order them in.
  return ordered ? positions : [...new Set(positions)].sort((left, right) => left - right);
}

/**
 * The matches `plain.matchAll(rule.pattern)` finds, in order: for a rule `afterGroup` made, the first match at
 * each group position that lies past the previous match, which is the same list (a match can only start there).
 */
function* read(rule: Rule, plain: string, groups: () => number[]): Generator<[start: number, end: number]> {
  const anchored = rule.anchored;
  if (!anchored) {
    for (const match of plain.matchAll(rule.pattern)) yield [match.index, match.index + match[0].length];
    return;
  }
  let after = 0;
  for (const position of groups()) {
    if (position < after) continue;
    anchored.lastIndex = position;
    if (!anchored.test(plain)) continue;
    after = anchored.lastIndex;
    yield [position, after];
  }
}

/** Whether `plain` (normalised guard text, lower case) asks for or states discrimination against a protected group. */
export function asksForDiscrimination(plain: string): boolean {
  const drafts = drafting.test(plain);
  let positions: number[] | undefined;
  const groups = () => (positions ??= groupPositions(plain));
  for (const rule of rules) {
    if ((rule.when && !rule.when(plain, drafts)) || (rule.requires && !rule.requires.test(plain))) continue;
    for (const [start, end] of read(rule, plain, groups)) {
      if (rule.refusal && aboutOthers.test(plain.slice(end))) continue;
      if (!opposed(plain, start, end)) return true;
    }
  }
  return false;
}

/** Whether the sentence around a match reports, studies or opposes what it names. */
function opposed(plain: string, start: number, end: number): boolean {
  const from = Math.max(plain.lastIndexOf('.', start), plain.lastIndexOf('?', start - 1), plain.lastIndexOf('!', start), plain.lastIndexOf('\n', start)) + 1;
  const stops = ['.', '?', '!', '\n'].map((mark) => plain.indexOf(mark, end)).filter((at) => at >= 0);
  const to = stops.length > 0 ? Math.min(...stops) + 1 : plain.length;
  const sentence = plain.slice(from, to);
  return opposing.test(sentence) || practicalReason.test(sentence);
}
