export { analyzeForIndex, analyzeQuery } from './analyzer/index.js';
export { indexChunks, searchLexical, unindexChunks, type IndexedChunk, type LexicalHit } from './lexical-index.js';
export { searchChunks, type SearchHit } from './search-chunks.js';
