import type { GuardPolicy } from '../guard-policy.js';
import type { GuardCheck, GuardCheckOutcome, GuardFinding } from '../guard-types.js';
import { findInternalHosts } from '../rules/internal-hosts.js';
import { spanView } from '../rules/guard-text.js';
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
      // Read through invisible characters and look-alikes; spans point into the text as given.
      const view = spanView(input.text);
      const findings: GuardFinding[] = findMarkings(view.text).map((match) => ({ category: 'classified', ...match, ...view.toOriginal(match.start, match.end) }));
      if (keywords.length > 0) {
        const lowered = view.text.toLowerCase();
        for (const keyword of keywords) {
          const start = lowered.indexOf(keyword);
          // Offsets only when lower-casing kept the length, so they still map back to the original text.
          if (start >= 0) findings.push(lowered.length === view.text.length
            ? { category: 'classified', kind: 'keyword', ...view.toOriginal(start, start + keyword.length) }
            : { category: 'classified', kind: 'keyword' });
        }
      }
      for (const match of findInternalHosts(view.text, settings.internalHostSuffixes)) {
        findings.push({ category: 'internal-host', kind: match.kind, ...view.toOriginal(match.start, match.end) });
      }
      if (findings.length === 0) return { verdict: 'allow', categories: [], findings };
      const verdict = input.zone === 'external' ? settings.external : settings.internal;
      return { verdict, categories: [...new Set(findings.map((finding) => finding.category))], findings };
    },
  };
}
