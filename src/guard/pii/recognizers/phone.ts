import { boosted, hasContextBefore, personalCueBeside, representativeContact } from '../context.js';
import type { PiiCandidate, PiiRecognizer } from '../pii-types.js';
import { digitRuns, groupSeparator, isHangulSyllable, matchesAt } from './match-at.js';
import { givenNameSyllables, surnames } from './person-lexicon.js';

/**
 * Telephone numbers (PHONE): mobile 010/011/016–019, Seoul 02, regional 031–064, internet 070, and +82 with the
 * leading zero dropped; separated by hyphens, spaces or dots, or not at all.
 */
const separator = `${groupSeparator}?`;
// 0502–0508: personal relay (안심번호) and virtual numbers.
const areaCodes = '02|0[3-6][1-5]|070|050[2-8]|01[016789]';
const domestic = `(?:${areaCodes})${separator}\\d{3,4}${separator}\\d{4}`;
// Letterheads and press releases bracket the area code: (02) 2100-3000, (044)205-1234, 031)8008-2114.
const bracketed = `\\(?(?:${areaCodes})\\)\\s?\\d{3,4}${separator}\\d{4}`;
const international = `\\+82${separator}(?:\\(0\\))?(?:2|[3-6][1-5]|70|1[016789])${separator}\\d{3,4}${separator}\\d{4}`;
const pattern = new RegExp(`(?<![0-9A-Za-z+-])(?:${international}|${bracketed}|${domestic})(?![0-9A-Za-z]|-\\d)`, 'y');
const context = /전화|휴대|핸드폰|연락|문의|상담|팩스|HP|Tel|Phone|Mobile|Fax|☎/i;

export const phoneRecognizer: PiiRecognizer = {
  name: 'phone',
  types: ['PHONE'],
  recognize(text) {
    const candidates: PiiCandidate[] = [];
    for (const match of matchesAt(text, pattern, possibleStarts(text))) {
      const value = match[0];
      const mobile = /^(?:01|\+82\D{0,2}1)/.test(value);
      // A form's placeholder: every digit after the area code is zero (010-0000-0000, 02-000-0000).
      if (placeholder(value)) continue;
      // An agency's switchboard: a landline (02, 031–064) right after 대표, 대표번호, 대표전화 or 대표 연락처 (대변인실
      // 대표번호 02-2100-3000, (대표 044-200-7000)). Never a mobile, 070 or a 050x relay number (대표번호 010-…: the
      // head's or the owner's own), nor a number with a personal cue or a name beside it (대표 02-987-6543 (제 집
      // 전화입니다), 대표번호 02-123-4567 김영수). Each number is judged alone: only the one right after the label can be exempt.
      if (!mobile && landline.test(value) && switchboard(text, match.index, match.index + value.length)) continue;
      const separated = /[-. )/_\s]/.test(value) || value.startsWith('+');
      // Unseparated area-code numbers are mostly other identifiers; a mobile prefix is distinctive on its own.
      const base = mobile ? 0.65 : separated ? 0.55 : 0.35;
      candidates.push({
        type: 'PHONE', start: match.index, end: match.index + value.length,
        score: boosted(base, hasContextBefore(text, match.index, context)),
      });
    }
    return candidates;
  },
};

const landline = /^(?:\(?0(?:2|[3-6][1-5])\)?[^0-9]?\d|\+82\D{0,2}(?:\(0\))?(?:2|[3-6][1-5])\D)/;
const switchboardKinds = new Set(['', '번호', '전화', '전화번호', '연락처', '팩스']);

function switchboard(text: string, start: number, end: number): boolean {
  const kind = representativeContact(text, start);
  return kind !== null && switchboardKinds.has(kind) && !personalCueBeside(text, start, end) && !nameBeside(text, end);
}

/** A Korean name right after the number (대표번호 02-123-4567 김영수): a surname and one or two given syllables. */
function nameBeside(text: string, end: number): boolean {
  let at = end;
  while (at < text.length && at < end + 3 && ' \t()/,·'.includes(text[at]!)) at++;
  if (!surnames.has(text[at] ?? '') || !givenNameSyllables.has(text[at + 1] ?? '')) return false;
  if (!isHangulSyllable(text.charCodeAt(at + 2))) return true;
  return givenNameSyllables.has(text[at + 2]!) && !isHangulSyllable(text.charCodeAt(at + 3));
}

function placeholder(value: string): boolean {
  const groups = value.replace(/^\+82/, '').split(/\D+/).filter((group) => group !== '');
  if (groups.length >= 3) return groups.slice(1).every((group) => /^0+$/.test(group));
  return groups.length === 1 && /^01\d0{7,8}$/.test(groups[0]!);
}

/**
 * Where a number may begin: at the `+` of `+82` right before a run of digits, or at a run whose chain holds the nine
 * digits a domestic number has at least (02-123-4567).
 */
function possibleStarts(text: string): number[] {
  const { starts, lengths, chains } = digitRuns(text);
  const possible: number[] = [];
  for (let run = 0; run < starts.length; run++) {
    const start = starts[run]!;
    if (lengths[run]! >= 2 && start > 0 && text.charCodeAt(start - 1) === 43) possible.push(start - 1);
    if (chains[run]! >= 9) possible.push(start);
    // An area code in brackets: the match begins at the bracket (or at the code when only its closing one is there).
    if (lengths[run]! >= 2 && lengths[run]! <= 4 && text.charCodeAt(start + lengths[run]!) === 41) {
      possible.push(start > 0 && text.charCodeAt(start - 1) === 40 ? start - 1 : start);
    }
  }
  return possible;
}
