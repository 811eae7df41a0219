import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import cfb from 'cfb';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { prepareDocument } from '../src/data/prepare-document.js';
import { defaultParseLimits, parseFile, type ParseResult } from '../src/data/parsers/index.js';
import { randomBytes, writePdf } from './helpers/synthetic-files.js';

/**
 * Damaged files fail as `corrupt_file` with one reason, never as an empty document; bytes of no
 * format under a supported name are a broken file of that format, not an unsupported one; and a
 * document without text parses (with a warning) but is not prepared for ingestion (`no_text`).
 */
const shared = new URL('../../../shared/fixtures/', import.meta.url);
const documents = new URL('../../test/__fixtures__/documents/', import.meta.url);
const tableHwp = readFileSync(new URL('hwp/표.hwp', shared));
const tableHwpx = readFileSync(new URL('hwpx/tool_textextractor_Table.hwpx', shared));
const samplePdf = readFileSync(new URL('sample.pdf', documents));

const outcome = (result: ParseResult) => (result.ok ? 'ok' : `${result.code}: ${result.reason}`);

function editedHwp(edit: (container: ReturnType<typeof cfb.read>) => void): Uint8Array {
  const container = cfb.read(tableHwp, { type: 'buffer' });
  edit(container);
  return new Uint8Array(cfb.write(container, { type: 'buffer' }) as Buffer);
}

/** One A4 page per entry, each with an empty content stream: what a scan without OCR looks like to a text extractor. */
function pdfWithoutText(pages: number): Uint8Array {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Kids [${Array.from({ length: pages }, (_, index) => `${3 + index * 2} 0 R`).join(' ')}] /Count ${pages} >>`];
  for (let index = 0; index < pages; index++) {
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> /Contents ${objects.length + 2} 0 R >>`);
    objects.push('<< /Length 0 >>\nstream\n\nendstream');
  }
  return writePdf(objects, { encoding: 'latin1' });
}

test('random bytes named as a supported format are corrupt_file, saying which signature is missing', async () => {
  const cases: [string, RegExp][] = [
    ['손상된문서.hwp', /^corrupt_file: not an HWP file: no OLE\/CFB signature$/],
    ['보고서.pdf', /^corrupt_file: not a PDF file: no %PDF- header$/],
    ['서식.hwpx', /^corrupt_file: not an HWPX file: no zip signature$/],
    ['계획.docx', /^corrupt_file: not a DOCX file: no zip signature$/],
    ['메모.txt', /^corrupt_file: not a text file: binary content$/],
    // An extension we do not read, or none: still unsupported.
    ['archive.bin', /^unsupported_type: not a supported document format \(\.bin\)$/],
    ['noextension', /^unsupported_type: not a supported document format \(\.\?\)$/],
  ];
  for (const seed of [1, 7, 42]) {
    for (const [name, expected] of cases) assert.match(outcome(await parseFile(randomBytes(4096, seed), name)), expected, `${name}, seed ${seed}`);
  }
});

test('a known format we do not read is unsupported_type under any name, and says what it is', async () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 0, 255]);
  assert.equal(outcome(await parseFile(png, '스캔본.hwp')), 'unsupported_type: a PNG image, not a supported document format (.hwp)');
  const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
  assert.equal(outcome(await parseFile(jpeg, '사진.pdf')), 'unsupported_type: a JPEG image, not a supported document format (.pdf)');
});

test('another supported format under the wrong name is read by its content, with a warning that says so', async () => {
  const pdfAsHwp = await parseFile(new Uint8Array(samplePdf), '공문.hwp');
  assert.ok(pdfAsHwp.ok, outcome(pdfAsHwp));
  assert.equal(pdfAsHwp.document.format, 'pdf');
  assert.deepEqual(pdfAsHwp.document.warnings, ['the content is PDF, not HWP as the name says (.hwp); read as PDF']);
  // HWPX named .hwp is everyday practice: no warning.
  const hwpxAsHwp = await parseFile(new Uint8Array(tableHwpx), '기말고사.hwp');
  assert.ok(hwpxAsHwp.ok && hwpxAsHwp.document.format === 'hwpx');
  assert.deepEqual(hwpxAsHwp.document.warnings, []);
});

test('an HWP with zeroed bytes (a damaged sector) is corrupt_file, not an empty document', async () => {
  const zeroed = Buffer.from(tableHwp);
  zeroed.fill(0, 4096, 12000);
  assert.equal(outcome(await parseFile(new Uint8Array(zeroed), '표.hwp')), 'corrupt_file: BodyText/Section0: damaged record stream (record 1 has the invalid tag 0)');
  // Damage after the first paragraphs: the text before it is not passed off as the whole document.
  const tail = editedHwp((container) => {
    const entry = cfb.find(container, '/BodyText/Section0')!;
    const section = Buffer.from(entry.content as Uint8Array);
    section.fill(0, Math.floor(section.length / 2));
    entry.content = section;
  });
  assert.match(outcome(await parseFile(tail, '표.hwp')), /^corrupt_file: BodyText\/Section0: damaged record stream \(record \d+ has the invalid tag 0\)$/);
  // A compressed one (글상자-압축.hwp) whose section no longer inflates.
  const compressed = cfb.read(readFileSync(new URL('hwp/글상자-압축.hwp', shared)), { type: 'buffer' });
  const entry = cfb.find(compressed, '/BodyText/Section0')!;
  const section = Buffer.from(entry.content as Uint8Array);
  section.fill(0, 0, 16);
  entry.content = section;
  assert.equal(outcome(await parseFile(new Uint8Array(cfb.write(compressed, { type: 'buffer' }) as Buffer), '글상자.hwp')), 'corrupt_file: a compressed stream is damaged');
});

test('an HWP whose DocInfo declares more sections than it holds is corrupt_file', async () => {
  const missingSection = editedHwp((container) => {
    const entry = cfb.find(container, '/DocInfo')!;
    const docInfo = Buffer.from(entry.content as Uint8Array);
    // 표.hwp is uncompressed: the first record (DOCUMENT_PROPERTIES) starts at byte 4 with the section count.
    assert.equal(docInfo.readUInt32LE(0) & 0x3ff, 16);
    docInfo.writeUInt16LE(2, 4);
    entry.content = docInfo;
  });
  assert.equal(outcome(await parseFile(missingSection, '표.hwp')), 'corrupt_file: DocInfo declares 2 sections, 1 BodyText section streams found');
});

test('an HWPX whose section XML is damaged, or missing from the archive, is corrupt_file', async () => {
  const files = unzipSync(new Uint8Array(tableHwpx));
  const zeroed = zipSync({ ...files, 'Contents/section0.xml': new Uint8Array(files['Contents/section0.xml']!.byteLength) });
  assert.equal(outcome(await parseFile(zeroed, '표.hwpx')), 'corrupt_file: Contents/section0.xml is not a section (damaged XML)');
  const hpf = new TextDecoder().decode(files['Contents/content.hpf']);
  const twoSections = hpf.replace(/(<opf:itemref [^>]*idref="section0"[^>]*\/>)/, '$1<opf:itemref idref="section1" linear="yes"/>')
    .replace(/(<opf:item [^>]*id="section0"[^>]*\/>)/, '$1<opf:item id="section1" href="Contents/section1.xml" media-type="application/xml"/>');
  assert.notEqual(twoSections, hpf, 'the fixture spine has a section0 itemref to extend');
  const missing = zipSync({ ...files, 'Contents/content.hpf': strToU8(twoSections) });
  assert.equal(outcome(await parseFile(missing, '표.hwpx')), 'corrupt_file: content.hpf lists Contents/section1.xml, missing from the archive');
});

test('a document without text parses with a warning, and is refused for ingestion as no_text', async () => {
  const scan = await parseFile(pdfWithoutText(3), '스캔본.pdf');
  assert.ok(scan.ok, outcome(scan));
  assert.equal(scan.document.pageCount, 3);
  assert.deepEqual(scan.document.warnings, ['no text layer on any of its 3 pages (scanned? OCR is not supported yet)']);
  assert.deepEqual(await prepareDocument(pdfWithoutText(3), '스캔본.pdf', defaultParseLimits),
    { ok: false, code: 'no_text', reason: 'no text layer on any of its 3 pages (scanned? OCR is not supported yet)' });
  // An HWP holding only a picture (그림.hwp): its metadata still parses.
  const picture = readFileSync(new URL('hwp/그림.hwp', shared));
  const parsed = await parseFile(new Uint8Array(picture), '그림.hwp');
  assert.ok(parsed.ok && parsed.document.metadata.author === '박성균');
  assert.deepEqual(parsed.document.warnings, ['no text in the HWP body (blank, or only images and objects without text)']);
  const prepared = await prepareDocument(new Uint8Array(picture), '그림.hwp', defaultParseLimits);
  assert.deepEqual(prepared.ok ? 'ok' : prepared.code, 'no_text');
  const blankLines = await prepareDocument(new TextEncoder().encode('\n  \n\t\n'), '빈줄.txt', defaultParseLimits);
  assert.deepEqual(blankLines, { ok: false, code: 'no_text', reason: 'no text, only blank lines or markup' });
  // A document with text is prepared as before.
  const table = await prepareDocument(new Uint8Array(tableHwp), '표.hwp', defaultParseLimits);
  assert.ok(table.ok && table.prepared.chunks.length > 0);
});
