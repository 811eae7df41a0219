import { csvParser } from './csv-parser.js';
import type { DocumentParser, ParseLimits, ParseResult, ParsedDocument } from './document-parser.js';
import { docxParser } from './docx-parser.js';
import { htmlParser, looksLikeHtml } from './html-parser.js';
import { hwpParser } from './hwp/hwp-parser.js';
import { hwpxParser } from './hwpx-parser.js';
import { misnamedWarning, unrecognisedBinary } from './format-signatures.js';
export { isDocumentName } from './format-signatures.js';
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
 * to tell text formats apart, and to word failures (format-signatures.ts: random bytes named .hwp are
 * a broken HWP, `corrupt_file`; a PNG named .hwp is `unsupported_type`). A document read without a
 * single block of text parses, with a warning (`noTextReason`): ingestion refuses it as `no_text`. Never throws.
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
  const result = await parser.parse(bytes, fileName, limits);
  if (!result.ok) return result;
  const { document } = result;
  const misnamed = misnamedWarning(document.format, extensionOf(fileName));
  if (misnamed) document.warnings.unshift(misnamed);
  const noText = noTextReason(document);
  if (noText) document.warnings.unshift(noText);
  return result;
}

/**
 * What a person reading the parsed text should know first: the file has no text (ingestion would refuse it), or its
 * content is another format than its name says. `kgov parse` prints them on stderr.
 */
export function parseNotices(document: ParsedDocument, fileName: string): string[] {
  return [noTextReason(document), misnamedWarning(document.format, extensionOf(fileName))].filter((notice): notice is string => notice !== undefined);
}

/**
 * Why a parsed document has no text to index, or undefined when it has some. Parsing such a file
 * succeeds (its metadata is still real), but stored, it would be a document that no search finds:
 * ingestion fails it as `no_text` with this reason.
 */
export function noTextReason(document: ParsedDocument): string | undefined {
  if (document.blocks.length > 0) return undefined;
  if (document.format === 'pdf') return `no text layer on any of its ${document.pageCount ?? 0} pages (scanned? OCR is not supported yet)`;
  if (['txt', 'md', 'csv', 'html'].includes(document.format)) return 'no text, only blank lines or markup';
  const where = document.headersFooters.length > 0 ? 'text only in page headers and footers' : 'blank, or only images and objects without text';
  return `no text in the ${document.format.toUpperCase()} body (${where})`;
}

function choose(bytes: Uint8Array, fileName: string): DocumentParser {
  if (hasPrefix(bytes, oleMagic)) return hwpParser;
  if (hasPrefix(bytes, pdfMagic)) return pdfParser;
  if (hasPrefix(bytes, zipMagic)) return zipParser(zipEntryNames(bytes), fileName);
  const extension = extensionOf(fileName);
  if (new TextDecoder('latin1').decode(bytes.subarray(0, 17)) === 'HWP Document File') return hwpParser; // HWP 3: refused there
  if (looksBinary(bytes)) {
    if (pdfParser.canParse(bytes, fileName)) return pdfParser; // junk before %PDF- happens
    throw unrecognisedBinary(bytes, extension);
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
