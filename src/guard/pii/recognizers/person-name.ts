import type { PiiCandidate, PiiRecognizer } from '../pii-types.js';
import {
  bareNounEndings, bareWordEndings, commonGivenNames, commonThreeSyllableWords, commonWordEndings, doubleSurnames, familyTitles, foreignerRoles,
  foreignIdentifierStarts, givenNameSyllables, honorificNouns, japaneseFamilyNames, latinNameLabels, nameLabels, nounsEndingInI, rankTitles,
  rolesBefore, strongNameLabels, surnames, titleQualifiers, titlesAfter, westernGivenNames, everydayWordGivenNames, westernFamilyNames,
} from './person-lexicon.js';
import { isDigit, isHangulSyllable } from './match-at.js';
import stoplistFile from './person-stoplist.json' with { type: 'json' };

/**
 * Person names (PERSON), without a model: labels (성명: 홍길동), titles and honorifics after a name (김철수 과장,
 * 예지 씨), roles before it (배우 조승우), an age or a real name in brackets (조승우(35), 싸이(본명 박재상)),
 * Western given names (제임스 맥어보이), the familiar `-이` of given names (철수가 → 기정이가), names listed with a
 * found one (정우식과 조우리가), and bare Korean full names (surname + two given syllables followed by a particle).
 * A name found once with evidence is found again wherever it recurs in the same text.
 *
 * The text is cut once into Hangul runs ("tokens"); every rule looks at a token and its neighbours through set
 * look-ups, which keeps the recognizer fast on long documents (no alternation regexes over the whole text).
 */
const particles = [
  '에게서', '에게', '한테', '께서', '이랑', '으로', '처럼', '보다', '과의', '와의', '이가', '이는', '이의', '이를', '이도', '이와',
  '이에게', '때문에', '에서', '까지', '부터', '만큼', '같이', '이나', '하고', '조차', '마저', '이며', '이고', '이다', '였다',
  '이었다', '에게는', '에게도', '과는', '와는', '과도', '와도', '으로서', '로서', '이라는', '라는', '이란', '란',
  '이', '가', '은', '는', '을', '를', '의', '와', '과', '도', '만', '랑', '로', '께', '측',
  // The copula: 민원인: 박순자입니다, 기획과 김민수입니다; a self-introduction: 박지은이라고 합니다, 저 정수진인데요.
  '입니다', '이에요', '예요', '이예요', '이라고', '인데요', '이고요',
];
const particleSet = new Set(particles);
const courtesyTitles = new Set(['씨', '님', '선생님', '선생', '여사', '언니', '오빠', '누나', '선배', '후배']);
// After a bare name only the particles names most often take; 만/도/로 follow ordinary nouns far more often.
const verbLikeGivenNames = new Set(['하지', '해진', '하는', '하고', '하며', '하면', '해서', '하기', '되지', '되는', '되고', '해야', '하자', '하여',
  // Past forms of 나오다, 나가다, 지나다, 가지다, 내리다, 이루다, 나서다 (배나온) and 동안 (한동안): words, not given names.
  '나온', '나간', '지난', '가진', '내린', '이룬', '나선', '동안']);
/** 이루지 못했다, 가지지 않는: -지 before a negation is a verb, not a given name ending in 지. */
const jiCode = '지'.charCodeAt(0);
const negationStarts = new Set(Array.from('않못말', (syllable) => syllable.charCodeAt(0)));
/**
 * Nouns that follow a clause rather than a name (소행일 가능성, 진행할 수, 추진할 것), alone or with a particle or one
 * of `headEndings`: a bare three-syllable word before one of them is a verb or copula form (-일, -할), not a name.
 */
const headEndings = new Set(['에', '에도', '에는', '이다', '이나', '이지', '처럼']);
const clauseHeads = new Set(['가능성', '것', '수', '때', '뿐', '줄', '듯', '거', '걸', '만큼', '경우', '예정', '전망', '우려', '필요', '리가']);
const bareNameParticles = new Set([
  '의', '이', '가', '은', '는', '을', '를', '와', '과', '에게', '한테', '께서', '과의', '와의', '이랑', '처럼', '보다', '때문에',
  '에게는', '이란', '이라는', '도', '으로', '만은', '에게도', '한테는', '입니다',
  // Self-introductions (박지은이라고 합니다, 저 정수진인데요, 정수진이에요): the copula after a full name.
  '이라고', '인데요', '이고요', '이에요', '이예요',
]);
// The familiar `-이` after a given name that ends in a consonant (기정이가, 여민이의), then a particle.
const familiarEndings = new Set(['이', '이가', '이는', '이의', '이를', '이도', '이랑', '이와', '이한테', '이에게', '이처럼', '이만']);

const labelSet = new Set(nameLabels);
const roleSet = new Set(rolesBefore);
const titleSet = new Set(titlesAfter);
const numberInWords = /^(?:[일이삼사오육칠팔구십백천만억조]*[만억조천]원|[공영일이삼사오육칠팔구]{3,})$/;
const westernSet = new Set(westernGivenNames);
const stoplist = new Set<string>(stoplistFile.words);
/**
 * Two-syllable words of ordinary prose that begin with a surname syllable (정책, 기획, 부서): the first two syllables
 * of the stoplist's words (정책을, 정책적 → 정책), which are run starts of the NIA report. A short name of surname and
 * one given syllable (허준) is never one of them.
 */
const twoSyllableWords = new Set<string>([...stoplist].map((word) => word.slice(0, 2)));
const foreignerRoleSet = new Set(foreignerRoles);
/**
 * A number for the first two syllables of `text` from `start` (the one syllable when only one is left before `end`).
 * Keys the word lists below by how their words begin.
 */
function prefixKey(text: string, start: number, end = text.length): number {
  const first = text.charCodeAt(start) - 0xac00;
  return end - start === 1 ? first : hangulSyllableCount + first * hangulSyllableCount + text.charCodeAt(start + 1) - 0xac00;
}
const hangulSyllableCount = 0xd7a4 - 0xac00;

/** A title, or a title with a particle glued to it (과장이, 씨는): the second token after a name. */
const titleForms = new Map<string, string>();
for (const title of titlesAfter) {
  titleForms.set(title, title);
  for (const particle of particles) if (!titleForms.has(title + particle)) titleForms.set(title + particle, title);
  // 과장님, 과장님께, 주무관님이: the honorific 님 on a title, with or without a particle.
  if (title.length >= 2 && !title.endsWith('님')) {
    if (!titleForms.has(`${title}님`)) titleForms.set(`${title}님`, title);
    for (const particle of particles) if (!titleForms.has(`${title}님${particle}`)) titleForms.set(`${title}님${particle}`, title);
  }
}
const maxTitleFormLength = Math.max(...[...titleForms.keys()].map((form) => form.length));
/**
 * Western given names of two syllables or more, which may be written glued to the family name (소피마르소), less
 * those that begin everyday words (사라지다, 마크다운, 매트리스, 조지아, 안나오다).
 */
const notGluable = new Set(['사라', '마크', '매트', '노아', '루이', '테일러', '마리아', '조지', '모건', '에단', '이선', '안나', '한나']);
const gluableWestern = new Map<number, string[]>(); // by the prefix key of the first two syllables, longest first
for (const name of [...westernGivenNames].sort((a, b) => b.length - a.length)) {
  if (name.length < 2 || notGluable.has(name)) continue;
  gluableWestern.set(prefixKey(name, 0), [...(gluableWestern.get(prefixKey(name, 0)) ?? []), name]);
}

/*
 * Gates read from char codes before a word list is asked: most tokens fail every one, and are passed over without
 * slicing or hashing a string. Per syllable, bit flags of the one-syllable lists; per token, the lists that words
 * beginning with its first two syllables belong to (one look-up of a small integer instead of one hash per list).
 */
const surnameFlag = 1;
const givenFlag = 2;
const commonEndingFlag = 4;
const bareEndingFlag = 8;
const titleFirstFlag = 16;
const particleFirstFlag = 32;
const doubleSurnameFirstFlag = 64;
const familiarFirstFlag = 128;
const bareParticleFirstFlag = 256;
const listedEndingFlag = 512; // the last syllable of a name in `commonGivenNames`
const bareNounEndingFlag = 1024;
const syllableFlags = new Uint16Array(0xd7a4 - 0xac00);
const flagSyllables = (flag: number, words: Iterable<string>) => {
  for (const word of words) {
    const code = word.charCodeAt(0);
    if (code >= 0xac00 && code <= 0xd7a3) syllableFlags[code - 0xac00]! |= flag;
  }
};
flagSyllables(surnameFlag, surnames);
flagSyllables(givenFlag, givenNameSyllables);
flagSyllables(commonEndingFlag, commonWordEndings);
flagSyllables(bareEndingFlag, bareWordEndings);
flagSyllables(bareNounEndingFlag, bareNounEndings);
flagSyllables(titleFirstFlag, titlesAfter);
flagSyllables(particleFirstFlag, particles);
flagSyllables(doubleSurnameFirstFlag, doubleSurnames);
flagSyllables(familiarFirstFlag, familiarEndings);
flagSyllables(bareParticleFirstFlag, bareNameParticles);
flagSyllables(listedEndingFlag, [...commonGivenNames].map((name) => name.slice(1)));
/** The flags of the syllable at `index` of `word` (0 for anything that is not a Hangul syllable). */
const flagsAt = (word: string, index: number): number => {
  const code = word.charCodeAt(index);
  return code >= 0xac00 && code <= 0xd7a3 ? syllableFlags[code - 0xac00]! : 0;
};
const hasFlag = (word: string, index: number, flag: number) => (flagsAt(word, index) & flag) !== 0;

/** Every spelling of the Japanese family names (쓰 and 츠 both). */
const japaneseFamilyNameForms = new Set(japaneseFamilyNames.flatMap((name) => [name, name.replaceAll('쓰', '츠')]));
const labelList = 1;
const roleList = 2;
const titleList = 4;
const westernList = 8;
const gluableList = 16;
const japaneseList = 32;
const foreignerList = 64;
const listsByPrefix = new Map<number, number>();
const addToLists = (list: number, words: Iterable<string>) => {
  for (const word of words) {
    if (!/^[가-힣]+$/.test(word)) continue;
    const key = prefixKey(word, 0);
    listsByPrefix.set(key, (listsByPrefix.get(key) ?? 0) | list);
  }
};
addToLists(labelList, nameLabels);
addToLists(roleList, rolesBefore);
addToLists(titleList, titleForms.keys());
addToLists(westernList, westernGivenNames);
for (const key of gluableWestern.keys()) listsByPrefix.set(key, (listsByPrefix.get(key) ?? 0) | gluableList);
addToLists(japaneseList, japaneseFamilyNameForms);
addToLists(foreignerList, foreignerRoles);
/**
 * A filter of 64K bits in front of `listsByPrefix`: set for every key it holds (and a few it does not). Bits rather
 * than bytes: 8 KB stay in the processor's first-level cache, which a 64 KB table asked once per token did not.
 */
const prefixSlot = (key: number) => Math.imul(key, 0x9e3779b1) >>> 16;
const prefixFilter = new Uint32Array(0x10000 / 32);
for (const key of listsByPrefix.keys()) prefixFilter[prefixSlot(key) >>> 5]! |= 1 << (prefixSlot(key) & 31);
const listsOf = (key: number) => {
  const slot = prefixSlot(key);
  return (prefixFilter[slot >>> 5]! & (1 << (slot & 31))) === 0 ? 0 : listsByPrefix.get(key) ?? 0;
};
/** Whether a word of `list` may begin at `start` of `text` (`text` from `start` to `end` being that word). */
const mayBeginList = (text: string, start: number, end: number, list: number) => (listsOf(prefixKey(text, start, end)) & list) !== 0;

const maxParticleLength = Math.max(...particles.map((particle) => particle.length));
const danCode = '단'.charCodeAt(0);
const jeonCode = '전'.charCodeAt(0); // 전 (former): 손재학 전 차관
// Endings that are common in words yet frequent in names too (김민기, 이수성, 박성인, 정현자).
const nameLikeEndings = new Set(Array.from('기성인자', (syllable) => syllable.charCodeAt(0)));

/**
 * The flags of each syllable of the text being scanned, by index; reused from call to call (allocating a typed array
 * costs more than scanning a sentence). Only the indices `hangulTokens` writes (the first five syllables of each
 * token of three or more) are read.
 */
let syllableFlagsOfText = new Uint16Array(4096);

/**
 * A run of Hangul syllables; `lists` are the word lists its first two syllables may begin (see `listsByPrefix`).
 * `word` is sliced from the text when first asked for: most tokens fail every gate on char codes and flags, and
 * a string per token was a third of the recognizer's allocations.
 */
class Token {
  private sliced: string | undefined;
  /**
   * The rules of `scanToken` that may take this token as a name (`Rule` bits): a rule's bit is clear when a
   * necessary condition of it fails (see `rulesAlone` and `rulesBefore`). A token with none is not scanned at all.
   */
  rules = 0;
  constructor(private readonly text: string, readonly start: number, readonly end: number, readonly lists: number) {}

  get word(): string {
    return (this.sliced ??= this.text.slice(this.start, this.end));
  }
}
type Add = (start: number, length: number, score: number) => void;

export const personNameRecognizer: PiiRecognizer = {
  name: 'person-name',
  types: ['PERSON'],
  recognize(text) {
    if (syllableFlagsOfText.length < text.length) syllableFlagsOfText = new Uint16Array(Math.max(text.length, 2 * syllableFlagsOfText.length));
    const flags = syllableFlagsOfText;
    const tokens = hangulTokens(text, flags);
    const candidates: PiiCandidate[] = [];
    const add: Add = (start, length, score) => {
      // 김모 씨, 박모(45): 모 (某) stands for a withheld given name.
      if (score > 0 && !(length === 2 && text.charCodeAt(start + 1) === 0xbaa8 && surnames.has(text[start]!))) candidates.push({ type: 'PERSON', start, end: start + length, score });
    };
    // Name: HONG GILDONG, on English forms and passports: read at each colon (few; one native search finds them).
    if (text.indexOf(':') !== -1) englishLabelledNames(text, add);
    // Mr. John Smith, Dr. Lee, Applicant: Jane Doe, Contact John Smith at …: English context words before a name in
    // title case: honorifics read back from each period, labels from each colon, and one native search for Contact.
    if (text.indexOf('.') !== -1) honorificNames(text, add);
    if (text.indexOf('Contact') !== -1) titleCaseNameAfter(text, text.indexOf('Contact'), 'Contact', add);
    if (tokens.length === 0) return candidates;
    // Most tokens (nine in ten on the dev sentences) meet no rule's necessary condition: they are passed over here.
    for (let index = 0; index < tokens.length; index++) if (tokens[index]!.rules !== 0) scanToken(text, tokens, index, flags, add);
    if (candidates.length === 0) return candidates;
    candidates.push(...fromLists(text, tokens, candidates));
    candidates.push(...recurrences(text, candidates));
    // A title is never the name ("어윤정 주무관과 연제욱 주무관이": 주무관 read as 주 + 무관 before 과), nor is a number in
    // words: an amount's unit (단위: 백만원, 예산(천만원): 백 and 천 are surnames) or digits read aloud (공일공 사업단).
    return candidates.filter((candidate) => {
      const word = text.slice(candidate.start, candidate.end);
      return !titleSet.has(word) && !numberInWords.test(word);
    });
  },
};

/**
 * Maximal runs of Hangul syllables (U+AC00–U+D7A3), found with one pass over the string. `flags` gets the flags of
 * the syllables the rules read by index: the first five of each token of three syllables or more (no rule reads
 * further into a token, nor into a shorter one); most syllables are passed over without a table look-up.
 */
function hangulTokens(text: string, flags: Uint16Array): Token[] {
  const tokens: Token[] = [];
  let previous: Token | null = null;
  const textLength = text.length;
  let index = 0;
  while (index < textLength) {
    if (!isHangulSyllable(text.charCodeAt(index))) {
      index++;
      continue;
    }
    const start = index;
    do index++; while (index < textLength && isHangulSyllable(text.charCodeAt(index)));
    if (index - start >= 3) {
      for (let at = start, last = Math.min(index, start + 5); at < last; at++) flags[at] = syllableFlags[text.charCodeAt(at) - 0xac00]!;
    }
    const token = new Token(text, start, index, listsOf(prefixKey(text, start, index)));
    // The character after the token (0 at the end of the text).
    token.rules = rulesAlone(text, flags, start, index, token.lists, index < textLength ? text.charCodeAt(index) : 0);
    if (previous !== null) {
      // A label, a role (one space before the token) or a foreigner's role before the token; the rules that read the
      // token after `previous`.
      if ((previous.lists & labelList) !== 0) token.rules |= Rule.AfterLabel;
      if ((previous.lists & roleList) !== 0 && start === previous.end + 1 && text.charCodeAt(previous.end) === 32) token.rules |= Rule.AfterRole;
      if ((previous.lists & foreignerList) !== 0) token.rules |= Rule.AfterForeignerRole;
      previous.rules |= rulesBefore(text, flags, previous.start, previous.end, start, index, token.lists);
    }
    tokens.push(token);
    previous = token;
  }
  return tokens;
}

/**
 * The rules of `scanToken`, one bit each. `rulesAlone` and `rulesBefore` (with the lists of the token before, in
 * `hangulTokens`) set a rule's bit unless a necessary condition of it fails: each test there restates the gate of its
 * rule in `scanToken`, on the flags and char codes the tokenizer has at hand, and `scanToken` asks for the bit before
 * the gate. A rule added to or loosened in `scanToken` must be added or loosened there too (the dump of detectPii over
 * the review sets, identical with and without the bits, is the check).
 */
const enum Rule {
  AfterLabel = 1 << 0, // labelledName, foreignResidentName, and the short name between a label and a title
  LatinLabel = 1 << 1, // latinNameAfter
  AfterForeignerRole = 1 << 2, // foreignResidentName
  AfterRole = 1 << 3, // 배우 조승우가
  WorksOwner = 1 << 4, // 짐캐리의 작품
  TitleAfter = 1 << 5, // 김철수 과장, 코엔 감독, 손재학 전 차관, 이한구 공관위원장
  GoRank = 1 << 6, // 이창호 9단
  GluedTitle = 1 << 7, // 김철수씨는
  Brackets = 1 << 8, // fromBrackets
  Familiar = 1 << 9, // familiarName
  Western = 1 << 10, // westernName
  Japanese = 1 << 11, // japaneseName
  BareName = 1 << 12, // bareName
  SelfIntroduction = 1 << 13, // selfIntroduction
}

/** The rules of `scanToken` that read the token itself and the character after it (`after`, 0 at the text's end). */
function rulesAlone(text: string, flags: Uint16Array, start: number, end: number, lists: number, after: number): number {
  let rules = 0;
  if ((lists & labelList) !== 0) rules |= Rule.LatinLabel;
  if ((lists & (westernList | gluableList)) !== 0) rules |= Rule.Western;
  if ((lists & japaneseList) !== 0) rules |= Rule.Japanese;
  if (after === 40) rules |= Rule.Brackets;
  const length = end - start;
  // Every other rule on the token alone needs three syllables or more.
  if (length < 3) return rules;
  const first = flags[start]!;
  const second = flags[start + 1]!;
  const third = flags[start + 2]!;
  // A bare full name (홍길동이): the flag tests of its gate.
  if ((first & surnameFlag) !== 0 && length <= 6 && (second & third & givenFlag) !== 0 &&
    ((third & (commonEndingFlag | bareEndingFlag)) === 0 || (third & listedEndingFlag) !== 0) &&
    (length === 3 || (flags[start + 3]! & bareParticleFirstFlag) !== 0)) rules |= Rule.BareName;
  // A self-introduction (최유리라고 합니다, 남궁민수입니다): 라고 at the end, or a two-syllable surname's first syllable
  // and a copula (입니다, 이에요, 예요: 다 or 요 last).
  if ((first & surnameFlag) !== 0 && length >= 4 && length <= 8) {
    const last = text.charCodeAt(end - 1);
    if ((last === goCode && text.charCodeAt(end - 2) === raCode) || ((first & doubleSurnameFirstFlag) !== 0 && (last === daCode || last === yoCode))) {
      rules |= Rule.SelfIntroduction;
    }
  }
  // The familiar -이 (기정이가).
  if (length >= 4 && length <= 5 && (first & second & givenFlag) !== 0 && (third & familiarFirstFlag) !== 0) rules |= Rule.Familiar;
  // A title glued to the name (김철수씨는, 홍길동과장이).
  for (let cut = 2; cut <= 4 && cut < length; cut++) {
    if (length - cut <= maxTitleFormLength && (flags[start + cut]! & titleFirstFlag) !== 0 && mayBeginList(text, start + cut, end, titleList)) {
      rules |= Rule.GluedTitle;
      break;
    }
  }
  return rules;
}

/**
 * The rules of `scanToken` that read a token (from `previousStart` to `previousEnd`) with the token after it (from
 * `nextStart` to `nextEnd`, its lists `nextLists`).
 */
function rulesBefore(text: string, flags: Uint16Array, previousStart: number, previousEnd: number, nextStart: number, nextEnd: number, nextLists: number): number {
  const length = previousEnd - previousStart;
  const nextFirst = text.charCodeAt(nextStart);
  let rules = nextFirst === danCode && length >= 2 && length <= 4 ? Rule.GoRank : 0;
  // The rest need one space between the two.
  if (nextStart !== previousEnd + 1 || text.charCodeAt(previousEnd) !== 32) return rules;
  // 짐캐리의 작품: the next word begins as one of `worksNouns` does.
  if (length >= 3 && length <= 7 && text.charCodeAt(previousEnd - 1) === uiCode && worksNounStarts.has(nextFirst)) rules |= Rule.WorksOwner;
  // 김철수 과장, 코엔 감독 (a director's name has up to six syllables).
  if (length >= 2 && length <= 6 && (nextLists & titleList) !== 0) rules |= Rule.TitleAfter;
  else if (length >= 2 && length <= 4) {
    const nextLength = nextEnd - nextStart;
    // 손재학 전 차관; 이한구 공관위원장 (compoundTitle).
    if (nextLength === 1 ? nextFirst === jeonCode : nextLength >= 4 && compoundTitleCut(text, flags, nextStart, nextEnd) !== 0) rules |= Rule.TitleAfter;
  }
  return rules;
}
const [goCode, raCode, daCode, yoCode] = Array.from('고라다요', (syllable) => syllable.charCodeAt(0));

/** The text between two tokens (or after the last / before the first one). */
const gapAfter = (text: string, tokens: Token[], index: number) =>
  text.slice(tokens[index]!.end, index + 1 < tokens.length ? tokens[index + 1]!.start : text.length);
const spaced = (gap: string) => gap === ' ';
/** Whether token `index` and the next one are separated by exactly one space (no slicing). */
const spacedAfter = (text: string, tokens: Token[], index: number) =>
  index + 1 < tokens.length && tokens[index + 1]!.start === tokens[index]!.end + 1 && text.charCodeAt(tokens[index]!.end) === 32;

function scanToken(text: string, tokens: Token[], index: number, flags: Uint16Array, add: Add): void {
  const token = tokens[index]!;
  // Each rule is tried only when its bit is set (`Rule`); then its gate decides.
  const rules = token.rules;
  // The token's length and char codes are read from the text; its word is sliced only past a gate (Token).
  const wordLength = token.end - token.start;
  const previous = index > 0 ? tokens[index - 1]! : null;
  const next = index + 1 < tokens.length ? tokens[index + 1]! : null;
  const spacedBefore = previous !== null && spacedAfter(text, tokens, index - 1);
  const spacedNext = spacedAfter(text, tokens, index);

  // 성명: 홍길동 / 담당자 김민수
  // 민원인(김영자, …), 성명(김영자): the name in brackets right after the label (a full name only: 담당자(공석), 성명(한자)).
  const afterLabel = (rules & Rule.AfterLabel) !== 0 && labelSet.has(previous!.word);
  if (afterLabel) labelledName(text, tokens, index, spacedBefore, add);
  // 성명 HONG GILDONG, 영문성명: KIM MIN-SU: a romanised name after a label.
  if ((rules & Rule.LatinLabel) !== 0 && latinNameLabels.has(token.word)) latinNameAfter(text, token.end, add);
  // 외국인 근로자 응웬반안(외국인등록번호 …), 등록외국인 왕리리 외국인등록번호 …
  if (next && (afterLabel || (rules & Rule.AfterForeignerRole) !== 0 && foreignerRoleSet.has(previous!.word))) {
    foreignResidentName(text, tokens, index, add);
  }
  // 배우 조승우가
  if ((rules & Rule.AfterRole) !== 0 && spacedBefore && roleSet.has(previous!.word)) {
    const name = nameInRun(token.word);
    if (name && looksLikeFullName(name)) add(token.start, name.length, 0.85);
  }
  // 짐캐리의 작품, 샤를리즈 테론의 연기, 성룡의 실패작: whose work or performance a review speaks of (worksOwner).
  if ((rules & Rule.WorksOwner) !== 0 && next && spacedNext && wordLength >= 3 && wordLength <= 7 && text.charCodeAt(token.end - 1) === uiCode &&
    worksNoun(next.word)) {
    const owner = token.word.slice(0, -1);
    const score = worksOwner(owner);
    if (score > 0) {
      // A foreign name in two words (샤를리즈 테론의, 시규어 로스의): the word before is part of it when it reads as a
      // bare word (no particle or ending, no adverb, no common word).
      const first = previous && spacedBefore && previous.word.length >= 2 && previous.word.length <= 5 && !beforeNameWords.has(previous.word) &&
        !stoplist.has(previous.word) && !commonThreeSyllableWords.has(previous.word) && !worksOwners.has(previous.word) &&
        !particleSyllables.has(previous.word[previous.word.length - 1]!) && !adnominalEndings.has(previous.word[previous.word.length - 1]!) ? previous : null;
      if (first) add(first.start, token.end - 1 - first.start, score);
      else add(token.start, owner.length, score);
    }
  }
  // 코엔 감독, 장피에르주네 감독: a director's name, foreign ones included (directorName).
  if ((rules & Rule.TitleAfter) !== 0 && next && spacedNext && wordLength >= 5 && wordLength <= 6 && directorTitle(next)) {
    add(token.start, wordLength, directorName(token.word));
  }
  // 김철수 과장, 이한구 공관위원장, 손재학 전 차관
  if ((rules & Rule.TitleAfter) !== 0 && next && spacedNext && wordLength >= 2 && wordLength <= 4) {
    let title = ((next.lists & titleList) !== 0 ? titleForms.get(next.word) : undefined) ??
      (next.end - next.start >= 4 ? compoundTitle(text, next) : undefined);
    if (!title && next.end - next.start === 1 && text.charCodeAt(next.start) === jeonCode && spacedAfter(text, tokens, index + 1)) {
      title = titleForms.get(tokens[index + 2]!.word);
    }
    if (title) add(token.start, token.word.length, scoreWithTitle(token.word, title, true));
    // 담당 허준 사무관, 작성자: 김준 과장: a surname and one given syllable between a label and a title only people hold.
    // Both are needed: 소방 경위, 조달 사무관 and their like are more than any word list holds.
    if (title && afterLabel && wordLength === 2 && rankTitles.has(title) && shortName(token.word) &&
      (spacedBefore || /^\s*[:：]\s*$/.test(text.slice(previous!.end, token.start)))) add(token.start, 2, 0.6);
  }
  // 이창호 9단: a go or martial-arts rank
  if ((rules & Rule.GoRank) !== 0 && next && text.charCodeAt(next.start) === danCode && wordLength >= 2 && wordLength <= 4 && /^ ?[1-9]$/.test(text.slice(token.end, next.start)) &&
    titleForms.get('9' + next.word) === '9단') {
    add(token.start, wordLength, scoreWithTitle(token.word, '9단', true));
  }
  // 김철수씨는, 홍길동과장이, 예진언니
  for (let length = 2; (rules & Rule.GluedTitle) !== 0 && length <= 4 && length < wordLength; length++) {
    if (wordLength - length > maxTitleFormLength || (flags[token.start + length]! & titleFirstFlag) === 0 ||
      !mayBeginList(text, token.start + length, token.end, titleList)) continue;
    const word = token.word;
    const title = titleForms.get(word.slice(length));
    // 안방마님: 마님 is a word, not a name and 님; 공영주차장: 주차장 is a word, not a name's 주 and 차장.
    if (title && !(title === '님' && word[length - 1] === '마') && !wordsEndingInTitle.has(word.slice(length - 1, length + title.length))) add(token.start, length, scoreWithTitle(word.slice(0, length), title, false));
  }
  // 조승우(35), 아이유(22·이지은), 은하(정은비·19), 싸이(본명 박재상)
  if ((rules & Rule.Brackets) !== 0 && mayHoldAgeOrRealName(text, token.end)) fromBrackets(text, tokens, index, add);
  // 기정이가, 여민이의: only words of four or five syllables, -이 third, two given-name syllables before it, can be one.
  const at = token.start;
  if ((rules & Rule.Familiar) !== 0 && wordLength >= 4 && wordLength <= 5 && (flags[at + 2]! & familiarFirstFlag) !== 0 && (flags[at]! & flags[at + 1]! & givenFlag) !== 0) {
    familiarName(token, add);
  }
  if ((rules & Rule.Western) !== 0 && (((token.lists & westernList) !== 0 && westernSet.has(token.word)) || (token.lists & gluableList) !== 0)) {
    westernName(text, tokens, index, add);
  }
  if ((rules & Rule.Japanese) !== 0) japaneseName(text, tokens, index, add);
  // 홍길동이: a surname, then two given-name syllables, the second not one that ends words (unless they are a frequent
  // given name: 민서, 효리), then nothing or a particle.
  // A bare word ending as a noun does (감사원, 방화범: `bareNounEndings`) is refused; with a particle or an ending glued
  // on (박상원이, 김기범한테) or before 외 N명 (강동원 외 3명) it is judged as any other name.
  if ((rules & Rule.BareName) !== 0 && wordLength >= 3 && wordLength <= 6 && (flags[at]! & surnameFlag) !== 0 && (flags[at + 1]! & flags[at + 2]! & givenFlag) !== 0 &&
    ((flags[at + 2]! & (commonEndingFlag | bareEndingFlag)) === 0 || (flags[at + 2]! & listedEndingFlag) !== 0) &&
    (wordLength === 3 || (flags[at + 3]! & bareParticleFirstFlag) !== 0) &&
    ((flags[at + 2]! & bareNounEndingFlag) === 0 || wordLength > 3 || ((flags[at + 2]! & listedEndingFlag) !== 0 && commonGivenNames.has(text.slice(at + 1, at + 3))) ||
      othersAfter(text, token.end) || listedWithName(text, tokens, index))) {
    bareName(text, tokens, index, add);
  }
  // 최유리라고 합니다, 황보혜정이라고 해요, 남궁민수입니다: a self-introduction.
  if ((rules & Rule.SelfIntroduction) !== 0 && wordLength >= 4 && wordLength <= 8 && (flags[at]! & surnameFlag) !== 0 && introLastCodes.has(text.charCodeAt(token.end - 1))) {
    selfIntroduction(text, tokens, index, add);
  }
}

/** 강동원, 이지은 2명: a comma or a middle dot joins the word to a full name (a bare one counts as such, particle or not). */
function listedWithName(text: string, tokens: Token[], index: number): boolean {
  for (const neighbour of [index - 1, index + 1]) {
    if (neighbour < 0 || neighbour >= tokens.length) continue;
    const [left, right] = neighbour < index ? [neighbour, index] : [index, neighbour];
    if (!/^\s?[,·]\s?$/.test(text.slice(tokens[left]!.end, tokens[right]!.start))) continue;
    const name = nameInRun(tokens[neighbour]!.word);
    if (name && name.length === 3 && looksLikeFullName(name, true, name.length === tokens[neighbour]!.word.length)) return true;
  }
  return false;
}

/** 강동원 외 3명: 외 and a count after a word (people listed as one and N others). */
function othersAfter(text: string, end: number): boolean {
  return text.charCodeAt(end) === 32 && text.charCodeAt(end + 1) === 0xc678 && /^ 외 ?\d/.test(text.slice(end, end + 5));
}

/**
 * A self-introduction: a surname and one or two given syllables (two after a one-syllable surname) before (이)라고 and
 * 합니다/해요/하는데요/하고요 (최유리라고 합니다, 김하나라고 해요, 황보혜정이라고 합니다), or a two-syllable surname and two
 * given syllables before the copula (남궁민수입니다, 황보혜정이에요). The ending-like last syllables (유리, 하나) are
 * taken here: the words before these verbs name someone. Not a word of the stoplist (정책이라고 합니다).
 */
const introLastCodes = new Set(Array.from('고다요', (syllable) => syllable.charCodeAt(0)));
const introVerbs = new Set(['합니다', '해요', '하는데요', '하고요', '하는데', '합니다만', '하며', '하고', '해', '했습니다']);
const copulas = ['입니다', '이에요', '이예요', '예요'];
function selfIntroduction(text: string, tokens: Token[], index: number, add: Add): void {
  const token = tokens[index]!;
  const word = token.word;
  let stem = '';
  let score = 0.7;
  if (word.endsWith('라고')) {
    const next = tokens[index + 1];
    if (!next || next.start !== token.end + 1 || text.charCodeAt(token.end) !== 32 || !introVerbs.has(next.word)) return;
    const before = word.charCodeAt(word.length - 4);
    const hasFinal = before >= 0xac00 && before <= 0xd7a3 && (before - 0xac00) % 28 !== 0;
    stem = word.endsWith('이라고') && word.length >= 5 && hasFinal ? word.slice(0, -3) : word.slice(0, -2);
  } else if (hasFlag(word, 0, doubleSurnameFirstFlag)) {
    const copula = copulas.find((ending) => word.endsWith(ending));
    if (!copula) return;
    stem = word.slice(0, -copula.length);
    if (stem.length !== 4 || surnameLength(stem) !== 2) return;
    score = 0.6;
  } else return;
  const surname = surnameLength(stem);
  if (surname === 0 || stem.length - surname !== 2 && !(surname === 2 && stem.length === 3)) return;
  if (!givenSyllablesFrom(stem, surname) || stoplist.has(stem) || commonThreeSyllableWords.has(stem)) return;
  add(token.start, stem.length, score);
}

/**
 * 성명: 홍길동, 담당자 김민수, 민원인(김영자, …): the word after a name's label. Only called after a label, so the gap
 * between the two is sliced and read only then (every token paid for it before: a slice and a regex each).
 */
function labelledName(text: string, tokens: Token[], index: number, spacedBefore: boolean, add: Add): void {
  const previous = tokens[index - 1]!;
  const token = tokens[index]!;
  const gapBefore = text.slice(previous.end, token.start);
  if (!spacedBefore && !/^\s*(?:[:：(]\s*)?$/.test(gapBefore)) return;
  const bracketed = /^\s*\(\s*$/.test(gapBefore);
  if (token.word.length === 1 && hasFlag(token.word, 0, surnameFlag)) {
    spacedName(text, tokens, index, add);
    return;
  }
  const name = nameInRun(token.word) ?? (token.word.length <= 4 ? token.word : null);
  // 담당 주무관이, 신청인 주소를, 예금주 성명과: a title, a label or a form's noun after the label is no name.
  if (name && !titleSet.has(name) && !labelSet.has(name) && !isFormNoun(name)) {
    const surname = surnameLength(name);
    // 소유자 남궁민, 임대인 선우진: a two-syllable surname and one given syllable is as full a name as 김민수.
    // 민원 담당자 지원, 담당자 승진 가산점: a surname and one syllable that make an ordinary word are no name.
    const score = looksLikeFullName(name) || shortDoubleSurnameName(name) ? 0.9
      : !bracketed && strongNameLabels.has(previous.word) && surname > 0 && givenSyllablesFrom(name, surname) && !(name.length === 2 && knownWord(name)) ? 0.6 : 0;
    add(token.start, name.length, score);
  }
}

/**
 * 신청인 김 철 수, 담당자 이 영 희 주무관에게, 성명 박 민준: after a label, a surname written apart from its given name,
 * or every syllable apart (a form filled in one box a syllable, or a name spaced out to slip past a filter). The given
 * name is two syllables, one token or two; the last may carry a particle.
 */
function spacedName(text: string, tokens: Token[], index: number, add: Add): void {
  if (!spacedAfter(text, tokens, index)) return;
  const surname = tokens[index]!;
  const second = tokens[index + 1]!;
  let last: Token;
  let given: string;
  if (second.word.length === 1 && spacedAfter(text, tokens, index + 1)) {
    last = tokens[index + 2]!;
    given = second.word + last.word[0];
  } else {
    last = second;
    given = second.word.slice(0, 2);
  }
  const rest = last.word.slice(last === second ? 2 : 1);
  if (given.length !== 2 || (rest !== '' && !particleSet.has(rest))) return;
  // 담당 이 부서, 신청인 이 신청서: a surname-like syllable before an ordinary word is no name.
  if (last === second && (isFormNoun(second.word) || titleForms.has(second.word) || twoSyllableWords.has(given))) return;
  const name = surname.word + given;
  if (looksLikeFullName(name) || relaxedFullName(name)) add(surname.start, last.start + (last === second ? 2 : 1) - surname.start, 0.85);
}

/**
 * 남궁민, 선우진: a two-syllable surname and one given syllable. Not a place or a school (서문로, 동방초) nor a word
 * with a particle (서문을): the given syllable is no institution's, road's or particle's.
 */
function shortDoubleSurnameName(name: string): boolean {
  return name.length === 3 && surnameLength(name) === 2 && hasFlag(name, 2, givenFlag) && !stoplist.has(name) &&
    !commonThreeSyllableWords.has(name) && !institutionEndings.has(name[2]!) && !placeEndings.has(name[2]!) && !particleSyllables.has(name[2]!);
}

/**
 * 외국인 근로자 응웬반안(외국인등록번호 …), 등록외국인 왕리리 외국인등록번호 …, 신청인 응웬반안(여권번호 …): the word
 * between a foreign resident's role (or a name's label) and a foreigner's identifier is the resident's name, whatever
 * its syllables: foreign names in Hangul follow no surname list. Both neighbours are needed.
 */
function foreignResidentName(text: string, tokens: Token[], index: number, add: Add): void {
  const previous = tokens[index - 1]!;
  const token = tokens[index]!;
  const next = tokens[index + 1]!;
  const word = token.word;
  if (word.length < 2 || word.length > 6 || !foreignIdentifierStarts.some((start) => next.word.startsWith(start))) return;
  if (!/^ ?[:：]? ?$/.test(text.slice(previous.end, token.start)) || !/^ ?[(,:：]? ?$/.test(text.slice(token.end, next.start))) return;
  // 외국인 근로자의 외국인등록번호, 근로자 명단 외국인등록번호, 외국인 유학생 전체 외국인등록번호: a noun, not a name.
  const stem = stripParticle(word);
  if (word.endsWith('의') || foreignerRoleSet.has(stem) || isFormNoun(word) || labelSet.has(stem) || titleSet.has(stem) ||
    twoSyllableWords.has(word.slice(0, 2)) && word.length === 2 || stoplist.has(word.slice(0, 3)) || commonThreeSyllableWords.has(word.slice(0, 3))) return;
  add(token.start, word.length, 0.7);
}

/**
 * A romanised name, as passports and visas write it: the family name in capitals, then the given name in capitals or
 * capitalised, in one or two words (HONG GILDONG, KIM MIN-SU, HONG, Gildong). Read only where a capital letter
 * follows the label within three characters.
 */
const latinName = /[ \t]*[:：]?[ \t]*([A-Z]{2,}(?:,?[ \t](?:[A-Z]{2,}|[A-Z][a-z]+)(?:-[A-Za-z]{2,})?){1,2})(?![A-Za-z0-9])/y;
function latinNameAfter(text: string, end: number, add: Add): void {
  let at = end;
  while (at < end + 3 && (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 58 || text.charCodeAt(at) === 0xff1a || text.charCodeAt(at) === 9)) at++;
  const code = text.charCodeAt(at);
  if (code < 65 || code > 90) return;
  latinName.lastIndex = end;
  const match = latinName.exec(text);
  if (match && romanisedName(match[1]!)) add(end + match[0].length - match[1]!.length, match[1]!.length, 0.85);
}

/**
 * Every word of a romanised name has a vowel and is no placeholder of one repeated letter, and the name has five
 * letters or more (LEE JI): not acronyms (ID PW, AI TF) nor blanks (OO OOO, XXX XXX).
 */
function romanisedName(name: string): boolean {
  const words = name.split(/[ ,\t-]+/).filter((part) => part !== '');
  return words.join('').length >= 5 && words.every((part) => /[AEIOUYaeiouy]/.test(part) && !/^(.)\1*$/i.test(part));
}

/**
 * `Name: HONG GILDONG`, `NAME : KIM MINSU`, `Full name: …`: the English label of forms and passports, read back from
 * each colon (normalisation has folded the full-width one). Not `Username:` or `Filename:`: a letter before the label.
 */
function englishLabelledNames(text: string, add: Add): void {
  for (let colon = text.indexOf(':'); colon !== -1; colon = text.indexOf(':', colon + 1)) {
    let end = colon;
    while (end > 0 && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
    // Applicant: Maria Garcia.
    if (end >= 9 && text.slice(end - 9, end) === 'Applicant') titleCaseNameAfter(text, end - 9, 'Applicant', add);
    // n, a, m, e in either case (| 32 lowers an ASCII capital), with no letter before.
    if (end < 4 || (text.charCodeAt(end - 4) | 32) !== 110 || (text.charCodeAt(end - 3) | 32) !== 97 || (text.charCodeAt(end - 2) | 32) !== 109 ||
      (text.charCodeAt(end - 1) | 32) !== 101 || isAsciiLetter(text.charCodeAt(end - 5))) continue;
    latinNameAfter(text, end, add);
    // Name: John Smith (title case; the capitals above are a passport's).
    if (end === colon && text.charCodeAt(end - 4) === 78) titleCaseNameAfter(text, end - 4, 'Name', add);
  }
}
/**
 * English words that stand before a person's name in title case: honorifics with their period (Mr. Smith, Dr. Jane
 * Lee), a form's labels with a colon (Name: John Smith, Applicant: …) and `Contact` (Contact John Smith at …). After an
 * honorific one word is a name; after a label two or three are needed, none of them a word that follows `Contact` in
 * a notice (Contact Us, Contact Center, Contact Information), and not after a thing's name label (File Name:).
 */
const englishHonorifics = new Set(['Mr', 'Mrs', 'Ms', 'Dr', 'Prof']);
const titleCaseWords = /([A-Z][a-z]+(?:-[A-Z]?[a-z]+)?(?:[ \t](?:[A-Z]\.[ \t])?(?:Mc|O')?[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?){0,2})(?![A-Za-z0-9@])/y;
const notNameWords = new Set([
  'Us', 'Me', 'Center', 'Centre', 'Information', 'Info', 'Office', 'Team', 'Details', 'Person', 'Point', 'Desk', 'Support', 'Form',
  'List', 'Number', 'Page', 'Section', 'Customer', 'Service', 'Services', 'Help', 'Sales', 'The', 'Our', 'Your', 'This', 'Please', 'Email',
  'Phone', 'Address', 'Name', 'Here', 'Ministry', 'Department', 'Division', 'Agency', 'Korea', 'Korean', 'Government', 'Embassy',
]);
const thingsNamed = new Set(['File', 'Project', 'Company', 'Organization', 'Organisation', 'Product', 'Course', 'Event', 'Program', 'Programme',
  'Service', 'Document', 'Host', 'Domain', 'Server', 'Business', 'Agency', 'Team', 'Department', 'Brand', 'Model', 'Device', 'Database',
  'Table', 'Column', 'Field', 'Site', 'App', 'Application', 'Package', 'Bank', 'Institution', 'School', 'Store', 'Shop', 'Street', 'City']);

/** Mr. John Smith, Dr. Lee: read back from each period (a native search), the honorific before it, no letter before that. */
function honorificNames(text: string, add: Add): void {
  for (let period = text.indexOf('.'); period !== -1; period = text.indexOf('.', period + 1)) {
    if (period < 2 || !isAsciiLetter(text.charCodeAt(period - 1))) continue;
    let start = period - 1;
    while (start > 0 && start > period - 5 && isAsciiLetter(text.charCodeAt(start - 1))) start--;
    if (start > 0 && isAsciiLetter(text.charCodeAt(start - 1))) continue;
    const word = text.slice(start, period);
    if (englishHonorifics.has(word)) titleCaseNameAfter(text, start, word, add);
  }
}

/** A name in title case after `word` at `at` (an honorific with its period, a label with its colon, or Contact). */
function titleCaseNameAfter(text: string, at: number, word: string, add: Add): void {
  if (at > 0 && isAsciiLetter(text.charCodeAt(at - 1))) return;
  const honorific = englishHonorifics.has(word);
  let end = at + word.length;
  if (honorific || text.charCodeAt(end) === 58) end++;
  else if (word !== 'Contact') return;
  if (word === 'Name' && at >= 2 && text.charCodeAt(at - 1) === 32 && thingsNamed.has(/[A-Za-z]+$/.exec(text.slice(Math.max(0, at - 16), at - 1))?.[0] ?? '')) return;
  const spaceStart = end;
  while (end < text.length && (text.charCodeAt(end) === 32 || text.charCodeAt(end) === 9) && end - spaceStart < 3) end++;
  if (end === spaceStart && text.charCodeAt(end - 1) !== 58) return;
  titleCaseWords.lastIndex = end;
  const match = titleCaseWords.exec(text);
  if (!match) return;
  const parts = match[1]!.split(/[ \t]+/).filter((part) => !/^[A-Z]\.$/.test(part));
  if (parts.some((part) => notNameWords.has(part)) || parts.length < (honorific ? 1 : 2)) return;
  add(end, match[1]!.length, honorific ? (parts.length >= 2 ? 0.85 : 0.6) : word === 'Contact' ? 0.7 : 0.85);
}
const isAsciiLetter = (code: number) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

/**
 * Nouns that follow a name's label in forms and replies (신청인 주소, 담당자 연락처, 예금주 성명, 작성자 서명): begun by
 * a surname syllable, they would otherwise pass for a short name after a strong label.
 */
const formNouns = new Set([
  '주소', '주소지', '연락처', '연락', '전화', '전화번호', '번호', '정보', '성명', '서명', '서명란', '명의', '소속', '직위', '직급', '직책',
  '본인', '대리인', '계좌', '계좌번호', '은행', '은행명', '이메일', '생년월일', '주민번호', '인적사항', '확인', '변경', '기재', '작성',
  '제출', '신청', '요청', '의견', '여부', '현황', '사항', '내용', '명단', '목록', '부서', '기관', '성별', '연령', '나이', '국적', '주민',
  '정정', '변동', '수정', '입력', '조회', '등록', '서류', '사본', '사진', '도장', '인감', '날인', '자격', '경력', '학력', '거주지', '전입일',
]);

/** A form's noun, alone or with a particle glued to it (성명이, 주소를). */
function isFormNoun(word: string): boolean {
  if (formNouns.has(word)) return true;
  for (let cut = word.length - 1; cut >= 1; cut--) if (formNouns.has(word.slice(0, cut)) && particleSet.has(word.slice(cut))) return true;
  return false;
}

/** Whether every syllable of `name` after its surname is one given names use. */
function givenSyllablesFrom(name: string, surname: number): boolean {
  for (let index = surname; index < name.length; index++) if (!hasFlag(name, index, givenFlag)) return false;
  return name.length > surname;
}

/**
 * `공관위원장`, `수석대변인`: up to two syllables of qualifier before a title of three syllables or more. Read on the
 * text's char codes: the token's word is sliced only when a title may begin at a cut.
 */
function compoundTitle(text: string, token: Token): string | undefined {
  const length = token.end - token.start;
  for (let cut = 1; cut <= 2 && cut < length - 2; cut++) {
    if (!hasFlag(text, token.start + cut, titleFirstFlag) || !mayBeginList(text, token.start + cut, token.end, titleList)) continue;
    const title = titleForms.get(token.word.slice(cut));
    if (title && title.length >= 3) return title;
  }
  return undefined;
}

/** The gate of `compoundTitle`: the first cut at which a title may begin (by flags and `titleList`), or 0. */
function compoundTitleCut(text: string, flags: Uint16Array, start: number, end: number): number {
  const length = end - start;
  for (let cut = 1; cut <= 2 && cut < length - 2; cut++) {
    if ((flags[start + cut]! & titleFirstFlag) !== 0 && mayBeginList(text, start + cut, end, titleList)) return cut;
  }
  return 0;
}

function fromBrackets(text: string, tokens: Token[], index: number, add: Add): void {
  const token = tokens[index]!;
  const inside = /^\(([^()]{1,24})\)/.exec(text.slice(token.end, token.end + 26));
  if (!inside) return;
  const parts = inside[1]!.split(/\s*[·,]\s*/);
  const hasAge = parts.some((part) => /^\d{1,2}(세|살)?$/.test(part));
  // 본명 is a label (the real name is found as one); a full name beside an age is found here: 아이유(22·이지은).
  const realName = /^본명\s/.test(inside[1]!);
  const innerNames = hasAge ? parts.filter((part) => /^[가-힣]{3}$/.test(part) && relaxedFullName(part)) : [];
  if (!hasAge && !realName) return;
  // The word before the brackets is the person: a full name, or a stage name that is not an everyday word. With an
  // age alone it needs three syllables (환자(35) is a patient); with a real name beside it two will do (싸이).
  const word = token.word;
  const besideName = realName || innerNames.length > 0;
  const stageName = !stoplist.has(word.slice(0, 3)) && word.length <= 5 && word.length >= (besideName ? 2 : 3) &&
    (besideName || !particleSyllables.has(word[word.length - 1]!));
  if (looksLikeFullName(word) || (word.length === 3 && relaxedFullName(word))) add(token.start, word.length, 0.8);
  else if (stageName) add(token.start, word.length, 0.6);
  let offset = token.end + 1;
  for (const part of innerNames) {
    const at = text.indexOf(part, offset);
    if (at === -1) break;
    add(at, 3, 0.8);
    offset = at + part.length;
  }
}

/**
 * Whether the brackets opening at `open` may be read by `fromBrackets`: closed (the first ')' or '(' after `open`
 * is a ')' within 25 characters) and holding a digit (an age) or beginning with 본명. A necessary condition only,
 * read on char codes before `fromBrackets` slices and splits: most brackets after a word hold neither (an
 * abbreviation, a gloss, a date's weekday).
 */
function mayHoldAgeOrRealName(text: string, open: number): boolean {
  let digit = false;
  for (let at = open + 1; at < text.length && at <= open + 25; at++) {
    const code = text.charCodeAt(at);
    if (code === 41) return digit || text.startsWith('본명', open + 1);
    if (code === 40) return false;
    if (code >= 48 && code <= 57) digit = true;
  }
  return false;
}

/** `기정이가`: a two-syllable given name ending in a consonant, the familiar -이, and a particle. */
function familiarName(token: Token, add: Add): void {
  const word = token.word;
  if (word.length < 3 || word.length > 5) return;
  const given = word.slice(0, 2);
  if (!familiarEndings.has(word.slice(2)) || !hasFinalConsonant(given.charCodeAt(1))) return;
  if (!givenNameSyllables.has(given[0]!) || !givenNameSyllables.has(given[1]!) || nounsEndingInI.has(given)) return;
  // A bare `X이` is mostly a noun (고양이); the particle after it is what marks a name.
  if (word.length === 3) return;
  add(token.start, 2, 0.55);
}

// Syllables that end a word as a particle (명단에, 명작의): a word ending in one is not a bare name before a title.
const particleSyllables = new Set(Array.from('에의은는을를이가도와과로만'));
// Last syllables of abbreviated bodies (인수위, 공관위, 국정원, 진도군): with only a title as evidence, not a name.
const institutionEndings = new Set(Array.from('위원청처부국군시구도단회당소관실과팀'));
const hasFinalConsonant = (code: number) => code >= 0xac00 && code <= 0xd7a3 && (code - 0xac00) % 28 !== 0;

function westernName(text: string, tokens: Token[], index: number, add: Add): void {
  const token = tokens[index]!;
  const next = index + 1 < tokens.length ? tokens[index + 1]! : null;
  // 제임스 맥어보이에게
  if (westernSet.has(token.word) && next && spaced(gapAfter(text, tokens, index))) {
    // 우리 팀 회의, 짐 정리를: a given name that is an everyday word makes a name only with a listed family name.
    if (everydayWordGivenNames.has(token.word)) {
      const familyName = stripParticle(next.word);
      if (westernFamilyNames.has(familyName)) add(token.start, next.start + familyName.length - token.start, 0.7);
      return;
    }
    // 제니퍼 씨, 존슨 씨 주소: a title after the name is no middle or family name; the name stands alone (and 마이클
    // 존슨 씨, found at 마이클 with a higher score, keeps its family name).
    if (titleForms.has(next.word)) {
      add(token.start, token.word.length, 0.6);
      return;
    }
    // 케일라 진 뮬러: a one-syllable middle name, then the family name.
    const last = index + 2 < tokens.length ? tokens[index + 2]! : null;
    const family = next.word.length === 1 && last && spaced(gapAfter(text, tokens, index + 1)) ? last : next;
    const familyName = stripParticle(family.word);
    if (familyName.length >= 1 && !isFormNoun(family.word) && !titleForms.has(family.word)) {
      add(token.start, family.start + familyName.length - token.start, 0.7);
      return;
    }
  }
  // 조지 W. 부시: a Latin initial between given and family name.
  const initial = westernSet.has(token.word) && next ? /^ [A-Z]\. $/.exec(gapAfter(text, tokens, index)) : null;
  if (initial && next) {
    add(token.start, next.start + stripParticle(next.word).length - token.start, 0.7);
    return;
  }
  // 짐캐리의, 소피마르소는: a given name of two or more syllables glued to a family name of two to four.
  for (const given of gluableWestern.get(prefixKey(token.word, 0)) ?? []) {
    if (!token.word.startsWith(given)) continue;
    const rest = token.word.slice(given.length);
    if (given === '크리스' && /^(마스|탈|천)/.test(rest)) return; // 크리스마스, 크리스탈, 크리스천
    const family = stripParticle(rest);
    const particle = rest.slice(family.length);
    if (family.length >= 2 && family.length <= 5 && (particle === '' || particleSet.has(particle)) && !stoplist.has(token.word.slice(0, 3))) {
      add(token.start, given.length + family.length, 0.6);
    } else if (rest === '' || (particleSet.has(rest) && given.length >= 3)) {
      // 제니퍼가: a long given name alone, with a particle.
      if (given.length >= 3 && rest !== '') add(token.start, given.length, 0.55);
    }
    return;
  }
}

/**
 * Syllables of Japanese names in Korean spelling: open syllables of the kana rows and -ㄴ (신, 켄, 준). A given name
 * made only of them (히로시, 유코, 하루키) is not a Korean word such as 감독, 총리 or 자동차, which nearly always hold
 * another final consonant or a syllable Japanese has no use for.
 */
const japaneseSyllables = new Set(Array.from(
  '가기구게고사시스세소다지쓰츠데도나니누네노하히후헤호마미무메모야유요라리루레로와오아이우에코키쿠케타치토테파피푸페포바비부베보자즈제조' +
  '신준켄겐센렌란린잔탄칸쿤온운엔진간곤돈몬론혼본텐젠넨멘벤헨안인',
));
const japaneseGiven = (word: string) => word.length >= 2 && word.length <= 4 && Array.from(word).every((syllable) => japaneseSyllables.has(syllable));

/**
 * 다나카 히로시가, 무라카미 하루키의, 다케우치유코: a frequent Japanese family name, then a given name of two to four
 * syllables in Japanese spelling (with a particle or not), spaced or glued; or the family name alone before a title
 * (다나카 씨, 아베 총리).
 */
function japaneseName(text: string, tokens: Token[], index: number, add: Add): void {
  const token = tokens[index]!;
  const next = index + 1 < tokens.length ? tokens[index + 1]! : null;
  if (japaneseFamilyNameForms.has(token.word)) {
    if (!next || !spaced(gapAfter(text, tokens, index))) return;
    if (titleForms.has(next.word)) {
      add(token.start, token.word.length, 0.6);
      return;
    }
    const given = stripParticle(next.word);
    if (japaneseGiven(given) && !titleForms.has(given)) add(token.start, next.start + given.length - token.start, 0.7);
    return;
  }
  // Glued: only family names of three syllables or more, so that a two-syllable one cannot begin a Korean word.
  for (let length = Math.min(5, token.word.length - 2); length >= 3; length--) {
    if (!japaneseFamilyNameForms.has(token.word.slice(0, length))) continue;
    const given = stripParticle(token.word.slice(length));
    const particle = token.word.slice(length + given.length);
    if (japaneseGiven(given) && (particle === '' || particleSet.has(particle))) add(token.start, length + given.length, 0.6);
    return;
  }
}

const isAsciiAlphanumeric = (code: number) => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

/** Drops a particle at the end of `run` (first in list order: 맥어보이에게 → 맥어보이), keeping two syllables. */
function stripParticle(run: string): string {
  // Two syllables are kept: a shorter run has nothing to strip (and no last syllable to ask about when empty).
  if (run.length <= 2) return run;
  // Only the particles that end as `run` ends can match: the first of those in list order is the first of all.
  for (const particle of particlesByLastCode.get(run.charCodeAt(run.length - 1)) ?? []) {
    if (run.length > particle.length + 1 && run.endsWith(particle)) return run.slice(0, -particle.length);
  }
  return run;
}
/** `particles` by the char code of their last syllable, each list in the order of `particles`. */
const particlesByLastCode = new Map<number, string[]>();
for (const particle of particles) {
  const last = particle.charCodeAt(particle.length - 1);
  particlesByLastCode.set(last, [...(particlesByLastCode.get(last) ?? []), particle]);
}

/** Bare `홍길동이 …`: needs the particle (or punctuation) after it, which ordinary three-syllable words often lack. */
function bareName(text: string, tokens: Token[], index: number, add: Add): void {
  const token = tokens[index]!;
  const run = token.word;
  if (run.length < 3 || run.length > 6) return;
  // 3천여명: a word glued to a number or a Latin word is not a name.
  if (token.start > 0 && isAsciiAlphanumeric(text.charCodeAt(token.start - 1))) return;
  const name = nameInRun(run);
  if (!name || name.length !== 3 || !looksLikeFullName(name, true)) return;
  // 제국주의, 민주주의: -주의 is "-ism"; 변하지, 전해진: a verb, not a given name.
  if (run.slice(2, 4) === '주의' || verbLikeGivenNames.has(name.slice(1))) return;
  // 감사결과, 정산결과: a noun ending in 과 (결과, 성과) read as a name and the particle 과; 부적정, 부적절: 不 + noun.
  if ((run[3] === '과' && nounsEndingInGwa.has(`${run[2]}과`)) || negatedNouns.has(name)) return;
  // A name never ends inside a longer word: 길고양이 is no 길고양 and 이, 고용허가 and 장기휴가 no 고용허 and 가. With
  // a one-syllable particle glued on, the run reads as a word when its last three syllables are one (고양이: a word of
  // the NIA report or a noun that ends in 이), or, before 가, when its first two are (고용, 장기: two-syllable words of
  // the NIA report and of agency notices, `knownWord`) and the rest a noun in -가 (허가, 휴가, 서면평가). Not before 이: 이정진이 (이정).
  if (run.length === 4 && ((run[3] === '이' && (stoplist.has(run.slice(1)) || nounsEndingInI.has(name.slice(1)))) ||
    (run[3] === '가' && (knownWord(name.slice(0, 2)) || stoplist.has(run.slice(1)))))) return;
  // 서하마을 경로당; 신청연도 기준, 정보라도: a village, and a year or -라도 after a word (not 김서연도 왔다, 김보라도: 김서
  // and 김보 are no words).
  if (run.length === 4 && (run.endsWith('마을') || ((run.endsWith('연도') || run.endsWith('라도')) && knownWord(run.slice(0, 2))))) return;
  // 종로구 사직동, 단원구 원시동: after a district, a word ending in 동 or 리 is a neighbourhood or a village.
  if ((name[2] === '동' || name[2] === '리') && index > 0 && districtEndings.has(tokens[index - 1]!.word.charCodeAt(tokens[index - 1]!.word.length - 1)) &&
    /^[ \t]$/.test(text.slice(tokens[index - 1]!.end, token.start))) return;
  // 이재민 1,203명, 사망 4명: a word before a count of people or households is a category, not a name.
  // Only a statistic: a count of two digits or more, or with a thousands comma, and not the last of a list of names
  // (박민수 1명, 김철수, 이영희, 박민수 3명 and 강동원 외 3명 are people).
  if (run.length === 3 && isDigit(text.charCodeAt(token.end + (text.charCodeAt(token.end) === 32 ? 1 : 0))) &&
    countAfter.test(text.slice(token.end, token.end + 16)) && !afterListComma(text, token.start)) return;
  // 사직동 주민센터, 원시동 재개발, 정원동 주민: a word ending in 동, 리 or 가 before a word of neighbourhoods.
  if (run.length === 3 && (name[2] === '동' || name[2] === '리' || name[2] === '가') && index + 1 < tokens.length &&
    tokens[index + 1]!.start === token.end + 1 && neighbourhoodWords.some((word) => tokens[index + 1]!.word.startsWith(word))) return;
  // 여름철, 장려상, 시설명, 감면율 when their first two syllables are a word: a noun and a syllable that makes nouns of it
  // (a season, a prize, a name, a rate), which given names end in rarely; and the days and things of agency notices
  // (공휴일, 근무일, 시간표, 공모전). Seen as names in agency notices and questions (session 30). (표 and 일 after any
  // word are too much: 고경표, 정성일 are names of the dev set.) Endings no name has are `bareWordEndings`.
  if ((wordNounMakers.has(name[2]!) && knownWord(name.slice(0, 2))) || agencyNouns.has(name)) return;
  const score = run.length > name.length ? (bareNameParticles.has(run.slice(name.length)) ? 0.55 : 0) : 0.5;
  if (score === 0.5 && text.charCodeAt(token.end) === 32 && (beforeClauseHead(text, token.end + 1) ||
    (name.charCodeAt(2) === jiCode && negationStarts.has(text.charCodeAt(token.end + 1))))) return;
  add(token.start, name.length, score);
}

/** Syllables that end nouns and, rarely, given names: only after a two-syllable word. */
const wordNounMakers = new Set(['상', '명', '모', '보', '철', '율', '별', '권', '제', '세']);
/**
 * Two-syllable words of agency notices that start with a surname's syllable and that the NIA report (whence
 * `twoSyllableWords`) does not use: 서면평가, 감면율, 장려상 are no names.
 */
const agencyTwoSyllableWords = new Set(['공휴', '조부', '장려', '학부', '진도', '감면', '하천', '구호', '전월', '신청', '서면', '복직', '반일', '지하', '승진']);
const knownWord = (word: string) => twoSyllableWords.has(word) || agencyTwoSyllableWords.has(word);
/** Three-syllable words of agency notices and questions that read as a surname and a given name. */
const agencyNouns = new Set([
  '월요일', '화요일', '수요일', '목요일', '금요일', '토요일', '일요일', '강아지', '기다림',
  '공휴일', '예정일', '근무일', '근무지', '이용일', '기준일', '신청일', '지급일', '접수일', '시행일', '마감일', '휴무일', '기념일', '제출일',
  '발표일', '개최일', '종료일', '시작일', '출근일', '목적지', '시간표', '공모전', '조부모', '학부모', '장애아', '부군수', '주의보',
]);
const districtEndings = new Set(Array.from('시군구읍면', (syllable) => syllable.charCodeAt(0)));
const countAfter = /^ ?(?:\d{1,3}(?:,\d{3})+|\d{2,})(?:\.\d+)? ?(?:명|가구|세대|건|곳|개소|여명)/;
const neighbourhoodWords = ['주민', '행정복지', '재개발', '재건축', '일대', '일원', '소재', '동사무소', '경로당'];
/**
 * Whether a comma or a middle dot stands right before the word (…, 박민수 13명): the word ends a list of names. Not
 * when the item before ends in a count itself (실종 2명, 이재민 1,203명: a list of statistics).
 */
function afterListComma(text: string, start: number): boolean {
  let at = start - 1;
  while (at >= 0 && text.charCodeAt(at) === 32) at--;
  if (text[at] !== ',' && text[at] !== '·') return false;
  return !/\d\s?(?:명|건|곳|가구|세대|개소|여명)\s?$/.test(text.slice(Math.max(0, at - 8), at));
}

/**
 * Places whose last two syllables spell a title (주차장: 차장, 회의장: 의장, 전시장: 시장): glued to the word before
 * (공영주차장, 대회의장), the title's reading would cut the place in two and take the rest for a name.
 */
const wordsEndingInTitle = new Set(['주차장', '회의장', '행사장', '전시장', '공사장', '도시장', '주차관', '시의장', '구의장', '도의장']);

/** Nouns whose last syllable is 과, which a bare name's reading would take for the particle (감사결과 → 감사결 + 과). */
const nounsEndingInGwa = new Set(['결과', '효과', '성과', '통과', '초과', '부과', '학과', '교과', '경과', '간과', '전과', '투과', '여과', '사과', '인과', '외과', '내과']);
/** 不 + a noun, read as 부 (a surname) and two given syllables: words of audit findings. */
const negatedNouns = new Set(['부적정', '부적절', '부적격', '부정당', '부진정', '부정확', '부적법']);

/** Whether the word at `start` is one of `clauseHeads`, alone or with a particle (가능성이, 것도). */
function beforeClauseHead(text: string, start: number): boolean {
  let end = start;
  while (end < text.length && end - start < 6) {
    const code = text.charCodeAt(end);
    if (code < 0xac00 || code > 0xd7a3) break;
    end++;
  }
  const word = text.slice(start, end);
  if (clauseHeads.has(word)) return true;
  for (let cut = 1; cut < word.length; cut++) {
    if (clauseHeads.has(word.slice(0, cut)) && (particleSet.has(word.slice(cut)) || headEndings.has(word.slice(cut)))) return true;
  }
  return false;
}

/** A full Korean name: a surname (one or two syllables) and a given name of one or two syllables. */
function surnameLength(name: string): number {
  if (name.length >= 3 && hasFlag(name, 0, doubleSurnameFirstFlag) && doubleSurnames.some((surname) => name.startsWith(surname))) return 2;
  return hasFlag(name, 0, surnameFlag) ? 1 : 0;
}

/**
 * Surname + two given syllables. `strict` is for a name with no other evidence: every given syllable must be a
 * name syllable and the last must not be a noun-making suffix; `bareWord` (nothing glued on) also refuses `bareNounEndings`.
 */
function looksLikeFullName(name: string, strict = false, bareWord = false): boolean {
  const surname = surnameLength(name);
  if (surname === 0 || name.length - surname !== 2) return false;
  if (!hasFlag(name, surname, givenFlag) || !hasFlag(name, surname + 1, givenFlag)) return false;
  const last = name.length - 1;
  const endsLikeWord = (strict ? hasFlag(name, last, commonEndingFlag | bareEndingFlag | (bareWord ? bareNounEndingFlag : 0))
    : hasFlag(name, last, commonEndingFlag) && !nameLikeEndings.has(name.charCodeAt(last))) &&
    !(hasFlag(name, last, listedEndingFlag) && commonGivenNames.has(name.slice(surname)));
  return !endsLikeWord && !commonThreeSyllableWords.has(name) && !stoplist.has(name);
}

// Endings of roads, villages, stations and schools, beside `institutionEndings`.
const placeEndings = new Set(Array.from('로길동리면읍역점초중고대'));
const placeNouns = new Set(['시장', '공원', '광장', '병원', '학교', '마을', '상가', '센터', '회관', '본부', '지사', '지점', '공단', '빌딩', '타워', '거리', '시청', '구청']);

function scoreWithTitle(name: string, title: string, spacedTitle: boolean): number {
  if (looksLikeFullName(name)) return 0.85;
  if (directorTitles.has(title)) return directorName(name);
  // Given names alone (예지 씨, 예진언니) are taken with 씨 and family words only: `X님` is mostly a job (형사님) and
  // 씨 glued to a non-surname is mostly a word (엠비씨).
  if (name.length === 2 && !honorificNouns.has(name)) {
    const givenSyllables = givenNameSyllables.has(name[0]!) && givenNameSyllables.has(name[1]!);
    if (title === '씨' && (spacedTitle || surnames.has(name[0]!) || givenSyllables)) return spacedTitle ? 0.6 : 0.55;
    if (familyTitles.has(title) && givenSyllables) return 0.55;
  }
  // 황보영수 과장, not 서문시장 회장: a two-syllable surname before a place noun is a place.
  if (name.length === 4 && surnameLength(name) === 2 && !placeNouns.has(name.slice(2))) return 0.8;
  // 남궁민 팀장, 선우진 주무관: a two-syllable surname and one given syllable before a title.
  if (shortDoubleSurnameName(name)) return 0.8;
  // 박종대 씨, 손재학 전 차관: a surname and two name syllables before a title, even when they end like a noun; not a
  // word and a syllable that makes nouns of it (부서별 이사 순서: 이사 is a board member and a house move).
  if (name.length === 3 && surnameLength(name) === 1 && !stoplist.has(name) && !commonThreeSyllableWords.has(name) &&
    !particleSyllables.has(name[2]!) && !institutionEndings.has(name[2]!) && !(wordNounMakers.has(name[2]!) && knownWord(name.slice(0, 2))) &&
    (title === '씨' || spacedTitle) && givenNameSyllables.has(name[1]!) && givenNameSyllables.has(name[2]!)) return 0.6;
  return 0;
}

/**
 * Words before 감독 that name a field or a kind of director, or supervision (관리 감독, 금융감독), not a person: with
 * them excluded, a word of two to six syllables right before 감독 is a director's name, foreign ones included (이안
 * 감독, 코엔감독, 우베볼 감독), which no surname test would find. Adnominal and particle endings (적절한 감독, 대학을
 * 감독, 명작의 감독) are no names either.
 */
const directorFields = new Set([
  '영화', '촬영', '미술', '음악', '무술', '예술', '조명', '의상', '분장', '편집', '음향', '특수', '시각', '총', '부', '조', '명', '현', '전',
  '신임', '신인', '초보', '거장', '천재', '여성', '남성', '여자', '남자', '한국', '일본', '미국', '중국', '프랑스', '영국', '할리우드',
  '헐리우드', '독립', '상업', '다큐', '애니', '드라마', '예능', '방송', '연출', '무대', '공연', '뮤지컬', '국가', '대표팀', '야구',
  '축구', '농구', '배구', '수석', '코치', '관리', '금융', '금융행위', '국제', '결과', '현장', '지도', '행정', '감리', '공사', '경기',
  '시험', '선거', '위생', '보건', '안전', '품질', '공정', '은행', '증권', '보험', '회계', '산업', '교육', '학교', '대학', '정부',
  '당국', '기관', '직접', '철저', '엄격', '상시', '사후', '사전', '일상', '전담', '제작', '작품', '영화계', '팀', '구단', '대행',
  // Determiners and kinds of director (이번 감독, 어떤 감독, 유명 감독).
  '이번', '어떤', '다른', '모든', '우리', '해당', '당시', '차기', '후임', '전임', '역대', '최고', '외국인', '한국인', '유명', '스타',
  '명장', '노장', '베테랑', '대형', '인기', '흥행', '원작', '각본', '해외', '국내', '외국', '동양', '서양', '아시아', '유럽', '감독',
]);
/**
 * A name of a surname and one given syllable (허준, 김준), unless the two syllables are a word: one of ordinary prose
 * (정책, 부서), a title's qualifier or field (신임, 민원), a label, a title, a role or a form's noun. Not an institution
 * (김구 would be lost with 국, 구, 청: 인사처, 기획국), nor the press's 김모 (某, "a certain Kim"), which hides a name.
 */
function shortName(name: string): boolean {
  return hasFlag(name, 0, surnameFlag) && hasFlag(name, 1, givenFlag) && !twoSyllableWords.has(name) && !titleQualifiers.has(name) &&
    !honorificNouns.has(name) && !directorFields.has(name) && !worksOwners.has(name) && !labelSet.has(name) && !roleSet.has(name) &&
    !titleSet.has(name) && !isFormNoun(name) && !particleSyllables.has(name[1]!) && !institutionEndings.has(name[1]!) && name[1] !== '모';
}

function directorName(name: string): number {
  if (name.length < 2 || name.length > 6 || directorFields.has(name) || honorificNouns.has(name) || stoplist.has(name) || commonThreeSyllableWords.has(name)) return 0;
  const last = name[name.length - 1]!;
  // 적절한, 모니터링하는, 대학을, 명작의, 감독하는: endings, not names.
  if (particleSyllables.has(last) || adnominalEndings.has(last)) return 0;
  return 0.6;
}
const adnominalEndings = new Set(Array.from('한는된될할던운은적'));
const directorTitles: ReadonlySet<string | undefined> = new Set(['감독', '감독님']);
const directorTitle = (word: Token) => (word.lists & titleList) !== 0 && directorTitles.has(titleForms.get(word.word));

/**
 * The works and performances of a person that reviews and news speak of (X의 연기, X의 작품): a word before one of
 * them is a person's name unless it is a common noun that owns such things too (배우의 연기, 감독의 작품, 영화의 음악,
 * 최고의 작품, 올해의 앨범, 그녀의 노래).
 */
const uiCode = '의'.charCodeAt(0);
// Not 영화, 노래 or 목소리: 추억의 영화, 감동의 노래 and 우려의 목소리 own them as often as people do.
const worksNouns = ['연기', '작품', '신작', '대표작', '데뷔작', '출연작', '실패작', '후기작', '음악', '앨범', '연주', '일대기', '캐릭터'];
const worksNoun = (word: string) => worksNouns.some((noun) => word.startsWith(noun));
const worksNounStarts = new Set(worksNouns.map((noun) => noun.charCodeAt(0)));
const worksOwners = new Set([
  '배우', '주연', '조연', '주인공', '아역', '감독', '작가', '원작', '거장', '신인', '가수', '그룹', '밴드', '아이돌', '성우', '연기자', '출연진', '배역',
  '영화', '작품', '드라마', '시리즈', '전작', '후속작', '원작자', '제작진', '제작사', '방송', '극장', '무대', '공연', '뮤지컬', '애니', '애니메이션',
  '최고', '최악', '최초', '최근', '올해', '작년', '당시', '그때', '요즘', '인생', '평생', '세기', '시대', '역대', '국내', '해외', '한국', '미국',
  '일본', '중국', '프랑스', '영국', '할리우드', '헐리우드', '그녀', '그들', '그분', '우리', '저희', '자신', '본인', '모두', '남자', '여자', '아이',
  '아이들', '사람', '사람들', '어른', '엄마', '아빠', '가족', '친구', '연인', '부부', '형제', '자매', '남녀', '여주', '남주', '악역', '주조연',
  '각자', '서로', '나름', '특유', '본연', '기존', '이번', '지난', '다음', '마지막', '최종', '전체', '일부', '대부분', '다른', '같은',
  '소재', '주제', '장르', '시절', '동네', '세대', '국민', '시민', '청중', '관객', '팬들', '대중', '시청자', '청취자', '독자', '현지', '전통',
  // Qualities a review gives a performance or a work (감동의 연기, 혼신의 연기, 추억의 음악, 전설의 작품).
  '감동', '추억', '환상', '전설', '공포', '사랑', '눈물', '웃음', '열정', '혼신', '명품', '천상', '악마', '마법', '기적', '반전', '충격', '재미',
  '천재', '광기', '절정', '최상', '극강', '열연', '명연', '인생작', '필생', '불멸', '영원', '청춘', '낭만', '명작', '걸작', '수작', '대작',
]);
/** Adverbs and other words that come before a name without being part of it (역시 짐캐리의 작품). */
const beforeNameWords = new Set(['역시', '정말', '진짜', '너무', '특히', '바로', '다시', '또한', '그리고', '하지만', '그러나', '게다가', '무엇보다',
  '오랜만에', '처음', '이번', '역대', '최고', '완전', '그냥', '아주', '매우', '꼭', '또', '다만', '물론', '결국', '과연', '당연히', '확실히', '아무래도', '어쩌면', '마치', '혹시']);
function worksOwner(owner: string): number {
  if (owner.length < 2 || owner.length > 6 || worksOwners.has(owner) || stoplist.has(owner) || commonThreeSyllableWords.has(owner) ||
    honorificNouns.has(owner) || titleSet.has(owner) || directorFields.has(owner)) return 0;
  const last = owner[owner.length - 1]!;
  // 적절한 연기, 주인공들의 연기: adnominal endings and plurals are no names; neither are words ending like a title.
  if (particleSyllables.has(last) || adnominalEndings.has(last) || last === '들') return 0;
  for (let cut = 1; cut < owner.length; cut++) if (titleSet.has(owner.slice(cut)) || worksOwners.has(owner.slice(cut))) return 0;
  // Below the 0.55 that makes a name found once be found wherever it recurs: an abstract noun taken here by mistake
  // (우려의 목소리) must not be masked all over a document.
  return 0.52;
}

/** Surname + two name syllables, whatever they end with: for places where the context already says "person". */
function relaxedFullName(name: string): boolean {
  return surnameLength(name) === 1 && name.length === 3 && !stoplist.has(name) && !commonThreeSyllableWords.has(name) &&
    givenNameSyllables.has(name[1]!) && givenNameSyllables.has(name[2]!);
}

const nameLengths = [3, 4, 2];
/** Splits `홍길동이` into the name and what follows it; null when the rest is not a particle. */
function nameInRun(run: string): string | null {
  for (const length of nameLengths) {
    if (run.length < length) continue;
    // A particle's first syllable and length are checked on codes before the rest is sliced and looked up.
    if (run.length > length && (run.length - length > maxParticleLength || !hasFlag(run, length, particleFirstFlag))) continue;
    const rest = run.slice(length);
    if (rest === '' || particleSet.has(rest)) {
      if (length === 4 && surnameLength(run) !== 2) continue;
      return run.slice(0, length);
    }
  }
  return null;
}

/**
 * Names listed next to a name already found: `정우식과 조우리가`, `장나라 장혁`, `안성기, 문성근씨`. The neighbour
 * must look like a full name and be joined by a comma, a middle dot, 와/과, or a single space.
 */
function fromLists(text: string, tokens: Token[], found: PiiCandidate[]): PiiCandidate[] {
  const starts = new Map<number, number>();
  for (const candidate of found) if (candidate.score >= 0.55) starts.set(candidate.start, candidate.end);
  const added: PiiCandidate[] = [];
  const queue = [...starts.keys()];
  while (queue.length > 0) {
    const index = tokenStartingAt(tokens, queue.pop()!);
    if (index === -1) continue;
    for (const neighbour of [index - 1, index + 1]) {
      if (neighbour < 0 || neighbour >= tokens.length) continue;
      const [left, right] = neighbour < index ? [neighbour, index] : [index, neighbour];
      const token = tokens[neighbour]!;
      // Read on positions first: a listed name has three syllables (four with 와/과), and the widest join is a comma
      // or a middle dot with a space on each side.
      if (starts.has(token.start) || token.end - token.start < 3 || tokens[right]!.start - tokens[left]!.end > 3) continue;
      const leftWord = tokens[left]!.word;
      const gap = text.slice(tokens[left]!.end, tokens[right]!.start);
      const seed = tokens[index]!;
      const seedIsKoreanName = starts.get(seed.start)! - seed.start === 3 && surnameLength(seed.word) === 1;
      // A comma, a middle dot or 와/과 joins a list; a plain space only joins two bare Korean names (장나라 장혁).
      const joined = /^\s?[,·]\s?$/.test(gap) || (spaced(gap) && /[와과]$/.test(leftWord)) ||
        (spaced(gap) && seedIsKoreanName && token.word.length === 3 && looksLikeFullName(token.word, true, true));
      if (!joined) continue;
      const name = listedName(token.word, neighbour === left);
      if (!name) continue;
      starts.set(token.start, token.start + name.length);
      queue.push(token.start);
      added.push({ type: 'PERSON', start: token.start, end: token.start + name.length, score: 0.6 });
    }
  }
  return added;
}

/** The index of the token that starts at `start` (tokens are in order), or -1. */
function tokenStartingAt(tokens: readonly Token[], start: number): number {
  let low = 0;
  let high = tokens.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const at = tokens[middle]!.start;
    if (at === start) return middle;
    if (at < start) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

function listedName(word: string, isLeft: boolean): string | null {
  // On the left the name may carry 와/과 (정우식과); on the right, any particle.
  const name = isLeft && word.length === 4 && /[와과]$/.test(word) ? word.slice(0, 3) : nameInRun(word);
  // 소유자 김민수, 임대인 박영희: a label in the list introduces the next name, it is none.
  return name && name.length === 3 && looksLikeFullName(name) && !labelSet.has(name) ? name : null;
}

/** Every other occurrence of a name already found, as a whole word (optionally with a particle). */
function recurrences(text: string, found: PiiCandidate[]): PiiCandidate[] {
  const names = new Map<string, number>();
  for (const candidate of found) {
    if (candidate.score < 0.55) continue;
    const name = text.slice(candidate.start, candidate.end);
    names.set(name, Math.max(names.get(name) ?? 0, candidate.score));
  }
  const repeats: PiiCandidate[] = [];
  for (const [name, score] of names) {
    let index = text.indexOf(name);
    while (index !== -1) {
      // The Hangul glued after the name, read on char codes (no slice of the text's rest, no expression).
      let restEnd = index + name.length;
      while (restEnd < text.length && isHangulSyllable(text.charCodeAt(restEnd))) restEnd++;
      const rest = text.slice(index + name.length, restEnd);
      if ((index === 0 || !isHangulSyllable(text.charCodeAt(index - 1))) &&
        (rest === '' || particleSet.has(rest) || courtesyTitles.has(rest) || familiarEndings.has(rest))) {
        repeats.push({ type: 'PERSON', start: index, end: index + name.length, score });
      }
      index = text.indexOf(name, index + name.length);
    }
  }
  return repeats;
}
