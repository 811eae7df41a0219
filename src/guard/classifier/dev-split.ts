import { createHash } from 'node:crypto';

/**
 * Folds of the development sets, for measuring the safety classifier by cross-fitting: SHA-256 of the example's
 * text (NFC, trimmed), first byte modulo the number of folds. By text, not by id, because the two sets share their
 * benign questions under different ids: folding by id would leak them from training into the measurement. With 2
 * folds, fold 0 is the half the committed model was trained on until session 12 (even first byte).
 */
export function devFoldOf(text: string, folds: number): number {
  const firstByte = createHash('sha256').update(text.normalize('NFC').trim()).digest()[0]!;
  return firstByte % folds;
}
