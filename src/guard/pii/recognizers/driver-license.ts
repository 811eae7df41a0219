import { boosted, hasContextBefore } from '../context.js';
import type { PiiCandidate, PiiRecognizer } from '../pii-types.js';
import { groupSeparator, matchesAt, matchesBeforeDigits, startsBeforeDigits, type RunFilter } from './match-at.js';

/**
 * 운전면허번호 (KR_DRIVER_LICENSE): RR-YY-NNNNNN-CC, where RR is a region code 11–28; licences issued since 2021
 * print the region name instead (서울 21-123456-78).
 */
const numericPattern = new RegExp(`(?<![0-9A-Za-z-])(\\d{2})(${groupSeparator}?)(\\d{2})\\2(\\d{6})\\2(\\d{2})(?![0-9A-Za-z]|-\\d)`, 'y');
const regionNames = '서울|부산|경기|강원|충북|충남|전북|전남|경북|경남|제주|대구|인천|광주|대전|울산|세종|경기남부|경기북부';
const namedPattern = new RegExp(`(?<![가-힣])(?:${regionNames})\\s?(\\d{2})-(\\d{6})-(\\d{2})(?![0-9A-Za-z]|-\\d)`, 'y');
// Two digits and a separator, or all twelve in one run; after a region name, two digits and a hyphen.
const numericRuns = { lengths: [2, 12], minChain: 12 };
const namedRuns: RunFilter = { lengths: [2], minChain: 10, beside: (text, _start, end) => text.charCodeAt(end) === 45 };
const context = /면허|운전|driver|licen[cs]e/i;

export const driverLicenseRecognizer: PiiRecognizer = {
  name: 'driver-license',
  types: ['KR_DRIVER_LICENSE'],
  recognize(text) {
    const candidates: PiiCandidate[] = [];
    for (const match of matchesBeforeDigits(text, numericPattern, 0, numericRuns)) {
      const region = Number(match[1]);
      if (region < 11 || region > 28) continue;
      const base = match[2] === '-' ? 0.65 : 0.55;
      candidates.push({
        type: 'KR_DRIVER_LICENSE', start: match.index, end: match.index + match[0].length,
        score: boosted(base, hasContextBefore(text, match.index, context)),
      });
    }
    // A region name of two or four syllables and an optional space before the digits.
    for (const match of matchesAt(text, namedPattern, startsBeforeDigits(text, [-5, -4, -3, -2], namedRuns))) {
      candidates.push({
        type: 'KR_DRIVER_LICENSE', start: match.index, end: match.index + match[0].length,
        score: boosted(0.6, hasContextBefore(text, match.index, context)),
      });
    }
    return candidates;
  },
};
