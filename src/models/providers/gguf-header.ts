import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export type GgufHeader = { version: number; tensorCount: number; metadataCount: number; bytes: number };

/** Smallest possible entries (ggml docs/gguf.md): a tensor info is ≥ 33 bytes, a key-value pair ≥ 14. */
const MIN_TENSOR_INFO_BYTES = 8 + 1 + 4 + 8 + 4 + 8;
const MIN_METADATA_BYTES = 8 + 1 + 4 + 1;

/**
 * Reads and checks the 24-byte GGUF header before the file goes anywhere near the model loader:
 * node-llama-cpp's metadata reader, given a file that merely starts with "GGUF", reads a garbage
 * version as v3 and then counts in the billions, and spends minutes and gigabytes on it. Counts that
 * cannot fit in the file are refused here in microseconds.
 */
export function readGgufHeader(path: string): { ok: true; header: GgufHeader } | { ok: false; reason: string } {
  let descriptor: number;
  try {
    descriptor = openSync(path, 'r');
  } catch (error) {
    return { ok: false, reason: (error as NodeJS.ErrnoException).code ?? 'unreadable' };
  }
  try {
    const bytes = fstatSync(descriptor).size;
    const head = Buffer.alloc(24);
    if (readSync(descriptor, head, 0, 24, 0) < 24) return { ok: false, reason: 'shorter than a GGUF header' };
    if (head.toString('latin1', 0, 4) !== 'GGUF') return { ok: false, reason: 'not a GGUF file (no GGUF magic)' };
    const version = head.readUInt32LE(4);
    // llama.cpp reads v2 and v3 (v3 added big-endian files; v1 used 32-bit counts and is long gone).
    if (version !== 2 && version !== 3) return { ok: false, reason: `unsupported GGUF version ${version}` };
    const tensorCount = head.readBigUInt64LE(8);
    const metadataCount = head.readBigUInt64LE(16);
    const room = BigInt(bytes - 24);
    if (tensorCount * BigInt(MIN_TENSOR_INFO_BYTES) + metadataCount * BigInt(MIN_METADATA_BYTES) > room) {
      return { ok: false, reason: `${tensorCount} tensors and ${metadataCount} metadata entries cannot fit in ${bytes} bytes` };
    }
    return { ok: true, header: { version, tensorCount: Number(tensorCount), metadataCount: Number(metadataCount), bytes } };
  } finally {
    closeSync(descriptor);
  }
}
