import { decodeEscapes } from './decode-escapes.js';
import { isLookAlike } from './look-alikes.js';
import { normalizeText, toOriginalSpan } from './normalize-text.js';
import type { PiiCandidate, PiiEntity, PiiRecognizer, PiiType } from './pii-types.js';
import { allRecognizers } from './recognizers/all-recognizers.js';
import { resolveOverlaps } from './resolve-overlaps.js';

export type DetectPiiOptions = {
  /** Findings under this score are dropped (default 0.5: a validated shape without a context word passes). */
  minScore?: number;
  /** Only these types (default: all). */
  types?: readonly PiiType[];
  /** Adds the matched original text to each entity (off by default, so findings can be logged safely). */
  includeText?: boolean;
  /** Replaces the built-in recognizers, e.g. to add one. */
  recognizers?: readonly PiiRecognizer[];
};

export type PiiDetection = { entities: PiiEntity[] };

// Types whose shape is made of digits, where document numbers, amounts and versions are the usual false alarms.
const numericTypes = new Set<PiiType>([
  'KR_RRN', 'KR_FRN', 'KR_BRN', 'KR_PASSPORT', 'KR_DRIVER_LICENSE', 'PHONE', 'CREDIT_CARD', 'BANK_ACCOUNT',
  'KR_VEHICLE_PLATE', 'IP_ADDRESS',
]);

/** Finds Korean personal data in `text`. Pure and synchronous; offsets are indices into `text` as given. */
export function detectPii(text: string, options: DetectPiiOptions = {}): PiiDetection {
  // Escapes a reader decodes (&#56;, \u0038, %38, tags between the digits) are read as what they spell; the entities'
  // spans are the escapes' spans in `text`, so masking covers them.
  const decoded = decodeEscapes(text);
  if (decoded) {
    const entities = detectDecoded(decoded.text, { ...options, includeText: false }).entities.map((entity) => {
      const span = decoded.toOriginal(entity.start, entity.end);
      return { ...entity, ...span, ...(options.includeText ? { text: text.slice(span.start, span.end) } : {}) };
    });
    return { entities };
  }
  return detectDecoded(text, options);
}

function detectDecoded(text: string, options: DetectPiiOptions): PiiDetection {
  const minScore = options.minScore ?? 0.5;
  const wanted = options.types ? new Set(options.types) : null;
  const normalized = normalizeText(text);
  const candidates: PiiCandidate[] = [];
  for (const recognizer of options.recognizers ?? allRecognizers) {
    if (wanted && !recognizer.types.some((type) => wanted.has(type))) continue;
    for (const candidate of recognizer.recognize(normalized.text)) {
      if (candidate.score < minScore || (wanted && !wanted.has(candidate.type))) continue;
      if (numericTypes.has(candidate.type) && isLookAlike(normalized.text, candidate.start, candidate.end)) continue;
      candidates.push(candidate);
    }
  }
  const entities = resolveOverlaps(candidates).map((candidate): PiiEntity => {
    const span = toOriginalSpan(normalized, candidate.start, candidate.end);
    const entity: PiiEntity = { type: candidate.type, start: span.start, end: span.end, score: round(candidate.score) };
    if (options.includeText) entity.text = text.slice(span.start, span.end);
    return entity;
  });
  return { entities };
}

const round = (score: number) => Math.round(score * 100) / 100;
