import { codePointClass, hangul, isSurrogatePair, unitClass, whitespace } from '../../core/char-classes.js';
import { compactUnits, pairStrings } from './compact-text.js';
import { counters, endings, particles, questionStopwords } from './korean-suffixes.js';
import { normalizeText } from './normalize.js';

/**
 * The Korean analyzer. An eojeol (space-separated word) yields:
 * - its stem, with particles and endings stripped (`w:` terms): precise matches;
 * - character bigrams of Hangul stems (`b:` terms): compound nouns split without a dictionary
 *   ("경제성장률" meets "경제 성장률") and recall for spelling variants;
 * - numbers as written, with separators removed.
 * English words are lower-cased and lightly stemmed. Queries also drop question words.
 *
 * It runs on every chunk of every ingested file, so it scans characters with `charCodeAt` and a class
 * table (core/char-classes.ts) rather than regular expressions; each step says which expression it
 * replaces, and the terms are the same, in the same order.
 */
export type AnalyzerOptions = {
  /** Synonyms: each key is rewritten to every value as well (과기부 → 과학기술정보통신부). */
  synonyms?: ReadonlyMap<string, readonly string[]>;
  /** Emit character bigrams (default true). */
  bigrams?: boolean;
  /** Internal: bigrams for synonym expansions. */
  synonymBigrams?: boolean;
};

type Options = AnalyzerOptions & { query?: boolean };

const sortedParticles = [...particles].sort((a, b) => b.length - a.length);
// A Set: the generated past-tense endings repeat some the list names, and each word would try those twice.
const sortedEndings = [...new Set(endings)].sort((a, b) => b.length - a.length);
const sortedCounters = [...counters].sort((a, b) => b.length - a.length);
// Only a suffix with the word's last character can match, so each word tries those alone, still longest first.
const endingsByLast = byLastCharacter(sortedEndings);
const particlesByLast = byLastCharacter(sortedParticles);
const noSuffixes: readonly string[] = [];

function byLastCharacter(suffixes: readonly string[]): Map<number, string[]> {
  const groups = new Map<number, string[]>();
  for (const suffix of suffixes) {
    const last = suffix.charCodeAt(suffix.length - 1);
    const group = groups.get(last);
    if (group) group.push(suffix);
    else groups.set(last, [suffix]);
  }
  return groups;
}

/**
 * The adnominal -한 ("정의한", "예상한", "투입한", "규제한") is stripped from words of three or more syllables, except
 * from nouns that end in 한: compounds of 기한 and 권한 ("제출기한", "접근권한"; so "포기한" stays whole too) and a few
 * words. Two syllables before 한 would not do as the test: 제한, 상한, 시한, 대한 and 유한 end verbs as often
 * ("규제한", "예상한", "실시한", "확대한", "보유한").
 */
const hanNounEndings = new Set(['기한', '권한']);
const hanNouns = new Set(['무제한', '최소한', '최대한', '무기한', '최저한']);
const hanCode = 0xd55c; // 한

export function stripKoreanSuffix(word: string): string {
  const last = word.charCodeAt(word.length - 1);
  if (last === hanCode && word.length >= 3 && !hanNounEndings.has(word.slice(-2)) && !hanNouns.has(word)) return withoutDerivation(word.slice(0, -1));
  for (const ending of endingsByLast.get(last) ?? noSuffixes) {
    if (word.length - ending.length >= 2 && word.endsWith(ending)) return withoutDerivation(word.slice(0, -ending.length));
  }
  for (const particle of particlesByLast.get(last) ?? noSuffixes) {
    if (word.length - particle.length >= 1 && word.endsWith(particle)) {
      const stem = word.slice(0, -particle.length);
      // One-syllable particles (이, 가, 도, 만, …) end many nouns too ("회의", "국가"): strip only from longer words.
      if (particle.length === 1 && stem.length < 2) return word;
      return stem;
    }
  }
  return word;
}

/**
 * A follow-up question's polite 요 after a particle ("그럼 대구는요?", "주말에는요?", "신규자도요?"): the word is what comes
 * before the particle. Questions only: documents hardly say it, and stored passages keep their terms.
 */
const particlesBeforeYo = ['은', '는', '도', '만', '에서', '까지', '부터', '로', '으로', '한테', '에게', '이랑', '랑', '하고', '보다', '처럼'];
function withoutPoliteYo(word: string): string {
  if (word.length < 3 || word.charCodeAt(word.length - 1) !== 0xc694 /* 요 */) return word;
  const rest = word.slice(0, -1);
  return particlesBeforeYo.some((particle) => rest.length - particle.length >= 1 && rest.endsWith(particle)) ? rest : word;
}

/**
 * A noun made a verb with 하다/되다 keeps the noun once the ending is gone: "파인튜닝하(는데)" → "파인튜닝",
 * "저하되(는)" → "저하". Only after an ending was stripped and only from stems of three or more syllables, so
 * two-syllable nouns that end in 하 (이하, 산하, 인하) stay whole.
 */
function withoutDerivation(stem: string): string {
  const last = stem.charCodeAt(stem.length - 1);
  return stem.length >= 3 && (last === 0xd558 /* 하 */ || last === 0xb418 /* 되 */) ? stem.slice(0, -1) : stem;
}

/** `(ies)$` → y, `(sses)$` → ss, `([^s])s$` → `$1`, `(ing|ed)$` → '', in that order. */
function stemEnglish(word: string): string {
  if (word.length <= 3) return word;
  let stem = word.endsWith('ies') ? `${word.slice(0, -3)}y` : word;
  if (stem.endsWith('sses')) stem = stem.slice(0, -2);
  if (stem.length >= 2 && stem.endsWith('s') && stem[stem.length - 2] !== 's') stem = stem.slice(0, -1);
  if (stem.endsWith('ing')) stem = stem.slice(0, -3);
  else if (stem.endsWith('ed')) stem = stem.slice(0, -2);
  return stem;
}

export function analyze(text: string, options: Options = {}): string[] {
  return analyzeNormalized(normalizeText(text), options);
}

// Token kinds, as the alternatives of /[\p{Script=Hangul}]+|[a-z][a-z0-9]{0,2}&[a-z]{1,3}(?![a-z0-9])|[a-z]+[0-9]*[a-z0-9]*|[0-9]+(?:\.[0-9]+)*/gu.
const hangulToken = 1;
const latinToken = 2;
const numberToken = 3;
const isLatin = (code: number) => code >= 0x61 && code <= 0x7a;
const isDigit = (code: number) => code >= 0x30 && code <= 0x39;

/** `analyze` of a text already passed through `normalizeText`. */
export function analyzeNormalized(normalized: string, options: Options = {}): string[] {
  const terms: string[] = [];
  if (options.bigrams !== false) pushBigrams(terms, options.query ? withoutQuestionWords(normalized) : normalized);
  // The tokens of one eojeol (a run between whitespace, as `split(/\s+/)` cut them); tokens never hold whitespace.
  // Arrays reused from eojeol to eojeol: only the first `count` entries are this one's.
  const tokens: string[] = [];
  const kinds: number[] = [];
  let count = 0;
  const length = normalized.length;
  let index = 0;
  while (index <= length) {
    if (index === length || unitClass(normalized.charCodeAt(index)) & whitespace) {
      if (count > 0) analyzeEojeol(terms, tokens, kinds, count, options);
      count = 0;
      index++;
      continue;
    }
    const end = tokenEnd(normalized, index);
    if (end === index) {
      // No token starts here: the expression moves on by one code point.
      index += isSurrogatePair(normalized, index) ? 2 : 1;
      continue;
    }
    tokens[count] = normalized.slice(index, end);
    kinds[count] = tokenKind;
    count++;
    index = end;
  }
  return terms;
}

let tokenKind = 0;

/** The end of the token that starts at `start` (its kind in `tokenKind`), or `start` when none does. */
function tokenEnd(text: string, start: number): number {
  let end = start;
  const code = text.charCodeAt(start);
  if (codePointClass(text, start) & hangul) {
    tokenKind = hangulToken;
    while (end < text.length && codePointClass(text, end) & hangul) end += isSurrogatePair(text, end) ? 2 : 1;
  } else if (isLatin(code)) {
    // [a-z]+[0-9]*[a-z0-9]* matches, greedily, the whole run of [a-z0-9] after a letter.
    tokenKind = latinToken;
    end++;
    while (isLatin(text.charCodeAt(end)) || isDigit(text.charCodeAt(end))) end++;
    // "R&D", "M&A", "Q&A", "AT&T": short letter groups joined by & are one word (r&d), not two stray letters.
    if (end - start <= 3 && text.charCodeAt(end) === 0x26 /* & */ && isLatin(text.charCodeAt(end + 1))) {
      let after = end + 1;
      while (isLatin(text.charCodeAt(after))) after++;
      if (after - end - 1 <= 3 && !isDigit(text.charCodeAt(after))) end = after;
    }
  } else if (isDigit(code)) {
    tokenKind = numberToken;
    while (isDigit(text.charCodeAt(end))) end++;
    while (text.charCodeAt(end) === 0x2e && isDigit(text.charCodeAt(end + 1))) {
      end++;
      while (isDigit(text.charCodeAt(end))) end++;
    }
  }
  return end;
}

function analyzeEojeol(terms: string[], tokens: readonly string[], kinds: readonly number[], count: number, options: Options): void {
  for (let index = 0; index < count; index++) {
    const token = tokens[index]!;
    const kind = kinds[index];
    const next = index + 1 < count ? tokens[index + 1] : undefined;
    const nextKind = index + 1 < count ? kinds[index + 1] : 0;
    if (kind === hangulToken) {
      // "PaLM은", "오픈AI가", "80GB가": a particle glued to a Latin or numeric token is no word.
      // (A two-syllable stand-in stem: one-syllable particles are only stripped from stems of two or more.)
      if (index > 0 && kinds[index - 1] !== hangulToken && stripKoreanSuffix(`가나${token}`) === '가나') continue;
      const stem = stripKoreanSuffix(options.query ? withoutPoliteYo(token) : token);
      if (options.query && (questionStopwords.has(stem) || questionStopwords.has(token))) continue;
      addWord(terms, stem, options.synonyms, options.bigrams !== false);
      // Mixed words ("오픈ai", "챗gpt") also as one term, so synonyms and exact names match.
      if (nextKind === latinToken) addWord(terms, `${stem}${next}`, options.synonyms, false);
    } else if (kind === latinToken) {
      if (options.query && questionStopwords.has(token)) continue;
      addWord(terms, stemEnglish(token), options.synonyms, false);
      // A name written with its number ("LLaMA2", "GPT4", "Dolly2") is also the name alone, as "LLaMA-2" and "라마2"
      // give it: two letters at least, so "A100", "H100" and "x86" stay whole.
      const name = letterPrefixOf(token);
      if (name !== undefined) addWord(terms, name, options.synonyms, false);
      // A name and its number ("GPT-4", "LLaMA 2" written "llama-2", "COVID-19") also as one word, as "GPT4" is
      // written: "gpt-1" then no longer matches every GPT passage on "gpt" alone.
      if (nextKind === numberToken) terms.push(wordTerm(`${token}${next}`));
    } else {
      terms.push(`n:${token}`);
      // Units stay with their numbers: "80gb", "540b" (/^[a-z]{1,3}$/: a Latin token of at most three letters).
      if (nextKind === latinToken && next!.length <= 3 && !hasDigit(next!)) terms.push(`w:${token}${next}`);
      // Korean counters and magnitudes too: "9권", "5일", "300억", "60%" — a bare "9" matches anything.
      const counter = next ? koreanCounterOf(next) : undefined;
      if (counter) terms.push(`w:${token}${counter}`);
    }
  }
}

/** The letters of a token that is letters then digits only ("llama2" → "llama"), when there are two or more. */
function letterPrefixOf(token: string): string | undefined {
  let letters = 0;
  while (letters < token.length && isLatin(token.charCodeAt(letters))) letters++;
  if (letters < 2 || letters === token.length) return undefined;
  for (let index = letters; index < token.length; index++) if (!isDigit(token.charCodeAt(index))) return undefined;
  return token.slice(0, letters);
}

function hasDigit(text: string): boolean {
  for (let index = 0; index < text.length; index++) if (isDigit(text.charCodeAt(index))) return true;
  return false;
}

/** The counter or magnitude a Hangul token starts with ("권은" → "권", "억원" → "억"), longest first. */
function koreanCounterOf(token: string): string | undefined {
  return sortedCounters.find((counter) => token.startsWith(counter));
}

/** `w:` + the word, one string per word while the cache holds (as `pairStrings`, for the same reasons). */
const wordTerms = new Map<string, string>();

function wordTerm(word: string): string {
  let term = wordTerms.get(word);
  if (term === undefined) {
    if (wordTerms.size >= 1 << 16) wordTerms.clear();
    term = `w:${word}`;
    wordTerms.set(word, term);
  }
  return term;
}

/** The word, then its synonyms (with their bigrams when `synonymBigrams`). */
function addWord(terms: string[], word: string, synonyms: Options['synonyms'], synonymBigrams: boolean): void {
  terms.push(wordTerm(word));
  const expansions = synonyms?.get(word);
  if (expansions === undefined) return;
  for (const synonym of expansions) {
    terms.push(wordTerm(synonym));
    // Synonyms are expanded into their bigrams too, so "과기부" also finds "과학기술정보통신부" split over words.
    if (synonymBigrams) pushBigrams(terms, synonym);
  }
}

/** Question words dropped before bigrams too, so "어느 정도" does not match every "정도" in the corpus. */
function withoutQuestionWords(text: string): string {
  return text
    .split(/\s+/)
    .filter((word) => {
      const bare = word.replace(/[^\p{L}\p{N}]+/gu, '');
      return !questionStopwords.has(bare) && !questionStopwords.has(stripKoreanSuffix(bare));
    })
    .join(' ');
}

const bigramTerm = pairStrings('b:');

/**
 * Character bigrams over the text with spaces and punctuation removed: they cross word boundaries, so
 * "경제성장률" and "경제 성장률" share "제성"; they split compound nouns without a dictionary; and
 * they keep recall when a stem is mis-stripped. The same measure as the naive baseline, plus stems.
 */
function pushBigrams(terms: string[], text: string): void {
  const { units, length } = compactUnits(text);
  for (let index = 0; index + 2 <= length; index++) terms.push(bigramTerm(units[index]!, units[index + 1]!));
}
