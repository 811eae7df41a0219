import { analyze } from './analyzer.js';
import { everydayWordGroups } from './everyday-words.js';
import { builtInSynonymGroups, synonymMap } from './synonyms.js';

export { analyze, stripKoreanSuffix, type AnalyzerOptions } from './analyzer.js';
export { normalizeText } from './normalize.js';
export { builtInSynonymGroups, synonymMap } from './synonyms.js';
export { everydayWordGroups, withRegulationTerms } from './everyday-words.js';

/**
 * A group with each member also under the word the analyzer makes of it ("services" → "service", "행정안전부는" →
 * "행정안전부", "위키백과" → "위키백"), so a question's word finds its group whatever form the list was written in.
 */
export function withAnalyzedForms(group: readonly string[]): string[] {
  const forms = new Set(group);
  for (const member of group) {
    // Only a member the analyzer reads as one word: "약칭5" is the word 약칭 and a number, and 약칭 is no synonym.
    const terms = analyze(member, { bigrams: false });
    if (terms.length === 1 && terms[0]!.startsWith('w:')) forms.add(terms[0]!.slice(2));
  }
  return [...forms];
}

/** The built-in groups with the analyzer's forms of their members, and the lookup made of them. */
export const analyzedBuiltInSynonymGroups: readonly (readonly string[])[] = builtInSynonymGroups.map(withAnalyzedForms);
export const builtInSynonyms = synonymMap(analyzedBuiltInSynonymGroups);

/**
 * What a question is expanded with when its tenant has no groups of its own: the built-in groups and the everyday
 * words people say for the regulations' terms (`everyday-words.ts`; questions only, so no passage is re-indexed).
 */
export const analyzedQuerySynonymGroups: readonly (readonly string[])[] = [...analyzedBuiltInSynonymGroups, ...everydayWordGroups.map(withAnalyzedForms)];
export const querySynonyms = synonymMap(analyzedQuerySynonymGroups);

/**
 * The version of what `analyzeForIndex` produces. Bump it with any change to the terms a passage gets (suffix lists,
 * rules, built-in synonyms): chunks carry the version they were analysed with, `kgov serve` warns about older ones,
 * and `kgov reindex` analyses them again. 2: nouns made verbs with 하다/되다 keep the noun ("파인튜닝하는데" →
 * 파인튜닝), and adnominal 된/될/됨/되기/하기 are endings. 3: past and reported clause endings after 하다/되다
 * (개선됐는지, 도입했으며, 필요하다고), and R&D-style abbreviations as one word (r&d = 연구개발). 4: a name and its number as one
 * word too (GPT-4 → gpt4, as "GPT4" is written), the adnominal -한 of words of three syllables or more (정의한 → 정의; not
 * 기한, 권한, 무제한), the copula of spoken questions (년도였어, 협정이야, 기준이죠) and 엔 (= 에는), and more agency
 * abbreviations among the built-in synonyms (한은, 금감원, 공정위, 중기부, 식약처, …). 5: a name written with its number is
 * the name too (LLaMA2 → llama + llama2), transliterated names of models, companies and bodies beside their Latin
 * ones (라마 = llama, 팰컨 = falcon, 블룸버그 = bloomberg, …), and every built-in member also in the analyzer's form.
 * 6: only the innermost heading of a chunk's section path is indexed with it, not the whole path. 7: civil-service words
 * as staff say them among the built-in synonyms (야근 = 시간외근무 = 초과근무, 반차 = 반일연가).
 */
export const analyzerVersion = 7;

/**
 * Terms stored for a chunk. The innermost heading of its section path is indexed with the text: it names what the
 * passage is about. The outer ones (a chapter's title) are shared by hundreds of passages and say little about any
 * one of them; indexed with every passage they cost a question at rank 1 on the NIA report (BENCHMARKS.md, session
 * 18). The path's parts are joined by ' > ' (`chunker.ts`).
 */
export function analyzeForIndex(text: string, section: string | null = null): string[] {
  const heading = section?.split(' > ').at(-1);
  return analyze(heading ? `${heading}\n${text}` : text, { synonyms: builtInSynonyms });
}

/** Terms of a question: question words dropped, synonyms expanded (the built-in groups and everyday words, or a tenant's lookup). */
export function analyzeQuery(question: string, synonyms: ReadonlyMap<string, readonly string[]> = querySynonyms): string[] {
  return analyze(question, { query: true, synonyms });
}
