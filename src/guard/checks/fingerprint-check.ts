import type { DocumentFingerprintIndex } from '../fingerprints/document-fingerprints.js';
import { defaultMinimumShingles } from '../fingerprints/document-fingerprints.js';
import type { GuardPolicy } from '../guard-policy.js';
import type { GuardCheck, GuardCheckOutcome } from '../guard-types.js';

/**
 * A prompt quoting a restricted document: a sentence-long quotation, or a short prompt that is mostly quotation
 * (`fingerprintThreshold` of its shingles). Same zone rule as markings.
 */
export function fingerprintCheck(policy: GuardPolicy, index: DocumentFingerprintIndex): GuardCheck {
  const settings = policy.classified;
  return {
    name: 'fingerprints',
    directions: ['input', 'output'],
    check(input): GuardCheckOutcome {
      // The caller's own tenant's restricted documents only (GuardInput.tenantId).
      const matches = index.match(input.text, 8, input.tenantId).filter((match) =>
        match.matchedShingles >= defaultMinimumShingles || match.share >= settings.fingerprintThreshold);
      if (matches.length === 0) return { verdict: 'allow', categories: [], findings: [] };
      const findings = matches.slice(0, 5).map((match) => ({
        category: 'classified' as const, kind: 'restricted_document', score: Math.round(match.share * 100) / 100,
      }));
      return { verdict: input.zone === 'external' ? settings.external : settings.internal, categories: ['classified'], findings };
    },
  };
}
