import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChatMessage } from '../models/index.js';
import { followUpReading, isFollowUp, readConversation } from './follow-up-question.js';

const chat = (...turns: string[]): ChatMessage[] => turns.map((content, index) => ({ role: index % 2 === 0 ? 'user' : 'assistant', content }));

test('follow-ups are read from their own words: pointers back, continuations, a bare topic, one content word', () => {
  for (const question of ['그럼 결과 보고서는요?', '임기는요?', '그 기한은 언제까지예요?', '그건 누구 승인을 받아야 해요?', '이 경우 과태료는?',
    '연임은 되나요?', '해외 출장도 똑같아요?', 'What about overseas trips?', 'and the deadline?']) {
    assert.ok(isFollowUp(question), question);
  }
  for (const question of ['출장 가기 전 언제까지 신청서를 올려야 하나요?', '공공데이터위원회 위원은 몇 명까지 둘 수 있나요?',
    '정보보안담당관에게 등록하지 않은 USB는 쓸 수 있나요?', 'How many days before a trip must the request be filed?']) {
    assert.ok(!isFollowUp(question), question);
  }
});

test('a follow-up carries the questions it leans on; a question on its own carries none', () => {
  const followUp = readConversation(chat('출장 신청은 며칠 전까지 해야 해요?', '출발 5일 전까지입니다. [1]', '그럼 결과 보고서는요?'));
  assert.equal(followUp.question, '그럼 결과 보고서는요?');
  assert.deepEqual(followUp.earlier, ['출장 신청은 며칠 전까지 해야 해요?']);
  // The generator sees the conversation before the question, the caller's system message left out.
  assert.deepEqual(followUp.history.map((message) => message.role), ['user', 'assistant']);
  const alone = readConversation(chat('출장 신청은 며칠 전까지 해야 해요?', '출발 5일 전까지입니다.', '공공데이터위원회 위원은 몇 명까지 둘 수 있나요?'));
  assert.deepEqual(alone.earlier, []);
  assert.equal(alone.history.length, 2);
  const single = readConversation([{ role: 'system', content: '친절하게 답하세요.' }, { role: 'user', content: '임기는요?' }]);
  assert.deepEqual(single, { question: '임기는요?', earlier: [], history: [], tentative: false });
});

test('a chain of follow-ups reaches back to the question that named the subject, and no further', () => {
  const conversation = readConversation(chat(
    '전입신고는 언제까지 해야 하나요?', '14일 이내입니다.',
    '공공데이터위원회 위원은 몇 명까지 둘 수 있나요?', '15명 이내입니다.',
    '임기는요?', '2년입니다.',
    '연임은 되나요?',
  ));
  assert.deepEqual(conversation.earlier, ['공공데이터위원회 위원은 몇 명까지 둘 수 있나요?', '임기는요?']);
});

test('no user message: an empty question', () => {
  assert.deepEqual(readConversation([{ role: 'system', content: 'x' }]), { question: '', earlier: [], history: [], tentative: false });
});

test('a question that is only short is a tentative follow-up: answered on its own first', () => {
  const short = readConversation(chat('국외 출장은 누가 승인해요?', '원장이 승인합니다.', '당직비는 얼마예요?'));
  assert.deepEqual(short.earlier, ['국외 출장은 누가 승인해요?']);
  assert.equal(short.tentative, true);
  const pointed = readConversation(chat('국외 출장은 누가 승인해요?', '원장이 승인합니다.', '그럼 국내 출장은요?'));
  assert.equal(pointed.tentative, false);
});

test('session 27: a time shift, a bare condition, or a verb alone leans on the question before', () => {
  // From the review29 answer set's follow-ups (read off its misses), and forms written beside them.
  for (const question of ['작년엔 얼마였어요?', '작년엔요?', '예전엔요?', '내년에는요?', '점심을 주최측에서 주면요?', '안 내면요?', '늦으면요?', '언제까지 받아요?']) {
    assert.equal(followUpReading(question), 'explicit', question);
  }
  // Questions that name their own subject stay on their own or tentative.
  assert.equal(followUpReading('국외 출장은 얼마예요?'), null);
  assert.equal(followUpReading('출장비는 언제 들어와요?'), null);
  assert.equal(followUpReading('당직비는 얼마예요?'), 'tentative');
});
