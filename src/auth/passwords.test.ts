import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KgovError } from '../core/index.js';
import { checkPasswordStrength, hashPassword, verifyPassword } from './passwords.js';

const weak = (password: string, username?: string) =>
  assert.throws(() => checkPasswordStrength(password, { minLength: 10, username }), (error) => error instanceof KgovError && error.code === 'weak_password', password);

test('scrypt hashes verify the right password only, with a fresh salt each time', async () => {
  const first = await hashPassword('광화문-Gate-2026');
  const second = await hashPassword('광화문-Gate-2026');
  assert.notEqual(first, second);
  assert.match(first, /^scrypt\$32768\$8\$1\$/);
  assert.equal(await verifyPassword('광화문-Gate-2026', first), true);
  assert.equal(await verifyPassword('광화문-gate-2026', first), false);
  assert.equal(await verifyPassword('x', 'not-a-hash'), false);
});

test('Korean passwords in NFD and NFC are the same password', async () => {
  const stored = await hashPassword('비밀번호-Seoul-1'.normalize('NFC'));
  assert.equal(await verifyPassword('비밀번호-Seoul-1'.normalize('NFD'), stored), true);
});

test('weak passwords are refused with reasons', () => {
  weak('Short1!');
  weak('onlylowercase');
  weak('Password1', undefined);
  weak('aaaaaaaaaaaaaaaaaaaa');
  weak('Hong-gildong-1', 'gildong');
  checkPasswordStrength('Namsan-Tower-9', { minLength: 10 });
  checkPasswordStrength('correct horse battery staple', { minLength: 10 });
});
