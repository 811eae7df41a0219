export { dotProduct, normalizeVector, type Embedder, type EmbeddingPurpose, type EmbeddingResult } from './embedder.js';
export { createHashedNgramEmbedder, hashedVector } from './hashed-ngram-embedder.js';
export { createOpenAiCompatibleEmbedder, type OpenAiCompatibleEmbedderOptions } from './openai-compatible-embedder.js';
