import { decodeEscapes } from '../pii/decode-escapes.js';
import { normalizeText, toOriginalSpan } from '../pii/index.js';

/**
 * The text the rule lexicons match against: NFKC (full-width letters), invisible characters removed, Cyrillic and
 * Greek look-alikes folded to Latin, lower case.
 */
export type GuardText = { plain: string };

// The look-alikes that evaders actually use: they render like Latin letters in most fonts.
const homoglyphs: Record<string, string> = {
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ɡ: 'g', һ: 'h',
  ο: 'o', α: 'a', ε: 'e', ι: 'i', κ: 'k', ν: 'v', τ: 't', υ: 'u', ρ: 'p',
  // Lower case of capitals that look Latin only as capitals ([RООТ?АLL] lower-cased is [rooт?all]).
  т: 't', н: 'h', в: 'b', м: 'm', к: 'k',
};
// Latin small capitals (ᴀᴅᴍɪɴ), which NFKC leaves as they are.
Object.assign(homoglyphs, {
  ᴀ: 'a', ʙ: 'b', ᴄ: 'c', ᴅ: 'd', ᴇ: 'e', ꜰ: 'f', ɢ: 'g', ʜ: 'h', ɪ: 'i', ᴊ: 'j', ᴋ: 'k', ʟ: 'l', ᴍ: 'm', ɴ: 'n', ᴏ: 'o',
  ᴘ: 'p', ʀ: 'r', ꜱ: 's', ᴛ: 't', ᴜ: 'u', ᴠ: 'v', ᴡ: 'w', ʏ: 'y', ᴢ: 'z',
});
// Cherokee letters that read as Latin capitals (Unicode's confusables; Ꮎ and Ꭴ, listed there as Θ and O', as O):
// "[ᏒᎾᎾᎢ?ᎪᏞᏞ]" is lower-cased before it is read, so the capitals' lower-case forms are folded, and the capitals too
// for the rules that read case.
const cherokee: [string, string][] = [
  ['Ꭰ', 'D'], ['Ꭱ', 'R'], ['Ꭲ', 'T'], ['Ꭹ', 'Y'], ['Ꭺ', 'A'], ['Ꭻ', 'J'], ['Ꭼ', 'E'], ['Ꮃ', 'W'], ['Ꮇ', 'M'], ['Ꮋ', 'H'],
  ['Ꮍ', 'Y'], ['Ꮐ', 'G'], ['Ꮓ', 'Z'], ['Ꮢ', 'R'], ['Ꮤ', 'W'], ['Ꮥ', 'S'], ['Ꮩ', 'V'], ['Ꮪ', 'S'], ['Ꮮ', 'L'], ['Ꮯ', 'C'],
  ['Ꮲ', 'P'], ['Ꮶ', 'K'], ['Ᏻ', 'G'], ['Ᏼ', 'B'], ['Ꮎ', 'O'], ['Ꭴ', 'O'], ['Ꭵ', 'i'], ['Ꮒ', 'h'], ['Ꮟ', 'b'], ['Ꮷ', 'd'],
];
for (const [letter, latin] of cherokee) homoglyphs[letter.toLowerCase()] = latin.toLowerCase();
const homoglyphPattern = new RegExp(`[${Object.keys(homoglyphs).join('')}]`, 'g');

// The chain's checks each ask for the same text in turn; remembering the last one saves repeating the work.
let last: { text: string; result: GuardText } | undefined;

export function guardText(text: string): GuardText {
  if (last?.text === text) return last.result;
  const plain = composeLooseJamo(normalizeText(text).text.toLowerCase().replace(homoglyphPattern, (char) => homoglyphs[char] ?? char));
  const result = { plain };
  last = { text, result };
  return result;
}

// Three or more one-syllable Hangul words in a row, apart by spaces or tabs (not line breaks), or by a dot, a slash, a
// comma, an underscore, an asterisk, a tilde or a dash (자.살.하.는.방.법, 랜/섬/웨/어).
const spacedSyllables = /(?<![가-힣])[가-힣](?:(?:[^\S\n]+|[^\S\n]*[.·/,_*~ㅡ-][^\S\n]*)[가-힣](?![가-힣])){2,}/g;

/**
 * The plain text with syllables set apart read as one word: "자 살 하 는 방 법" is 자살하는방법, "랜 섬 웨 어 코 드" is
 * 랜섬웨어코드. Null when the text has no such run. Ordinary Korean rarely has three one-syllable words in a row, and
 * where it does (그 외 몇 개), joined they spell nothing a rule reads.
 */
export function joinSpacedSyllables(plain: string): string | null {
  spacedSyllables.lastIndex = 0;
  let joined = spacedSyllables.test(plain) ? plain.replace(spacedSyllables, (run) => run.replace(/[\s.·/,_*~ㅡ-]+/g, '')) : plain;
  // Two pieces of one of the words harm is asked with (자 살, 마 약, 필로 폰), and a place's particle set apart from it
  // (학교 에 칼): joined, where three syllables in a row would be too few to tell.
  joined = joined.replace(splitWord, (pair) => pair.replace(/[^\S\n]+/g, '')).replace(splitParticle, '$1$2');
  return joined === plain ? null : joined;
}
const splitWords = [
  '자살', '자해', '마약', '대마', '대마초', '필로폰', '코카인', '헤로인', '펜타닐', '엑스터시', '폭탄', '폭약', '사제폭탄', '총기', '권총',
  '살인', '살해', '청부', '테러', '해킹', '랜섬웨어', '악성코드', '피싱', '보이스피싱', '스미싱', '성매매', '몸캠', '독극물', '청산가리',
  '염산', '방화', '납치', '유괴', '강간', '성폭행', '음란물', '야동', '도박',
];
// Each of them cut in two by spaces, at any syllable, as whole words (총 기간 and 마 약속 stay apart): one scan.
const splitWord = new RegExp(`(?<![가-힣])(?:${splitWords.flatMap((word) => [...word].slice(1).map((_, cut) => `${word.slice(0, cut + 1)}[^\\S\\n]+${word.slice(cut + 1)}`)).join('|')})(?![가-힣])`, 'g');
// A particle of place or object written apart from its word (학교 에, 칼 을).
const splitParticle = /([가-힣])[^\S\n]+(에서|에다가?|에|을|를|으로)(?![가-힣])/g;

// Hangul letters typed one by one as compatibility jamo (ㅈㅏㅅㅏㄹ), which no normalisation composes: initials, vowels
// and finals in the order of Unicode's syllable formula.
const initials = 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ';
const vowels = 'ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ';
const finals = ' ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ';
// A run with a consonant before a vowel: ㅋㅋㅋ, ㅠㅠ and 초성 abbreviations (ㅈㅅ) have none and stay as they are.
const looseJamo = /[ㄱ-ㅎ][ㅏ-ㅣ][ㄱ-ㅣ]*/g;

/** Letters typed apart composed into syllables: "ㅈㅏㅅㅏㄹ" is 자살, "ㅍㅗㄱㅌㅏㄴ" is 폭탄. */
export function composeLooseJamo(text: string): string {
  if (!/[ㄱ-ㅎ][ㅏ-ㅣ]/.test(text)) return text;
  return text.replace(looseJamo, (run) => {
    let out = '';
    let index = 0;
    while (index < run.length) {
      const initial = initials.indexOf(run[index]!);
      const vowel = index + 1 < run.length ? vowels.indexOf(run[index + 1]!) : -1;
      if (initial < 0 || vowel < 0) {
        out += run[index]!;
        index++;
        continue;
      }
      // A consonant after the vowel is this syllable's final unless a vowel follows it (then it starts the next one).
      const next = run[index + 2];
      const following = run[index + 3];
      const final = next !== undefined && (following === undefined || !vowels.includes(following)) ? finals.indexOf(next) : -1;
      out += String.fromCharCode(0xac00 + (initial * 21 + vowel) * 28 + Math.max(0, final));
      index += final > 0 ? 3 : 2;
    }
    return out;
  });
}

// Capital look-alikes too, for rules that read case ("TOP ЅECRET" with a Cyrillic Ѕ is the marking TOP SECRET).
const upperHomoglyphs: Record<string, string> = {
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', Ѕ: 'S', І: 'I', Ј: 'J', Ү: 'Y',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
};
for (const [letter, latin] of cherokee) upperHomoglyphs[letter] = latin;
const anyHomoglyph = new RegExp(`[${Object.keys(homoglyphs).join('')}${Object.keys(upperHomoglyphs).join('')}]`, 'g');

/**
 * The text as rules that report spans read it (markings, credentials): normalised like `guardText` (NFKC,
 * invisible characters removed, look-alikes folded) but with its case kept, and a way back to the original's
 * offsets. "대\u200b외비", "TOP ЅECRET" and "pass\u200bword=…" are read as what they show.
 */
export type SpanView = { text: string; toOriginal(start: number, end: number): { start: number; end: number } };

// The classified and secrets checks ask for the same text in turn, as with `guardText`.
let lastView: { text: string; view: SpanView } | undefined;

export function spanView(text: string): SpanView {
  if (lastView?.text === text) return lastView.view;
  // Escapes are read as what they spell (&#45824;&#50808;&#48708; is 대외비, password%3D… is password=…), as for
  // personal data; a span maps back through the normalisation, then through the escapes.
  const decoded = decodeEscapes(text);
  const normalized = normalizeText(decoded?.text ?? text);
  // One code unit for one: the folded text keeps the normalised text's offsets.
  const folded = normalized.text.replace(anyHomoglyph, (char) => upperHomoglyphs[char] ?? homoglyphs[char] ?? char);
  const toOriginal = (start: number, end: number) => {
    const span = toOriginalSpan(normalized, start, end);
    return decoded ? decoded.toOriginal(span.start, span.end) : span;
  };
  const view: SpanView = { text: folded, toOriginal };
  lastView = { text, view };
  return view;
}
