import { counters, endings, particles, questionStopwords } from './korean-suffixes.js';
import { normalizeText } from './normalize.js';

/**
 * The Korean analyzer. An eojeol (space-separated word) yields:
 * - its stem, with particles and endings stripped (`w:` terms): precise matches;
 * - character bigrams of Hangul stems (`b:` terms): compound nouns split without a dictionary
 *   ("경제성장률" meets "경제 성장률") and recall for spelling variants;
 * - numbers as written, with separators removed.
 * English words are lower-cased and lightly stemmed. Queries also drop question words.
 */
export type AnalyzerOptions = {
  /** Synonyms: each key is rewritten to every value as well (과기부 → 과학기술정보통신부). */
  synonyms?: ReadonlyMap<string, readonly string[]>;
  /** Emit character bigrams (default true). */
  bigrams?: boolean;
  /** Internal: bigrams for synonym expansions. */
  synonymBigrams?: boolean;
};

const sortedParticles = [...particles].sort((a, b) => b.length - a.length);
const sortedEndings = [...endings].sort((a, b) => b.length - a.length);
const sortedCounters = [...counters].sort((a, b) => b.length - a.length);
const tokenPattern = /[\p{Script=Hangul}]+|[a-z]+[0-9]*[a-z0-9]*|[0-9]+(?:\.[0-9]+)*/gu;

export function stripKoreanSuffix(word: string): string {
  for (const ending of sortedEndings) {
    if (word.length - ending.length >= 2 && word.endsWith(ending)) return word.slice(0, -ending.length);
  }
  for (const particle of sortedParticles) {
    if (word.length - particle.length >= 1 && word.endsWith(particle)) {
      const stem = word.slice(0, -particle.length);
      // One-syllable particles (이, 가, 도, 만, …) end many nouns too ("회의", "국가"): strip only from longer words.
      if (particle.length === 1 && stem.length < 2) return word;
      return stem;
    }
  }
  return word;
}

function stemEnglish(word: string): string {
  if (word.length <= 3) return word;
  return word.replace(/(ies)$/, 'y').replace(/(sses)$/, 'ss').replace(/([^s])s$/, '$1').replace(/(ing|ed)$/, '');
}

export function analyze(text: string, options: AnalyzerOptions & { query?: boolean } = {}): string[] {
  const terms: string[] = [];
  const normalized = normalizeText(text);
  if (options.bigrams !== false) pushBigrams(terms, options.query ? withoutQuestionWords(normalized) : normalized);
  for (const eojeol of normalized.split(/\s+/)) {
    const tokens = [...eojeol.matchAll(tokenPattern)].map((match) => match[0]);
    tokens.forEach((token, index) => {
      const previous = tokens[index - 1];
      if (/^\p{Script=Hangul}/u.test(token)) {
        // "PaLM은", "오픈AI가", "80GB가": a particle glued to a Latin or numeric token is no word.
        // (A two-syllable stand-in stem: one-syllable particles are only stripped from stems of two or more.)
        if (previous && !/^\p{Script=Hangul}/u.test(previous) && stripKoreanSuffix(`가나${token}`) === '가나') return;
        const stem = stripKoreanSuffix(token);
        if (options.query && (questionStopwords.has(stem) || questionStopwords.has(token))) return;
        addWord(terms, stem, options);
        // Mixed words ("오픈ai", "챗gpt") also as one term, so synonyms and exact names match.
        const next = tokens[index + 1];
        if (next && /^[a-z]/.test(next)) addWord(terms, `${stem}${next}`, { ...options, bigrams: false });
      } else if (/^[a-z]/.test(token)) {
        if (options.query && questionStopwords.has(token)) return;
        addWord(terms, stemEnglish(token), { ...options, bigrams: false });
      } else {
        terms.push(`n:${token}`);
        const next = tokens[index + 1];
        // Units stay with their numbers: "80gb", "540b".
        if (next && /^[a-z]{1,3}$/.test(next)) terms.push(`w:${token}${next}`);
        // Korean counters and magnitudes too: "9권", "5일", "300억", "60%" — a bare "9" matches anything.
        const counter = next ? koreanCounterOf(next) : undefined;
        if (counter) terms.push(`w:${token}${counter}`);
      }
    });
  }
  return terms;
}

/** The counter or magnitude a Hangul token starts with ("권은" → "권", "억원" → "억"), longest first. */
function koreanCounterOf(token: string): string | undefined {
  return sortedCounters.find((counter) => token.startsWith(counter));
}

function addWord(terms: string[], word: string, options: AnalyzerOptions): void {
  addHangul(terms, word, { ...options, synonymBigrams: false });
  for (const synonym of options.synonyms?.get(word) ?? []) addHangul(terms, synonym, { ...options, synonymBigrams: true });
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

function addHangul(terms: string[], stem: string, options: AnalyzerOptions): void {
  terms.push(`w:${stem}`);
  // Synonyms are expanded into their bigrams too, so "과기부" also finds "과학기술정보통신부" split over words.
  if (options.bigrams !== false && options.synonymBigrams) pushBigrams(terms, stem);
}

/**
 * Character bigrams over the text with spaces and punctuation removed: they cross word boundaries, so
 * "경제성장률" and "경제 성장률" share "제성"; they split compound nouns without a dictionary; and
 * they keep recall when a stem is mis-stripped. The same measure as the naive baseline, plus stems.
 */
function pushBigrams(terms: string[], text: string): void {
  const compact = text.replace(/[^\p{L}\p{N}]+/gu, '');
  for (let index = 0; index + 2 <= compact.length; index++) terms.push(`b:${compact.slice(index, index + 2)}`);
}
