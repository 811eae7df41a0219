import { boosted, hasContextBefore } from '../context.js';
import type { PiiCandidate, PiiRecognizer } from '../pii-types.js';
import { matchesAt, matchesBeforeDigits, type RunFilter } from './match-at.js';

/** IP addresses (IP_ADDRESS), version 4 with octets 0–255 and version 6 in full or compressed form. */
const octet = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const ipv4 = new RegExp(`(?<![0-9A-Za-z.])${octet}(?:\\.${octet}){3}(?![0-9A-Za-z]|\\.\\d)`, 'y');
// An octet of one to three digits, then three more after dots.
const octetRuns: RunFilter = { lengths: [1, 2, 3], minChain: 4, beside: (text, _start, end) => text.charCodeAt(end) === 46 };
const hexGroup = '[0-9A-Fa-f]{1,4}';
const ipv6 = new RegExp(
  `(?<![0-9A-Za-z:])(?:(?:${hexGroup}:){7}${hexGroup}|(?:${hexGroup}:){1,7}:|(?:${hexGroup}:){1,6}(?::${hexGroup}){1,6}|::(?:${hexGroup}:){0,6}${hexGroup})(?![0-9A-Za-z:])`,
  'y',
);
const context = /IP|아이피|접속|주소|서버|host|address/i;

export const ipAddressRecognizer: PiiRecognizer = {
  name: 'ip-address',
  types: ['IP_ADDRESS'],
  recognize(text) {
    const candidates: PiiCandidate[] = [];
    for (const match of matchesBeforeDigits(text, ipv4, 0, octetRuns)) {
      candidates.push({
        type: 'IP_ADDRESS', start: match.index, end: match.index + match[0].length,
        score: boosted(0.6, hasContextBefore(text, match.index, context)),
      });
    }
    if (!text.includes(':')) return candidates;
    for (const match of matchesAt(text, ipv6, hexRunsWithColon(text))) {
      // Compressed forms can collide with times and ratios (10:30::): require a hex letter or a double colon.
      const value = match[0];
      if (value.split(':').filter(Boolean).length < 2 && !value.startsWith('::')) continue;
      if (!/[A-Fa-f]/.test(value) && !value.includes('::')) continue;
      candidates.push({
        type: 'IP_ADDRESS', start: match.index, end: match.index + value.length,
        score: boosted(0.6, hasContextBefore(text, match.index, context)),
      });
    }
    return candidates;
  },
};

/**
 * Where a version 6 address may begin: it is made of hex digits and colons, holds a colon, and the pattern refuses
 * a hex digit or colon before it, so it begins where a run of them that holds a colon begins.
 */
function hexRunsWithColon(text: string): number[] {
  const starts: number[] = [];
  let colon = text.indexOf(':');
  while (colon !== -1) {
    let start = colon;
    while (start > 0 && isHexOrColon(text.charCodeAt(start - 1))) start--;
    if (starts.length === 0 || starts[starts.length - 1] !== start) starts.push(start);
    let end = colon + 1;
    while (end < text.length && isHexOrColon(text.charCodeAt(end))) end++;
    colon = text.indexOf(':', end);
  }
  return starts;
}

const isHexOrColon = (code: number) =>
  (code >= 48 && code <= 58) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
