import { boosted, hasContextBefore } from '../context.js';
import type { PiiCandidate, PiiRecognizer } from '../pii-types.js';
import { digitRuns, matchesBeforeDigits, type RunFilter } from './match-at.js';

/**
 * 여권번호 (KR_PASSPORT): the old format is a type letter and eight digits (M12345678); since December 2021 a letter
 * sits in the fifth place (M123A4567). Type letters: M multiple, S single, R travel certificate, O official,
 * D diplomatic, G (official) — other letters are product codes far more often than passports.
 */
const pattern = /(?<![0-9A-Za-z])[MSRODG](?:\d{8}|\d{3}[A-Z]\d{4})(?![0-9A-Za-z])/iy;
// Eight digits, or three before the letter of the new format; the type letter (either case: the expression ignores
// case) right before them.
const typeLetterCodes = new Set(Array.from('MSRODGmsrodg', (letter) => letter.charCodeAt(0)));
const runs: RunFilter = { lengths: [3, 8], minChain: 3, beside: (text, start) => typeLetterCodes.has(text.charCodeAt(start - 1)) };
const context = /여권|passport/i;
// The word right before the number, with at most a label, a particle or a bracket between (여권번호 E…, 구여권(JR…),
// Passport No. …): "여권 발급 영수증 번호 R 20240601" names another number.
const labelledBefore = /(?:여권|passport)\s*(?:(?:번호|no\.?|number|#)\s*)?(?:(?:는|은|:|：)\s*)?(?:[(\[]\s*)?$/i;
/**
 * Right after the word 여권 or passport, other countries' numbers and Korea's oldest (before 2008: two letters and seven
 * digits, JR1234567): one or two letters and seven to nine digits, the digits possibly spaced in fours (M 7061 5932).
 * Without the word such a string is an order, product or case number far more often.
 */
const foreignPattern = /(?<![0-9A-Za-z])[A-Z]{1,2} ?(?:\d{7,9}|\d{4} \d{4})(?![0-9A-Za-z])/gi;

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
    // The other countries' numbers hold four digits in a row at least: most texts are done here, before `context`
    // is searched for over the whole text.
    if (!digitRuns(text).lengths.some((length) => length >= 4) || !context.test(text)) return candidates;
    for (const match of text.matchAll(foreignPattern)) {
      const start = match.index;
      if (!labelledBefore.test(text.slice(Math.max(0, start - 16), start)) || candidates.some((found) => found.start === start)) continue;
      candidates.push({ type: 'KR_PASSPORT', start, end: start + match[0].length, score: 0.8 });
    }
    return candidates;
  },
};
