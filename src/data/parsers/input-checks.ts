import type { ParseLimits } from './document-parser.js';
import { DocumentParseFailure } from './parse-failure.js';

/** The checks every parser makes before reading a byte of content. */
export function checkInput(bytes: Uint8Array, limits: ParseLimits): void {
  if (bytes.byteLength === 0) throw new DocumentParseFailure('empty_file', '0 bytes');
  if (bytes.byteLength > limits.maxBytes) {
    throw new DocumentParseFailure('file_too_large', `${bytes.byteLength} bytes exceed the limit of ${limits.maxBytes}`);
  }
}

export function hasPrefix(bytes: Uint8Array, prefix: readonly number[], offset = 0): boolean {
  if (bytes.byteLength < offset + prefix.length) return false;
  return prefix.every((value, index) => bytes[offset + index] === value);
}

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

export const oleMagic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;
export const zipMagic = [0x50, 0x4b, 0x03, 0x04] as const;
export const pdfMagic = [0x25, 0x50, 0x44, 0x46, 0x2d] as const; // %PDF-
