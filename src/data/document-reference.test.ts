import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { documentKey } from './document-reference.js';

test('documentKey: a file from disk by its absolute path, an upload by its base name; the two never collide', () => {
  assert.equal(documentKey({ fileName: '붙임1.hwp', path: '/srv/문서/기획조정실/../감사관실/붙임1.hwp' }), '/srv/문서/감사관실/붙임1.hwp');
  assert.equal(documentKey({ fileName: '붙임1.hwp', path: '기획조정실/붙임1.hwp' }), resolve('기획조정실/붙임1.hwp'));
  assert.equal(documentKey({ fileName: '붙임1.hwp' }), '붙임1.hwp');
  assert.equal(documentKey({ fileName: 'uploads/붙임1.hwp', path: null }), '붙임1.hwp');
  assert.notEqual(documentKey({ fileName: '붙임1.hwp' }), documentKey({ fileName: '붙임1.hwp', path: '붙임1.hwp' }));
});
