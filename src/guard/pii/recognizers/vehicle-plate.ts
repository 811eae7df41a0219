import { boosted, hasContextBefore } from '../context.js';
import type { PiiCandidate, PiiRecognizer } from '../pii-types.js';
import { matchesAt, startsBeforeDigits, type RunFilter } from './match-at.js';

/**
 * 자동차 등록번호 (KR_VEHICLE_PLATE): 12가3456, 123가4567 (since 2019), and older plates with a region (서울12가3456).
 * Only the Hangul letters actually issued are accepted, which keeps `12조 3456억` and similar out.
 */
const plateLetters = '가나다라마거너더러머버서어저고노도로모보소오조구누두루무부수우주바사아자배하허호육공해국합';
const regions = '서울|부산|대구|인천|광주|대전|울산|세종|경기|강원|충북|충남|전북|전남|경북|경남|제주';
const pattern = new RegExp(
  `(?<![0-9가-힣A-Za-z])(?:(?:${regions})\\s?)?\\d{2,3}\\s?[${plateLetters}]\\s?\\d{4}(?![0-9A-Za-z])`,
  'y',
);
// Two or three digits before the letter, which stands right after them or after one space.
const plateLetterCodes = new Set(Array.from(plateLetters, (letter) => letter.charCodeAt(0)));
const runs: RunFilter = {
  lengths: [2, 3], minChain: 2,
  beside: (text, _start, end) => plateLetterCodes.has(text.charCodeAt(end)) || plateLetterCodes.has(text.charCodeAt(end + 1)),
};
const context = /차량|차번|번호판|자동차|주차|vehicle|plate/i;

export const vehiclePlateRecognizer: PiiRecognizer = {
  name: 'vehicle-plate',
  types: ['KR_VEHICLE_PLATE'],
  recognize(text) {
    const candidates: PiiCandidate[] = [];
    // At the digits, or at a region name of two syllables and an optional space before them.
    for (const match of matchesAt(text, pattern, startsBeforeDigits(text, [-3, -2, 0], runs))) {
      const end = match.index + match[0].length;
      // The label often follows the plate (`12가 3456 차량`), so look on both sides.
      const hasContext = hasContextBefore(text, match.index, context) || context.test(text.slice(end, end + 6));
      candidates.push({ type: 'KR_VEHICLE_PLATE', start: match.index, end, score: boosted(0.6, hasContext) });
    }
    return candidates;
  },
};
