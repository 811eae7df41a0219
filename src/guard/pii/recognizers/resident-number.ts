import { residentNumberChecksumValid } from '../checksums.js';
import { boosted, hasContextBefore } from '../context.js';
import type { PiiCandidate, PiiRecognizer } from '../pii-types.js';
import { groupSeparator, matchesBeforeDigits } from './match-at.js';

/**
 * 주민등록번호 (KR_RRN) and 외국인등록번호 (KR_FRN): YYMMDD-GNNNNNN. The seventh digit says century, sex and
 * nationality (1–4 citizens, 5–8 foreigners). Numbers issued since October 2020 carry no check digit, so a failed
 * checksum lowers the score instead of rejecting; the date and the seventh digit are validated always.
 */
const pattern = new RegExp(`(?<![0-9A-Za-z-])(\\d{2})(\\d{2})(\\d{2})(${groupSeparator}?)([1-8])(\\d{6})(?![0-9A-Za-z]|-\\d)`, 'y');
// YYMMDD and a separator, or all thirteen digits in one run.
const runs = { lengths: [6, 13], minChain: 13 };
const citizenContext = /주민|주민등록|생년월일|신청인|본인|RRN|resident/i;
const foreignerContext = /외국인|등록번호|FRN|foreigner|alien/i;

export const residentNumberRecognizer: PiiRecognizer = {
  name: 'resident-number',
  types: ['KR_RRN', 'KR_FRN'],
  recognize(text) {
    const candidates: PiiCandidate[] = [];
    for (const match of matchesBeforeDigits(text, pattern, 0, runs)) {
      const [whole, year, month, day, , genderDigit, rest] = match;
      const gender = Number(genderDigit);
      if (!isValidDate(Number(year), Number(month), Number(day), gender)) continue;
      const type = gender >= 5 ? 'KR_FRN' : 'KR_RRN';
      const checksumValid = residentNumberChecksumValid(`${year}${month}${day}${genderDigit}${rest}`);
      const context = hasContextBefore(text, match.index, type === 'KR_FRN' ? foreignerContext : citizenContext);
      const base = checksumValid ? 0.8 : 0.6;
      candidates.push({ type, start: match.index, end: match.index + whole.length, score: boosted(base, context, 0.2) });
    }
    return candidates;
  },
};

/** The birth date must exist in the century the seventh digit names. */
function isValidDate(yearInCentury: number, month: number, day: number, gender: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const century = gender === 1 || gender === 2 || gender === 5 || gender === 6 ? 1900 : 2000;
  const year = century + yearInCentury;
  return day <= daysInMonth(year, month);
}

/** Days in `month` (1–12) of `year` in the Gregorian calendar. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
