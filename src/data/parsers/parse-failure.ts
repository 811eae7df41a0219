import type { ParseFailureCode, ParseResult, ParsedDocument } from './document-parser.js';

/**
 * Thrown inside a parser where a file turns out unreadable; `guardedParse` turns it into a failure
 * result, so parsers can stop from deep inside a record walk without threading results through.
 */
export class DocumentParseFailure extends Error {
  readonly code: ParseFailureCode;

  constructor(code: ParseFailureCode, reason: string) {
    super(reason);
    this.name = 'DocumentParseFailure';
    this.code = code;
  }
}

export function failure(code: ParseFailureCode, reason: string): ParseResult {
  return { ok: false, code, reason };
}

/**
 * Runs a parser body so that nothing escapes as an exception: our own failures keep their code, and
 * anything a library throws on malformed input (RangeError, zlib errors, XML errors) is `corrupt_file`.
 */
export async function guardedParse(run: () => Promise<ParsedDocument> | ParsedDocument): Promise<ParseResult> {
  try {
    return { ok: true, document: await run() };
  } catch (error) {
    if (error instanceof DocumentParseFailure) return failure(error.code, error.message);
    return failure('corrupt_file', libraryErrorDetail(error) || 'unreadable content');
  }
}

/**
 * What a library's exception says about a malformed file, for the one-line reason: its message's first line, except
 * where a library tripped over the file with a programming error (TypeError, ReferenceError: "Cannot read properties
 * of undefined (reading 'length')", which tells an operator nothing): then that the structure is truncated or broken.
 */
export function libraryErrorDetail(error: unknown): string {
  if (error instanceof TypeError || error instanceof ReferenceError) return 'truncated or malformed structure';
  return firstLine(error instanceof Error ? error.message : String(error));
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').slice(0, 200);
}
