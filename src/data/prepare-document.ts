import { hash } from 'node:crypto';
import type { Grade } from '../auth/index.js';
// The injection scan alone, not the guard's index: a parser worker should not load the guard chain.
import { scanChunkForInjection } from '../guard/scan-chunk-for-injection.js';
import { analyzeForIndex } from '../search/index.js';
import { lineKeys, repeatedPageLines, withoutBoilerplate } from './boilerplate-lines.js';
import { chunkDocument, type Chunk } from './chunker.js';
import { judgeChunkQuality, type WithheldReason } from './chunk-quality.js';
import { cleanDocument } from './clean-text.js';
import { detectGrade, stricterGrade } from './disclosure-grade.js';
import { effectiveDate, type EffectiveDate } from './effective-date.js';
import { defaultIngestTreatment, piiTreatmentFor, type IngestTreatment, type PiiTreatment } from './ingest-treatment.js';
import { minhashSignature } from './minhash.js';
import { noTextReason, parseFile, type ParseFailureCode, type ParseLimits } from './parsers/index.js';
import { createPersonalDataTreatment, type PiiCounts } from './treat-personal-data.js';

/** What cleaning found about one chunk; the store adds what needs the tenant's corpus (duplicates, boilerplate). */
export type ChunkFacts = {
  /** SHA-256 of the stored text with spaces collapsed: exact duplicates across the tenant. */
  contentHash: string;
  withheld: WithheldReason | null;
  pii: PiiCounts;
  injection: { categories: string[]; kinds: string[] } | null;
};

/**
 * Everything about a file that is pure CPU work: parse, clean, detect markings, chunk, check quality,
 * treat personal data, scan for injection, analyse for the index, sign with MinHash. No database, no
 * clock: it runs in a parser worker thread, and its result crosses back by structured clone, so it
 * holds plain data only.
 */
export type PreparedDocument = {
  format: string;
  title: string | null;
  metadata: Record<string, string>;
  warnings: number;
  pageCount: number | null;
  detectedGrade: Grade | null;
  effectiveDate: EffectiveDate | null;
  /** Text as stored and served: cleaned, and masked or pseudonymised when the policy says so. */
  chunks: Chunk[];
  chunkTerms: string[][];
  chunkFacts: ChunkFacts[];
  /** Distinct line keys of the document (boilerplate-lines.ts), for the tenant-wide template count. */
  lineKeys: string[];
  /** Keys of the running headers and footers found inside the document. */
  pageBoilerplateKeys: string[];
  piiTreatment: PiiTreatment;
  /** MinHash of the cleaned text (before masking), null for a document without text. */
  minhash: number[] | null;
};

/**
 * What parsing, cleaning and chunking make of a file, as a number stored on each version (`document_versions.
 * parser_version`). Bump it with a change that alters the chunks of a file already stored — its text, headings and
 * section paths, line or page spans, where chunks break — so that `kgov reindex --check` counts the versions an
 * older parser made and `kgov reindex --reparse FILES…` parses them again. (The analyzer has its own number,
 * `analyzerVersion`: terms are made again from stored text, without the file.)
 * 1: the parsers of the first release that records it (headings inferred for statutes, FAQs, 개조식 reports and
 * for HWP, HWPX, DOCX and PDF files without heading styles; sections opening inside a chunk recorded).
 * 2: the source line of each line of a text format's chunk (`Chunk.lineRuns`): quotations cited at their own lines.
 * 3: a Markdown table's rows at their own lines (the |---| rule under the header is no row); a regulation's articles
 * (제3조(근무시간)) are headings under its styled chapters, in Markdown, DOCX, HWP, HWPX and PDF.
 * 4: a Markdown line in bold on its own over its text (an FAQ's **Q4. …?** over "A. …") is a heading.
 * 5: a plain-text paragraph of tab-separated rows is a table (its rows in Markdown, not cells run together by spaces);
 * a table longer than a chunk repeats its header row in each later piece.
 * 6: a plain-text line of tab-separated cells over a rule line (------⇥------) is a table of one row.
 * 7: merged table cells (HTML and DOCX rowspan/colspan, HWPX cellSpan, HWP cell spans, XLSX merged ranges) fill the
 * slots they cover, so each value sits under its own column: a cell merged down repeats in each row, a body cell
 * merged across keeps to its first column; a two-row header (당직비(1회) over 평일 | 토요일·공휴일) is one header row of
 * combined names ("당직비(1회) 평일"), its sub-names no longer a data row.
 */
export const parserVersion = 7;

const lineCount = (text: string) => text.split('\n').length;

/** Why a file could not be prepared: the parsers' stable codes, the pool's own, and `no_text` (nothing to index). */
export type PrepareFailureCode = ParseFailureCode | 'parse_timeout' | 'no_text';

export type PrepareResult = { ok: true; prepared: PreparedDocument } | { ok: false; code: PrepareFailureCode; reason: string };

/** `grade`: the one given at upload (markings can raise it; the stricter one picks the personal-data treatment). */
export type PrepareOptions = { grade?: Grade | undefined; treatment?: IngestTreatment | undefined };

export async function prepareDocument(bytes: Uint8Array, fileName: string, limits: ParseLimits, options: PrepareOptions = {}): Promise<PrepareResult> {
  const parsed = await parseFile(bytes, fileName, limits);
  if (!parsed.ok) return parsed;
  // A document without one block of text would be stored with no chunks, and never found.
  const noText = noTextReason(parsed.document);
  if (noText) return { ok: false, code: 'no_text', reason: noText };
  const treatment = options.treatment ?? defaultIngestTreatment;
  const document = cleanDocument(parsed.document);
  const detectedGrade = detectGrade(document);
  const piiTreatment = piiTreatmentFor(treatment.pii, stricterGrade(options.grade ?? 'internal', detectedGrade));
  const personalData = createPersonalDataTreatment(piiTreatment, treatment.pii.minScore);
  const pageBoilerplate = repeatedPageLines(document, treatment.cleaning.boilerplateMinPages);
  const rawChunks = chunkDocument(document);
  const chunks: Chunk[] = [];
  const chunkTerms: string[][] = [];
  const chunkFacts: ChunkFacts[] = [];
  const keys = new Set<string>();
  for (const raw of rawChunks) {
    const scan = scanChunkForInjection(raw.text);
    const treated = personalData.treat(raw.text);
    const section = personalData.treatHeading(raw.section);
    const searchable = withoutBoilerplate(treated.text, pageBoilerplate);
    const quality = judgeChunkQuality(raw.text, treatment.cleaning, rawChunks.length === 1);
    const withheld: WithheldReason | null = scan.quarantine ? 'quarantined' : quality ?? (searchable.allBoilerplate ? 'boilerplate' : null);
    for (const key of lineKeys(treated.text)) if (key) keys.add(key);
    // A heading inside the chunk is masked as its text is, so it is found again in the stored text.
    const innerSections = raw.innerSections?.map((inner) => ({ heading: personalData.treatHeading(inner.heading) ?? inner.heading, section: personalData.treatHeading(inner.section) ?? inner.section }));
    // Masking keeps lines as they are; should it ever not, the lines of the text no longer match the runs.
    const { lineRuns, ...rest } = raw;
    const keepsLines = lineRuns !== undefined && lineCount(treated.text) === lineCount(raw.text);
    chunks.push({ ...rest, text: treated.text, section, ...(innerSections ? { innerSections } : {}), ...(keepsLines ? { lineRuns } : {}) });
    chunkTerms.push(withheld ? [] : analyzeForIndex(searchable.text, section));
    chunkFacts.push({
      contentHash: hash('sha256', treated.text.replace(/\s+/g, ' ').trim(), 'hex'),
      withheld,
      pii: treated.counts,
      injection: scan.quarantine ? { categories: scan.categories, kinds: scan.kinds } : null,
    });
  }
  return {
    ok: true,
    prepared: {
      format: document.format,
      title: personalData.treatHeading(document.title ?? null),
      metadata: document.metadata,
      warnings: document.warnings.length,
      pageCount: document.pageCount ?? null,
      detectedGrade,
      effectiveDate: effectiveDate(document),
      chunks,
      chunkTerms,
      chunkFacts,
      lineKeys: [...keys],
      pageBoilerplateKeys: [...pageBoilerplate],
      piiTreatment,
      minhash: minhashSignature(document.blocks.map(blockPlainText).join('\n')),
    },
  };
}

function blockPlainText(block: PreparedBlock): string {
  return block.kind === 'table' ? block.rows.map((row) => row.join(' ')).join('\n') : block.text;
}

type PreparedBlock = Parameters<typeof cleanDocument>[0]['blocks'][number];
