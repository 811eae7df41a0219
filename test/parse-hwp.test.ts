import assert from 'node:assert/strict';
import { createCipheriv } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import cfb from 'cfb';
import { scrambleDistributionRecord } from '../src/data/parsers/hwp/hwp-distribution.js';
import { parseFile, toMarkdown, toText } from '../src/data/parsers/index.js';

/**
 * HWP cases the shared fixtures lack, built from a real fixture (표.hwp) by editing its OLE
 * container: a 배포용 (distribution) copy whose only body is the encrypted ViewText stream, and a
 * password-protected copy (FileHeader bit 1).
 */
const tableHwp = readFileSync(new URL('../../../shared/fixtures/hwp/표.hwp', import.meta.url));

function withFileHeaderFlag(container: ReturnType<typeof cfb.read>, flag: number): void {
  const entry = cfb.find(container, '/FileHeader')!;
  const header = Buffer.from(entry.content as Uint8Array);
  header.writeUInt32LE(header.readUInt32LE(36) | flag, 36);
  entry.content = header;
}

/** The inverse of hwp-distribution.ts: a scrambled key record, then the stream in AES-128-ECB. */
function encryptAsViewText(section: Uint8Array, seed: number, key: Buffer): Buffer {
  const record = Buffer.alloc(256);
  record.writeUInt32LE(seed, 0);
  key.copy(record, 4 + (seed & 0x0f));
  const padded = Buffer.alloc(Math.ceil(section.byteLength / 16) * 16);
  padded.set(section);
  const cipher = createCipheriv('aes-128-ecb', key, null).setAutoPadding(false);
  const header = Buffer.alloc(4);
  header.writeUInt32LE((256 << 20) | 28, 0); // HWPTAG_DISTRIBUTE_DOC_DATA, 256 bytes
  return Buffer.concat([header, scrambleDistributionRecord(record), cipher.update(padded), cipher.final()]);
}

test('a 배포용 (distribution) HWP is decrypted from ViewText', async () => {
  const container = cfb.read(tableHwp, { type: 'buffer' });
  const section = cfb.find(container, '/BodyText/Section0')!.content as Uint8Array;
  withFileHeaderFlag(container, 1 << 2);
  // A fresh container: cfb's in-place delete leaves stray entries behind.
  const copy = cfb.utils.cfb_new();
  cfb.utils.cfb_add(copy, 'FileHeader', cfb.find(container, '/FileHeader')!.content);
  cfb.utils.cfb_add(copy, 'DocInfo', cfb.find(container, '/DocInfo')!.content);
  cfb.utils.cfb_add(copy, 'ViewText/Section0', encryptAsViewText(Uint8Array.from(section), 0x1234_5678, Buffer.from('0123456789abcdef')));
  const distributed = new Uint8Array(cfb.write(copy, { type: 'buffer' }) as Buffer);

  const result = await parseFile(distributed, 'distributed.hwp');
  assert.ok(result.ok, JSON.stringify(result));
  assert.equal(result.document.metadata.distribution, 'true');
  const original = await parseFile(new Uint8Array(tableHwp), '표.hwp');
  assert.ok(original.ok);
  assert.equal(toText(result.document), toText(original.document));
  assert.match(toMarkdown(result.document), /\| LMN \| OPQ \| STR \|/);
});

test('a password-protected HWP is password_protected', async () => {
  const container = cfb.read(tableHwp, { type: 'buffer' });
  withFileHeaderFlag(container, 1 << 1);
  const result = await parseFile(new Uint8Array(cfb.write(container, { type: 'buffer' }) as Buffer), 'secret.hwp');
  assert.deepEqual(result.ok ? 'ok' : result.code, 'password_protected');
});

test('content decides the format, not the extension', async () => {
  const hwpx = readFileSync(new URL('../../../shared/fixtures/hwpx/tool_textextractor_Table.hwpx', import.meta.url));
  const named = await parseFile(new Uint8Array(hwpx), '기말고사.hwp');
  assert.ok(named.ok && named.document.format === 'hwpx');
  const hwp = await parseFile(new Uint8Array(tableHwp), 'table.pdf');
  assert.ok(hwp.ok && hwp.document.format === 'hwp');
});

test('tables, headings, lists, notes and headers survive from HWP', async () => {
  const read = async (name: string) => {
    const result = await parseFile(new Uint8Array(readFileSync(new URL(`../../../shared/fixtures/hwp/${name}`, import.meta.url))), name);
    assert.ok(result.ok, JSON.stringify(result));
    return result.document;
  };
  const table = await read('표.hwp');
  assert.deepEqual(table.blocks.find((block) => block.kind === 'table')?.kind === 'table' && table.blocks.find((block) => block.kind === 'table'), {
    kind: 'table', caption: '표', rows: [['ABC 123', 'DEF', 'GHI'], ['LMN', 'OPQ', 'STR'], ['UVM', '123', '456']],
  });
  const outline = await read('머리글꼬리글.hwp');
  assert.ok(outline.blocks.some((block) => block.kind === 'heading' && block.text === 'aaa'));
  assert.ok(outline.headersFooters.length > 0);
  const numbered = await read('문단번호 1-10 수준.hwp');
  assert.ok(numbered.blocks.some((block) => block.kind === 'list-item' && block.ordered && block.text === '문단번호'));
  assert.ok(numbered.blocks.some((block) => block.kind === 'list-item' && !block.ordered && block.text === '글머리표'));
  const notes = await read('각주미주.hwp');
  assert.ok(notes.blocks.some((block) => block.kind === 'note' && block.text === 'sssd'));
  const boxes = await read('글상자-압축.hwp');
  assert.equal(boxes.metadata.compressed, 'true');
  assert.ok(boxes.blocks.some((block) => block.kind === 'note' && block.noteKind === 'textbox' && block.text.includes('ABC')));
});

test('HWP summary information: title, author and created/modified times become metadata and date the version', async () => {
  const { effectiveDate } = await import('../src/data/effective-date.js');
  const picture = await parseFile(new Uint8Array(readFileSync(new URL('../../../shared/fixtures/hwp/그림.hwp', import.meta.url))), '그림.hwp');
  assert.ok(picture.ok, JSON.stringify(picture));
  assert.equal(picture.document.metadata.author, '박성균');
  // FILETIME 2016-11-02 13:44:16 KST, as Hangul also states it in words.
  assert.equal(picture.document.metadata.created, '2016-11-02T04:44:16.686Z');
  assert.equal(picture.document.metadata.dateText, '2016년 11월 2일 수요일 오후 1:44:16');
  assert.equal(picture.document.metadata.modified, '2016-11-10T11:06:10.772Z');
  // The body holds no date line, so the file's last-saved date dates the version.
  assert.deepEqual(effectiveDate(picture.document), { date: '2016-11-10', source: 'metadata' });

  const numbering = await parseFile(new Uint8Array(readFileSync(new URL('../../../shared/fixtures/hwp/문단번호 1-10 수준.hwp', import.meta.url))), '문단번호.hwp');
  assert.ok(numbering.ok);
  assert.equal(numbering.document.metadata.title, '양쪽 정렬');
  assert.equal(numbering.document.metadata.created, '2020-01-07T01:12:25.777Z');

  // A damaged property set yields no metadata from it, never a failed parse.
  const { readHwpSummary } = await import('../src/data/parsers/hwp/hwp-summary.js');
  assert.deepEqual(readHwpSummary(new Uint8Array([0xfe, 0xff, 1, 2, 3])), {});
  const container = cfb.read(readFileSync(new URL('../../../shared/fixtures/hwp/그림.hwp', import.meta.url)), { type: 'buffer' });
  const entry = cfb.find(container, '/\u0005HwpSummaryInformation')!;
  const damaged = Buffer.from(entry.content as Uint8Array);
  damaged.fill(0xff, 48);
  entry.content = damaged;
  const reparsed = await parseFile(new Uint8Array(cfb.write(container, { type: 'buffer' }) as Buffer), '그림.hwp');
  assert.ok(reparsed.ok, JSON.stringify(reparsed));
});
