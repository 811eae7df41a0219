import type { GuardPolicy } from '../guard-policy.js';
import type { GuardCheck, GuardCheckOutcome } from '../guard-types.js';
import { guardText } from '../rules/guard-text.js';
import { outOfDomainPattern } from '../rules/safety-lexicon.js';

/**
 * Questions outside the tenant's domain (a ministry's assistant asked for a recipe). Only active when the policy
 * names a scope; a question that mentions a scope word is always in domain, so the check declines only what is
 * clearly elsewhere rather than everything it does not recognise.
 */
export function domainCheck(policy: GuardPolicy): GuardCheck {
  const scope = policy.domain.scope.map((word) => word.normalize('NFKC').toLowerCase());
  return {
    name: 'domain',
    directions: ['input'],
    check(input): GuardCheckOutcome {
      if (scope.length === 0) return { verdict: 'allow', categories: [], findings: [] };
      const { plain } = guardText(input.text);
      if (scope.some((word) => plain.includes(word)) || !outOfDomainPattern.test(plain)) {
        return { verdict: 'allow', categories: [], findings: [] };
      }
      return { verdict: policy.domain.action, categories: ['out-of-domain'], findings: [{ category: 'out-of-domain', kind: 'off_topic' }] };
    },
  };
}
