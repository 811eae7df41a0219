export { attachMemoryIndex, detachMemoryIndex, memoryIndexOf } from './attached-index.js';
export { MemoryLexicalIndex, type MemoryIndexEvent, type MemoryIndexOptions, type MemorySearchInput } from './memory-lexical-index.js';
