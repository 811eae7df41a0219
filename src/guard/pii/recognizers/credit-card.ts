import { luhnValid } from '../checksums.js';
import { boosted, hasContextBefore } from '../context.js';
import type { PiiCandidate, PiiRecognizer } from '../pii-types.js';
import { groupSeparator, matchesBeforeDigits } from './match-at.js';

/**
 * Card numbers (CREDIT_CARD): 16 digits in groups of four (Korean domestic cards start with 9 as well as the
 * international 4/5/3/6), 15-digit Amex 4-6-5 and 14-digit Diners 4-6-4. The Luhn check is required.
 */
const pattern = new RegExp(`(?<![0-9A-Za-z-])(?:\\d{4}(${groupSeparator}?)\\d{4}\\1\\d{4}\\1\\d{4}|\\d{4}(${groupSeparator}?)\\d{6}\\2\\d{4,5})(?![0-9A-Za-z]|-\\d)`, 'y');
// Four digits and a separator, or the whole number (14, 15 or 16 digits) in one run.
const runs = { lengths: [4, 14, 15, 16], minChain: 14 };
const context = /카드|결제|신용|체크|card|visa|master/i;

export const creditCardRecognizer: PiiRecognizer = {
  name: 'credit-card',
  types: ['CREDIT_CARD'],
  recognize(text) {
    const candidates: PiiCandidate[] = [];
    for (const match of matchesBeforeDigits(text, pattern, 0, runs)) {
      if (!luhnValid(match[0].replace(/\D/g, ''))) continue;
      candidates.push({
        type: 'CREDIT_CARD', start: match.index, end: match.index + match[0].length,
        score: boosted(0.7, hasContextBefore(text, match.index, context), 0.25),
      });
    }
    return candidates;
  },
};
