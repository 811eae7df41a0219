import type { PiiCandidate, PiiRecognizer } from '../pii-types.js';
import {
  bareWordEndings, commonThreeSyllableWords, commonWordEndings, doubleSurnames, givenNameSyllables, honorificNouns,
  nameLabels, rolesBefore, strongNameLabels, surnames, titlesAfter, westernGivenNames,
} from './person-lexicon.js';

/**
 * Person names (PERSON), without a model: labels (성명: 홍길동), titles and honorifics after a name (김철수 과장,
 * 예지 씨), roles before it (배우 조승우), Western given names (제임스 맥어보이), and bare Korean full names
 * (surname + two given syllables followed by a particle). A name found once with evidence is found again wherever
 * it recurs in the same text.
 */
const particles = [
  '에게서', '에게', '한테', '께서', '이랑', '으로', '처럼', '보다', '과의', '와의', '이가', '이는', '이의', '이를', '이도', '이와',
  '이에게', '때문에', '에서', '까지', '부터', '만큼', '같이', '이나', '하고', '조차', '마저', '이며', '이고', '이다', '였다',
  '이었다', '에게는', '에게도', '과는', '와는', '과도', '와도', '으로서', '로서', '이라는', '라는', '이란', '란',
  '이', '가', '은', '는', '을', '를', '의', '와', '과', '도', '만', '랑', '로', '께', '측',
];
const particleSet = new Set(particles);
const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternation = (words: readonly string[]) => [...words].sort((a, b) => b.length - a.length).map(escape).join('|');

const labelPattern = new RegExp(`(?<![가-힣])(${alternation(nameLabels)})(?:\\s*[:：]\\s*|\\s+)([가-힣]{2,6})`, 'g');
const titlePattern = new RegExp(`(?<![가-힣])([가-힣]{2,4}?)(\\s?)(${alternation(titlesAfter)})(?![가-힣])`, 'g');
const titleThenParticle = new RegExp(`(?<![가-힣])([가-힣]{2,4}?)(\\s?)(${alternation(titlesAfter)})(${alternation(particles)})(?![가-힣])`, 'g');
const rolePattern = new RegExp(`(?<![가-힣])(?:${alternation(rolesBefore)})\\s([가-힣]{2,6})`, 'g');
const westernPattern = new RegExp(`(?<![가-힣])(?:${alternation(westernGivenNames)})\\s[가-힣]{1,6}`, 'g');
const hangulRun = /[가-힣]+/g;
const courtesyTitles = new Set(['씨', '님', '선생님', '선생', '여사', '언니', '오빠', '누나', '선배', '후배']);
// After a bare name only the particles names most often take; 만/도/로 follow ordinary nouns far more often.
const bareNameParticles = new Set(['의', '이', '가', '은', '는', '을', '를', '와', '과', '에게', '한테', '께서', '과의', '와의', '이랑', '처럼', '보다', '때문에', '에게는']);

export const personNameRecognizer: PiiRecognizer = {
  name: 'person-name',
  types: ['PERSON'],
  recognize(text) {
    if (!/[가-힣]/.test(text)) return [];
    const candidates = [
      ...fromLabels(text), ...fromTitles(text), ...fromRoles(text), ...fromWesternNames(text), ...fromBareNames(text),
    ];
    return [...candidates, ...recurrences(text, candidates)];
  },
};

/** A full Korean name: a surname (one or two syllables) and a given name of one or two syllables. */
function surnameLength(name: string): number {
  if (name.length >= 3 && doubleSurnames.some((surname) => name.startsWith(surname))) return 2;
  return surnames.has(name[0]!) ? 1 : 0;
}

/**
 * Surname + two given syllables. `strict` is for a name with no other evidence: every given syllable must be a
 * name syllable and the last must not be a noun-making suffix.
 */
function looksLikeFullName(name: string, strict = false): boolean {
  const surname = surnameLength(name);
  if (surname === 0 || name.length - surname !== 2) return false;
  if (commonThreeSyllableWords.has(name)) return false;
  if (![...name.slice(surname)].every((syllable) => givenNameSyllables.has(syllable))) return false;
  const last = name[name.length - 1]!;
  if (!strict) return !commonWordEndings.has(last) || /[기성인자]/.test(last);
  return !commonWordEndings.has(last) && !bareWordEndings.has(last);
}

/** Splits `홍길동이` into the name and what follows it; null when the rest is not a particle. */
function nameInRun(run: string): string | null {
  for (const length of [3, 4, 2]) {
    if (run.length < length) continue;
    const rest = run.slice(length);
    if (rest === '' || particleSet.has(rest)) {
      if (length === 4 && surnameLength(run) !== 2) continue;
      return run.slice(0, length);
    }
  }
  return null;
}

function fromLabels(text: string): PiiCandidate[] {
  const candidates: PiiCandidate[] = [];
  for (const match of text.matchAll(labelPattern)) {
    const run = match[2]!;
    const name = nameInRun(run) ?? (run.length <= 4 ? run : null);
    if (!name) continue;
    const start = match.index + match[0].length - run.length;
    // 성명/예금주 are followed by a name whatever it looks like; 담당/작성 only when it looks like one.
    const score = looksLikeFullName(name) ? 0.9 : strongNameLabels.has(match[1]!) && surnameLength(name) > 0 ? 0.6 : 0;
    if (score > 0) candidates.push({ type: 'PERSON', start, end: start + name.length, score });
  }
  return candidates;
}

function fromTitles(text: string): PiiCandidate[] {
  const candidates: PiiCandidate[] = [];
  for (const pattern of [titlePattern, titleThenParticle]) {
    for (const match of text.matchAll(pattern)) {
      const name = match[1]!;
      const title = match[3]!;
      const score = scoreWithTitle(name, title, match[2] === ' ');
      if (score > 0) candidates.push({ type: 'PERSON', start: match.index, end: match.index + name.length, score });
    }
  }
  return candidates;
}

function scoreWithTitle(name: string, title: string, spaced: boolean): number {
  if (looksLikeFullName(name)) return 0.85;
  // Given names alone (예지 씨) are taken with 씨 only: `X님` is mostly a job (형사님) and 씨 glued to a
  // non-surname is mostly a word (엠비씨).
  if (name.length === 2 && title === '씨' && !honorificNouns.has(name) && (spaced || surnames.has(name[0]!))) return spaced ? 0.6 : 0.55;
  if (name.length === 4 && surnameLength(name) === 2) return 0.8;
  return 0;
}

function fromRoles(text: string): PiiCandidate[] {
  const candidates: PiiCandidate[] = [];
  for (const match of text.matchAll(rolePattern)) {
    const run = match[1]!;
    const name = nameInRun(run);
    if (!name || !looksLikeFullName(name)) continue;
    const start = match.index + match[0].length - run.length;
    candidates.push({ type: 'PERSON', start, end: start + name.length, score: 0.85 });
  }
  return candidates;
}

function fromWesternNames(text: string): PiiCandidate[] {
  const candidates: PiiCandidate[] = [];
  for (const match of text.matchAll(westernPattern)) {
    const [given, family = ''] = match[0].split(' ');
    const familyName = stripParticle(family);
    if (familyName.length < 1) continue;
    candidates.push({ type: 'PERSON', start: match.index, end: match.index + given!.length + 1 + familyName.length, score: 0.7 });
  }
  return candidates;
}

function stripParticle(run: string): string {
  for (const particle of particles) {
    if (run.length > particle.length + 1 && run.endsWith(particle)) return run.slice(0, -particle.length);
  }
  return run;
}

/** Bare `홍길동이 …`: needs the particle (or punctuation) after it, which ordinary three-syllable words often lack. */
function fromBareNames(text: string): PiiCandidate[] {
  const candidates: PiiCandidate[] = [];
  for (const match of text.matchAll(hangulRun)) {
    const run = match[0];
    if (run.length < 3 || run.length > 6) continue;
    const name = nameInRun(run);
    if (!name || name.length !== 3 || !looksLikeFullName(name, true)) continue;
    const after = text.slice(match.index + run.length, match.index + run.length + 4);
    let score = 0;
    if (/^\s?\(\d{1,3}[)·,]/.test(after)) score = 0.8; // 조승우(35): the age in brackets, as news writes it
    else if (run.length > name.length) score = bareNameParticles.has(run.slice(name.length)) ? 0.55 : 0;
    else score = 0.5;
    if (score > 0) candidates.push({ type: 'PERSON', start: match.index, end: match.index + name.length, score });
  }
  return candidates;
}

/** Every other occurrence of a name already found, as a whole word (optionally with a particle). */
function recurrences(text: string, found: PiiCandidate[]): PiiCandidate[] {
  const names = new Map<string, number>();
  for (const candidate of found) {
    if (candidate.score < 0.55) continue;
    const name = text.slice(candidate.start, candidate.end);
    names.set(name, Math.max(names.get(name) ?? 0, candidate.score));
  }
  const repeats: PiiCandidate[] = [];
  for (const [name, score] of names) {
    let index = text.indexOf(name);
    while (index !== -1) {
      const before = index === 0 ? '' : text[index - 1]!;
      const rest = /^[가-힣]*/.exec(text.slice(index + name.length))![0];
      if (!/[가-힣]/.test(before) && (rest === '' || particleSet.has(rest) || courtesyTitles.has(rest))) {
        repeats.push({ type: 'PERSON', start: index, end: index + name.length, score });
      }
      index = text.indexOf(name, index + name.length);
    }
  }
  return repeats;
}
