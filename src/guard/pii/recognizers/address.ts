import { boosted, hasContextBefore } from '../context.js';
import type { PiiCandidate, PiiRecognizer } from '../pii-types.js';
import { digitRuns, isHangulSyllable as isSyllable, matchesAt } from './match-at.js';

/**
 * Addresses (KR_ADDRESS): road-name addresses (도로명: `세종대로 209`, `중앙로12번길 3-4`) and lot-number addresses
 * (지번: `청운동 123-45`), led by the province (시/도) and district (시/군/구). A road or lot alone is everyday prose
 * (`…로 12개`), so the match needs an administrative unit before it, or an address word such as 주소/거주지.
 */
const province = [
  '서울특별시', '서울시', '서울', '부산광역시', '부산시', '부산', '대구광역시', '대구시', '대구', '인천광역시', '인천시', '인천',
  '광주광역시', '광주시', '광주', '대전광역시', '대전시', '대전', '울산광역시', '울산시', '울산', '세종특별자치시', '세종시', '세종',
  '경기도', '경기', '강원특별자치도', '강원도', '강원', '충청북도', '충북', '충청남도', '충남', '전북특별자치도', '전라북도', '전북',
  '전라남도', '전남', '경상북도', '경북', '경상남도', '경남', '제주특별자치도', '제주도', '제주',
].join('|');
const district = '[가-힣]{1,5}(?:시|군|구)';
const town = '[가-힣]{1,5}(?:읍|면)';
const road = '[가-힣A-Za-z0-9]{1,10}?(?:대로|로|길)(?:\\s?\\d{1,4}번?[가-힣]?길)?';
const lot = '[가-힣][가-힣0-9]{0,5}(?:동|리|가)';
// 산 before a lot number: a mountain lot (신림동 산 12-3).
const number = '(?:산\\s?)?\\d{1,5}(?:-\\d{1,4})?(?:번지)?';
// The unit, with the building's name before it: 101동 1203호, 3층 301호, A동 1204호, 롯데월드타워 101동 2003호, N동 7층.
const unit = '(?:(?:[A-Za-z]|\\d{1,4})동(?:\\s?(?:지하\\s?)?\\d{1,3}층)?(?:\\s?\\d{1,5}호)?|(?:지하\\s?)?\\d{1,3}층(?:\\s?\\d{1,5}호)?|\\d{1,5}호)';
const detail = `(?:,?\\s?(?:[가-힣A-Za-z]{2,12}\\s)?${unit})?(?:\\s?\\([가-힣0-9,\\s]{1,20}\\))?`;

// A counter right after the number means a quantity, not a building number (`…로 12개`).
const counter = '(?:개|명|건|년|월|일|층|%|원|억|만|천|대|차|회|배|위|조|시간|분|초|세|살)';

const pattern = new RegExp(
  `(?<![가-힣])(?<province>(?:${province})\\s?)?(?<districts>(?:${district}\\s){0,3})(?:${town}\\s)?` +
    // Not a road's number when 가 follows it: 을지로3가 is a lot name (동), 을지로 3 is not the address.
    `(?:(?<road>${road})|(?<lot>${lot}))\\s?${number}${detail}(?![0-9A-Za-z]|-\\d|${counter}|가\\s?\\d)`,
  'y',
);
const context = /주소|거주지|주거지|소재지|자택|배송지|사는 곳|address/i;

export const addressRecognizer: PiiRecognizer = {
  name: 'address',
  types: ['KR_ADDRESS'],
  recognize(text) {
    const candidates: PiiCandidate[] = [];
    const anchors = anchorsOf(text);
    if (anchors.length === 0) return candidates;
    for (const match of matchesAt(text, pattern, possibleStarts(text, anchors))) {
      const groups = match.groups ?? {};
      const hasProvince = Boolean(groups.province);
      const hasDistrict = Boolean(groups.districts);
      const hasContext = hasContextBefore(text, match.index, context, 16);
      if (!hasProvince && !hasDistrict && !hasContext) continue;
      // A lot number needs stronger evidence than a road name: `가` and `동` end many ordinary words.
      if (groups.lot && !hasProvince && !(hasDistrict && hasContext)) continue;
      const base = hasProvince ? 0.8 : hasDistrict ? 0.6 : 0.5;
      const value = match[0].trimEnd();
      candidates.push({ type: 'KR_ADDRESS', start: match.index, end: match.index + value.length, score: boosted(base, hasContext, 0.2) });
    }
    return candidates;
  },
};

/**
 * The ends of road and lot names followed by a number (`[로길동리가]\s?\d`), ascending: every match holds one. Found
 * from the runs of digits (the syllable right before a run, or before the one whitespace character before it).
 */
function anchorsOf(text: string): number[] {
  const anchors: number[] = [];
  for (const start of digitRuns(text).starts) {
    if (start >= 1 && anchorSyllables.has(text.charCodeAt(start - 1))) anchors.push(start - 1);
    else if (start >= 2 && isWhitespace(text.charCodeAt(start - 1)) && anchorSyllables.has(text.charCodeAt(start - 2))) anchors.push(start - 2);
  }
  return anchors;
}

// 산 too: a mountain lot's number follows it (신림동 산 12-3).
const anchorSyllables = new Set(Array.from('로길동리가산', (syllable) => syllable.charCodeAt(0)));
// What `\s` matches.
const isWhitespace = (code: number) => code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x1680 ||
  (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 ||
  code === 0xfeff;
/**
 * How far before its anchor a match can begin: province (7 syllables and a space), three districts (7 each), a town
 * (7) and a road name up to its last syllable (11); a lot name is shorter.
 */
const maxLead = 8 + 3 * 7 + 7 + 11;

/** Where a match may begin: a syllable, letter or digit not preceded by a syllable, at most `maxLead` before an anchor. */
function possibleStarts(text: string, anchors: readonly number[]): number[] {
  const starts: number[] = [];
  let from = 0;
  for (const anchor of anchors) {
    for (let index = Math.max(from, anchor - maxLead); index <= anchor; index++) {
      if (isSyllableOrAlphanumeric(text.charCodeAt(index)) && !(index > 0 && isSyllable(text.charCodeAt(index - 1)))) starts.push(index);
    }
    from = anchor + 1;
  }
  return starts;
}

const isSyllableOrAlphanumeric = (code: number) =>
  isSyllable(code) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
