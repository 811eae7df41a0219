import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

// The sources, not the compiled files: the shapes below are easiest to see in what people edit. All of src/: the
// guard reads every prompt, and the parsers read every uploaded file (a Markdown table rule had the first shape).
const sourceDirectory = new URL('../../src/', import.meta.url);
const sources = readdirSync(sourceDirectory, { recursive: true, encoding: 'utf8' })
  .filter((path) => path.endsWith('.ts') && !path.endsWith('.test.ts'))
  .map((path) => ({ path, text: readFileSync(new URL(path, sourceDirectory), 'utf8') }));

/**
 * Patterns that can read one run of whitespace in many ways, found in a source text: two `\s*` around an optional
 * group (`\s*(?:을|를)?\s*`: quadratic in the run's length; three in a row made "[" and 4,000 spaces take 34 s), and
 * a line start followed by `\s*`, which also eats the following line breaks (quadratic over blank lines).
 */
function ambiguousWhitespace(text: string): string[] {
  const found: string[] = [];
  for (const whitespace of ['\\\\s*', '\\s*']) {
    for (let index = text.indexOf(whitespace); index >= 0; index = text.indexOf(whitespace, index + 1)) {
      if (whitespace === '\\s*' && text[index - 1] === '\\') continue;
      // The element after the `\s*`: a group (nested groups included), a character class, an escaped character
      // (as many backslashes as the source's escaping uses) or one plain character.
      const start = index + whitespace.length;
      const opening = text[start];
      let end = start;
      if (opening === '(' || opening === '[') {
        const closing = opening === '(' ? ')' : ']';
        let depth = 0;
        for (; end < text.length; end++) {
          if (text[end] === '\\') { end++; continue; }
          if (text[end] === opening) depth++;
          if (text[end] === closing && --depth === 0) break;
        }
      } else if (opening === '\\') {
        while (text[end] === '\\') end++;
      } else if (opening === undefined || /[\s'`"/)|]/.test(opening)) {
        continue;
      }
      if (text.startsWith(`?${whitespace}`, end + 1)) found.push(text.slice(index, end + 2 + whitespace.length));
    }
  }
  // A line start (`(?:^|\n)`, or `^` in a multi-line literal) followed by `\s*`, which also eats the next line breaks.
  for (const shape of [/\(\?:\^\|\\\\?n\)\\\\?s\*/g, /\^\\s\*[^\n]*\/[a-z]*m[a-z]*(?![a-z])/g]) found.push(...(text.match(shape) ?? []));
  return found;
}

test('no pattern in src/ reads a run of whitespace two ways (write an optional word with its own trailing \\s*)', () => {
  assert.ok(sources.length > 100, `read ${sources.length} source files`);
  for (const { path, text } of sources) assert.deepEqual(ambiguousWhitespace(text), [], path);
  // The detector itself: both shapes, escaped as in string sources and as in regular-expression literals.
  assert.equal(ambiguousWhitespace(String.raw`/a\s*(?:을|를)?\s*b/`).length, 1);
  assert.equal(ambiguousWhitespace(String.raw`'a\\s*(?:(?:x|y)(?:z)?)?\\s*b'`).length, 1);
  assert.equal(ambiguousWhitespace(String.raw`/(?:^|\n)\s*\[/`).length, 1);
  assert.equal(ambiguousWhitespace(String.raw`/은행\s*[:：]?\s*$/`).length, 1);
  assert.equal(ambiguousWhitespace(String.raw`/기밀|^\s*비공개\s*$/gm`).length, 1);
  assert.deepEqual(ambiguousWhitespace(String.raw`/^\s*\|.*\|\s*$/`), []);
  assert.equal(ambiguousWhitespace(String.raw`/^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/`).length, 1); // the leading one; a starred group between two runs is not looked for
  assert.equal(ambiguousWhitespace(String.raw`'은행\\s*:?\\s*$'`).length, 1);
  assert.deepEqual(ambiguousWhitespace(String.raw`/a\s*(?:(?:을|를)\s*)?b/`), []);
});

/**
 * Pattern sources written as strings (the guard's word lists, scanned over the whole text) whose match can begin with
 * a run of whitespace: `'\\s*…'` or an optional group first (`'(?:gps|위치)?\\s*추적기'`). The engine tries them at
 * every character, and at each space the `\s*` reads the rest of the run: quadratic (a 64,000-space prompt took 7 s in
 * the safety check). Write the optional word with its own whitespace: `'(?:(?:gps|위치)\\s*)?추적기'`.
 */
function startsWithWhitespace(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/'(?=\\\\s\*|\(\?:)/g)) {
    const start = match.index + 1;
    if (text.startsWith('\\\\s*', start)) {
      found.push(text.slice(start, start + 24));
      continue;
    }
    // The optional group's end: its closing parenthesis, nested groups and escapes skipped, within the string.
    let depth = 0;
    let end = start;
    for (; end < text.length && text[end] !== "'"; end++) {
      if (text[end] === '\\') { end++; continue; }
      if (text[end] === '(') depth++;
      if (text[end] === ')' && --depth === 0) break;
    }
    if (text.startsWith(')?\\\\s*', end)) found.push(text.slice(start, end + 6));
  }
  return found;
}

test('no pattern source in src/ can begin its match with a run of whitespace (give an optional first word its own \\s*)', () => {
  for (const { path, text } of sources) assert.deepEqual(startsWithWhitespace(text), [], path);
  assert.equal(startsWithWhitespace(String.raw`['(?:gps|위치)?\\s*추적기']`).length, 1);
  assert.equal(startsWithWhitespace(String.raw`['\\s*x']`).length, 1);
  assert.deepEqual(startsWithWhitespace(String.raw`['(?:(?:gps|위치)\\s*)?추적기', '(?:a|b)\\s*c']`), []);
});
