import { textBefore } from '../context.js';
import type { PiiCandidate, PiiRecognizer } from '../pii-types.js';
import { matchesBeforeDigits, type RunFilter } from './match-at.js';

/**
 * 계좌번호 (BANK_ACCOUNT): Korean banks use 10–14 digits in two to four hyphenated groups, with no shared checksum,
 * so the number alone is ambiguous. It counts only with a bank name or an account word just before it. The span is
 * the number alone (the bank name is not personal data).
 */
// The last group may be one digit (iM뱅크 504-10-123456-7, 새마을금고 9002-1234-5678-9).
const pattern = /(?<![0-9A-Za-z-])\d{2,6}(?:-\d{2,7}){0,2}-\d{1,7}(?![0-9A-Za-z]|-\d)|(?<![0-9A-Za-z-])\d{10,14}(?![0-9A-Za-z])/y;
// Two to six digits before a hyphen, or ten to fourteen in one run.
const runs: RunFilter = {
  lengths: [2, 3, 4, 5, 6, 10, 11, 12, 13, 14], minChain: 4,
  beside: (text, start, end) => end - start >= 10 || text.charCodeAt(end) === 45,
};
const bankNames = [
  '국민', 'KB', '신한', '농협', 'NH', '우리', '하나', 'KEB', '기업', 'IBK', '카카오뱅크', '카카오', '케이뱅크', '토스뱅크', '토스',
  '새마을', '신협', '우체국', '수협', 'SC제일', '제일', '씨티', '산업', '부산', '대구', '경남', '광주', '전북', '제주', 'iM뱅크',
];
const context = new RegExp(`(?:${bankNames.join('|')})(?:은행|뱅크|금고)?\\s*(?:[:：]\\s*)?$|계좌|예금|입금|송금|이체|account`, 'i');
// The bank written after the number: 110-432-897654(신한은행), 504-10-123456-7 iM뱅크.
const bankAfter = new RegExp(`^\\s*(?:[(（]\\s*)?(?:${bankNames.join('|')})(?:은행|뱅크|금고)`, 'i');

const phoneShape = /^(?:02|0[3-6][1-5]|070|01[016789])-?\d{3,4}-?\d{4}$/;

export const bankAccountRecognizer: PiiRecognizer = {
  name: 'bank-account',
  types: ['BANK_ACCOUNT'],
  recognize(text) {
    const candidates: PiiCandidate[] = [];
    for (const match of matchesBeforeDigits(text, pattern, 0, runs)) {
      const digitCount = match[0].replace(/\D/g, '').length;
      if (digitCount < 10 || digitCount > 14) continue;
      const before = textBefore(text, match.index, 20).trimEnd();
      const bankNamedAfter = bankAfter.test(text.slice(match.index + match[0].length, match.index + match[0].length + 12));
      if (!context.test(before) && !bankNamedAfter) continue;
      // A region name before a telephone number (부산 051-…) is not a bank: phone shapes need an explicit bank word.
      if (phoneShape.test(match[0]) && !bankNamedAfter && !/계좌|은행|뱅크|account/i.test(before)) continue;
      candidates.push({ type: 'BANK_ACCOUNT', start: match.index, end: match.index + match[0].length, score: 0.85 });
    }
    return candidates;
  },
};
