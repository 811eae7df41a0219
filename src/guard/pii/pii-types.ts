/** The entity types of `kgov pii scan` (names shared with ../shared/eval/README.md). */
export const piiTypes = [
  'KR_RRN', 'KR_FRN', 'KR_BRN', 'KR_PASSPORT', 'KR_DRIVER_LICENSE', 'PHONE', 'EMAIL', 'CREDIT_CARD',
  'BANK_ACCOUNT', 'KR_VEHICLE_PLATE', 'IP_ADDRESS', 'KR_ADDRESS', 'PERSON',
] as const;

export type PiiType = (typeof piiTypes)[number];

/** A finding in the caller's string: offsets are JavaScript string indices into the ORIGINAL text. */
export type PiiEntity = { type: PiiType; start: number; end: number; score: number; text?: string };

/** What a recognizer proposes, in offsets of the normalised text it was given. */
export type PiiCandidate = { type: PiiType; start: number; end: number; score: number };

/**
 * A recognizer is a pure function over normalised text. It proposes candidates with a score in [0, 1];
 * the detector drops those under the threshold and resolves overlaps, so a recognizer may be generous.
 */
export type PiiRecognizer = {
  name: string;
  types: readonly PiiType[];
  recognize(text: string): PiiCandidate[];
};
