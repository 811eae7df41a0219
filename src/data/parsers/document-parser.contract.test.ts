import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { DocumentParser, ParseResult } from './document-parser.js';
import { csvParser } from './csv-parser.js';
import { docxParser } from './docx-parser.js';
import { htmlParser } from './html-parser.js';
import { hwpParser } from './hwp/hwp-parser.js';
import { hwpxParser } from './hwpx-parser.js';
import { documentParsers } from './index.js';
import { markdownParser } from './markdown-parser.js';
import { defaultParseLimits } from './parse-limits.js';
import { pdfParser } from './pdf-parser.js';
import { pptxParser } from './pptx-parser.js';
import { textParser } from './text-parser.js';
import { xlsxParser } from './xlsx-parser.js';
import { randomBytes } from '../../../test/helpers/synthetic-files.js';

/**
 * The one contract every DocumentParser keeps (STYLE.md: one shared contract test per extension
 * point). Each parser gets a real sample of its format; broken input must come back as a failure
 * result, never as an exception.
 */
const fixtures = new URL('../../../../test/__fixtures__/documents/', import.meta.url);
const shared = new URL('../../../../../shared/fixtures/', import.meta.url);

const samples: { parser: DocumentParser; fileName: string; url: URL; binary: boolean }[] = [
  { parser: hwpParser, fileName: '표.hwp', url: new URL('hwp/표.hwp', shared), binary: true },
  { parser: hwpxParser, fileName: 'tool_textextractor_Table.hwpx', url: new URL('hwpx/tool_textextractor_Table.hwpx', shared), binary: true },
  { parser: pdfParser, fileName: 'sample.pdf', url: new URL('sample.pdf', fixtures), binary: true },
  { parser: docxParser, fileName: 'sample.docx', url: new URL('sample.docx', fixtures), binary: true },
  { parser: xlsxParser, fileName: 'sample.xlsx', url: new URL('sample.xlsx', fixtures), binary: true },
  { parser: pptxParser, fileName: 'sample.pptx', url: new URL('sample.pptx', fixtures), binary: true },
  { parser: htmlParser, fileName: 'sample.html', url: new URL('sample.html', fixtures), binary: false },
  { parser: markdownParser, fileName: 'sample.md', url: new URL('sample.md', fixtures), binary: false },
  { parser: csvParser, fileName: 'sample.csv', url: new URL('sample.csv', fixtures), binary: false },
  { parser: textParser, fileName: 'sample.txt', url: new URL('sample.txt', fixtures), binary: false },
];

test('every registered parser has a contract sample', () => {
  assert.deepEqual(new Set(documentParsers), new Set(samples.map((sample) => sample.parser)));
});

async function settle(run: () => Promise<ParseResult>): Promise<ParseResult> {
  try {
    return await run();
  } catch (error) {
    assert.fail(`parse threw instead of returning a result: ${String(error)}`);
  }
}

for (const { parser, fileName, url, binary } of samples) {
  describe(`DocumentParser contract: ${parser.formats.join(', ')}`, () => {
    const bytes = new Uint8Array(readFileSync(url));

    test('a valid sample gives blocks of its format', async () => {
      assert.ok(parser.canParse(bytes, fileName));
      const result = await settle(() => parser.parse(bytes, fileName, defaultParseLimits));
      assert.ok(result.ok, JSON.stringify(result));
      assert.equal(result.document.format, parser.formats[0]);
      assert.ok(result.document.blocks.length > 0);
      for (const block of result.document.blocks) {
        if (block.kind === 'table') assert.ok(block.rows.every((row) => row.every((cell) => !cell.includes('\n'))));
        else assert.notEqual(block.text.trim(), '');
        if (block.lines) assert.ok(block.lines[0] >= 1 && block.lines[1] >= block.lines[0], JSON.stringify(block));
        if (block.page !== undefined) assert.ok(block.page >= 1);
      }
    });

    test('an empty file is empty_file', async () => {
      const result = await settle(() => parser.parse(new Uint8Array(0), fileName, defaultParseLimits));
      assert.deepEqual(result.ok ? 'ok' : result.code, 'empty_file');
    });

    test('a file over maxBytes is file_too_large', async () => {
      const result = await settle(() => parser.parse(bytes, fileName, { ...defaultParseLimits, maxBytes: bytes.byteLength - 1 }));
      assert.deepEqual(result.ok ? 'ok' : result.code, 'file_too_large');
    });

    test('a truncated file gives a result (a failure for container formats)', async () => {
      const result = await settle(() => parser.parse(bytes.subarray(0, Math.floor(bytes.byteLength / 2)), fileName, defaultParseLimits));
      // pdf.js rebuilds a damaged cross-reference table, so half a PDF may still read: that is fine.
      if (binary && parser.formats[0] !== 'pdf') {
        assert.equal(result.ok, false);
        assert.ok(!result.ok && ['corrupt_file', 'unsupported_type'].includes(result.code), JSON.stringify(result));
      }
    });

    test('random bytes are a failure result', async () => {
      for (const seed of [1, 2, 3]) {
        const result = await settle(() => parser.parse(randomBytes(4096, seed), fileName, defaultParseLimits));
        assert.equal(result.ok, false, `seed ${seed}`);
      }
    });
  });
}
