import type { ChatMessage } from '../models/index.js';
import { questionUnitTexts } from './answer-evidence.js';

/**
 * A grounded answer's question inside a conversation. The last user message is the question; a follow-up names only
 * what changed ("그럼 행정안전부는요?", "그 기한은 언제까지예요?", "What about overseas trips?"), and what it is about
 * stands in the questions before it. Those earlier questions (`earlier`, oldest first) go with it into retrieval and
 * the evidence gate, weighing less than the follow-up's own words; a question that stands on its own has none.
 * `history`: the user and assistant turns before the question, for a generator that reads the conversation.
 */
export type ConversationQuestion = {
  question: string; earlier: string[]; history: ChatMessage[];
  /**
   * The question reads as a follow-up only because it is short (one content word: 당직비는 얼마예요?, 다음 회의는
   * 언제예요?), with no pointer back: it is answered on its own first, and with the earlier questions only when the
   * documents hold nothing for it alone.
   */
  tentative: boolean;
};

/** How far back a chain of follow-ups reaches (each one leaning on the one before). */
const maxEarlier = 3;
/** Turns of history a generator is shown, newest kept. */
const maxHistory = 6;

// Words that open a follow-up: continuations (그럼, 그리고, 또), and pointers back (그 기한, 이 경우, 해당, 위의, 거기).
const opensFollowUp = /^\s*(?:그럼|그러면|그렇다면|그리고|그런데|근데|그래서|또는|또|그건|그거|그것|그게|그때|이때|이건|이거|이것|거기|여기|그중|해당|위의?|앞의?|방금|아까|같은|(?:그|이|저)\s+[가-힣A-Za-z0-9])/;
const opensFollowUpEnglish = /^\s*(?:and|also|then|what about|how about|what if|same for|in that case|and for)\b/i;
// A question that is a topic and nothing else: 행정안전부는요? / 국외는? / 대학원생은요? / 해외 출장도요? / 작년엔요?
const bareTopic = /(?:[은는도]|엔|에는)요?\s*(?:[?？.]\s*)?$/;
// A comparison with what was just said: 해외 출장도 똑같아요? / 계약직은 달라요? / 마찬가지인가요?
const comparesBack = /똑같|마찬가지|동일한가|같나요|같아요|같은가요|같아\?|달라요|다른가요|다르나요|달라\?|차이가/;
// The same subject at another time (작년엔 얼마였어요?, 예전엔요?, 내년에는요?): what changed is only the time.
const shiftsTime = /^\s*(?:작년|재작년|지난\s*해|지난해|올해|내년|예전|이전|종전|원래|전에는|그\s*전|개정\s*전)(?:엔|에는|에|은|는|도)?(?![가-힣])/;
// A case put to what was just said (점심을 주최측에서 주면요?, 안 내면요?, 늦으면요?): a condition and nothing after it.
const conditionOnly = /면요(?:\s*[?？.])?\s*$/;

/**
 * Whether a question leans on the one before it, as read from its own words: `explicit` with a pointer back, a
 * continuation, a comparison or a bare topic; `tentative` when it is only short (one content word); null otherwise.
 */
export function followUpReading(question: string): 'explicit' | 'tentative' | null {
  if (opensFollowUp.test(question) || opensFollowUpEnglish.test(question) || comparesBack.test(question) || shiftsTime.test(question) || conditionOnly.test(question)) return 'explicit';
  const units = questionUnitTexts(question);
  if (units.length <= 2 && bareTopic.test(question)) return 'explicit';
  // Nothing but a verb and question words (언제까지 받아요?, 언제 나와요?): what it is about is in the question before.
  if (units.length > 0 && units.every((unit) => unit.predicate)) return 'explicit';
  return units.length <= 1 ? 'tentative' : null;
}

/** Whether a question leans on the one before it (`followUpReading`, either way). */
export function isFollowUp(question: string): boolean {
  return followUpReading(question) !== null;
}

/** The question of a chat conversation, with the earlier questions a follow-up leans on. */
export function readConversation(messages: readonly ChatMessage[]): ConversationQuestion {
  const last = messages.findLastIndex((message) => message.role === 'user');
  if (last < 0) return { question: '', earlier: [], history: [], tentative: false };
  const question = messages[last]!.content;
  const earlier: string[] = [];
  let leaning = question;
  for (let index = last - 1; index >= 0 && earlier.length < maxEarlier && isFollowUp(leaning); index--) {
    const message = messages[index]!;
    if (message.role !== 'user' || !message.content.trim()) continue;
    earlier.unshift(message.content);
    leaning = message.content;
  }
  const history = messages.slice(0, last)
    .filter((message) => (message.role === 'user' || message.role === 'assistant') && message.content.trim() !== '')
    .map((message) => ({ role: message.role, content: message.content }))
    .slice(-maxHistory);
  return { question, earlier, history, tentative: earlier.length > 0 && followUpReading(question) === 'tentative' };
}
