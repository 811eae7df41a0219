import { businessNumberChecksumValid } from '../checksums.js';
import { boosted, hasContextBefore } from '../context.js';
import type { PiiCandidate, PiiRecognizer } from '../pii-types.js';
import { groupSeparator, matchesBeforeDigits } from './match-at.js';

/**
 * 사업자등록번호 (KR_BRN): NNN-NN-NNNNN. The check digit is always present, so a failed checksum rejects:
 * ten-digit numbers are common in documents and the checksum is what separates them.
 */
const pattern = new RegExp(`(?<![0-9A-Za-z-])(\\d{3})(${groupSeparator}?)(\\d{2})\\2(\\d{5})(?![0-9A-Za-z]|-\\d)`, 'y');
// NNN and a separator, or all ten digits in one run.
const runs = { lengths: [3, 10], minChain: 10 };
const context = /사업자|등록번호|법인|상호|BRN|business/i;

export const businessNumberRecognizer: PiiRecognizer = {
  name: 'business-number',
  types: ['KR_BRN'],
  recognize(text) {
    const candidates: PiiCandidate[] = [];
    for (const match of matchesBeforeDigits(text, pattern, 0, runs)) {
      const digits = `${match[1]}${match[3]}${match[4]}`;
      if (!businessNumberChecksumValid(digits)) continue;
      const hyphenated = match[2] === '-';
      const base = hyphenated ? 0.7 : 0.55;
      candidates.push({
        type: 'KR_BRN', start: match.index, end: match.index + match[0].length,
        score: boosted(base, hasContextBefore(text, match.index, context)),
      });
    }
    return candidates;
  },
};
