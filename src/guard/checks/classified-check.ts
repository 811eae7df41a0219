import type { GuardPolicy } from '../guard-policy.js';
import type { GuardCheck, GuardCheckOutcome, GuardFinding } from '../guard-types.js';
import { findInternalHosts } from '../rules/internal-hosts.js';
import { findMarkings } from '../rules/markings.js';

/**
 * Classified content: security markings, the tenant's own keywords, internal host names and private addresses.
 * Allowed to the agency's own models by default; blocked on the way to an external one.
 */
export function classifiedCheck(policy: GuardPolicy): GuardCheck {
  const settings = policy.classified;
  const keywords = settings.keywords.map((keyword) => keyword.normalize('NFKC').toLowerCase());
  return {
    name: 'classified',
    directions: ['input', 'output'],
    check(input): GuardCheckOutcome {
      const findings: GuardFinding[] = findMarkings(input.text).map((match) => ({ category: 'classified', ...match }));
      if (keywords.length > 0) {
        const lowered = input.text.normalize('NFKC').toLowerCase();
        for (const keyword of keywords) {
          const start = lowered.indexOf(keyword);
          // Offsets only when NFKC kept the length, so they still point into the original text.
          if (start >= 0) findings.push(lowered.length === input.text.length
            ? { category: 'classified', kind: 'keyword', start, end: start + keyword.length }
            : { category: 'classified', kind: 'keyword' });
        }
      }
      for (const match of findInternalHosts(input.text, settings.internalHostSuffixes)) {
        findings.push({ category: 'internal-host', ...match });
      }
      if (findings.length === 0) return { verdict: 'allow', categories: [], findings };
      const verdict = input.zone === 'external' ? settings.external : settings.internal;
      return { verdict, categories: [...new Set(findings.map((finding) => finding.category))], findings };
    },
  };
}
