/**
 * One scan per text that the structured recognizers share. Their patterns refuse a digit (or a letter) just before
 * a match, so every match begins at the first digit of a run of digits, or a fixed few characters before one (a
 * region name, a passport letter, `+82`). Each recognizer runs its expression, sticky, only at those places instead
 * of searching the whole text: a text without digits costs them one pass over its char codes.
 */

// The last text scanned: the recognizers of one `detectPii` call ask for the same string in turn.
let last: { text: string; runs: DigitRuns } | undefined;
/**
 * What may stand between the digit groups of a number (`groupSeparator`, optional in the patterns): a hyphen, dot or
 * space as written, and what pastes and evasion leave there — a tab (one cell per group from a spreadsheet), a line
 * break (a number wrapped in a PDF), a slash, an underscore, a colon, a bar, a tilde or a run of hyphens
 * (900101/1234567, 010_1234_5678, 900101|1234567).
 * Spaces around a hyphen are folded by `normalize-text.ts` first.
 */
export const groupSeparator = '(?:[-. /_:|~\\t\\v\\f]|-?\\r?\\n|-{2,3})';
const wholeGroupSeparator = new RegExp(`^${groupSeparator}$`);

/**
 * `chains[i]`: the digits of run `i` and of the runs after it joined one to the next by one `groupSeparator`
 * (`010-1234-5678` is one chain of 11 digits): no pattern built of digits and such separators matches more.
 */
type DigitRuns = { starts: number[]; lengths: number[]; chains: number[] };
// The regular-expression engine finds the next digit faster than a loop over char codes. No look-behind: the search
// starts at the text's start or right after a run, so the digit it finds is always a run's first.
const firstDigit = /[0-9]/g;

/** The runs of ASCII digits in `text`: where each starts (ascending) and how long it is. */
export function digitRuns(text: string): DigitRuns {
  if (last?.text === text) return last.runs;
  const runs: DigitRuns = { starts: [], lengths: [], chains: [] };
  firstDigit.lastIndex = 0;
  while (firstDigit.test(text)) {
    const start = firstDigit.lastIndex - 1;
    let end = start + 1;
    while (end < text.length && isDigit(text.charCodeAt(end))) end++;
    runs.starts.push(start);
    runs.lengths.push(end - start);
    firstDigit.lastIndex = end;
  }
  const { starts, lengths, chains } = runs;
  for (let run = starts.length - 1; run >= 0; run--) {
    const end = starts[run]! + lengths[run]!;
    const joined = run + 1 < starts.length && separatorBetween(text, end, starts[run + 1]!);
    chains[run] = lengths[run]! + (joined ? chains[run + 1]! : 0);
  }
  last = { text, runs };
  return runs;
}

/** Character tests the recognizers share: an ASCII digit, a Hangul syllable (U+AC00–U+D7A3). */
export const isDigit = (code: number) => code >= 48 && code <= 57;
export const isHangulSyllable = (code: number) => code >= 0xac00 && code <= 0xd7a3;
// - . space / _ : | ~ tab, vertical tab, form feed, line feed (a carriage return only before a line feed)
const isSeparator = (code: number) => code === 45 || code === 46 || code === 32 || code === 47 || code === 95 || code === 58 || code === 124 || code === 126
  || (code >= 9 && code <= 12);

/** Whether text[from, to) is one `groupSeparator` (one to three characters: -\r\n and --- are the longest). */
function separatorBetween(text: string, from: number, to: number): boolean {
  if (to === from + 1) return isSeparator(text.charCodeAt(from));
  return to > from + 1 && to <= from + 3 && wholeGroupSeparator.test(text.slice(from, to));
}

/**
 * Where a match may begin when it begins `offsets` (each ≤ 0) characters before a run of digits that `filter`
 * accepts: ascending, without duplicates, never negative.
 */
export function startsBeforeDigits(text: string, offsets: readonly number[], filter: RunFilter): number[] {
  const { starts: runStarts, lengths, chains } = digitRuns(text);
  const starts: number[] = [];
  for (let run = 0; run < runStarts.length; run++) {
    if (!accepts(filter, text, runStarts[run]!, lengths[run]!, chains[run]!)) continue;
    for (const offset of offsets) {
      const start = runStarts[run]! + offset;
      if (start < 0) continue;
      // Runs closer together than the offsets reach interleave: insert in order (the list is nearly sorted).
      let at = starts.length;
      while (at > 0 && starts[at - 1]! > start) at--;
      if (at > 0 && starts[at - 1] === start) continue;
      if (at === starts.length) starts.push(start);
      else starts.splice(at, 0, start);
    }
  }
  return starts;
}

/**
 * Which runs of digits a pattern can begin with: their lengths, the digits their chain holds at least, and optionally
 * a test of the characters beside the run that every match needs (a plate's letter after its digits, a passport's
 * letter before them). Running an expression costs far more than these tests, and most runs fail them: the years,
 * amounts and counts of ordinary prose.
 */
export type RunFilter = {
  lengths: readonly number[];
  minChain: number;
  /** Whether a match may hold the run of digits from `start` to `end` (a necessary condition, never a sufficient one). */
  beside?: (text: string, start: number, end: number) => boolean;
};

function accepts(filter: RunFilter, text: string, start: number, length: number, chain: number): boolean {
  return chain >= filter.minChain && filter.lengths.includes(length) && (filter.beside === undefined || filter.beside(text, start, start + length));
}

/**
 * `matchesAt` for matches that begin `offset` (≤ 0) characters before a run of digits that `filter` accepts,
 * without building the list of starts (they are ascending already).
 */
export function matchesBeforeDigits(text: string, pattern: RegExp, offset: number, filter: RunFilter): RegExpExecArray[] {
  const { starts, lengths, chains } = digitRuns(text);
  const matches: RegExpExecArray[] = [];
  let resumeAt = 0;
  for (let run = 0; run < starts.length; run++) {
    const start = starts[run]! + offset;
    if (start < resumeAt || !accepts(filter, text, starts[run]!, lengths[run]!, chains[run]!)) continue;
    pattern.lastIndex = start;
    const match = pattern.exec(text);
    if (!match) continue;
    matches.push(match);
    resumeAt = start + Math.max(1, match[0].length);
  }
  return matches;
}

/**
 * The matches a global search with `pattern` would find, trying only at `starts` (ascending). `pattern` must be
 * sticky (`y`) and no match may begin anywhere else; after a match the search resumes at its end, as `matchAll`
 * does.
 */
export function matchesAt(text: string, pattern: RegExp, starts: readonly number[]): RegExpExecArray[] {
  const matches: RegExpExecArray[] = [];
  let resumeAt = 0;
  for (const start of starts) {
    if (start < resumeAt) continue;
    pattern.lastIndex = start;
    const match = pattern.exec(text);
    if (!match) continue;
    matches.push(match);
    resumeAt = start + Math.max(1, match[0].length);
  }
  return matches;
}
