import type { PiiCandidate, PiiRecognizer } from '../pii-types.js';

/**
 * E-mail addresses (EMAIL). The shape alone is distinctive; the top-level domain must be letters. Local parts may be
 * Hangul (홍길동@korea.kr: internationalised mail, RFC 6531, which Korean mail services accept).
 */
const pattern = /(?<![A-Za-z0-9가-힣._%+-])[A-Za-z0-9가-힣](?:[A-Za-z0-9가-힣._%+-]{0,63})@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-])/g;

export const emailRecognizer: PiiRecognizer = {
  name: 'email',
  types: ['EMAIL'],
  recognize(text) {
    const candidates: PiiCandidate[] = [];
    if (!text.includes('@')) return candidates;
    for (const match of text.matchAll(pattern)) {
      candidates.push({ type: 'EMAIL', start: match.index, end: match.index + match[0].length, score: 0.95 });
    }
    return candidates;
  },
};
