import type { Grade } from '../auth/index.js';
import { analyzeForIndex } from '../search/index.js';
import { chunkDocument, type Chunk } from './chunker.js';
import { detectGrade } from './disclosure-grade.js';
import { effectiveDate, type EffectiveDate } from './effective-date.js';
import { parseFile, type ParseFailureCode, type ParseLimits } from './parsers/index.js';

/**
 * Everything about a file that is pure CPU work: parse, detect markings, chunk, analyse for the index,
 * find the effective date. No database, no clock: it runs in a parser worker thread, and its result
 * crosses back by structured clone, so it holds plain data only.
 */
export type PreparedDocument = {
  format: string;
  title: string | null;
  metadata: Record<string, string>;
  warnings: number;
  pageCount: number | null;
  detectedGrade: Grade | null;
  effectiveDate: EffectiveDate | null;
  chunks: Chunk[];
  chunkTerms: string[][];
};

/** Why a file could not be prepared: the parsers' stable codes, and the pool's own. */
export type PrepareFailureCode = ParseFailureCode | 'parse_timeout';

export type PrepareResult = { ok: true; prepared: PreparedDocument } | { ok: false; code: PrepareFailureCode; reason: string };

export async function prepareDocument(bytes: Uint8Array, fileName: string, limits: ParseLimits): Promise<PrepareResult> {
  const parsed = await parseFile(bytes, fileName, limits);
  if (!parsed.ok) return parsed;
  const document = parsed.document;
  const chunks = chunkDocument(document);
  return {
    ok: true,
    prepared: {
      format: document.format,
      title: document.title ?? null,
      metadata: document.metadata,
      warnings: document.warnings.length,
      pageCount: document.pageCount ?? null,
      detectedGrade: detectGrade(document),
      effectiveDate: effectiveDate(document),
      chunks,
      chunkTerms: chunks.map((chunk) => analyzeForIndex(chunk.text, chunk.section)),
    },
  };
}
