export { answerFromDocuments, buildGroundedPrompt, createCitationFilter, noEvidenceText, validateCitations, type Citation, type GroundedAnswer } from './grounded-answer.js';
