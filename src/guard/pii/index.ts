export { detectPii, type DetectPiiOptions, type PiiDetection } from './detect-pii.js';
export { maskPii, type MaskingMode } from './mask-pii.js';
export { detectPiiWithNer, type NerClient } from './ner-endpoint.js';
export { normalizeText, toOriginalSpan, type NormalizedText } from './normalize-text.js';
export { piiLabels } from './pii-labels.js';
export { piiTypes, type PiiCandidate, type PiiEntity, type PiiRecognizer, type PiiType } from './pii-types.js';
export { PseudonymVault } from './pseudonym-vault.js';
export { allRecognizers } from './recognizers/all-recognizers.js';
