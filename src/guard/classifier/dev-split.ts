import { createHash } from 'node:crypto';

/**
 * Folds of the development sets, for measuring the safety classifier by cross-fitting: SHA-256 of the example's
 * text (NFC, trimmed), first byte modulo the number of folds. By text, not by id, because the two sets share their
 * benign questions under different ids: folding by id would leak them from training into the measurement. With 2
 * folds, fold 0 is the half the committed model was trained on until session 12 (even first byte). A `seed` other
 * than 0 hashes `seed:text` instead: another assignment of lines to folds, so a comparison can be repeated over
 * several and not rest on one draw (one assignment moves harmful + hate recall by about ±0.02).
 */
export function devFoldOf(text: string, folds: number, seed = 0): number {
  const key = text.normalize('NFC').trim();
  const firstByte = createHash('sha256').update(seed === 0 ? key : `${seed}:${key}`).digest()[0]!;
  return firstByte % folds;
}
