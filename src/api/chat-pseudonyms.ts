import { detectPii, piiLabels, type PseudonymVault } from '../guard/index.js';

/**
 * The `pseudonym` masking of a tenant's PII policy across a whole request. The guard chain masks each text on its own
 * (`[성명_1]` in every message); here the request's texts are numbered together, so 홍길동 is `[성명_1]` in the first
 * message and in the fifth, and 김철수 `[성명_2]`, as the same conversation sent again next turn will number them too.
 *
 * `sent` is what the chain made of `original`. The personal data of `original`, read again with the policy's
 * threshold, is matched in order to the masks in `sent`; each mask becomes the vault's token for its value. Where
 * the two disagree (the chain read a text other checks had already masked, or the caller typed a mask themselves),
 * `sent` is kept as it is: still masked, only not numbered across messages. No original value is ever written.
 */
export function pseudonymiseMasked(original: string, sent: string, vault: PseudonymVault, minScore: number): string {
  const entities = detectPii(original, { minScore }).entities;
  let result = '';
  let cursor = 0;
  for (const entity of entities) {
    const mask = new RegExp(`\\[${escapeRegExp(piiLabels[entity.type])}(?:_\\d{1,6})?\\]`, 'g');
    mask.lastIndex = cursor;
    const found = mask.exec(sent);
    if (!found) return sent;
    result += sent.slice(cursor, found.index) + vault.pseudonymFor(entity.type, original.slice(entity.start, entity.end));
    cursor = found.index + found[0].length;
  }
  return result + sent.slice(cursor);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
