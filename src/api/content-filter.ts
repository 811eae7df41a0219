import { format, isKgovError, type Bilingual, type Language } from '../core/index.js';
import type { GuardZone } from '../guard/index.js';
import { guardChatOutput, type GuardRuntime } from './chat-guard.js';

/**
 * An answer the output guard stopped, reported as OpenAI reports a filtered completion: a 200 whose choice ends with
 * `finish_reason: "content_filter"`, not an error. The caller's request was fine; the model's answer broke a rule.
 * The content is a short notice (a client that ignores the finish reason shows why the answer is missing, never the
 * answer), and `kgov.filtered` names the categories. Only `guard_blocked` is a filter: an answer whose checks could
 * not finish (`guard_unavailable`) stays an error, retryable, since nothing was found in it.
 */
export type FilteredAnswer = { text: string; filtered: { code: 'guard_blocked'; categories: string[] } };

const notice: Bilingual = {
  ko: '보안 정책에 따라 이 답변은 제공하지 않습니다 ({categories}).',
  en: 'This answer was withheld by the security policy ({categories}).',
};

/** The filtered answer for an output guard's refusal; null for any other error (which stays an error). */
export function filteredAnswer(error: unknown, language: Language): FilteredAnswer | null {
  if (!isKgovError(error) || error.code !== 'guard_blocked') return null;
  const categories = String(error.params.categories ?? '').split(', ').filter(Boolean);
  return { text: format(notice[language], { categories: categories.join(', ') }), filtered: { code: 'guard_blocked', categories } };
}

/** A whole answer through the output guard (`guardChatOutput`): its text, or the notice and `filter` when stopped. */
export async function guardAnswer(
  runtime: GuardRuntime, input: { tenantId: string; actor: string; zone: GuardZone; text: string; quoted?: boolean }, language: Language,
): Promise<{ text: string; filter: FilteredAnswer | null }> {
  try {
    return { text: await guardChatOutput(runtime, input), filter: null };
  } catch (error) {
    const filter = filteredAnswer(error, language);
    if (!filter) throw error;
    return { text: filter.text, filter };
  }
}
