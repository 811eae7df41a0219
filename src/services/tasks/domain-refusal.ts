import type { Language } from '../../core/index.js';

/**
 * The answer to an out-of-domain request: polite, says what the service is for, and invites a
 * work question. Not an error: the request was understood and answered, the answer is "not here".
 */
export function domainRefusal(scope: readonly string[], language: Language): string {
  const topics = scope.slice(0, 5).join(', ');
  if (language === 'en') {
    return `Sorry, this service is set up to help with work on ${topics}, so I cannot help with that request. Please ask about your work and I will gladly help.`;
  }
  return `죄송합니다. 이 서비스는 ${topics} 관련 업무를 돕도록 설정되어 있어 요청하신 내용은 도와드리기 어렵습니다. 업무와 관련된 내용을 요청해 주시면 성심껏 돕겠습니다.`;
}
