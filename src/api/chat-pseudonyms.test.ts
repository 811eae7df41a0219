import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PseudonymVault } from '../guard/index.js';
import { pseudonymiseMasked } from './chat-pseudonyms.js';

test('masks become the vault\'s tokens in order; a text the masks do not match stays masked as the chain left it', () => {
  const vault = new PseudonymVault();
  const first = pseudonymiseMasked('담당자 홍길동 주무관, 010-2345-6789', '담당자 [성명] 주무관, [전화번호]', vault, 0.5);
  assert.equal(first, '담당자 [성명_1] 주무관, [전화번호_1]');
  assert.equal(pseudonymiseMasked('김철수 사무관과 홍길동 주무관', '[성명_1] 사무관과 [성명_2] 주무관', vault, 0.5), '[성명_2] 사무관과 [성명_1] 주무관');
  // The chain's text holds fewer masks than the personal data read again: kept as it is (masked, not numbered).
  assert.equal(pseudonymiseMasked('홍길동 주무관, 010-2345-6789', '[성명] 주무관, 010-****-****', vault, 0.5), '[성명] 주무관, 010-****-****');
  assert.equal(vault.restore('[성명_1]이 [성명_2]에게 [전화번호_1]로 [성명_9]'), '홍길동이 김철수에게 010-2345-6789로 [성명_9]');
});

test('the stream restorer holds back a token cut between pieces, and lets a bracket that is no token go', () => {
  const vault = new PseudonymVault();
  vault.pseudonymFor('PERSON', '홍길동');
  const restorer = vault.streamRestorer();
  const pieces = ['연락할 분은 [', '성명', '_1', '] 주무관 [참고', ': 별첨] 입니다 [', '성'];
  const shown = pieces.map((piece) => restorer.push(piece));
  assert.deepEqual(shown, ['연락할 분은 ', '', '', '홍길동 주무관 ', '[참고: 별첨] 입니다 ', '']);
  assert.equal(restorer.end(), '[성');
  // A long bracketed aside is no token: it is not held back.
  const other = vault.streamRestorer();
  assert.equal(other.push('[이 괄호는 토큰이 아니라 아주 긴 설명이라서 붙잡아 둘 필요가 없습니다'), '[이 괄호는 토큰이 아니라 아주 긴 설명이라서 붙잡아 둘 필요가 없습니다');
});
