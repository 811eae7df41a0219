export { answerFromDocuments, buildGroundedPrompt, groundedAnswerAudit, internalProvidersFor, createCitationFilter, noEvidenceText, validateCitations, type Citation, type GroundedAnswer } from './grounded-answer.js';
export { isFollowUp, readConversation, type ConversationQuestion } from './follow-up-question.js';
