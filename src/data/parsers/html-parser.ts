import type { DocumentParser } from './document-parser.js';
import { DocumentBuilder } from './document-builder.js';
import { checkInput, extensionOf } from './input-checks.js';
import { htmlToBlocks } from './html-blocks.js';
import { guardedParse } from './parse-failure.js';
import { decodeText } from './text-decoding.js';

/** HTML: structure from the tags; line spans point into the source file. */
export const htmlParser: DocumentParser = {
  formats: ['html'],
  canParse: (bytes, fileName) => ['html', 'htm', 'xhtml'].includes(extensionOf(fileName)) || looksLikeHtml(bytes),
  parse: (bytes, _fileName, limits) =>
    guardedParse(() => {
      checkInput(bytes, limits);
      const { text, encoding } = decodeText(bytes);
      const lineStarts = [0];
      for (let index = 0; index < text.length; index++) if (text[index] === '\n') lineStarts.push(index + 1);
      const lineOf = (offset: number) => upperBound(lineStarts, offset);
      const builder = new DocumentBuilder('html');
      builder.metadata.encoding = encoding;
      for (const block of htmlToBlocks(text, lineOf)) builder.add(block);
      const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
      return builder.build(title ? { title } : {});
    }),
};

export function looksLikeHtml(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 1024)).trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html');
}

/** Number of line starts at or before `offset`: the 1-based line of that offset. */
function upperBound(starts: number[], offset: number): number {
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (starts[middle]! <= offset) low = middle + 1;
    else high = middle;
  }
  return Math.max(1, low);
}
