import type { DocumentParser } from './document-parser.js';
import { cellText, DocumentBuilder } from './document-builder.js';
import { inferHeadings } from './heading-inference.js';
import { checkInput, extensionOf } from './input-checks.js';
import { guardedParse } from './parse-failure.js';
import { decodeText, looksBinary, splitLines } from './text-decoding.js';

/**
 * Plain text: paragraphs are runs of non-blank lines, each with its 1-based line span; headings are read from how
 * Korean public documents write titles (`heading-inference.ts`); a paragraph whose every line is cells apart by tabs is
 * a table (reports exported to text keep their tables so: "기관⇥⇥전망 시점⇥2021", "⇥선진국⇥⇥5.2"), read as one so the rows
 * keep their columns (cleaning turns a tab into a space).
 */
export const textParser: DocumentParser = {
  formats: ['txt'],
  canParse: (bytes, fileName) => ['txt', 'text', 'log', ''].includes(extensionOf(fileName)) && !looksBinary(bytes),
  parse: (bytes, _fileName, limits) =>
    guardedParse(() => {
      checkInput(bytes, limits);
      const { text, encoding } = decodeText(bytes);
      const builder = new DocumentBuilder('txt');
      builder.metadata.encoding = encoding;
      const lines = splitLines(text);
      const paragraphs = paragraphsOf(lines);
      const pieces = inferHeadings(paragraphs.map(([start, end]) => ({ lines: lines.slice(start, end) })), { blankLines: true });
      const lineOf = ({ paragraph, line }: { paragraph: number; line: number }) => paragraphs[paragraph]![0] + line + 1;
      for (const piece of pieces) {
        const span: [number, number] = [lineOf(piece.from), lineOf(piece.to)];
        if (piece.kind === 'heading') {
          builder.add({ kind: 'heading', level: piece.level, text: piece.text, lines: span });
          continue;
        }
        const table = tabTable(piece.texts, span[0]);
        builder.add(table ? { kind: 'table', ...table, lines: span } : { kind: 'paragraph', text: piece.texts.join('\n'), lines: span });
      }
      return builder.build();
    }),
};

/** Runs of non-blank lines, as [start, end) line indices. */
function paragraphsOf(lines: readonly string[]): [number, number][] {
  const paragraphs: [number, number][] = [];
  let start = -1;
  lines.forEach((line, index) => {
    if (line.trim() !== '') {
      if (start < 0) start = index;
    } else if (start >= 0) {
      paragraphs.push([start, index]);
      start = -1;
    }
  });
  if (start >= 0) paragraphs.push([start, lines.length]);
  return paragraphs;
}

/**
 * A paragraph of tab-separated rows as a table: two lines or more, every one with a tab, at least two with two cells
 * or more. Rule lines (------⇥-----) are no rows. `firstLine`: the paragraph's 1-based first line, for each row's own.
 * One row over a rule line ("챗GPT 5일⇥인스타그램 2.5개월⇥…" and "------⇥------") is a table too, of one body row
 * under an empty header: its cells are its own labels, and read as a table it keeps its caption (the line above).
 */
function tabTable(lines: readonly string[], firstLine: number): { rows: string[][]; rowLines: number[] } | null {
  if (lines.length < 2 || !lines.every((line) => line.includes('\t'))) return null;
  const cells = lines.map((line) => line.split('\t').map(cellText));
  const rule = (row: string[]) => row.every((cell) => /^[-=─━:+|]*$/.test(cell));
  const filled = cells.filter((row) => !rule(row) && row.filter((cell) => cell !== '').length >= 2).length;
  if (filled === 1 && cells.length === 2 && rule(cells[1]!)) {
    return { rows: [cells[0]!.map(() => ''), cells[0]!], rowLines: [firstLine, firstLine] };
  }
  if (filled < 2) return null;
  const rows: string[][] = [];
  const rowLines: number[] = [];
  cells.forEach((row, index) => {
    if (rule(row)) return;
    rows.push(row);
    rowLines.push(firstLine + index);
  });
  return rows.length >= 2 ? { rows, rowLines } : null;
}
