import { createHmac } from 'node:crypto';
import { piiLabels } from './pii-labels.js';
import type { PiiEntity } from './pii-types.js';
import type { PseudonymVault } from './pseudonym-vault.js';

/**
 * How findings are replaced, chosen per policy:
 * - `placeholder`: the type in Korean (`[주민등록번호]`); nothing can be recovered.
 * - `pseudonym`: numbered tokens kept in a vault, restorable in the answer.
 * - `hash`: HMAC-SHA256 under the tenant's key, so equal values stay linkable across documents without being
 *   readable; a plain hash would not do, since a 13-digit number is cheap to brute-force.
 */
export type MaskingMode =
  | { kind: 'placeholder' }
  | { kind: 'pseudonym'; vault: PseudonymVault }
  | { kind: 'hash'; key: string | Uint8Array; hexLength?: number };

export function maskPii(text: string, entities: readonly Pick<PiiEntity, 'type' | 'start' | 'end'>[], mode: MaskingMode): string {
  const ordered = [...entities].sort((a, b) => a.start - b.start);
  let masked = '';
  let cursor = 0;
  for (const entity of ordered) {
    if (entity.start < cursor) continue; // overlapping input: the earlier finding already covers it
    masked += text.slice(cursor, entity.start) + replacement(entity, text.slice(entity.start, entity.end), mode);
    cursor = entity.end;
  }
  return masked + text.slice(cursor);
}

function replacement(entity: Pick<PiiEntity, 'type'>, original: string, mode: MaskingMode): string {
  const label = piiLabels[entity.type];
  switch (mode.kind) {
    case 'placeholder':
      return `[${label}]`;
    case 'pseudonym':
      return mode.vault.pseudonymFor(entity.type, original);
    case 'hash': {
      const digest = createHmac('sha256', mode.key).update(`${entity.type}:${original}`).digest('hex');
      return `[${label}:${digest.slice(0, mode.hexLength ?? 16)}]`;
    }
  }
}
