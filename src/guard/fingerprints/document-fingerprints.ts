import { decodeEscapes } from '../pii/decode-escapes.js';

/**
 * Fingerprints of restricted documents, so a prompt that quotes one can be stopped before it leaves the agency.
 * A fingerprint is the set of hashed character shingles of the document's text after removing whitespace,
 * punctuation and invisible characters, so re-wrapped, re-spaced or zero-width-split quotations still match.
 * Implementations may live in memory (below) or in the database; the ingest code feeds them the chunks graded
 * `restricted`.
 */
export type FingerprintMatch = {
  documentId: string;
  /** Shingles of the text found in the document. */
  matchedShingles: number;
  /** matchedShingles divided by the text's shingle count. */
  share: number;
};

export interface DocumentFingerprintIndex {
  /** `tenantId`: whose document it is; a match for a tenant reads only that tenant's documents. */
  add(documentId: string, text: string, tenantId?: string): void;
  remove(documentId: string): void;
  /**
   * Documents sharing at least `minimumShingles` shingles with `text`, best first. With `tenantId`, only that tenant's
   * documents (and those added without one): another agency's restricted text is no business of this one's guard, and
   * a verdict on it would answer guesses about it.
   */
  match(text: string, minimumShingles?: number, tenantId?: string | null): FingerprintMatch[];
}

// 12 characters without spaces is about three Korean words: long enough that common phrases do not collide,
// short enough that a quoted sentence yields dozens of shingles.
export const shingleLength = 12;
// A quotation of about 40 characters (a sentence) before it counts.
export const defaultMinimumShingles = 28;

export function shingleHashes(text: string): Set<number> {
  const hashes = new Set<number>();
  forEachShingle(text, (hash) => {
    hashes.add(hash);
    return false;
  });
  return hashes;
}

/** Calls `visit` with each shingle's hash in order until it returns true; returns whether one did. */
function forEachShingle(text: string, visit: (hash: number) => boolean): boolean {
  // Invisible characters go too (\p{C}: zero-width spaces and joiners, soft hyphens, controls, lone surrogates; \p{M}:
  // combining marks left after NFKC, such as U+034F; the Hangul fillers, which are letters that show nothing): put
  // between the words of a quotation, they must not hide it. So do markup and escapes (<b>…</b>, &nbsp;, &#45824;,
  // \uB300, %EB%8C%80): what a client shows or a model reads is the quotation.
  const compact = (decodeEscapes(text)?.text ?? text).normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}\p{C}\p{M}\u115f\u1160\u3164\uffa0]+/gu, '');
  for (let start = 0; start + shingleLength <= compact.length; start++) if (visit(fnv1a(compact, start, start + shingleLength))) return true;
  return false;
}

function fnv1a(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let index = start; index < end; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export class MemoryFingerprintIndex implements DocumentFingerprintIndex {
  readonly #documentsByShingle = new Map<number, Set<string>>();
  readonly #shinglesByDocument = new Map<string, Set<number>>();
  readonly #tenantByDocument = new Map<string, string>();

  add(documentId: string, text: string, tenantId?: string): void {
    if (tenantId !== undefined) this.#tenantByDocument.set(documentId, tenantId);
    const hashes = shingleHashes(text);
    const existing = this.#shinglesByDocument.get(documentId) ?? new Set<number>();
    for (const hash of hashes) {
      existing.add(hash);
      let documents = this.#documentsByShingle.get(hash);
      if (!documents) this.#documentsByShingle.set(hash, (documents = new Set()));
      documents.add(documentId);
    }
    this.#shinglesByDocument.set(documentId, existing);
  }

  #anyShingleKnown(text: string): boolean {
    return forEachShingle(text, (hash) => this.#documentsByShingle.has(hash));
  }

  remove(documentId: string): void {
    for (const hash of this.#shinglesByDocument.get(documentId) ?? []) {
      const documents = this.#documentsByShingle.get(hash);
      documents?.delete(documentId);
      if (documents?.size === 0) this.#documentsByShingle.delete(hash);
    }
    this.#shinglesByDocument.delete(documentId);
    this.#tenantByDocument.delete(documentId);
  }

  match(text: string, minimumShingles = defaultMinimumShingles, tenantId?: string | null): FingerprintMatch[] {
    // Most texts quote no restricted document, and most agencies hold few: answer those without building the text's
    // set of shingles (a 300,000-character prompt took ~50 ms of the server's thread for it).
    if (this.#shinglesByDocument.size === 0 || !this.#anyShingleKnown(text)) return [];
    const hashes = shingleHashes(text);
    const counts = new Map<string, number>();
    for (const hash of hashes) {
      for (const documentId of this.#documentsByShingle.get(hash) ?? []) {
        const owner = this.#tenantByDocument.get(documentId);
        if (tenantId && owner !== undefined && owner !== tenantId) continue;
        counts.set(documentId, (counts.get(documentId) ?? 0) + 1);
      }
    }
    return [...counts]
      .map(([documentId, matchedShingles]) => ({ documentId, matchedShingles, share: matchedShingles / Math.max(1, hashes.size) }))
      .filter((found) => found.matchedShingles >= minimumShingles)
      .sort((a, b) => b.matchedShingles - a.matchedShingles);
  }

  get size(): number {
    return this.#shinglesByDocument.size;
  }
}
