import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { randomId } from '../core/index.js';

/**
 * Keys look like `kgov_<id>_<secret>`: the prefix lets secret scanners and our own guard recognise
 * them; the id finds the row without a scan; the secret (256 random bits) is stored only as its
 * SHA-256. A fast hash is right here: the secret is random, so there is nothing to guess offline.
 */
const keyPattern = /^kgov_([a-z2-7]{12})_([A-Za-z0-9_-]{43})$/;

export type ParsedApiKey = { id: string; secret: string };

export function generateApiKey(): { id: string; key: string; secretHash: string } {
  const id = randomId(12);
  const secret = randomBytes(32).toString('base64url');
  return { id, key: `kgov_${id}_${secret}`, secretHash: hashSecret(secret) };
}

export function parseApiKey(key: string): ParsedApiKey | undefined {
  const match = keyPattern.exec(key.trim());
  return match ? { id: match[1]!, secret: match[2]! } : undefined;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const actual = Buffer.from(hashSecret(secret), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
