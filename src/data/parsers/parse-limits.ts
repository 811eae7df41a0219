import type { ParseLimits } from './document-parser.js';

/**
 * Defaults sized for agency documents on a 2-core, few-GB server. The largest real HWP/PDF reports we
 * have seen are ~60 MB; 100 MB leaves room without letting one upload exhaust memory. Zip formats are
 * text-heavy XML that compresses ~10×, so 500 MB expanded admits any honest file while stopping bombs
 * (a 42 kB zip bomb expands to petabytes); 10,000 entries covers books with thousands of images.
 */
export const defaultParseLimits: ParseLimits = Object.freeze({
  maxBytes: 100 * 1024 * 1024,
  maxExpandedBytes: 500 * 1024 * 1024,
  maxEntries: 10_000,
});
