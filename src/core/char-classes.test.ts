import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codePointClass, hangul, letter, number, unitClass, whitespace } from './char-classes.js';

test('the class table agrees with the regular expressions it stands for, on every UTF-16 unit', () => {
  for (let code = 0; code < 0x10000; code++) {
    const character = String.fromCharCode(code);
    const classes = unitClass(code);
    assert.equal(Boolean(classes & whitespace), /\s/.test(character), `\\s ${code}`);
    assert.equal(Boolean(classes & letter), /\p{L}/u.test(character), `\\p{L} ${code}`);
    assert.equal(Boolean(classes & number), /\p{N}/u.test(character), `\\p{N} ${code}`);
    assert.equal(Boolean(classes & hangul), /\p{Script=Hangul}/u.test(character), `Hangul ${code}`);
  }
});

test('a surrogate pair is one code point; a lone surrogate has no class', () => {
  assert.equal(codePointClass('𠀀', 0) & letter, letter); // U+20000, a Han letter
  assert.equal(codePointClass('𝟘', 0) & number, number); // U+1D7D8, a digit
  assert.equal(codePointClass('😀', 0), codePointClass('😀', 0) & ~(letter | number | whitespace | hangul));
  assert.equal(codePointClass('\ud800a', 0) & (letter | number), 0);
  assert.equal(codePointClass('a\udc00', 1) & (letter | number), 0);
});
