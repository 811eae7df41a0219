import { constants, inflateRawSync } from 'node:zlib';
import type { DocumentParser, ParseLimits } from '../document-parser.js';
import { DocumentBuilder } from '../document-builder.js';
import { checkInput, extensionOf, hasPrefix, oleMagic } from '../input-checks.js';
import { DocumentParseFailure, guardedParse, libraryErrorDetail } from '../parse-failure.js';
import { paragraphListBlocks, type BodyContext } from './hwp-body.js';
import { decryptViewText } from './hwp-distribution.js';
import { readParagraphHeads } from './hwp-doc-info.js';
import { buildRecordTree, hwpTag, readRecords, readUint16, type HwpRecord } from './hwp-records.js';
import { readHwpSummary } from './hwp-summary.js';
import { readOleContainer, type OleContainer } from './ole-container.js';
import { withInferredHeadings } from '../heading-inference.js';


const signature = 'HWP Document File';

/** FileHeader property bits (HWP 5.0 spec, table 3). */
const flags = { compressed: 1 << 0, password: 1 << 1, distribution: 1 << 2, drm: 1 << 4 } as const;

/** HWP 5.x: an OLE compound file with FileHeader, DocInfo and BodyText/SectionN (or ViewText/SectionN). */
export const hwpParser: DocumentParser = {
  formats: ['hwp'],
  canParse: (bytes, fileName) => (hasPrefix(bytes, oleMagic) ? isHwpContainer(bytes) : extensionOf(fileName) === 'hwp'),
  parse: (bytes, _fileName, limits) =>
    guardedParse(() => {
      checkInput(bytes, limits);
      if (!hasPrefix(bytes, oleMagic)) {
        const v3 = new TextDecoder('latin1').decode(bytes.subarray(0, 17)) === 'HWP Document File';
        throw new DocumentParseFailure(v3 ? 'unsupported_type' : 'corrupt_file', v3 ? 'HWP 3.x files are not supported; save as HWP 5 or HWPX' : 'not an OLE compound file');
      }
      return parseHwp(readContainer(bytes), limits);
    }),
};

function readContainer(bytes: Uint8Array): OleContainer {
  try {
    return readOleContainer(bytes);
  } catch (error) {
    throw new DocumentParseFailure('corrupt_file', `damaged OLE container (${libraryErrorDetail(error)})`);
  }
}

function isHwpContainer(bytes: Uint8Array): boolean {
  try {
    return fileHeaderOf(readContainer(bytes)) !== undefined;
  } catch {
    return false;
  }
}

function fileHeaderOf(container: OleContainer): Uint8Array | undefined {
  const content = streamOf(container, 'FileHeader');
  if (!content || content.byteLength < 40) return undefined;
  return new TextDecoder('latin1').decode(content.subarray(0, signature.length)) === signature ? content : undefined;
}

/**
 * A stream's bytes, or undefined. Streams are read on demand, so chain damage shows here, and the raw
 * bytes count against the same budget as inflated ones: a directory of many entries sharing one long
 * chain would otherwise copy the file once per entry.
 */
function streamOf(container: OleContainer, path: string, budget?: { left: number }): Uint8Array | undefined {
  let content: Uint8Array | undefined;
  try {
    content = container.stream(path);
  } catch (error) {
    throw new DocumentParseFailure('corrupt_file', `damaged OLE container (${libraryErrorDetail(error)})`);
  }
  if (content && budget) {
    budget.left -= content.byteLength;
    if (budget.left < 0) throw new DocumentParseFailure('archive_too_large', 'the container streams add up beyond the limit');
  }
  return content;
}

function parseHwp(container: OleContainer, limits: ParseLimits) {
  const header = fileHeaderOf(container);
  if (!header) throw new DocumentParseFailure('unsupported_type', 'an OLE file that is not an HWP document (legacy .doc/.xls?)');
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  const version = view.getUint32(32, true);
  const properties = view.getUint32(36, true);
  if (properties & flags.password) throw new DocumentParseFailure('password_protected', 'the document is protected by a password');
  if (properties & flags.drm) throw new DocumentParseFailure('password_protected', 'the document is protected by DRM');
  const distribution = (properties & flags.distribution) !== 0;
  const compressed = (properties & flags.compressed) !== 0;
  const budget = { left: limits.maxExpandedBytes };
  const unpack = (stream: Uint8Array) => (compressed ? inflateWithin(stream, budget) : stream);

  const builder = new DocumentBuilder('hwp');
  builder.metadata.version = [version >>> 24, (version >>> 16) & 0xff, (version >>> 8) & 0xff, version & 0xff].join('.');
  builder.metadata.distribution = String(distribution);
  builder.metadata.compressed = String(compressed);
  const summary = streamOf(container, '\u0005HwpSummaryInformation', budget);
  if (summary) Object.assign(builder.metadata, readHwpSummary(summary));
  const docInfoStream = streamOf(container, 'DocInfo', budget);
  const docInfo = docInfoStream ? unpack(docInfoStream) : undefined;
  const context: BodyContext = {
    paragraphHeads: docInfo ? readParagraphHeads(docInfo) : [],
    headersFooters: builder.headersFooters,
    warn: (line) => builder.warn(line),
  };
  const storage = distribution ? 'ViewText' : 'BodyText';
  const sections = sectionStreams(container, storage, budget);
  if (sections.length === 0) throw new DocumentParseFailure('corrupt_file', `no ${storage} sections`);
  const declared = docInfo ? declaredSectionCount(docInfo) : undefined;
  if (declared !== undefined && sections.length < declared) {
    throw new DocumentParseFailure('corrupt_file', `DocInfo declares ${declared} sections, ${sections.length} ${storage} section streams found`);
  }
  for (const [name, stream] of sections) {
    const plain = unpack(distribution ? decryptViewText(stream) : stream);
    const { records, truncated } = withoutPadding(readRecords(plain));
    const damage = sectionDamage(records);
    if (damage) throw new DocumentParseFailure('corrupt_file', `${name}: ${damage}`);
    if (truncated) builder.warn(`${name}: the record stream ends mid-record`);
    for (const block of paragraphListBlocks(buildRecordTree(records), context)) builder.add(block);
  }
  return withInferredHeadings(builder.build());
}

/** HWPTAG_DOCUMENT_PROPERTIES, DocInfo's first record: its first UINT16 is the number of sections. */
function declaredSectionCount(docInfo: Uint8Array): number | undefined {
  const first = readRecords(docInfo).records[0];
  if (!first || first.tag !== hwpTag.documentProperties || first.data.byteLength < 2) return undefined;
  return readUint16(first.data, 0) || undefined;
}

/**
 * A decrypted ViewText stream ends with the zero bytes that pad it to the AES block size (at most 15):
 * up to three empty records of tag 0. More zeros than that are damage, left for `sectionDamage`.
 */
function withoutPadding(read: { records: HwpRecord[]; truncated: boolean }): { records: HwpRecord[]; truncated: boolean } {
  const { records } = read;
  let end = records.length;
  while (end > 0 && records.length - end < 3 && isZeroRecord(records[end - 1]!)) end--;
  if (end === records.length || (end > 0 && isZeroRecord(records[end - 1]!))) return read;
  return { records: records.slice(0, end), truncated: read.truncated };
}

function isZeroRecord(record: HwpRecord): boolean {
  return record.tag === 0 && record.level === 0 && record.data.byteLength === 0;
}

/**
 * Why a section's records cannot be a section, or undefined. Every section starts with a paragraph
 * header at level 0, and no HWP 5 record has a tag below HWPTAG_BEGIN (0x10): a stream of zeros (a
 * damaged sector) reads as thousands of records of tag 0 and would otherwise parse as an empty section.
 */
function sectionDamage(records: HwpRecord[]): string | undefined {
  const first = records[0];
  if (!first) return 'the section holds no records';
  const invalid = records.findIndex((record) => record.tag < hwpTag.begin);
  if (invalid >= 0) return `damaged record stream (record ${invalid + 1} has the invalid tag ${records[invalid]!.tag})`;
  if (first.tag !== hwpTag.paraHeader || first.level !== 0) return `damaged record stream (it starts with tag ${first.tag}, not a paragraph header)`;
  return undefined;
}

/** Sections in numeric order (Section10 after Section9). */
function sectionStreams(container: OleContainer, storage: string, budget: { left: number }): [string, Uint8Array][] {
  const pattern = new RegExp(`^${storage}/Section(\\d+)$`);
  const found: [number, string][] = [];
  for (const path of container.streamPaths) {
    const match = pattern.exec(path);
    if (match) found.push([Number(match[1]), path]);
  }
  return found.sort((a, b) => a[0] - b[0]).map(([, path]) => [path, streamOf(container, path, budget) ?? new Uint8Array(0)]);
}

/** Raw deflate with a shared output budget: compressed HWP streams can be bombs just like zips. */
function inflateWithin(stream: Uint8Array, budget: { left: number }): Uint8Array {
  let output: Buffer;
  try {
    output = inflateRawSync(stream, { maxOutputLength: Math.max(1, budget.left), finishFlush: constants.Z_SYNC_FLUSH });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new DocumentParseFailure('archive_too_large', 'compressed content expands beyond the limit');
    }
    throw new DocumentParseFailure('corrupt_file', 'a compressed stream is damaged');
  }
  budget.left -= output.byteLength;
  return new Uint8Array(output.buffer, output.byteOffset, output.byteLength);
}
