import { DocumentParseFailure } from './parse-failure.js';

/**
 * Text files from agencies come as UTF-8 (with or without BOM), UTF-16 (Windows "유니코드" saves) or
 * legacy EUC-KR/CP949. BOMs decide first; then strict UTF-8; CP949 is the fallback (WHATWG's
 * "euc-kr" decoder is CP949). Bytes that are mostly control codes are binary, not text.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  if (looksBinary(bytes)) throw new DocumentParseFailure('unsupported_type', 'binary content, not text');
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('euc-kr').decode(bytes), encoding: 'euc-kr' };
  }
}

/** NUL bytes, or more than 2% control codes other than tab/newline/CR/form feed/escape, in the first 64 KiB. */
export function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 65_536);
  let controls = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c && byte !== 0x1b) controls += 1;
  }
  return controls > sample.byteLength * 0.02;
}

/** Lines without their terminators (\n, \r\n, \r); index i is line i + 1. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
