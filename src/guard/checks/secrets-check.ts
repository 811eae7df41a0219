import type { GuardPolicy } from '../guard-policy.js';
import type { GuardCheck, GuardCheckOutcome } from '../guard-types.js';
import { findCredentials } from '../rules/credentials.js';
import { spanView } from '../rules/guard-text.js';
import { maskSpans } from './mask-spans.js';

/**
 * Credentials pasted into a prompt (or echoed in an answer). Blocked on the way out of the agency; inside it they
 * are masked, since no model needs a live password to answer a question about it.
 */
export function secretsCheck(policy: GuardPolicy): GuardCheck {
  return {
    name: 'secrets',
    directions: ['input', 'output'],
    check(input): GuardCheckOutcome {
      // Read through invisible characters and look-alikes ("pass\u200bword=…"); spans point into the text as given.
      const view = spanView(input.text);
      const matches = findCredentials(view.text).map((match) => ({ ...match, ...view.toOriginal(match.start, match.end) }));
      if (matches.length === 0) return { verdict: 'allow', categories: [], findings: [] };
      const findings = matches.map((match) => ({ category: 'secret' as const, ...match }));
      if (input.zone === 'external' && policy.classified.external === 'block') return { verdict: 'block', categories: ['secret'], findings };
      return { verdict: 'caution', categories: ['secret'], findings, redacted: maskSpans(input.text, matches, () => '[비밀정보]') };
    },
  };
}
