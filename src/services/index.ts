export { answerFromDocuments, buildGroundedPrompt, internalProvidersFor, createCitationFilter, noEvidenceText, validateCitations, type Citation, type GroundedAnswer } from './grounded-answer.js';
