import type { DocumentParser } from './document-parser.js';
import { DocumentBuilder } from './document-builder.js';
import { checkInput, extensionOf } from './input-checks.js';
import { guardedParse } from './parse-failure.js';
import { HeadingLevels, partTitle, plainTextHeadingKind } from './plain-text-headings.js';
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
      // Paragraphs first ([start, end) line indices), then headings among them, which may look one paragraph ahead.
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
      const levels = new HeadingLevels();
      const singleLine = (index: number) => (paragraphs[index] && paragraphs[index][1] - paragraphs[index][0] === 1 ? lines[paragraphs[index][0]]! : null);
      for (let index = 0; index < paragraphs.length; index++) {
        const [first, end] = paragraphs[index]!;
        const line = singleLine(index);
        const next = singleLine(index + 1);
        // A line on its own that reads as a title opens a section (plain-text-headings.ts); so does a part's bare
        // number with its title on the next line, as one heading over both lines.
        const part = line !== null && next !== null ? partTitle(line, next) : null;
        if (part !== null) {
          builder.add({ kind: 'heading', level: levels.levelOf('part'), text: part, lines: [first + 1, paragraphs[index + 1]![1]] });
          index++;
          continue;
        }
        const heading = line !== null ? plainTextHeadingKind(line) : null;
        if (heading) builder.add({ kind: 'heading', level: levels.levelOf(heading), text: line!, lines: [first + 1, end] });
        else builder.add({ kind: 'paragraph', text: lines.slice(first, end).join('\n'), lines: [first + 1, end] });
      }
      return builder.build();
    }),
};
