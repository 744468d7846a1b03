-- toSql() of the 'embeddings' fixture in test/support/model-fixtures.ts.
-- Do not edit by hand: UPDATE_GOLDEN=1 npx vitest run test/unit/ddl-golden.test.ts rewrites it.

CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE chunks (
  id bigserial NOT NULL,
  document_id bigint NOT NULL,
  "position" integer NOT NULL,
  content text NOT NULL,
  embedding vector(1536) NOT NULL,
  sparse_embedding sparsevec(30000),
  CONSTRAINT chunks_pkey PRIMARY KEY (id),
  CONSTRAINT chunks_document_id_position_key UNIQUE (document_id, "position")
);

CREATE TABLE images (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  clip halfvec(512) NOT NULL,
  phash bit(64) NOT NULL,
  CONSTRAINT images_pkey PRIMARY KEY (id)
);

CREATE INDEX chunks_embedding_binary_idx ON chunks USING hnsw (((binary_quantize(embedding))::bit(1536)) bit_hamming_ops);
CREATE INDEX chunks_embedding_halfvec_idx ON chunks USING hnsw (((embedding)::halfvec(1536)) halfvec_cosine_ops);
CREATE INDEX chunks_embedding_hnsw_idx ON chunks USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64);
CREATE INDEX chunks_embedding_ivfflat_idx ON chunks USING ivfflat (embedding vector_l2_ops) WITH (lists = 100);
CREATE INDEX chunks_sparse_embedding_idx ON chunks USING hnsw (sparse_embedding sparsevec_ip_ops);
CREATE INDEX images_clip_idx ON images USING hnsw (clip halfvec_l2_ops) WITH (m = 24, ef_construction = 100);
CREATE INDEX images_phash_idx ON images USING hnsw (phash bit_jaccard_ops);

COMMENT ON INDEX chunks_embedding_hnsw_idx IS 'Cosine distance, for ORDER BY embedding <=> $1 LIMIT k.';
