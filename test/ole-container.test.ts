import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import cfb from 'cfb';
import { parseFile } from '../src/data/parsers/index.js';
import { OleFormatError, readOleContainer } from '../src/data/parsers/hwp/ole-container.js';

/**
 * The OLE reader against `cfb` (the library it replaced, kept to write test containers) on every HWP
 * fixture, and against damage that made `cfb.read` loop: each must fail fast with a reason.
 */
const shared = new URL('../../../shared/fixtures/hwp/', import.meta.url);
const fixtures = readdirSync(shared).filter((name) => name.endsWith('.hwp'));

function streamsByCfb(bytes: Uint8Array): Map<string, Uint8Array> {
  const container = cfb.read(Buffer.from(bytes), { type: 'buffer' });
  const out = new Map<string, Uint8Array>();
  container.FullPaths.forEach((path, index) => {
    const entry = container.FileIndex[index]!;
    if (entry.type === 2) out.set(path.slice(path.indexOf('/') + 1), Uint8Array.from((entry.content ?? []) as ArrayLike<number>));
  });
  return out;
}

function streamsByOurs(bytes: Uint8Array): Map<string, Uint8Array> {
  const container = readOleContainer(bytes);
  return new Map(container.streamPaths.map((path) => [path, container.stream(path)!]));
}

test('every HWP fixture: the same streams, byte for byte, as cfb reads', () => {
  assert.ok(fixtures.length >= 25);
  for (const name of fixtures) {
    const bytes = new Uint8Array(readFileSync(new URL(name, shared)));
    const expected = streamsByCfb(bytes);
    const actual = streamsByOurs(bytes);
    assert.deepEqual([...actual.keys()].sort(), [...expected.keys()].sort(), name);
    for (const [path, content] of expected) assert.deepEqual(actual.get(path), content, `${name}: ${path}`);
  }
});

test('a container cfb writes (version 3, mini streams) reads back; lookup ignores case', () => {
  const container = cfb.utils.cfb_new();
  const small = Uint8Array.from({ length: 300 }, (_, index) => index % 251);
  const large = Uint8Array.from({ length: 9000 }, (_, index) => (index * 7) % 256);
  cfb.utils.cfb_add(container, 'FileHeader', small);
  cfb.utils.cfb_add(container, 'BodyText/Section0', large);
  const read = readOleContainer(new Uint8Array(cfb.write(container, { type: 'buffer' }) as Buffer));
  assert.deepEqual(read.stream('FileHeader'), small);
  assert.deepEqual(read.stream('BodyText/Section0'), large);
  assert.deepEqual(read.stream('bodytext/section0'), large);
  assert.equal(read.stream('BodyText/Section1'), undefined);
});

/** A fixture rewritten by cfb: one contiguous directory, so entry ids follow from offsets. */
function rewritten(): { bytes: Uint8Array; view: DataView; entryOffset: (name: string) => number; idOf: (offset: number) => number } {
  const bytes = new Uint8Array(cfb.write(cfb.read(readFileSync(new URL('표.hwp', shared)), { type: 'buffer' }), { type: 'buffer' }) as Buffer);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const directoryStart = (view.getUint32(0x30, true) + 1) * 512;
  const entryOffset = (name: string) => {
    for (let at = directoryStart; at + 128 <= bytes.byteLength; at += 128) {
      if (new TextDecoder('utf-16le').decode(bytes.subarray(at, at + view.getUint16(at + 64, true) - 2)) === name) return at;
    }
    throw new Error(`no entry ${name}`);
  };
  return { bytes, view, entryOffset, idOf: (offset) => (offset - directoryStart) / 128 };
}

function rejects(bytes: Uint8Array, reason: RegExp): void {
  assert.throws(() => streamsByOurs(bytes), (error: unknown) => error instanceof OleFormatError && reason.test(error.message));
}

test('a sibling link back into the tree (the fuzz case of seed 813572023 that hung cfb.read) fails with a reason', async () => {
  const { bytes, view, entryOffset, idOf } = rewritten();
  const header = entryOffset('FileHeader');
  view.setUint32(header + 68, idOf(header), true); // its own left sibling
  rejects(bytes, /reaches entry \d+ twice/);
  const started = performance.now();
  const result = await parseFile(bytes, '표.hwp');
  assert.equal(result.ok ? 'ok' : `${result.code}: ${result.reason}`, `corrupt_file: damaged OLE container (the directory tree reaches entry ${idOf(header)} twice)`);
  assert.ok(performance.now() - started < 2000);
});

test('a storage whose child is the root, and a link past the directory, fail with a reason', () => {
  const first = rewritten();
  first.view.setUint32(first.entryOffset('BodyText') + 76, 0, true);
  rejects(first.bytes, /reaches entry 0 twice/);
  const second = rewritten();
  second.view.setUint32(second.entryOffset('DocInfo') + 72, 9999, true);
  rejects(second.bytes, /points to entry 9999/);
});

test('a FAT chain that loops, and a DIFAT chain that loops, fail with a reason', () => {
  const { bytes, view } = rewritten();
  const fatSector = view.getUint32(0x4c, true);
  const directorySector = view.getUint32(0x30, true);
  view.setUint32((fatSector + 1) * 512 + directorySector * 4, directorySector, true);
  rejects(bytes, /the directory loops back to sector/);

  const difat = rewritten();
  difat.view.setUint32(0x44, fatSector, true);
  difat.view.setUint32(0x48, 1000, true);
  difat.view.setUint32((fatSector + 1) * 512 + 508, fatSector, true);
  rejects(difat.bytes, /the DIFAT chain loops back/);
});

test('headers that are not OLE, or of an unknown version, fail with a reason', () => {
  rejects(new Uint8Array(100), /shorter than an OLE header/);
  rejects(new Uint8Array(1024), /no OLE signature/);
  const { bytes, view } = rewritten();
  view.setUint16(0x1e, 10, true);
  rejects(bytes, /unsupported version 3 with sector shift 10/);
});
