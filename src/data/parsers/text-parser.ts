import type { DocumentParser } from './document-parser.js';
import { DocumentBuilder } from './document-builder.js';
import { checkInput, extensionOf } from './input-checks.js';
import { guardedParse } from './parse-failure.js';
import { acceptedHeadings, appendixLevel, HeadingLevels, partHeading, plainTextHeading, type HeadingCandidate } from './plain-text-headings.js';
import { decodeText, looksBinary, splitLines } from './text-decoding.js';

/** Plain text: paragraphs are runs of non-blank lines, each with its 1-based line span; a title on its own line is a heading. */
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
      // Paragraphs first ([start, end) line indices).
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
      // Candidates first (a one-line paragraph that reads as a title, or a part's bare number with its title on the
      // next line), then which of them are headings: that needs the neighbours (plain-text-headings.ts).
      // `source`: the paragraphs as written, for a candidate that turns out to be no heading.
      type Item = { lines: [number, number]; text: string; candidate: HeadingCandidate | null; source: [number, number][] };
      const items: Item[] = [];
      const singleLine = (index: number) => (paragraphs[index] && paragraphs[index][1] - paragraphs[index][0] === 1 ? lines[paragraphs[index][0]]! : null);
      for (let index = 0; index < paragraphs.length; index++) {
        const [first, end] = paragraphs[index]!;
        const line = singleLine(index);
        const next = singleLine(index + 1);
        const part = line !== null && next !== null ? partHeading(line, next) : null;
        if (part !== null) {
          items.push({ lines: [first + 1, paragraphs[index + 1]![1]], text: part.text, candidate: part.candidate, source: [paragraphs[index]!, paragraphs[index + 1]!] });
          index++;
          continue;
        }
        items.push({ lines: [first + 1, end], text: line ?? '', candidate: line !== null ? plainTextHeading(line) : null, source: [[first, end]] });
      }
      const candidates = items.flatMap((item, index) => (item.candidate ? [{ index, candidate: item.candidate, bodyBefore: index > 0 && !items[index - 1]!.candidate }] : []));
      const accepted = acceptedHeadings(candidates);
      const headingAt = new Set(candidates.filter((_, position) => accepted[position]).map(({ index }) => index));
      const levels = new HeadingLevels();
      items.forEach((item, index) => {
        if (headingAt.has(index)) {
          const kind = item.candidate!.kind;
          builder.add({ kind: 'heading', level: kind === 'appendix' ? appendixLevel : levels.levelOf(kind), text: item.text, lines: item.lines });
        }
        else for (const [first, end] of item.source) builder.add({ kind: 'paragraph', text: lines.slice(first, end).join('\n'), lines: [first + 1, end] });
      });
      return builder.build();
    }),
};
