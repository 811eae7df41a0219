import type { Block, ParsedDocument } from './parsers/index.js';

/**
 * Cleaning before chunking: Unicode NFC, whitespace and OCR artifacts. It works inside lines and never
 * adds or removes a line break, because citations count 1-based lines of the source file from each
 * block's line span: a block of n lines stays n lines.
 */

// Invisible characters that split words for no reader: soft hyphen, zero-width space/joiners, BOM, word joiner.
const invisible = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
// Spaces of other widths (NBSP, ideographic space, thin spaces) read as one plain space.
const oddSpaces = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]/g;
// Four or more of the same punctuation: dot leaders of a table of contents, OCR stutter ("!!!!", "・・・・").
const repeatedPunctuation = /([.·•・…\-_=~*!?,])\1{3,}/g;
// A word broken at the line end by a hyphen, continued in lower case or Hangul on the next line.
const brokenWordEnd = /([A-Za-z가-힣])-$/;
const continuation = /^([a-z가-힣][^\s]*)\s*/;

// Compatibility jamo (ㄱ…ㅎ, ㅏ…ㅣ) that OCR and some HWP converters emit instead of syllables.
const compatibilityInitials = 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ';
const compatibilityVowels = 'ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ';
const compatibilityFinals = ' ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ';
const brokenSyllable = /([ㄱ-ㅎ])([ㅏ-ㅣ])(?:([ㄱ-ㅎ])(?![ㅏ-ㅣ]))?/g;

/** Composes an initial + vowel (+ final) of compatibility jamo into one syllable; list markers like "ㄱ." stay. */
function composeJamo(line: string): string {
  if (!/[ㄱ-ㅎ][ㅏ-ㅣ]/.test(line)) return line;
  return line.replace(brokenSyllable, (whole, initial: string, vowel: string, final: string | undefined) => {
    const l = compatibilityInitials.indexOf(initial);
    const v = compatibilityVowels.indexOf(vowel);
    const t = final ? compatibilityFinals.indexOf(final) : 0;
    if (l < 0 || v < 0 || t < 0) return whole;
    return String.fromCharCode(0xac00 + (l * 21 + v) * 28 + t);
  });
}

/** One line, normalised; never contains a line break. */
export function cleanLine(line: string): string {
  let cleaned = line.normalize('NFC').replace(invisible, '').replace(oddSpaces, ' ');
  cleaned = composeJamo(cleaned).replace(repeatedPunctuation, '$1$1$1');
  // Leading indentation is structure (nested lists, code); inner runs of spaces are layout noise.
  const indent = /^ */.exec(cleaned)![0];
  return indent + cleaned.slice(indent.length).replace(/ {2,}/g, ' ').trimEnd();
}

/** Cleans every line of a text and rejoins hyphenated words, keeping the number of lines. */
export function cleanLines(text: string): string {
  const lines = text.split('\n').map(cleanLine);
  for (let index = 0; index + 1 < lines.length; index++) {
    const end = brokenWordEnd.exec(lines[index]!);
    const next = end && continuation.exec(lines[index + 1]!);
    if (!end || !next) continue;
    // The word moves up whole onto the line where it starts; the next line keeps its place, shorter.
    lines[index] = lines[index]!.slice(0, -1) + next[1];
    lines[index + 1] = lines[index + 1]!.slice(next[0].length);
  }
  return lines.join('\n');
}

function cleanBlock(block: Block): Block {
  if (block.kind === 'table') {
    return { ...block, rows: block.rows.map((row) => row.map((cell) => cleanLine(cell.replace(/\n/g, ' ')))), ...(block.caption ? { caption: cleanLine(block.caption) } : {}) };
  }
  return { ...block, text: cleanLines(block.text) };
}

/** The document with every block cleaned; spans, pages and structure unchanged. */
export function cleanDocument(document: ParsedDocument): ParsedDocument {
  return {
    ...document,
    ...(document.title ? { title: cleanLine(document.title) } : {}),
    blocks: document.blocks.map(cleanBlock),
    headersFooters: document.headersFooters.map(cleanLines),
  };
}
