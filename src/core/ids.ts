import { randomBytes } from 'node:crypto';
import { KgovError } from './errors.js';
import type { Bilingual } from './i18n.js';

const identifierPattern = /^[a-z][a-z0-9_-]{1,62}$/;

/** Tenant ids and user names are short, lowercase and URL-safe: they appear in paths, logs and keys. */
export function assertIdentifier(value: string, what: Bilingual): string {
  if (!identifierPattern.test(value)) throw new KgovError('invalid_id', { value, whatKo: what.ko, whatEn: what.en });
  return value;
}

const base32Alphabet = 'abcdefghijklmnopqrstuvwxyz234567';

/** Random lowercase base32 id; 12 characters carry 60 bits, plenty for row ids that are not secrets. */
export function randomId(length = 12): string {
  const bytes = randomBytes(length);
  let id = '';
  for (const byte of bytes) id += base32Alphabet[byte & 31];
  return id;
}
