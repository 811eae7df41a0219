import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Block, ParsedDocument } from './document-parser.js';
import { toMarkdown } from './render-markdown.js';
import { toText } from './render-text.js';

const document = (blocks: Block[]): ParsedDocument => ({ format: 'hwpx', blocks, headersFooters: [], metadata: {}, warnings: [] });
const item = (text: string, depth = 0, ordered = true): Block => ({ kind: 'list-item', text, ordered, depth });

test('a footnote attached to a numbered item does not restart the numbering; a paragraph does', () => {
  const parsed = document([
    item('첫째'), item('둘째'), { kind: 'note', noteKind: 'footnote', text: '각주 내용' }, item('셋째'),
    { kind: 'paragraph', text: '다음 절차' }, item('다시 첫째'),
  ]);
  assert.equal(toText(parsed), '1. 첫째\n2. 둘째\n\n각주 내용\n\n3. 셋째\n\n다음 절차\n\n1. 다시 첫째\n');
  assert.equal(toMarkdown(parsed), '1. 첫째\n2. 둘째\n\n> **각주:** 각주 내용\n\n3. 셋째\n\n다음 절차\n\n1. 다시 첫째\n');
});

test('text keeps the depth of a list that starts below level 0; Markdown does not indent it (four spaces would be code)', () => {
  const parsed = document([item('가', 1), item('나', 1), item('다', 0), item('라', 2, false)]);
  assert.equal(toText(parsed), '  1. 가\n  2. 나\n1. 다\n     • 라\n');
  assert.equal(toMarkdown(parsed), '1. 가\n2. 나\n1. 다\n   - 라\n');
});

test("an item's further lines stand under its text in plain text", () => {
  const parsed = document([item('신청 기한\n접수 후 7일 이내'), item('결과 통보', 1, false)]);
  assert.equal(toText(parsed), '1. 신청 기한\n   접수 후 7일 이내\n   • 결과 통보\n');
});
