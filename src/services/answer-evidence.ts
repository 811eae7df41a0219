import { analyzeForIndex, analyzeQuery, everydayWordGroups, querySynonyms, synonymMap } from '../search/index.js';

/**
 * What a passage must hold to answer a question, and how much of it a passage or a sentence holds. Shared by the
 * gate that decides whether the documents answer at all and by the extractive answer's choice of sentences.
 *
 * A question is read as units — its content words as the analyzer makes them, a predicate's stem where one can be
 * cut off (시차출퇴근하면 → 시차출퇴근) — each weighted by how rare it is among the passages the caller may search
 * (inverse document frequency of its syllable pairs): the topic words of a question (일비, 법인카드, 육아휴직) weigh
 * most, words any passage has (출장, 사용, 공무원) little. A unit counts as held by the share of its syllable pairs
 * a text has, so 출장비 is half held by "출장 여비" and a word's ending costs little. The predicate of a spoken
 * question (올려야, 다투나요, 걸려요) says what to do with the answer, not what it is about: it weighs a quarter.
 */
export type QuestionUnit = { text: string; keys: readonly string[]; weight: number; alternatives: readonly (readonly string[])[] };

/**
 * Words a regulation may answer for a question's word in the evidence only, not in search (the everyday words, 월급 →
 * 보수, are among the question's synonyms: `everyday-words.ts`): 휴가 is wider than 연가, and 최대 is answered by a limit.
 */
const regulationWordGroups: readonly (readonly string[])[] = [
  ['휴가', '연가'],
  // 최대 몇 시간 → 초과할 수 없다 / 상한 / 한도. (달 = 월 and 일주일 = 주 were tried: one-syllable words held by too
  // much, they cost the held-out set a correct answer and two quotations of other documents; BENCHMARKS.md. 기한 = 이내 =
  // 까지 was tried in session 26: it cost the held-out follow-ups two first lines and a refusal.)
  ['최대', '상한', '한도', '초과'],
];
// 돈 (money) is what an amount is of: a passage with a fee, an allowance or a cost holds it (공공데이터 쓰는데 돈을 내야
// 하나요? → 이용료; 육아휴직하면 돈 얼마 받아요? → 육아휴직수당). One way only: a 수당 is no 이용료.
const moneyHeldBy: readonly (readonly [string, readonly string[]])[] = [['돈', ['비용', '금액', '요금', '이용료', '사용료', '수수료', '수당', '보수', '급여', '여비', '지원금', '대가']]];
const regulationWords = new Map([...synonymMap(regulationWordGroups), ...moneyHeldBy]);

/** Term statistics of the caller's searchable passages (`termStatistics`). */
export type TermStatistics = { passages: number; documentFrequency: ReadonlyMap<string, number> };

// A spoken question's verb: the connective or final ending left on the word (the analyzer strips particles, not these).
// Nouns end so too (분야, 화면): only the question's last two words are taken for its predicate (Korean puts it last).
const predicateEnding = /(?:야|면|는데|나요|어요|아요|워요|려요|죠|까요|려면|려고|는지|세요|니까|래요|냐)$/;
// A noun made a verb with 하다/되다: the noun is the unit (출근할 → 출근, 신청하려면 → 신청).
// Not the 한 of nouns (나이제한, 신청기한, 권한, 상한).
const verbalSuffix = /(?:하시는|하시면|하셔야|하셨|하신|하실|하시|되시는|되시면|되시|했을때|됐을때|할때|될때|하려면|하려고|하는데|하나요|한가요|한가|하면|해야|하는|해서|하고|하죠|하기|할|(?<![제기권상하시연])한|했|해요|합니까|되면|되나요|돼요|되요|됩니까|되는|될|된|됐)$/;
// A clause in the past before the question's own verb (군대 다녀왔으면, 이미 냈는데, 신청했더니): a verb wherever it stands,
// as no noun ends so.
const pastClause = /(?:았|었|였|했|왔|갔|봤|됐|졌|냈|랐|겼|렸|켰|쳤|혔|웠|썼|줬|뒀)(?:으면|는데|더니|어도|는데요)$/;
// A verb's -어서 (틀려서, 늦어서, 잠가서: because / and then) is a predicate of the asker's case wherever it stands. Only
// syllables no noun ends 서 after (보고서, 신청서, 부서, 순서 keep theirs).
const causeClause = /(?:려|워|어|아|여|겨|져|쳐|혀|켜|펴|가|나|빠|파|러|와|봐|돼)서$/;
// The copula of a question (몇 개인가요 → 개, 누구예요 → 누구, 이상이어야 → 이상).
const copula = /(?:인가요|인가|인지|인데|이에요|예요|이죠|입니까|이어야|여야|이야|야)$/;
// A spoken ending's polite 요 after a connective (정하면요 → 정하면).
const politeAfterConnective = /(?<=[면고서데])요$/;
const hangul = /^[가-힣]+$/;
/**
 * Words that say how a question is asked, not what it is about: question words (the analyzer keeps 며칠 and 몇), and
 * the light nouns, adverbs and verbs of spoken questions. Counters after 몇 (개, 명, 번) go with them.
 */
const askingWords = new Set([
  '며칠', '몇', '얼마', '얼마나', '얼마씩', '얼만큼', '얼마만큼', '몇씩', '언제', '어디', '어디서', '누구', '누가', '무엇', '뭐', '무슨', '어떤', '어떻게', '왜', '어느',
  '안', '안에', '못', '내', '뒤', '전', '후', '데', '때', '중', '동안', '정도', '같은', '새로', '좀', '꼭', '혹시', '다음', '이번', '제가', '저는', '제',
  '해야', '하나요', '되나요', '있나요', '없나요', '나서', '하고', '해서', '되면', '하면', '인', '건', '거', '것', '수', '등',
  '입니다', '합니다', '나면', '들면', '가면', '오면', '보면', '있으면', '없으면', '하죠', '되죠',
  '개', '명', '번', '회', '곳', '가지', '건가요', '건지', '해요', '돼요',
  // A follow-up's pointers back and connectives (그럼 결과 보고서는요?, 그건 누가 승인해요?): what they point to is in
  // the questions before (`follow-up-question.ts`), not in these words.
  '그럼', '그러면', '그렇다면', '그리고', '그런데', '근데', '그래서', '또', '또는', '그건', '그거', '그것', '그게', '이건', '이거',
  '이것', '이게', '그때', '이때', '거기', '여기', '해당', '그', '이', '저',
  // Spoken adverbs and the light verbs of everyday questions (출장 갔다 와서, 친척집에서 자고 오면, 아예 못 받나요, 미리 허락
  // 안 받고 해도): how the asker lives the case, not what a regulation calls it.
  '미리', '아예', '걸로', '건데', '거면',
  // 그대로 (as it is), which the analyzer reads as 그대 and its 로; 가져다 (가져다 쓰다, 갖다 놓다): how, not what.
  '그대', '가져다', '갖다',
  // What a word means (프로비저닝 뜻이 뭐예요?): the answer is its definition, which never says 뜻 (`footnotes.ts`).
  '뜻', '뜻이', '뜻은', '뜻을',
  '갔다', '가서', '와서', '오고', '갔다가', '다녀와서', '다녀오면', '자고', '쓰면', '써도', '해도', '받고', '받으면', '받는', '받을', '되는데', '날',
  // Spoken intensifiers and pointers to the case (선물 너무 비싼거, 둘다 가능?, 다니는 것도): how much, not what.
  '너무', '진짜', '정말', '완전', '바로', '둘다', '다', '것도', '거도', '것은', '거는',
]);
// Existence (있다/없다) as a question's last word, and the endings that make the word before it a verb.
const endsInExistence = /(?:^|\s)(?:있|없)(?:나요|어요|습니까|을까요|어|나|니|지요|죠)[\s?？.!]*$/;
const existence = /^(?:있|없)/;
// 수 too: 나갈수 있어요, written without its space, is a verb and 수 (the analyzer drops a 수 that stands apart: `canDo`).
const verbConnective = /(?:야|고|게|지|어|아|서|해|돼|수)$/;
const canDo = /(?:^|\s)수\s*(?:가\s*)?(?:있|없)/;

/**
 * Whether the word at `verbAt` is the subject of a closing 있어요 / 없나요 (흡연구역 어디 있어요?), not a verb: nothing but
 * existence follows it, and it ends in no verb's connective (올려야 하나요, 나갈수 있어요) nor stands before 수 있 (늦출 수 있나요).
 */
function nounBeforeExistence(subject: string, words: readonly string[], verbAt: number): boolean {
  const word = words[verbAt]!.slice(2);
  return endsInExistence.test(subject.trim()) && !canDo.test(subject) && !existence.test(word) && !verbConnective.test(word) &&
    words.slice(verbAt + 1).every((after) => existence.test(after.slice(2)));
}
/** Words after a question's verb that carry no meaning of their own (올려야 하나요, 둘 수 있나요). */
const auxiliaries = new Set(['하나요', '되나요', '있나요', '없나요', '수', '해야', '하죠', '되죠', '까요', '할까요', '건가요', '건지', '돼요', '되요', '해요', '있어요', '없어요']);
// A question that ends in a noun and the copula or a topic particle: its last word is no verb. So is one that ends in
// a topic and an auxiliary (연임은 되나요?, 신청은 해야 하나요?).
// And "X 어떻게 돼요?" (what about X: 나이제한 어떻게 돼요?) asks about the noun before it.
const endsAsCopula = /(?:인가요|인가|인지요?|예요|이에요|입니까|이죠|이야|[은는이가]요?|[은는이가]\s+(?:되나요|하나요|있나요|없나요|돼요|되요|해요|있어요|없어요|되죠|하죠)|\s어떻게\s*(?:돼요|되요|되나요|되죠|됩니까|돼|되는지요?))[\s?？.!]*$/;
// A one-syllable noun with its object or place particle (돈을, 답을, 시에): the analyzer leaves those whole. Not 이, 가,
// 도, 과: two-syllable nouns end so (한도, 결과).
const particleAfterOneSyllable = /^[가-힣](?:을|를|에)$/;
// Those too when the syllable is a word of the question's synonyms (애가 → 애, held by 자녀): a known noun.
const particleAfterKnownSyllable = /^[가-힣](?:이|가|은|는|도)$/;
// One-syllable nouns of everyday questions that no two-syllable word shares with a particle (집이 청사 옆인데, 밥은).
const oneSyllableNouns = new Set(['집', '밥', '옆', '밖', '몸', '앞']);

/**
 * The question's units (without weights): its content words, verb stems cut where a suffix shows them. `ignore`:
 * spans of the question that are not its subject (personal data the asker gave: a name, a 주민등록번호).
 */
export function questionUnitTexts(question: string, ignore: readonly { start: number; end: number }[] = []): { text: string; predicate: boolean }[] {
  // Personal data is blanked, not removed, so the words around it stay apart.
  let subject = question;
  for (const span of ignore) subject = subject.slice(0, span.start) + ' '.repeat(span.end - span.start) + subject.slice(span.end);
  const units = new Map<string, boolean>();
  // Each sentence has its own verb (육휴 중에 월급 얼마나 나와요? 처음 몇달은: 나와요 is a predicate though not last).
  for (const sentence of subject.split(/(?<=[?？!])\s+/)) readSentence(sentence, units);
  return [...units].map(([text, predicate]) => ({ text, predicate }));
}

function readSentence(subject: string, units: Map<string, boolean>): void {
  // Without synonym expansion: a synonym is another way to hold a unit (`weighUnits`), not a unit of its own.
  const words = analyzeQuery(subject, new Map()).filter((term) => term.startsWith('w:') || term.startsWith('n:'));
  const adnominal = adnominalVerbs(subject);
  // The question's own verb — its last word before the auxiliaries (올려야 하나요, 끝내야 하죠), unless it ends as a
  // copula (…은 무엇인가요, 한도는 얼마인가요), where the last word is a noun.
  let verbAt = -1;
  if (!endsAsCopula.test(subject.trim())) {
    for (let index = words.length - 1; index >= 0; index--) {
      if (!auxiliaries.has(words[index]!.slice(2))) {
        verbAt = index;
        break;
      }
    }
    if (verbAt >= 0 && nounBeforeExistence(subject, words, verbAt)) verbAt = -1;
  }
  for (const [position, term] of words.entries()) {
    let text = term.slice(2);
    let predicate = false;
    if (askingWords.has(text)) continue;
    if (hangul.test(text)) {
      // (A topic asked on its own, politely — 임기는요? — arrives as its noun: `analyzeQuery` drops 요 and the particle.)
      let noun = false;
      text = text.replace(politeAfterConnective, '');
      const withoutCopula = text.replace(copula, '');
      if (withoutCopula !== text && withoutCopula.length >= 1) {
        // A bare 야 also ends verbs (끝내야, 받아야): only the longer copulas say the word is a noun.
        if (text.length - withoutCopula.length > 1) noun = true;
        text = withoutCopula;
      }
      if (particleAfterOneSyllable.test(text) || (particleAfterKnownSyllable.test(text) && (querySynonyms.has(text.slice(0, 1)) || oneSyllableNouns.has(text.slice(0, 1))))) text = text.slice(0, 1);
      const stem = text.replace(verbalSuffix, '');
      if (stem !== text && stem.length >= 2) text = stem;
      else if (!noun && (position === verbAt || (position >= words.length - 2 && predicateEnding.test(text)) || pastClause.test(text) || causeClause.test(text) || adnominal.has(text))) predicate = true;
    }
    if (askingWords.has(text)) continue;
    units.set(text, (units.get(text) ?? true) && predicate);
  }
}

// A verb's ㄹ form before 수 있다/없다 or 때 (생길 수 있는, 쓸 때, 옮길 수 없나요): a verb wherever it stands. Not a noun
// before 때 (출장 때, 점심 때): the word must end in ㄹ, as the verb's form does (글 때, 물 때 are not said).
const beforeCanOrWhen = /([가-힣]+)\s+(?:수\s*(?:가\s*|도\s*|는\s*)?(?:있|없)|때(?![가-힣]))/g;
function adnominalVerbs(subject: string): Set<string> {
  const verbs = new Set<string>();
  for (const [, word] of subject.matchAll(beforeCanOrWhen)) {
    const last = word!.charCodeAt(word!.length - 1) - 0xac00;
    // The final consonant ㄹ is index 8 of the 28 a syllable may end in.
    if (last % 28 === 8) verbs.add(word!);
  }
  return verbs;
}

/** The keys a unit is matched by: its syllable pairs (as the index stores them), or the word itself when it has none. */
function unitKeys(text: string): string[] {
  if (!hangul.test(text) || text.length < 2) return [/^\d+$/.test(text) ? `n:${text}` : `w:${text}`];
  const keys: string[] = [];
  for (let index = 0; index + 2 <= text.length; index++) keys.push(`b:${text.slice(index, index + 2)}`);
  return [...new Set(keys)];
}

/** Every key the units need statistics for. */
export function unitStatisticsKeys(units: readonly { text: string }[]): string[] {
  return [...new Set(units.flatMap((unit) => unitKeys(unit.text)))];
}

/** Weights from the caller's passages: BM25's inverse document frequency, averaged over a unit's keys. */
export function weighUnits(
  units: readonly { text: string; predicate: boolean }[], statistics: TermStatistics,
  // The tenant's synonym groups over the built-in ones and everyday words (`synonymsForSearch`), as search expands questions with.
  synonyms: ReadonlyMap<string, readonly string[]> = querySynonyms,
): QuestionUnit[] {
  const n = Math.max(1, statistics.passages);
  const idf = (key: string) => {
    const df = Math.min(n, statistics.documentFrequency.get(key) ?? 0);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  };
  return units.map((unit) => {
    const keys = unitKeys(unit.text);
    // A word no passage has at all is as often a paraphrase's verb (옮긴, 다녀온) as a missing subject (일비): half weight.
    const unseen = keys.every((key) => (statistics.documentFrequency.get(key) ?? 0) === 0);
    const weight = (keys.reduce((sum, key) => sum + idf(key), 0) / keys.length) * (unseen ? 0.5 : 1);
    // The synonyms (과기부 = 과학기술정보통신부, 클라우드 = cloud, 야근 = 시간외근무; the tenant's own: 비번 = 비밀번호), and the words
    // regulations use for what people ask (해외 = 국외): a text holding one holds the unit.
    const alternatives = [...(synonyms.get(unit.text) ?? everydayStem(unit.text, synonyms)), ...(regulationWords.get(unit.text) ?? [])].map(unitKeys);
    return { text: unit.text, keys, weight: unit.predicate ? weight / 4 : weight, alternatives };
  });
}

/**
 * A spoken verb's everyday stem among the question's words (잃어버렸어요 → 잃어버렸, held by 분실): the longest everyday
 * word of two syllables or more that the unit starts with, the rest an ending of three syllables at most.
 */
function everydayStem(text: string, synonyms: ReadonlyMap<string, readonly string[]>): readonly string[] {
  if (!hangul.test(text) || text.length < 3) return [];
  for (let length = text.length - 1; length >= Math.max(2, text.length - 3); length--) {
    const stem = text.slice(0, length);
    if (everydayWords.has(stem)) return synonyms.get(stem) ?? everydayWords.get(stem)!;
  }
  return [];
}
const everydayWords = synonymMap(everydayWordGroups);

/** The share of the question's weight that a text holds (terms as `analyzeForIndex` makes them). */
export function evidenceIn(units: readonly QuestionUnit[], terms: ReadonlySet<string>): number {
  let total = 0;
  let held = 0;
  for (const unit of units) {
    total += unit.weight;
    const share = (keys: readonly string[]) => keys.filter((key) => terms.has(key)).length / keys.length;
    held += unit.weight * Math.max(share(unit.keys), ...unit.alternatives.map(share));
  }
  return total === 0 ? 0 : held / total;
}

/** The terms of a passage or a sentence, as the index holds them (syllable pairs and words). */
export function textTerms(text: string, section: string | null = null): Set<string> {
  return new Set(analyzeForIndex(text, section));
}
