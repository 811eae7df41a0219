import { csvParser } from './csv-parser.js';
import type { DocumentParser, ParseLimits, ParseResult } from './document-parser.js';
import { docxParser } from './docx-parser.js';
import { htmlParser, looksLikeHtml } from './html-parser.js';
import { hwpParser } from './hwp/hwp-parser.js';
import { hwpxParser } from './hwpx-parser.js';
import { checkInput, extensionOf, hasPrefix, oleMagic, pdfMagic, zipMagic } from './input-checks.js';
import { markdownParser } from './markdown-parser.js';
import { ooxmlKind } from './ooxml-properties.js';
import { defaultParseLimits } from './parse-limits.js';
import { DocumentParseFailure, failure } from './parse-failure.js';
import { pdfParser } from './pdf-parser.js';
import { pptxParser } from './pptx-parser.js';
import { looksBinary } from './text-decoding.js';
import { textParser } from './text-parser.js';
import { xlsxParser } from './xlsx-parser.js';
import { zipEntryNames } from './zip-archive.js';

export type { Block, DocumentParser, ParsedDocument, ParseFailureCode, ParseLimits, ParseResult, SourceSpan } from './document-parser.js';
export { defaultParseLimits } from './parse-limits.js';
export { previewCoverage } from './preview-coverage.js';
export { toMarkdown } from './render-markdown.js';
export { toText } from './render-text.js';

/** Every parser, for the contract test and for callers that pick one themselves. */
export const documentParsers: readonly DocumentParser[] = [
  hwpParser, hwpxParser, pdfParser, docxParser, xlsxParser, pptxParser, htmlParser, markdownParser, csvParser, textParser,
];

/**
 * Parses a file of any supported format. The content decides, not the name: magic bytes first (an
 * .hwp that is really HWPX, a .doc that is really HTML are common in agency archives), the name only
 * to tell text formats apart. Never throws.
 */
export async function parseFile(bytes: Uint8Array, fileName: string, limits: ParseLimits = defaultParseLimits): Promise<ParseResult> {
  let parser: DocumentParser;
  try {
    checkInput(bytes, limits);
    parser = choose(bytes, fileName);
  } catch (error) {
    if (error instanceof DocumentParseFailure) return failure(error.code, error.message);
    return failure('corrupt_file', 'unreadable content');
  }
  return parser.parse(bytes, fileName, limits);
}

function choose(bytes: Uint8Array, fileName: string): DocumentParser {
  if (hasPrefix(bytes, oleMagic)) return hwpParser;
  if (hasPrefix(bytes, pdfMagic)) return pdfParser;
  if (hasPrefix(bytes, zipMagic)) return zipParser(zipEntryNames(bytes), fileName);
  const extension = extensionOf(fileName);
  if (new TextDecoder('latin1').decode(bytes.subarray(0, 17)) === 'HWP Document File') return hwpParser; // HWP 3: refused there
  if (looksBinary(bytes)) {
    if (pdfParser.canParse(bytes, fileName)) return pdfParser; // junk before %PDF- happens
    throw new DocumentParseFailure('unsupported_type', `not a supported document format (.${extension || '?'})`);
  }
  if (['md', 'markdown'].includes(extension)) return markdownParser;
  if (['csv', 'tsv'].includes(extension)) return csvParser;
  if (['html', 'htm', 'xhtml'].includes(extension) || looksLikeHtml(bytes)) return htmlParser;
  return textParser;
}

function zipParser(names: string[], fileName: string): DocumentParser {
  if (names.some((name) => /^Contents\/section\d+\.xml$/i.test(name)) || names.includes('Contents/content.hpf')) return hwpxParser;
  switch (ooxmlKind(names)) {
    case 'docx': return docxParser;
    case 'xlsx': return xlsxParser;
    case 'pptx': return pptxParser;
  }
  // A damaged central directory lists nothing: trust the name, and let that parser report the damage.
  const byName = documentParsers.find((parser) => parser.formats.includes(extensionOf(fileName)));
  if (names.length === 0 && byName) return byName;
  throw new DocumentParseFailure('unsupported_type', 'a zip archive that is not HWPX, DOCX, XLSX or PPTX');
}
