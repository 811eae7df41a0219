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
    const detail = error instanceof Error ? error.message : String(error);
    return failure('corrupt_file', firstLine(detail) || 'unreadable content');
  }
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').slice(0, 200);
}
