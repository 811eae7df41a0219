import type { Block, ParsedDocument } from './parsers/index.js';

/**
 * Passage-sized chunks that keep where they came from. Text formats are chunked by source lines
 * (24-line windows, each starting halfway into the previous one, so an answer that straddles a
 * boundary is whole in one chunk); paged and structured formats by characters, one page at a time. 24/12 was chosen by
 * measurement (BENCHMARKS.md, retrieval) and stays well under the 40-line limit for citations.
 */
export type Chunk = {
  ordinal: number;
  text: string;
  /** Heading path where the chunk starts, e.g. "3장 초거대 AI > 3.2 국내 동향". */
  section: string | null;
  /**
   * The sections that open inside the chunk, in order: each heading as it stands in `text` and the path it opens. A
   * window of a statute starts in one article and runs through the next ones; a quotation from the third is cited
   * under the third (`sectionAt` in the grounded answers). Absent when no heading opens inside the chunk.
   */
  innerSections?: InnerSection[];
  lines: [number, number] | null;
  /**
   * Where the lines of `text` stand in the source, for a chunk of a text format: pairs [line of `text` (0-based),
   * source line (1-based)], one for each run of consecutive source lines (the blank lines between paragraphs are
   * not in `text`, so the offset changes at each paragraph). A quotation is cited at its own lines with it
   * (`sourceLine`). Absent for paged and structured formats.
   */
  lineRuns?: number[];
  page: number | null;
};

/** The source line of line `index` (0-based) of a chunk's text, from its `lineRuns`; null when it has none. */
export function sourceLine(lineRuns: readonly number[] | null | undefined, index: number): number | null {
  if (!lineRuns || lineRuns.length < 2) return null;
  let line: number | null = null;
  for (let run = 0; run + 1 < lineRuns.length && lineRuns[run]! <= index; run += 2) line = lineRuns[run + 1]! + (index - lineRuns[run]!);
  return line;
}

export type InnerSection = { heading: string; section: string };

export type ChunkOptions = { maxLines: number; maxChars: number };
export const defaultChunkOptions: ChunkOptions = { maxLines: 24, maxChars: 1200 };

/** `heading`: the unit is a heading, the first of its block's units (its section opens there). */
/** `runs`: where the unit's lines are not one source line after another, pairs of (its line index, source line). */
type Unit = { text: string; section: string | null; lines: [number, number] | null; page: number | null; heading?: true; runs?: number[] };

function blockText(block: Block): string {
  switch (block.kind) {
    case 'table':
      return block.rows.map((row) => `| ${row.join(' | ')} |`).join('\n');
    case 'list-item':
      return `${'  '.repeat(Math.max(0, block.depth))}${block.ordered ? '1.' : '-'} ${block.text}`;
    default:
      return block.text;
  }
}

function toUnits(document: ParsedDocument, options: ChunkOptions): Unit[] {
  const headings: string[] = [];
  const units: Unit[] = [];
  for (const block of document.blocks) {
    if (block.kind === 'heading') {
      headings.length = Math.max(0, block.level - 1);
      headings[block.level - 1] = block.text.trim();
    }
    const text = blockText(block).trim();
    if (!text) continue;
    const section = headings.filter(Boolean).join(' > ') || null;
    const page = block.page ?? null;
    if (block.lines && block.kind === 'table' && block.rows.length > options.maxLines) {
      units.push(...tableUnits(block, section, page, options));
    } else if (block.lines) {
      // Split long blocks by source lines so no chunk exceeds maxLines.
      const lines = blockText(block).split('\n');
      for (let start = 0; start < lines.length; start += options.maxLines) {
        const slice = lines.slice(start, start + options.maxLines);
        const rowLines = block.kind === 'table' && block.rowLines?.length === lines.length ? block.rowLines.slice(start, start + slice.length) : null;
        const first = rowLines ? rowLines[0]! : block.lines[0] + start;
        const last = rowLines ? rowLines.at(-1)! : Math.min(block.lines[1], first + slice.length - 1);
        units.push({
          text: slice.join('\n'), section, page, lines: [first, last],
          ...(block.kind === 'heading' && start === 0 ? { heading: true as const } : {}), ...(rowLines ? { runs: lineRunsOf(rowLines) } : {}),
        });
      }
    } else {
      for (let start = 0; start < text.length; start += options.maxChars) {
        units.push({ text: text.slice(start, start + options.maxChars), section, page, lines: null, ...(block.kind === 'heading' && start === 0 ? { heading: true as const } : {}) });
      }
    }
  }
  return units;
}

/**
 * A long table in pieces of at most `maxLines` rows, each after the first led by the header row again (as the CSV
 * parser's blocks are), so a piece reads on its own: "| | 선진국 | | 5.2 |" means nothing without "| 기관 | | 전망 시점 |
 * 2021 |". The header keeps its own source line in the piece's line runs; the piece's span is its own rows'.
 */
function tableUnits(block: Extract<Block, { kind: 'table' }>, section: string | null, page: number | null, options: ChunkOptions): Unit[] {
  const texts = blockText(block).split('\n');
  const rowLine = (index: number) => (block.rowLines?.length === block.rows.length ? block.rowLines[index]! : block.lines![0] + index);
  const units: Unit[] = [];
  // Each piece: the header, then up to maxLines - 1 rows; the first piece's span starts at the header itself.
  const step = Math.max(1, options.maxLines - 1);
  for (let start = 1; start < texts.length; start += step) {
    const indices = [0, ...texts.slice(start, start + step).map((_, index) => start + index)];
    const sourceLines = indices.map(rowLine);
    units.push({ text: indices.map((index) => texts[index]!).join('\n'), section, page, lines: [start === 1 ? sourceLines[0]! : sourceLines[1]!, sourceLines.at(-1)!], runs: lineRunsOf(sourceLines) });
  }
  return units;
}

/** (index, line) pairs where `sourceLines` (one per text line) stops counting up by one. */
function lineRunsOf(sourceLines: readonly number[]): number[] {
  const runs: number[] = [];
  sourceLines.forEach((line, index) => {
    if (index === 0 || line !== sourceLines[index - 1]! + 1) runs.push(index, line);
  });
  return runs;
}

function sizeOf(units: readonly Unit[], byLines: boolean): number {
  if (byLines) return units.length === 0 ? 0 : units.at(-1)!.lines![1] - units[0]!.lines![0] + 1;
  return units.reduce((sum, unit) => sum + unit.text.length, 0);
}

/**
 * Chunks never cross a page: a chunk has one `page`, and a search hit cites it, so a window that ran
 * from page 1 into page 2 would send the reader to page 1 for text on page 2. Each run of units on
 * one page (all of a document without pages) is windowed on its own; ordinals run on across pages.
 */
export function chunkDocument(document: ParsedDocument, options: ChunkOptions = defaultChunkOptions): Chunk[] {
  const units = toUnits(document, options);
  const byLines = units.length > 0 && units.every((unit) => unit.lines !== null);
  const chunks: Chunk[] = [];
  for (const run of pageRuns(units)) windowUnits(run, byLines, options, chunks);
  return chunks;
}

function pageRuns(units: Unit[]): Unit[][] {
  const runs: Unit[][] = [];
  for (const unit of units) {
    const current = runs.at(-1);
    if (current && current[0]!.page === unit.page) current.push(unit);
    else runs.push([unit]);
  }
  return runs;
}

/** Windows of at most `limit` lines or characters, each starting halfway into the previous one; appended to `chunks`. */
function windowUnits(units: Unit[], byLines: boolean, options: ChunkOptions, chunks: Chunk[]): void {
  const limit = byLines ? options.maxLines : options.maxChars;
  let start = 0;
  while (start < units.length) {
    let end = start + 1;
    while (end < units.length && sizeOf(units.slice(start, end + 1), byLines) <= limit) end++;
    const window = units.slice(start, end);
    const innerSections = window.slice(1).flatMap((unit) => (unit.heading && unit.section ? [{ heading: unit.text.split('\n')[0]!, section: unit.section }] : []));
    const lineRuns: number[] = [];
    if (byLines) {
      let at = 0;
      for (const unit of window) {
        const runs = unit.runs ?? [0, unit.lines![0]];
        for (let run = 0; run < runs.length; run += 2) lineRuns.push(at + runs[run]!, runs[run + 1]!);
        at += unit.text.split('\n').length + 1;
      }
    }
    chunks.push({
      ordinal: chunks.length,
      text: window.map((unit) => unit.text).join('\n\n'),
      section: window[0]!.section,
      ...(innerSections.length > 0 ? { innerSections } : {}),
      lines: byLines ? [window[0]!.lines![0], window.at(-1)!.lines![1]] : null,
      ...(byLines ? { lineRuns } : {}),
      page: window[0]!.page,
    });
    if (end >= units.length) break;
    // Next window starts at the first unit past the middle of this one (half overlap), always moving on.
    const half = sizeOf(window, byLines) / 2;
    let next = start + 1;
    while (next < end && sizeOf(units.slice(start, next), byLines) < half) next++;
    start = Math.max(start + 1, Math.min(next, end));
  }
}
