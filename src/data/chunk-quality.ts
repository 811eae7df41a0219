/**
 * Quality filters per chunk. A filtered chunk is stored (for audit, and so that the document's line spans
 * stay whole) but not indexed; the ingest outcome counts each reason.
 */
export type WithheldReason = 'short' | 'symbols' | 'boilerplate' | 'duplicate' | 'near-duplicate' | 'quarantined';

export type QualitySettings = { minChunkCharacters: number; minLetterShare: number };

const letterOrDigit = /[\p{L}\p{N}]/gu;
// Whitespace and the pipes of Markdown tables: structure, not content, so they count neither way.
const layout = /[\s|]/gu;

export function letterCount(text: string): number {
  return text.match(letterOrDigit)?.length ?? 0;
}

/** Why a chunk is not worth indexing, or null. `onlyChunk`: the document has no other chunk. */
export function judgeChunkQuality(text: string, settings: QualitySettings, onlyChunk: boolean): 'short' | 'symbols' | null {
  const letters = letterCount(text);
  const visible = text.replace(layout, '').length;
  if (visible > 0 && letters / visible < settings.minLetterShare) return 'symbols';
  if (!onlyChunk && letters < settings.minChunkCharacters) return 'short';
  return null;
}
