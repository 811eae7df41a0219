import type { Block, DocumentParser } from './document-parser.js';
import { cellText, DocumentBuilder } from './document-builder.js';
import { checkInput, extensionOf } from './input-checks.js';
import { withArticleHeadings } from './heading-inference.js';
import { guardedParse } from './parse-failure.js';
import { decodeText, splitLines } from './text-decoding.js';

const headingPattern = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const listPattern = /^(\s*)([-*+]|\d{1,9}[.)])\s+(.*)$/;
const tableRowPattern = /^\s*\|.*\|\s*$/;
// Each optional pipe carries its own trailing spaces, so a run of spaces is read one way only ("--" and 8,000 spaces
// took 107 ms, quadratic, with an optional pipe between two runs of spaces; test/regex-shapes.test.ts
// scans for the shape).
const tableRulePattern = /^\s*(?:\|\s*)?:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*(?:\|\s*)?$/;

/**
 * Markdown, line-based: ATX headings, list items (depth from indentation), pipe tables, fenced code
 * and paragraphs, each with its line span. Enough structure for chunking; inline markup stays as text.
 */
export const markdownParser: DocumentParser = {
  formats: ['md'],
  canParse: (_bytes, fileName) => ['md', 'markdown'].includes(extensionOf(fileName)),
  parse: (bytes, _fileName, limits) =>
    guardedParse(() => {
      checkInput(bytes, limits);
      const lines = splitLines(decodeText(bytes).text);
      const builder = new DocumentBuilder('md');
      let index = 0;
      while (index < lines.length) {
        const consumed = readBlock(lines, index, (block) => builder.add(block));
        index += Math.max(1, consumed);
      }
      const title = builder.blocks.find((block) => block.kind === 'heading' && block.level === 1);
      // A regulation in Markdown styles its chapters and writes its articles as paragraphs: they are headings too.
      return withArticleHeadings(builder.build(title && title.kind === 'heading' ? { title: title.text } : {}));
    }),
};

/** Reads one block starting at `start`; returns how many lines it used. */
function readBlock(lines: string[], start: number, add: (block: Block) => void): number {
  const line = lines[start]!;
  const span = (end: number): [number, number] => [start + 1, end];
  if (line.trim() === '') return 1;
  const heading = headingPattern.exec(line);
  if (heading) {
    add({ kind: 'heading', level: heading[1]!.length, text: heading[2]!, lines: span(start + 1) });
    return 1;
  }
  if (/^\s*(```|~~~)/.test(line)) {
    const fence = line.trim().slice(0, 3);
    let end = start + 1;
    while (end < lines.length && !lines[end]!.trim().startsWith(fence)) end++;
    add({ kind: 'paragraph', text: lines.slice(start + 1, end).join('\n'), lines: span(Math.min(end + 1, lines.length)) });
    return end - start + 1;
  }
  const item = listPattern.exec(line);
  if (item) {
    add({ kind: 'list-item', ordered: /\d/.test(item[2]!), depth: Math.floor(item[1]!.replace(/\t/g, '    ').length / 2), text: item[3]!, lines: span(start + 1) });
    return 1;
  }
  if (tableRowPattern.test(line) && tableRulePattern.test(lines[start + 1] ?? '')) {
    let end = start + 2;
    while (end < lines.length && tableRowPattern.test(lines[end]!)) end++;
    const rows = [line, ...lines.slice(start + 2, end)].map(splitTableRow);
    // The rule under the header is no row: the rows after it are one line further down than their index says.
    const rowLines = rows.map((_, index) => (index === 0 ? start + 1 : start + 2 + index));
    add({ kind: 'table', rows, rowLines, lines: span(end) });
    return end - start;
  }
  let end = start + 1;
  while (end < lines.length && lines[end]!.trim() !== '' && !headingPattern.test(lines[end]!) && !listPattern.test(lines[end]!) && !/^\s*(```|~~~)/.test(lines[end]!)) end++;
  // A line in bold on its own over the text it introduces ("**Q4. 상시학습 시간은 몇 시간인가요?**" over "A. 연간 80시간
  // 이상입니다.", "**제3조(근무시간)**"), or a bold question alone: a heading, as FAQs and notices written in Markdown
  // mean it. Deepest level, so it sits under the styled headings before it.
  const bold = boldLinePattern.exec(line);
  if (bold && bold[2]!.length <= 100 && (end - start > 1 || /[?？]$|^Q\s*\d*[.:)]/i.test(bold[2]!.trim()))) {
    add({ kind: 'heading', level: 6, text: bold[2]!.trim(), lines: span(start + 1) });
    if (end - start > 1) add({ kind: 'paragraph', text: lines.slice(start + 1, end).map((text) => text.replace(/^\s*>\s?/, '')).join('\n'), lines: [start + 2, end] });
    return end - start;
  }
  add({ kind: 'paragraph', text: lines.slice(start, end).map((text) => text.replace(/^\s*>\s?/, '')).join('\n'), lines: span(end) });
  return end - start;
}

// A whole line in bold: **…** or __…__, nothing else on it.
const boldLinePattern = /^\s*(\*\*|__)(?!\s)([^*_]+?)\1\s*$/;

function splitTableRow(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.split(/(?<!\\)\|/).map((cell) => cellText(cell.replace(/\\\|/g, '|')));
}
