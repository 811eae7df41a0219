import { analyze } from './analyzer.js';
import { builtInSynonyms } from './synonyms.js';

export { analyze, stripKoreanSuffix, type AnalyzerOptions } from './analyzer.js';
export { normalizeText } from './normalize.js';
export { builtInSynonymGroups, builtInSynonyms, synonymMap } from './synonyms.js';

/** Terms stored for a chunk. The section path is indexed with the text: it names what the passage is about. */
export function analyzeForIndex(text: string, section: string | null = null): string[] {
  return analyze(section ? `${section}\n${text}` : text, { synonyms: builtInSynonyms });
}

/** Terms of a question: question words dropped, synonyms expanded (the built-in groups, or a tenant's lookup). */
export function analyzeQuery(question: string, synonyms: ReadonlyMap<string, readonly string[]> = builtInSynonyms): string[] {
  return analyze(question, { query: true, synonyms });
}
