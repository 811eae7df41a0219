import type { DocumentParser } from './document-parser.js';
import { DocumentBuilder } from './document-builder.js';
import { checkInput, extensionOf } from './input-checks.js';
import { guardedParse } from './parse-failure.js';
import { decodeText, looksBinary, splitLines } from './text-decoding.js';

/** Plain text: paragraphs are runs of non-blank lines, each with its 1-based line span. */
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
      let start = -1;
      const close = (end: number) => {
        if (start >= 0) builder.add({ kind: 'paragraph', text: lines.slice(start, end).join('\n'), lines: [start + 1, end] });
        start = -1;
      };
      lines.forEach((line, index) => {
        if (line.trim() === '') close(index);
        else if (start < 0) start = index;
      });
      close(lines.length);
      return builder.build();
    }),
};
