import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import { detectPii } from './detect-pii.js';
import { maskPii } from './mask-pii.js';
import { PseudonymVault } from './pseudonym-vault.js';

const text = '신청인 홍길동 과장, 주민등록번호 820904-1865709, 연락처 010-1234-5678. 홍길동 과장에게 회신';

test('placeholder mode writes the type in Korean', () => {
  const masked = maskPii(text, detectPii(text).entities, { kind: 'placeholder' });
  assert.equal(masked, '신청인 [성명] 과장, 주민등록번호 [주민등록번호], 연락처 [전화번호]. [성명] 과장에게 회신');
});

test('pseudonyms are consistent within a conversation and the vault restores the originals', () => {
  const vault = new PseudonymVault();
  const masked = maskPii(text, detectPii(text).entities, { kind: 'pseudonym', vault });
  assert.equal(masked, '신청인 [성명_1] 과장, 주민등록번호 [주민등록번호_1], 연락처 [전화번호_1]. [성명_1] 과장에게 회신');
  const second = '김영희 씨와 홍길동 과장';
  assert.equal(maskPii(second, detectPii(second).entities, { kind: 'pseudonym', vault }), '[성명_2] 씨와 [성명_1] 과장');
  assert.equal(vault.restore('답변: [성명_1] 과장님께 [전화번호_1]로 연락하세요. [성명_9]는 모름'),
    '답변: 홍길동 과장님께 010-1234-5678로 연락하세요. [성명_9]는 모름');
});

test('hash mode is an HMAC under the given key: stable, keyed, not the plain value', () => {
  const entities = detectPii('연락처 010-1234-5678').entities;
  const first = maskPii('연락처 010-1234-5678', entities, { kind: 'hash', key: 'tenant-key' });
  const again = maskPii('연락처 010-1234-5678', entities, { kind: 'hash', key: 'tenant-key' });
  const otherKey = maskPii('연락처 010-1234-5678', entities, { kind: 'hash', key: 'other-key' });
  const expected = createHmac('sha256', 'tenant-key').update('PHONE:010-1234-5678').digest('hex').slice(0, 16);
  assert.equal(first, `연락처 [전화번호:${expected}]`);
  assert.equal(first, again);
  assert.notEqual(first, otherKey);
});

test('masking uses original offsets, so normalised evasions are masked in full', () => {
  const evasive = '번호 ０１０-１２３４-５６７８ 입니다';
  assert.equal(maskPii(evasive, detectPii(evasive).entities, { kind: 'placeholder' }), '번호 [전화번호] 입니다');
});
