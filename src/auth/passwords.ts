import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { KgovError } from '../core/index.js';

/**
 * scrypt from Node's own crypto (no native add-on to build in a closed network). N=2^15, r=8 costs
 * ~32 MiB and ~50-100 ms per hash on these machines: OWASP's minimum for scrypt, slow enough to make
 * offline guessing expensive, fast enough for a login.
 */
const parameters = { N: 2 ** 15, r: 8, p: 1 } as const;
const keyLength = 32;

function scryptAsync(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, { ...options, maxmem: 128 * options.N! * options.r! * 2 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, parameters);
  return ['scrypt', parameters.N, parameters.r, parameters.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash of a random password, verified against when the user does not exist, so timing says nothing. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return decoyHash;
}

const commonPasswords = new Set([
  'password', 'password1', 'password123', 'qwerty123', '1q2w3e4r', '1q2w3e4r5t', 'qwer1234', 'asdf1234',
  'abcd1234', 'admin1234', 'p@ssw0rd', 'passw0rd', 'iloveyou', 'letmein', 'welcome1', 'sejong1234',
  'korea1234', 'gov12345', 'admin', 'administrator',
]);

/**
 * Length first (NIST SP 800-63B), plus the character-class rule agencies' security guidelines still
 * ask for: at least three of lower case, upper case, digits and symbols, unless the password is a
 * long passphrase (16+). Korean letters count as symbols for this purpose.
 */
export function checkPasswordStrength(password: string, context: { minLength: number; username?: string }): void {
  const reasons: string[] = [];
  const length = [...password].length;
  if (length < context.minLength) reasons.push(`${context.minLength}자 이상이어야 합니다 / at least ${context.minLength} characters`);
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(password)).length;
  if (length < 16 && classes < 3) {
    reasons.push('영문 대·소문자, 숫자, 특수문자 중 3종류 이상을 섞으세요 (16자 이상이면 예외) / mix three of lower, upper, digits, symbols (or use 16+ characters)');
  }
  const lower = password.toLowerCase();
  if (commonPasswords.has(lower) || /^(.)\1+$/.test(password)) reasons.push('흔한 비밀번호입니다 / a common password');
  if (context.username && context.username.length >= 3 && lower.includes(context.username.toLowerCase())) {
    reasons.push('아이디를 포함할 수 없습니다 / contains the user name');
  }
  if (reasons.length > 0) throw new KgovError('weak_password', { detail: reasons.join('; ') }, { param: 'password' });
}
