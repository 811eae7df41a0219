import { boosted, hasContextBefore } from '../context.js';
import type { PiiCandidate, PiiRecognizer } from '../pii-types.js';
import { matchesBeforeDigits } from './match-at.js';

/**
 * 여권번호 (KR_PASSPORT): the old format is a type letter and eight digits (M12345678); since December 2021 a letter
 * sits in the fifth place (M123A4567). Type letters: M multiple, S single, R travel certificate, O official,
 * D diplomatic, G (official) — other letters are product codes far more often than passports.
 */
const pattern = /(?<![0-9A-Za-z])[MSRODG](?:\d{8}|\d{3}[A-Z]\d{4})(?![0-9A-Za-z])/iy;
// Eight digits, or three before the letter of the new format.
const runs = { lengths: [3, 8], minChain: 3 };
const context = /여권|passport/i;

export const passportRecognizer: PiiRecognizer = {
  name: 'passport',
  types: ['KR_PASSPORT'],
  recognize(text) {
    const candidates: PiiCandidate[] = [];
    // The type letter stands right before the digits.
    for (const match of matchesBeforeDigits(text, pattern, -1, runs)) {
      candidates.push({
        type: 'KR_PASSPORT', start: match.index, end: match.index + match[0].length,
        score: boosted(0.55, hasContextBefore(text, match.index, context, 30), 0.35),
      });
    }
    return candidates;
  },
};
