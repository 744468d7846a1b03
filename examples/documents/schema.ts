/**
 * The documents example (the knowledge base behind `npm start`): documents split into
 * chunks with embeddings, full-text search over a generated tsvector, soft delete
 * through `is_active` with partial indexes on the active rows.
 */
import {
  boolean,
  defineSchema,
  index,
  integer,
  jsonb,
  sql,
  table,
  text,
  timestamps,
  tsvector,
  uuid,
  uuidPrimaryKey,
  varchar,
  vector,
} from '../../src/schema/index.js';

/** Dimensions of the embeddings this example stores (the offline embedder's size). */
export const EMBEDDING_DIMENSIONS = 384;

export const documents = table(
  'documents',
  {
    id: uuidPrimaryKey(),
    title: varchar(300).notNull(),
    source: text(),
    content: text().notNull(),
    metadata: jsonb<Record<string, unknown>>().notNull().default({}),
    is_active: boolean().notNull().default(true).role('isActive'),
    ...timestamps(),
  },
  (t) => [
    index('documents_metadata_idx').using('gin', t.metadata.op('jsonb_path_ops')),
    index('documents_active_created_idx').on(t.created_at.desc()).where(sql`${t.is_active}`),
  ],
).comment('Documents of the knowledge base');

export const documentChunks = table(
  'document_chunks',
  {
    id: uuidPrimaryKey(),
    document_id: uuid()
      .notNull()
      .references(() => documents.columns.id, { onDelete: 'cascade' }),
    chunk_index: integer().notNull().check(sql`chunk_index >= 0`),
    content: text().notNull(),
    embedding: vector(EMBEDDING_DIMENSIONS),
    embedding_model: text(),
    search_vector: tsvector().generatedAlwaysAs(sql`to_tsvector('english'::regconfig, content)`),
    is_active: boolean().notNull().default(true).role('isActive'),
    ...timestamps(),
  },
  (t) => [
    index('document_chunks_document_idx').on(t.document_id, t.chunk_index).unique(),
    index('document_chunks_embedding_idx')
      .using('hnsw', t.embedding.op('vector_cosine_ops'))
      .with({ m: 16, ef_construction: 64 })
      .where(sql`${t.is_active}`),
    index('document_chunks_search_idx').using('gin', t.search_vector).where(sql`${t.is_active}`),
  ],
);

export const schema = defineSchema({ documents, documentChunks });
