import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { readGgufHeader } from './gguf-header.js';

const directory = mkdtempSync(join(tmpdir(), 'kgov-gguf-header-'));
after(() => rmSync(directory, { recursive: true, force: true }));

function file(name: string, magic: string, version: number, tensors: bigint, entries: bigint, body = 0): string {
  const head = Buffer.alloc(24);
  head.write(magic, 0, 'latin1');
  head.writeUInt32LE(version, 4);
  head.writeBigUInt64LE(tensors, 8);
  head.writeBigUInt64LE(entries, 16);
  const path = join(directory, name);
  writeFileSync(path, Buffer.concat([head, Buffer.alloc(body)]));
  return path;
}

test('a plausible v3 header is read', () => {
  const result = readGgufHeader(file('ok.gguf', 'GGUF', 3, 2n, 3n, 2 * 33 + 3 * 14));
  assert.deepEqual(result, { ok: true, header: { version: 3, tensorCount: 2, metadataCount: 3, bytes: 24 + 2 * 33 + 3 * 14 } });
});

test('wrong magic, old or unknown versions, impossible counts and short files are refused with a reason', () => {
  const refused = (path: string, pattern: RegExp) => {
    const result = readGgufHeader(path);
    assert.ok(!result.ok && pattern.test(result.reason), JSON.stringify(result));
  };
  refused(file('magic.gguf', 'GGML', 3, 0n, 0n), /magic/);
  refused(file('v1.gguf', 'GGUF', 1, 0n, 0n), /version 1/);
  refused(file('garbage.gguf', 'GGUF', 1953849888, 0n, 0n), /version/);
  refused(file('counts.gguf', 'GGUF', 3, 10n ** 12n, 5n, 100), /cannot fit/);
  const short = join(directory, 'short.gguf');
  writeFileSync(short, 'GGUF');
  refused(short, /shorter/);
  refused(join(directory, 'absent.gguf'), /ENOENT/);
});
