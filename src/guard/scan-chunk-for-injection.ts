import { guardText } from './rules/guard-text.js';
import { findInjections } from './rules/injection-rules.js';
import type { GuardCategory } from './guard-types.js';

export type ChunkScan =
  | { quarantine: false }
  | { quarantine: true; categories: GuardCategory[]; kinds: string[] };

/**
 * Indirect injection: a document chunk that speaks to the model ("ignore the previous instructions…", a hidden
 * command, an exfiltration image). Call it at ingest and again at retrieval; a quarantined chunk is kept for
 * review but never put into a prompt as if it were source text. Only strong rules count: documents legitimately
 * describe role-play or quote "from now on", and a false quarantine silently hides a source.
 */
export function scanChunkForInjection(text: string): ChunkScan {
  // A "[your question]" placeholder is a copied jailbreak template in a prompt, but an ordinary form field in a document.
  const strong = findInjections(guardText(text).plain)
    .filter((match) => match.strength === 'strong' && match.category !== 'prompt-extraction' && match.kind !== 'template_placeholder');
  if (strong.length === 0) return { quarantine: false };
  return {
    quarantine: true,
    categories: [...new Set(strong.map((match) => match.category))],
    kinds: [...new Set(strong.map((match) => match.kind))],
  };
}
