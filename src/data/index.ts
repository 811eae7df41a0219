export { chunkDocument, defaultChunkOptions, type Chunk, type ChunkOptions } from './chunker.js';
export { detectGrade, stricterGrade } from './disclosure-grade.js';
export { deleteDocument, listDocuments, type DocumentSummary } from './documents.js';
export { ingestDocument, type IngestInput, type IngestOutcome } from './ingest-document.js';
export { refreshSearchStatistics } from './statistics.js';
