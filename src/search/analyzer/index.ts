import { analyze } from './analyzer.js';
import { builtInSynonyms } from './synonyms.js';

export { analyze, stripKoreanSuffix, type AnalyzerOptions } from './analyzer.js';
export { normalizeText } from './normalize.js';
export { builtInSynonymGroups, builtInSynonyms, synonymMap } from './synonyms.js';

/**
 * The version of what `analyzeForIndex` produces. Bump it with any change to the terms a passage gets (suffix lists,
 * rules, built-in synonyms): chunks carry the version they were analysed with, `kgov serve` warns about older ones,
 * and `kgov reindex` analyses them again. 2: nouns made verbs with 하다/되다 keep the noun ("파인튜닝하는데" →
 * 파인튜닝), and adnominal 된/될/됨/되기/하기 are endings. 3: past and reported clause endings after 하다/되다
 * (개선됐는지, 도입했으며, 필요하다고), and R&D-style abbreviations as one word (r&d = 연구개발). 4: a name and its number as one
 * word too (GPT-4 → gpt4, as "GPT4" is written), the adnominal -한 of words of three syllables or more (정의한 → 정의; not
 * 기한, 권한, 무제한), the copula of spoken questions (년도였어, 협정이야, 기준이죠) and 엔 (= 에는), and more agency
 * abbreviations among the built-in synonyms (한은, 금감원, 공정위, 중기부, 식약처, …).
 */
export const analyzerVersion = 4;

/** Terms stored for a chunk. The section path is indexed with the text: it names what the passage is about. */
export function analyzeForIndex(text: string, section: string | null = null): string[] {
  return analyze(section ? `${section}\n${text}` : text, { synonyms: builtInSynonyms });
}

/** Terms of a question: question words dropped, synonyms expanded (the built-in groups, or a tenant's lookup). */
export function analyzeQuery(question: string, synonyms: ReadonlyMap<string, readonly string[]> = builtInSynonyms): string[] {
  return analyze(question, { query: true, synonyms });
}
