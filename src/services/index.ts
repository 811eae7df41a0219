export { answerFromDocuments, buildGroundedPrompt, noEvidenceText, validateCitations, type Citation, type GroundedAnswer } from './grounded-answer.js';
