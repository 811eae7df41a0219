import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

const byteOrderMark = '\uFEFF';

/** Drops a UTF-8 byte order mark from the start of a text (Windows Notepad writes one by default). */
export const withoutByteOrderMark = (text: string) => (text.startsWith(byteOrderMark) ? text.slice(1) : text);

/**
 * The lines of a JSON Lines stream (standard input by default), CRLF or LF, with a byte order mark at the start of
 * the stream removed: a file saved by Notepad is still JSON on its first line. A blank line between lines is given
 * as it is (the commands answer it with an error line, so the n-th answer is the n-th line's: a script may pair them
 * by position); blank lines at the end of the stream are dropped.
 */
export async function* jsonLines(input: Readable = process.stdin): AsyncGenerator<string> {
  let first = true;
  let blanks = 0;
  for await (const raw of createInterface({ input, crlfDelay: Infinity })) {
    const line = first ? withoutByteOrderMark(raw) : raw;
    first = false;
    if (line.trim() === '') {
      blanks++;
      continue;
    }
    for (; blanks > 0; blanks--) yield '';
    yield line;
  }
}
