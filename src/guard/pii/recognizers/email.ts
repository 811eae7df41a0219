import { personalCueBeside, representativeContact } from '../context.js';
import type { PiiCandidate, PiiRecognizer } from '../pii-types.js';
import { isHangulSyllable, matchesAt } from './match-at.js';

/** E-mail addresses (EMAIL). The shape alone is distinctive; the top-level domain must be letters. */
const domain = String.raw`(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-])`;
const pattern = new RegExp(String.raw`(?<![A-Za-z0-9._%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,63})@${domain}`, 'g');
/**
 * A Hangul local part (홍길동@korea.kr: internationalised mail, RFC 6531, which Korean mail services accept): the whole
 * word before @, after a space, a bracket, a colon or the start, in a real domain. Not a file name (보고서@v2.final,
 * 회의록@2024.hwp) nor a placeholder (아이디@korea.kr, 담당자명@korea.kr).
 */
const hangulPattern = new RegExp(String.raw`(?<=^|[\s(<\[:：,'"])[가-힣]{2,10}@${domain}`, 'y');
/**
 * Where a Hangul local part may begin: the start of the run of Hangul syllables right before each @, when it is two to
 * ten long (the expression's look-behind refuses a syllable before it). Tried only there, the expression is spared its
 * attempt at every character of a text with an @ (its look-behind first defeats the engine's quick scan).
 */
function hangulLocalStarts(text: string): number[] {
  const starts: number[] = [];
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && start > at - 11 && isHangulSyllable(text.charCodeAt(start - 1))) start--;
    if (at - start >= 2 && at - start <= 10) starts.push(start);
  }
  return starts;
}
const fileExtensions = /\.(?:hwpx?|pdf|docx?|xlsx?|pptx?|txt|jpe?g|png|gif|zip|final|bak|csv)$/i;
// A word for the address's owner or kind in place of one (-명: 담당자명, 성명, 기관명).
const placeholderLocalParts = /^(?:아이디|계정|사용자|담당자|이름|본인|링크|주소|메일|이메일|[가-힣]*명)@/;

/**
 * An address spelled out to slip past a filter or a scraper: `@` as [at], (at), {at}, <at>, 골뱅이 or 앳, a dot as
 * [dot], (dot), 닷 or itself, with spaces around them or not (hong.gildong [at] naver [dot] com, minsu골뱅이gmail.com,
 * kim 앳 korea 닷 kr, lee(at)naver닷컴). A reader (or a model) turns it back into an address in a moment. The
 * expression is run only when one of the spellings of @ is in the text (`spellsAt`).
 */
const spelledAt = String.raw`\s*(?:[\[({<]\s*(?:at|AT|At)\s*[\])}>]|골뱅이|앳)\s*`;
const spelledDot = String.raw`(?:\s*[\[({<]\s*(?:dot|DOT|Dot)\s*[\])}>]\s*|\s*닷\s*|\.)`;
const label = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const spelledPattern = new RegExp(
  String.raw`(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9_%+-]{0,63}(?:${spelledDot}[A-Za-z0-9_%+-]{1,63}){0,4}${spelledAt}` +
    String.raw`(?:(?:${label}${spelledDot})+[A-Za-z]{2,24}(?![A-Za-z0-9-])|(?:${label}${spelledDot})*${label}\s*닷컴)`,
  'g',
);

/**
 * Whether @ is spelled out somewhere: 앳 or 골뱅이, or at/AT/At between brackets (spaces allowed). Native searches for
 * the words, then a look at the characters around each `at`: a fifth cheaper than one expression over the text
 * (its Hangul alternatives defeat the engine's quick scan).
 */
function spellsAt(text: string): boolean {
  if (text.indexOf('앳') !== -1 || text.indexOf('골뱅이') !== -1) return true;
  for (const word of spelledAtWords) {
    for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 2)) {
      let before = at - 1;
      while (before >= 0 && text.charCodeAt(before) === 32) before--;
      let after = at + 2;
      while (after < text.length && text.charCodeAt(after) === 32) after++;
      if (openingBrackets.includes(text[before] ?? '') && closingBrackets.includes(text[after] ?? '')) return true;
    }
  }
  return false;
}
const spelledAtWords = ['at', 'AT', 'At'];
const mayHoldAddress = /[@앳골[({<]/;
const openingBrackets = '[({<';
const closingBrackets = '])}>';

/**
 * 대표 메일 help@mois.go.kr: an agency's role address, no one's personal data. Only a role's local part (help, info,
 * admin, webmaster, contact, master, support, service, minwon, press…, alone, with one digit or a separated word:
 * help1, info_seoul) or a public body's domain (.go.kr, .or.kr, .re.kr) with a local part that looks like no person's
 * (no dot or underscore between words, no run of digits). A personal address after 대표 메일
 * (kimminsu1987@naver.com, hong.gildong@gmail.com) is still one; each address of a list is judged alone.
 */
const roleLocalParts = /^(?:help|helpdesk|info|admin|administrator|webmaster|contact|master|support|service|minwon|press|media|pr|office|postmaster|noreply|no-reply|cs|customer|inquiry|qna|news|notice|center|desk)(?:\d?|[._-][a-z]{2,12})$/i;
const publicDomain = /\.(?:go|or|re)\.kr$/i;
const roleAddress = (text: string, start: number, address: string) => {
  const kind = representativeContact(text, start);
  if (kind !== '메일' && kind !== '이메일' && kind !== 'email' && kind !== 'e-mail') return false;
  const at = address.indexOf('@');
  const local = address.slice(0, at);
  if (roleLocalParts.test(local)) return !personalCueBeside(text, start, start + address.length);
  return publicDomain.test(address) && !/[A-Za-z][._][A-Za-z]|\d{2,}/.test(local) && !personalCueBeside(text, start, start + address.length);
};

export const emailRecognizer: PiiRecognizer = {
  name: 'email',
  types: ['EMAIL'],
  recognize(text) {
    const candidates: PiiCandidate[] = [];
    // Every address, written or spelled out, needs one of these: its @, 앳, 골뱅이's first syllable or the opening
    // bracket of a spelled [at]. One scan by the expression engine passes over the texts with none (two in three of
    // the dev sentences) instead of the six native searches below.
    if (!mayHoldAddress.test(text)) return candidates;
    if (spellsAt(text)) {
      for (const match of text.matchAll(spelledPattern)) {
        candidates.push({ type: 'EMAIL', start: match.index, end: match.index + match[0].length, score: 0.85 });
      }
    }
    if (!text.includes('@')) return candidates;
    for (const match of text.matchAll(pattern)) {
      // 대표 메일 help@mois.go.kr: an agency's role address, no one's personal data.
      if (roleAddress(text, match.index, match[0])) continue;
      candidates.push({ type: 'EMAIL', start: match.index, end: match.index + match[0].length, score: 0.95 });
    }
    for (const match of matchesAt(text, hangulPattern, hangulLocalStarts(text))) {
      if (fileExtensions.test(match[0]) || placeholderLocalParts.test(match[0])) continue;
      candidates.push({ type: 'EMAIL', start: match.index, end: match.index + match[0].length, score: 0.9 });
    }
    return candidates;
  },
};
