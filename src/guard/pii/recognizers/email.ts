import type { PiiCandidate, PiiRecognizer } from '../pii-types.js';

/** E-mail addresses (EMAIL). The shape alone is distinctive; the top-level domain must be letters. */
const domain = String.raw`(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-])`;
const pattern = new RegExp(String.raw`(?<![A-Za-z0-9._%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,63})@${domain}`, 'g');
/**
 * A Hangul local part (홍길동@korea.kr: internationalised mail, RFC 6531, which Korean mail services accept): the whole
 * word before @, after a space, a bracket, a colon or the start, in a real domain. Not a file name (보고서@v2.final,
 * 회의록@2024.hwp) nor a placeholder (아이디@korea.kr, 담당자명@korea.kr).
 */
const hangulPattern = new RegExp(String.raw`(?<=^|[\s(<\[:：,'"])[가-힣]{2,10}@${domain}`, 'g');
const fileExtensions = /\.(?:hwpx?|pdf|docx?|xlsx?|pptx?|txt|jpe?g|png|gif|zip|final|bak|csv)$/i;
// A word for the address's owner or kind in place of one (-명: 담당자명, 성명, 기관명).
const placeholderLocalParts = /^(?:아이디|계정|사용자|담당자|이름|본인|링크|주소|메일|이메일|[가-힣]*명)@/;

export const emailRecognizer: PiiRecognizer = {
  name: 'email',
  types: ['EMAIL'],
  recognize(text) {
    const candidates: PiiCandidate[] = [];
    if (!text.includes('@')) return candidates;
    for (const match of text.matchAll(pattern)) {
      candidates.push({ type: 'EMAIL', start: match.index, end: match.index + match[0].length, score: 0.95 });
    }
    for (const match of text.matchAll(hangulPattern)) {
      if (fileExtensions.test(match[0]) || placeholderLocalParts.test(match[0])) continue;
      candidates.push({ type: 'EMAIL', start: match.index, end: match.index + match[0].length, score: 0.9 });
    }
    return candidates;
  },
};
