import type { Block, ParsedDocument } from './document-parser.js';

/** Collects blocks while a parser walks its input; drops empty text so renderers never see blank blocks. */
export class DocumentBuilder {
  readonly blocks: Block[] = [];
  readonly headersFooters: string[] = [];
  readonly metadata: Record<string, string> = {};
  readonly warnings: string[] = [];

  constructor(readonly format: string) {}

  add(block: Block): void {
    if (block.kind === 'table') {
      if (block.rows.some((row) => row.some((cell) => cell.trim() !== ''))) this.blocks.push(block);
      return;
    }
    const text = block.text.trim();
    if (text !== '') this.blocks.push({ ...block, text });
  }

  addHeaderOrFooter(text: string): void {
    const trimmed = text.trim();
    if (trimmed !== '' && !this.headersFooters.includes(trimmed)) this.headersFooters.push(trimmed);
  }

  warn(line: string): void {
    // A broken file can produce one warning per record; a few are enough to diagnose it.
    if (this.warnings.length < 50) this.warnings.push(line);
  }

  build(extra: { title?: string; pageCount?: number } = {}): ParsedDocument {
    const document: ParsedDocument = {
      format: this.format,
      blocks: this.blocks,
      headersFooters: this.headersFooters,
      metadata: this.metadata,
      warnings: this.warnings,
    };
    if (extra.title) document.title = extra.title;
    if (extra.pageCount !== undefined) document.pageCount = extra.pageCount;
    return document;
  }
}

/** Table cells are plain text on one line: Markdown tables and chunkers both need that. */
export function cellText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
