import type { DocumentParser, ParseLimits, ParsedDocument } from './document-parser.js';
import { DocumentBuilder } from './document-builder.js';
import { checkInput, hasPrefix, pdfMagic } from './input-checks.js';
import { DocumentParseFailure, guardedParse, libraryErrorDetail } from './parse-failure.js';
import { withInferredHeadings } from './heading-inference.js';

type PositionedText = { str: string; hasEOL?: boolean; transform: number[]; height: number };

/**
 * PDF text layer through pdf.js (pdfjs-dist 4.x: the last line that runs on Node 20). Scanned pages
 * have no text layer and yield nothing here (OCR is a later issue); each block keeps its page.
 * Lines are rebuilt from item positions; a vertical gap over ~1.8 line heights starts a paragraph.
 */
export const pdfParser: DocumentParser = {
  formats: ['pdf'],
  canParse: (bytes) => hasPrefix(bytes, pdfMagic) || new TextDecoder('latin1').decode(bytes.subarray(0, 1024)).includes('%PDF-'),
  parse: (bytes, _fileName, limits) => guardedParse(() => parsePdf(bytes, limits)),
};

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;

// Typed as a plain string: the worker half of pdf.js ships no declarations, and only its side effect is wanted.
const workerModule: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs';

/**
 * Loads both halves of pdf.js once per thread. Node has no web workers, so pdf.js runs its worker
 * code in this thread; with the worker module already loaded (it sets `globalThis.pdfjsWorker`),
 * pdf.js takes it from there instead of importing it on the first document.
 */
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= (async () => {
    const nativePush = Object.getOwnPropertyDescriptor(Array.prototype, 'push')!;
    const [module] = await Promise.all([import('pdfjs-dist/legacy/build/pdf.mjs'), import(workerModule) as Promise<unknown>]);
    // The legacy build's core-js replaces Array.prototype.push for all code in this thread with a
    // script version (it throws on arrays with a read-only length, which V8 before 12.2 did not).
    // No code here relies on that, and it made parsing a PDF ~1.5x and preparing it ~1.4x slower
    // (BENCHMARKS.md, ingestion): put the engine's own back.
    Object.defineProperty(Array.prototype, 'push', nativePush);
    process.on('unhandledRejection', ignorePdfJsLeftovers);
    return module;
  })();
  return pdfjs;
}

/**
 * pdf.js's in-thread worker leaves some promises of a damaged document rejected with nobody listening (found by
 * the fuzz test: a mutated PDF's `FormatError` surfaced while the next file was parsing, and an unhandled
 * rejection ends the thread). The document has already failed or been read as far as it goes by then, so those are
 * dropped; any other unhandled rejection is rethrown and ends the process as it would without this listener.
 */
function ignorePdfJsLeftovers(reason: unknown): void {
  const stack = reason instanceof Error ? reason.stack ?? '' : '';
  if (stack.includes('/pdfjs-dist/')) return;
  throw reason;
}

async function parsePdf(bytes: Uint8Array, limits: ParseLimits): Promise<ParsedDocument> {
  checkInput(bytes, limits);
  const { getDocument } = await loadPdfJs();
  // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
  const task = getDocument({ data: Uint8Array.from(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0, stopAtErrors: false });
  let document;
  try {
    document = await task.promise;
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'PasswordException') throw new DocumentParseFailure('password_protected', 'the PDF is protected by a password');
    throw new DocumentParseFailure('corrupt_file', `unreadable PDF (${libraryErrorDetail(error)})`);
  }
  try {
    const builder = new DocumentBuilder('pdf');
    const info = await document.getMetadata().catch(() => undefined);
    const fields = (info?.info ?? {}) as Record<string, unknown>;
    for (const key of ['Title', 'Author', 'Subject', 'Creator', 'Producer', 'CreationDate', 'ModDate']) {
      if (typeof fields[key] === 'string' && fields[key] !== '') builder.metadata[key.toLowerCase()] = fields[key] as string;
    }
    let unreadable = 0;
    for (let pageNumber = 1; pageNumber <= document.numPages; pageNumber++) {
      try {
        const page = await document.getPage(pageNumber);
        const content = await page.getTextContent();
        for (const text of pageParagraphs(content.items.flatMap((item) => ('str' in item ? [item as PositionedText] : [])))) {
          builder.add({ kind: 'paragraph', text, page: pageNumber });
        }
        page.cleanup();
      } catch (error) {
        unreadable += 1;
        builder.warn(`page ${pageNumber}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    // Not one page could be read: a damaged file, not a document without text.
    if (document.numPages > 0 && unreadable === document.numPages) throw new DocumentParseFailure('corrupt_file', `no page is readable (${builder.warnings[0]})`);
    const title = typeof fields.Title === 'string' && fields.Title.trim() ? fields.Title.trim() : undefined;
    return withInferredHeadings(builder.build({ pageCount: document.numPages, ...(title ? { title } : {}) }));
  } finally {
    await document.destroy();
  }
}

function pageParagraphs(items: PositionedText[]): string[] {
  const paragraphs: string[] = [];
  let paragraph = '';
  let line = '';
  let lastY: number | undefined;
  let lastHeight = 0;
  const endLine = () => {
    if (line.trim() !== '') paragraph += (paragraph ? '\n' : '') + line.trim();
    line = '';
  };
  const endParagraph = () => {
    endLine();
    if (paragraph.trim() !== '') paragraphs.push(paragraph);
    paragraph = '';
  };
  for (const item of items) {
    const y = item.transform[5] ?? 0;
    const height = Math.abs(item.height) || Math.abs(item.transform[3] ?? 0) || lastHeight || 10;
    if (lastY !== undefined && Math.abs(lastY - y) > height * 0.5) {
      if (Math.abs(lastY - y) > Math.max(height, lastHeight) * 1.8) endParagraph();
      else endLine();
    }
    line += item.str;
    if (item.hasEOL) endLine();
    if (item.str.trim() !== '') {
      lastY = y;
      lastHeight = height;
    }
  }
  endParagraph();
  return paragraphs;
}
