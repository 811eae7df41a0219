import { createHash } from 'node:crypto';

/**
 * The fixed split of the development sets: SHA-256 of the example's text (NFC, trimmed); an even first byte
 * trains, an odd one is held out for measuring. By text, not by id, because the two sets share their benign
 * questions under different ids — splitting by id would leak them from training into the measurement.
 */
export type DevSplit = 'train' | 'held-out';

export function devSplitOf(text: string): DevSplit {
  const firstByte = createHash('sha256').update(text.normalize('NFC').trim()).digest()[0]!;
  return firstByte % 2 === 0 ? 'train' : 'held-out';
}
