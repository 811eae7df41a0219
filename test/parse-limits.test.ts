import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { defaultParseLimits, parseFile } from '../src/data/parsers/index.js';

/** Zip bombs and entry floods in the zip formats: refused as archive_too_large before they cost memory. */
const documents = new URL('../../test/__fixtures__/documents/', import.meta.url);
const limits = { ...defaultParseLimits, maxExpandedBytes: 1024 * 1024, maxEntries: 200 };

/** A real document with one part inflated to `size` bytes of XML whitespace (compresses ~1000:1). */
function inflated(bytes: Uint8Array, part: string, size: number): Uint8Array {
  const files = unzipSync(bytes);
  const original = new TextDecoder().decode(files[part]!);
  files[part] = strToU8(original.replace('?>', `?>${' '.repeat(size)}`));
  return zipSync(files, { level: 9 });
}

test('a DOCX that expands past maxExpandedBytes is archive_too_large', async () => {
  const bomb = inflated(new Uint8Array(readFileSync(new URL('sample.docx', documents))), 'word/document.xml', 4 * 1024 * 1024);
  assert.ok(bomb.byteLength < 64 * 1024, 'the bomb itself is small');
  const result = await parseFile(bomb, 'bomb.docx', limits);
  assert.deepEqual(result.ok ? 'ok' : result.code, 'archive_too_large');
});

test('an HWPX that expands past maxExpandedBytes is archive_too_large', async () => {
  const hwpx = new Uint8Array(readFileSync(new URL('../../../shared/fixtures/hwpx/tool_textextractor_Table.hwpx', import.meta.url)));
  const result = await parseFile(inflated(hwpx, 'Contents/section0.xml', 4 * 1024 * 1024), 'bomb.hwpx', limits);
  assert.deepEqual(result.ok ? 'ok' : result.code, 'archive_too_large');
});

test('an entry that lies about its size cannot grow past the declared size', async () => {
  const bomb = inflated(new Uint8Array(readFileSync(new URL('sample.docx', documents))), 'word/document.xml', 4 * 1024 * 1024);
  // Rewrite every declared uncompressed size (local headers and central directory) to 4 kB.
  const view = new DataView(bomb.buffer, bomb.byteOffset, bomb.byteLength);
  for (let offset = 0; offset + 30 < bomb.byteLength; offset++) {
    const signature = view.getUint32(offset, true);
    if (signature === 0x04034b50 && view.getUint32(offset + 22, true) > 4096) view.setUint32(offset + 22, 4096, true);
    if (signature === 0x02014b50 && view.getUint32(offset + 24, true) > 4096) view.setUint32(offset + 24, 4096, true);
  }
  const result = await parseFile(bomb, 'liar.docx', limits);
  assert.ok(!result.ok || result.document.blocks.length >= 0); // a result, not a crash or an OOM
});

test('a zip with more entries than maxEntries is archive_too_large', async () => {
  const files = unzipSync(new Uint8Array(readFileSync(new URL('sample.xlsx', documents))));
  for (let index = 0; index < 300; index++) files[`xl/media/image${index}.png`] = new Uint8Array(1);
  const result = await parseFile(zipSync(files), 'many.xlsx', limits);
  assert.deepEqual(result.ok ? 'ok' : result.code, 'archive_too_large');
});

test('a compressed HWP stream that expands past the limit is archive_too_large', async () => {
  const compressed = new Uint8Array(readFileSync(new URL('../../../shared/fixtures/hwp/글상자-압축.hwp', import.meta.url)));
  const result = await parseFile(compressed, '글상자-압축.hwp', { ...limits, maxExpandedBytes: 100 });
  assert.deepEqual(result.ok ? 'ok' : result.code, 'archive_too_large');
});
