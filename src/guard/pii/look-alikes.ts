import { textAfter, textBefore } from './context.js';

/**
 * Numbers that look like personal data but are not: document and statute numbers (제2023-08호, 법률 제19592호),
 * amounts and counts (1조 9,074억원, 8,192개), dates, versions, ISBNs, serial numbers. Public documents are full of
 * them, so a false alarm here would mask half of every answer.
 */

// A label right before the number that says what kind of number it is (구버전(5.0.2.2): a compound's label, and the
// number in brackets after it).
const lookAlikeLabelBefore = new RegExp(
  '(?<![가-힣A-Za-z])(?:' + [
    '제', '법률', '법', '시행령', '시행규칙', '고시', '훈령', '예규', '조례', '공고', '문서번호', '접수번호', '일련번호',
    '관리번호', '과제번호', '계약번호', '고유번호', '법인등록번호', '법인번호', '등기번호', '주문번호', '송장번호', '운송장', '모델명?', '품번', '제품번호', '[가-힣]{0,3}버전', '판', 'ISBN(?:-1[03])?', 'ISSN',
    'DOI', 'version', 'ver\\.?', 'v', 'rev\\.?', 'build', 'release', 'RFC', 'ISO(?:/IEC)?', 'KS', 'No\\.',
  ].join('|') + ')\\s*(?:[:：#.(\\[]\\s*)?(?:제\\s*)?$',
  'i',
);

// A unit or counter right after the number: amounts, counts, dates, document numbers.
// A unit or counter right after the number: amounts, counts, dates, document numbers. Korean counters attach to
// the number (1조, 8,192개); after a space the same syllable usually starts the next word (… 조합, … 차량).
const lookAlikeUnitAfter =
  /^(?:\s?(?:%|퍼센트|GB|MB|TB|KB|km|kg|달러|USD|KRW)|(?:원|억|만(?!약|큼)|천|조(?!회|직|합)|개|명(?!의)|건|년|월|일(?!련|반)|호(?!출|텔)|차(?!량)|대(?!표|한|상|신)|회(?!사|신|의)|배|위(?!원|치)))/i;

// "Passport No. M12345678", "여권 No: …": after a passport's label "No." introduces the passport number itself.
const passportBefore = /(?:여권|passport)\s*No\.?(?:\s*[:：#])?\s*$/i;

export function isLookAlike(text: string, start: number, end: number): boolean {
  const before = textBefore(text, start, 16);
  if (lookAlikeLabelBefore.test(before) && !passportBefore.test(before)) return true;
  if (lookAlikeUnitAfter.test(textAfter(text, end, 6))) return true;
  return false;
}
