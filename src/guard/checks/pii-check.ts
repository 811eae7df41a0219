import { randomBytes } from 'node:crypto';
import { detectPii, maskPii, PseudonymVault, type MaskingMode } from '../pii/index.js';
import type { GuardPolicy } from '../guard-policy.js';
import type { GuardCheck, GuardCheckOutcome } from '../guard-types.js';

/**
 * Personal data, on input and output. Inside the agency it is noted (and audited by type and count); on the way to
 * an external model it is masked, so the request can still go — the report's de-identifying gateway.
 */
export function piiCheck(policy: GuardPolicy, options: { hashKey?: string | Uint8Array } = {}): GuardCheck {
  const settings = policy.pii;
  // Keyed hashing needs a key per tenant; without one, a random key per process still hides the values.
  // Pseudonyms here are numbered within the one text checked; a request's messages are numbered together afterwards
  // (`src/api/chat-pseudonyms.ts`), where the whole conversation is known.
  const hashKey = settings.masking === 'hash' ? options.hashKey ?? randomBytes(32) : undefined;
  const masking = (): MaskingMode => hashKey !== undefined ? { kind: 'hash', key: hashKey }
    : settings.masking === 'pseudonym' ? { kind: 'pseudonym', vault: new PseudonymVault() }
    : { kind: 'placeholder' };
  return {
    name: 'pii',
    directions: ['input', 'output'],
    check(input): GuardCheckOutcome {
      const { entities } = detectPii(input.text, { minScore: settings.minScore });
      if (entities.length === 0) return { verdict: 'allow', categories: [], findings: [] };
      const findings = entities.map(({ type, start, end, score }) => ({ category: 'pii' as const, kind: type, start, end, score }));
      const action = input.zone === 'external' ? settings.external : settings.internal;
      if (action === 'allow') return { verdict: 'allow', categories: ['pii'], findings };
      if (action === 'block') return { verdict: 'block', categories: ['pii'], findings };
      return { verdict: 'caution', categories: ['pii'], findings, redacted: maskPii(input.text, entities, masking()) };
    },
  };
}
