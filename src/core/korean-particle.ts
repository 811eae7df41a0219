/**
 * Korean particles whose form depends on the final sound of the word before them (을/를, 이/가, 은/는, 과/와,
 * 으로/로). Messages fill values into templates, so the template cannot know the right form; `format` asks here.
 */

/** The final sound of a word as it is read: no final consonant, a final ㄹ, another final consonant. */
export type FinalSound = 'vowel' | 'rieul' | 'consonant';

const hangulFirst = 0xac00;
const hangulLast = 0xd7a3;
const rieulFinal = 8;

/** Korean readings of 0–9, written as their final sounds: 영 일 이 삼 사 오 육 칠 팔 구. */
const digitSounds: readonly FinalSound[] = ['consonant', 'rieul', 'vowel', 'consonant', 'vowel', 'vowel', 'consonant', 'rieul', 'rieul', 'vowel'];

/**
 * A whole number ending in zeros is read by its last place: 십 (10), 백 (100), 천 (1000), then 만, 억, 조, 경 for
 * each group of four digits. Only 조 ends in a vowel.
 */
function placeSound(trailingZeros: number): FinalSound {
  const inGroup = trailingZeros % 4;
  if (inGroup !== 0) return 'consonant'; // 십, 백, 천
  return Math.floor(trailingZeros / 4) === 3 ? 'vowel' : 'consonant'; // 만, 억, 조, 경, …
}

function numberSound(digits: string, hasFraction: boolean): FinalSound {
  const last = Number(digits.at(-1));
  if (hasFraction || last !== 0) return digitSounds[last]!;
  const trailingZeros = digits.length - digits.replace(/0+$/, '').length;
  if (trailingZeros === digits.length) return 'consonant'; // 영
  return placeSound(trailingZeros);
}

/** Drops what a particle does not attach to: trailing spaces and quotes, and a closing parenthetical. */
function spokenEnd(word: string): string {
  let end = word.replace(/[\s'"‘’“”」』》〉]+$/u, '');
  const parenthetical = /\s*[(（[][^()（）[\]]*[)）\]]$/u.exec(end);
  if (parenthetical && parenthetical.index > 0) end = end.slice(0, parenthetical.index);
  return end.replace(/[\s'"‘’“”」』》〉]+$/u, '');
}

/**
 * The final sound of a word, or undefined when it cannot be told from the text: Latin letters and symbols are read
 * in too many ways (`openai`, `k_7` …) to guess.
 */
export function finalSound(word: string): FinalSound | undefined {
  const end = spokenEnd(word);
  const number = /(\d[\d,]*)(\.\d+)?$/u.exec(end);
  if (number) {
    const whole = number[1]!.replace(/,/g, '');
    return number[2] ? numberSound(number[2].slice(1), true) : numberSound(whole, false);
  }
  const code = end.codePointAt(end.length - 1);
  if (code === undefined || code < hangulFirst || code > hangulLast) return undefined;
  const final = (code - hangulFirst) % 28;
  if (final === 0) return 'vowel';
  return final === rieulFinal ? 'rieul' : 'consonant';
}

/** Each particle, with the form after a final consonant first. 으로/로 is special: ㄹ takes 로. */
const particlePairs = [
  ['을', '를'],
  ['이', '가'],
  ['은', '는'],
  ['과', '와'],
  ['으로', '로'],
] as const;

/** A particle named by either of its forms: '과' and '와' mean the same particle. */
export type Particle = (typeof particlePairs)[number][number];

/** The combined form used when the sound is unknown: 을(를), 이(가), 은(는), 과(와), (으)로. */
function bothForms([afterConsonant, afterVowel]: readonly [string, string]): string {
  return afterConsonant === '으로' ? '(으)로' : `${afterConsonant}(${afterVowel})`;
}

/** The particle form that fits `word`; both forms (을(를)) when the word's final sound is unknown. */
export function particleFor(word: string, particle: Particle): string {
  const pair = particlePairs.find((forms) => (forms as readonly string[]).includes(particle))!;
  const sound = finalSound(word);
  if (sound === undefined) return bothForms(pair);
  if (sound === 'vowel' || (sound === 'rieul' && pair[0] === '으로')) return pair[1];
  return pair[0];
}

/** `word` followed by the particle form that fits it, e.g. withParticle('버전 2', '과') → '버전 2와'. */
export function withParticle(word: string, particle: Particle): string {
  return word + particleFor(word, particle);
}

/** Every way a template may write a particle after a slot, mapped to the particle it means. Longest first. */
const writtenForms: ReadonlyArray<readonly [string, Particle]> = particlePairs.flatMap((pair) => {
  const [afterConsonant, afterVowel] = pair;
  const combined: Array<readonly [string, Particle]> = afterConsonant === '으로'
    ? [['(으)로', afterConsonant]]
    : [[`${afterConsonant}(${afterVowel})`, afterConsonant], [`${afterVowel}(${afterConsonant})`, afterConsonant]];
  return [...combined, [afterConsonant, afterConsonant] as const, [afterVowel, afterConsonant] as const];
}).sort((a, b) => b[0].length - a[0].length);

/**
 * If `text` starts with a particle (after optional closing quotes), returns the quotes, the particle as written and
 * the particle it means. A bare particle counts only when no Hangul follows it, so `{n}개` or `{x}가능` are not
 * mistaken for particles. After a closing parenthesis the particle belongs to the word before the parenthesis
 * (커피(coffee)를), which is not the slot's value, so that case is left alone.
 */
export function leadingParticle(text: string): { closers: string; written: string; particle: Particle } | undefined {
  const closers = /^['"‘’“”」』》〉]*/u.exec(text)![0];
  const rest = text.slice(closers.length);
  for (const [written, particle] of writtenForms) {
    if (!rest.startsWith(written)) continue;
    const combined = written.includes('(');
    if (!combined && /^[\uac00-\ud7a3]/u.test(rest.slice(written.length))) continue;
    return { closers, written, particle };
  }
  return undefined;
}
