/**
 * The document parser extension point. Every format (HWP, HWPX, PDF, DOCX, XLSX, PPTX, TXT, Markdown,
 * HTML, CSV) implements `DocumentParser`; one shared contract test (`document-parser.contract.test.ts`)
 * runs against every registered parser. Parsing failure is expected (corrupt files, passwords, zip
 * bombs), so `parse` returns a result union and throws only when its own contract is broken.
 */

/** Where a block came from, so chunks and citations can point at it. All numbers are 1-based. */
export type SourceSpan = {
  /** PDF (and other paged formats): the page the block starts on. */
  page?: number;
  /** Text-like formats (TXT, Markdown, CSV, HTML source): line range in the source file. */
  lines?: [number, number];
};

export type Block =
  | ({ kind: 'heading'; level: number; text: string } & SourceSpan)
  | ({ kind: 'paragraph'; text: string } & SourceSpan)
  | ({ kind: 'list-item'; text: string; ordered: boolean; depth: number } & SourceSpan)
  /**
   * rows[0] is the header row when the source has one. Cells are plain text (newlines collapsed). `rowLines`: each
   * row's source line, where rows are not one line after another (a Markdown table's |---| rule is no row).
   */
  | ({ kind: 'table'; rows: string[][]; caption?: string; rowLines?: number[] } & SourceSpan)
  /** Footnotes, endnotes, text boxes, comments: kept, but marked so they can be weighted or shown apart. */
  | ({ kind: 'note'; noteKind: 'footnote' | 'endnote' | 'textbox' | 'comment' | 'caption'; text: string } & SourceSpan);

export type ParsedDocument = {
  /** Detected format id, e.g. 'hwp', 'hwpx', 'pdf', 'docx', 'txt'. */
  format: string;
  title?: string;
  /** Body in reading order. */
  blocks: Block[];
  /** Page headers and footers, master pages: where disclosure markings (대외비, 비공개, …) usually are. */
  headersFooters: string[];
  /** Paged formats only. */
  pageCount?: number;
  /** Document properties (author, created, HWP's distribution flag, …), string values only. */
  metadata: Record<string, string>;
  /** Non-fatal problems (an unreadable embedded object, an unknown record), one line each. */
  warnings: string[];
};

/** Stable reasons a file cannot be parsed; they become error codes shown with the file name. */
export type ParseFailureCode =
  | 'unsupported_type'
  | 'empty_file'
  | 'file_too_large'
  | 'corrupt_file'
  | 'password_protected'
  | 'archive_too_large';

export type ParseResult = { ok: true; document: ParsedDocument } | { ok: false; code: ParseFailureCode; reason: string };

export type ParseLimits = {
  /** Input bytes. */
  maxBytes: number;
  /** Total expanded size of zip-based formats (HWPX, DOCX, XLSX, PPTX): zip-bomb guard. */
  maxExpandedBytes: number;
  /** Entries in a zip-based format. */
  maxEntries: number;
};

export interface DocumentParser {
  /** Format ids this parser produces, e.g. ['hwp']. */
  readonly formats: readonly string[];
  /** Cheap check on magic bytes first and the file name second (wrong extensions are common). */
  canParse(bytes: Uint8Array, fileName: string): boolean;
  parse(bytes: Uint8Array, fileName: string, limits: ParseLimits): Promise<ParseResult>;
}
