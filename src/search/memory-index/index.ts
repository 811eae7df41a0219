export { attachMemoryIndex, detachMemoryIndex, memoryIndexOf } from './attached-index.js';
export { MemoryLexicalIndex, type MemoryIndexEvent, type MemoryIndexOptions, type MemorySearchInput } from './memory-lexical-index.js';
export { PassageCache, type CachedPassage, type PassageView } from './passage-cache.js';
export { warmTenants, type WarmResult } from './warm-tenants.js';
