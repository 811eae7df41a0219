import { extensionOf, hasPrefix } from './input-checks.js';
import { DocumentParseFailure } from './parse-failure.js';

/**
 * What a file's name promises, and what to say when its bytes do not keep the promise. The content
 * decides the parser (index.ts); these only word the failure and the warning:
 *
 * - binary bytes of a format we know but do not read (an image, an archive) are `unsupported_type`,
 *   whatever the name says;
 * - binary bytes that match no signature at all, under the name of a format we read (random bytes as
 *   `보고서.hwp`), are `corrupt_file`: the user has an HWP that is broken, not an unsupported format;
 * - bytes of another supported format than the name says (a PDF named .hwp) are parsed by content,
 *   with a warning that says so.
 */

/** Supported extensions and the format id their parser reports. */
const formatOfExtension: Readonly<Record<string, string>> = {
  hwp: 'hwp', hwpx: 'hwpx', pdf: 'pdf', docx: 'docx', xlsx: 'xlsx', xlsm: 'xlsx', pptx: 'pptx',
  html: 'html', htm: 'html', xhtml: 'html', md: 'md', markdown: 'md', csv: 'csv', tsv: 'csv', txt: 'txt', text: 'txt', log: 'txt',
};

const formatNames: Readonly<Record<string, string>> = {
  hwp: 'HWP', hwpx: 'HWPX', pdf: 'PDF', docx: 'DOCX', xlsx: 'XLSX', pptx: 'PPTX', html: 'HTML', md: 'Markdown', csv: 'CSV', txt: 'text',
};

/** Why the bytes are not the format the extension names, by the signature that format always starts with. */
const missingSignature: Readonly<Record<string, string>> = {
  hwp: 'not an HWP file: no OLE/CFB signature',
  hwpx: 'not an HWPX file: no zip signature',
  pdf: 'not a PDF file: no %PDF- header',
  docx: 'not a DOCX file: no zip signature',
  xlsx: 'not an XLSX file: no zip signature',
  pptx: 'not a PPTX file: no zip signature',
};

/** Common binary formats that are not documents we read: named, so the user learns what the file really is. */
const unsupportedSignatures: readonly { kind: string; bytes: readonly number[]; offset?: number }[] = [
  { kind: 'a PNG image', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { kind: 'a JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { kind: 'a GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { kind: 'a TIFF image', bytes: [0x49, 0x49, 0x2a, 0x00] },
  { kind: 'a TIFF image', bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { kind: 'a WebP image', bytes: [0x57, 0x45, 0x42, 0x50], offset: 8 },
  { kind: 'a gzip archive', bytes: [0x1f, 0x8b, 0x08] },
  { kind: 'a 7-Zip archive', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { kind: 'a RAR archive', bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07] },
  { kind: 'an executable', bytes: [0x7f, 0x45, 0x4c, 0x46] },
];

/**
 * Names a folder of an agency's share holds documents under: the supported extensions, and the older office formats
 * that are often another one inside (a .doc saved from a web system is HTML; a real binary .doc fails alone, named).
 * A folder's other files (scripts, licences, logs of other tools, Office's ~$ lock files) are not documents.
 */
export function isDocumentName(fileName: string): boolean {
  if (fileName.startsWith('~$')) return false;
  const extension = extensionOf(fileName);
  return extension in formatOfExtension || legacyDocumentExtensions.has(extension);
}
const legacyDocumentExtensions = new Set(['doc', 'xls', 'ppt', 'rtf', 'odt', 'ods', 'odp', 'hwt']);

/** The format id a supported extension names, or undefined. */
export function formatOfName(extension: string): string | undefined {
  return formatOfExtension[extension];
}

/** The failure for binary bytes that no parser recognised. */
export function unrecognisedBinary(bytes: Uint8Array, extension: string): DocumentParseFailure {
  const known = unsupportedSignatures.find((signature) => hasPrefix(bytes, signature.bytes, signature.offset ?? 0));
  if (known) return new DocumentParseFailure('unsupported_type', `${known.kind}, not a supported document format (.${extension || '?'})`);
  const expected = formatOfName(extension);
  if (!expected) return new DocumentParseFailure('unsupported_type', `not a supported document format (.${extension || '?'})`);
  return new DocumentParseFailure('corrupt_file', missingSignature[expected] ?? `not a ${formatNames[expected] ?? expected} file: binary content`);
}

/**
 * A warning when the content is another supported format than the name says (HWP and HWPX count as
 * one: agencies often name HWPX files .hwp, and Hangul opens both).
 */
export function misnamedWarning(format: string, extension: string): string | undefined {
  const expected = formatOfName(extension);
  if (!expected || expected === format) return undefined;
  if (['hwp', 'hwpx'].includes(expected) && ['hwp', 'hwpx'].includes(format)) return undefined;
  return `the content is ${formatNames[format] ?? format}, not ${formatNames[expected] ?? expected} as the name says (.${extension}); read as ${formatNames[format] ?? format}`;
}
