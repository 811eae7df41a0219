import type { Migration } from '../migration.js';

/**
 * The lexical index as posting lists per segment, and chunk vectors for the vector and hybrid search (issue 4). Vectors are stored as `real[]` on every
 * back end, so the schema is the same with and without pgvector. Where the `vector` extension can be
 * created (PGlite always; a server only if pgvector is installed and we may create it), HNSW indexes
 * are expression indexes over `embedding::vector(D)`, one partial index per embedder (dimensions
 * differ between embedders). Without pgvector the search scores the permitted rows exactly in SQL
 * (src/search/vector-index.ts) and says so at start-up.
 * Tenant and grade are copied onto each row so permission conditions filter the index scan itself.
 */
export const searchIndex: Migration = {
  version: 4,
  name: 'search-segments-and-vectors',
  sql: `
-- Lexical postings as lists per (tenant, grade, term, segment): one segment per ingest batch, parallel
-- arrays of chunk ids, term frequencies and chunk lengths. Replaces one row per (term, chunk) in
-- chunk_terms (left in place, empty, for databases created by 0002; nothing reads it any more).
CREATE TABLE posting_segments (
  tenant_id   text NOT NULL,
  grade       text NOT NULL CHECK (grade IN ('public', 'internal', 'restricted')),
  term        text NOT NULL,
  -- The smallest chunk id of the batch: unique, and stable while the segment lives.
  segment_id  bigint NOT NULL,
  chunk_ids   bigint[] NOT NULL,
  tfs         integer[] NOT NULL,
  lengths     integer[] NOT NULL,
  PRIMARY KEY (tenant_id, term, grade, segment_id)
);
CREATE INDEX posting_segments_segment ON posting_segments (segment_id);

-- Which segment holds a chunk's postings, so removing a version finds its segments without a scan.
CREATE TABLE posting_segment_chunks (
  chunk_id    bigint PRIMARY KEY REFERENCES chunks(id),
  segment_id  bigint NOT NULL
);

-- Chunks indexed before this migration move into one segment per chunk (rare: 0002 shipped days ago).
INSERT INTO posting_segments (tenant_id, grade, term, segment_id, chunk_ids, tfs, lengths)
SELECT c.tenant_id, c.grade, t.term, c.id, ARRAY[c.id], ARRAY[t.tf], ARRAY[c.term_count]
FROM chunk_terms t JOIN chunks c ON c.id = t.chunk_id WHERE c.active;
INSERT INTO posting_segment_chunks (chunk_id, segment_id) SELECT id, id FROM chunks WHERE active
  AND EXISTS (SELECT 1 FROM chunk_terms t WHERE t.chunk_id = chunks.id);
DELETE FROM chunk_terms;

CREATE TABLE chunk_vectors (
  chunk_id   bigint NOT NULL REFERENCES chunks(id),
  -- Which embedder made it (hashed-ngram-512, openai:BAAI/bge-m3): vectors of different embedders never mix.
  embedder   text NOT NULL,
  tenant_id  text NOT NULL,
  grade      text NOT NULL CHECK (grade IN ('public', 'internal', 'restricted')),
  embedding  real[] NOT NULL,
  PRIMARY KEY (embedder, chunk_id)
);
CREATE INDEX chunk_vectors_chunk ON chunk_vectors (chunk_id);
CREATE INDEX chunk_vectors_scope ON chunk_vectors (embedder, tenant_id, grade);

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') THEN
    BEGIN
      CREATE EXTENSION IF NOT EXISTS vector;
      CREATE INDEX chunk_vectors_hnsw_hashed_ngram_512 ON chunk_vectors
        USING hnsw ((embedding::vector(512)) vector_cosine_ops) WHERE embedder = 'hashed-ngram-512';
    EXCEPTION WHEN insufficient_privilege THEN
      -- pgvector is installed but this role may not create it: fall back to exact scoring.
      NULL;
    END;
  END IF;
END
$$;
`,
};
