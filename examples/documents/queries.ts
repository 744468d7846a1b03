/**
 * How the documents system uses Strata: documents ingested into embedded chunks (the document
 * store), similarity and hybrid search over the chunks (HNSW on the active rows, the generated
 * tsvector under GIN), and soft delete through `is_active`: archived documents and their
 * chunks stay in the table but leave every read and search, until restored.
 */
import type { Session } from '../../src/db/index.js';
import { type Embedder, hashingEmbedder } from '../../src/embed/index.js';
import { documentStore } from '../../src/ingest/index.js';
import { repository, type Where } from '../../src/repo/index.js';
import type { DatabaseOf } from '../../src/schema/index.js';
import type { Fusion } from '../../src/search/index.js';
import { documentChunks, documents, EMBEDDING_DIMENSIONS, type schema } from './schema.js';

/** The Kysely database type of the example. */
export type DocumentsDB = DatabaseOf<typeof schema>;

/** The offline embedder of the chunks (lexical, deterministic; its size is the column's). */
export const documentEmbedder: Embedder = hashingEmbedder({ dimensions: EMBEDDING_DIMENSIONS });

export const documentsRepo = repository(documents, {
  key: 'id',
  relations: (r) => ({ chunks: r.hasMany(documentChunks, { to: 'document_id' }) }),
});
export const chunksRepo = repository(documentChunks, {
  key: 'id',
  relations: (r) => ({ document: r.belongsTo(documents, { from: 'document_id' }) }),
});

/** Chunks of about 200 characters, so a page-long document makes several. */
export const knowledge = documentStore({
  documents,
  chunks: documentChunks,
  embedder: documentEmbedder,
  chunking: { size: 200, overlap: 40 },
});

/** Hybrid search's weighting here: 70 % the vector ranking, 30 % the full-text one. */
export const WEIGHTED_FUSION: Fusion = { kind: 'weighted', vectorWeight: 0.7, textWeight: 0.3 };

/** Options of the two searches. */
export interface ChunkSearchOptions {
  readonly k?: number;
  readonly where?: Where<typeof documentChunks>;
}

/**
 * The chunks most similar to a text (cosine, through the HNSW index on the active chunks).
 *
 * @example
 * ```ts
 * const hits = await similarChunks(db, 'how does the graph index work?', { k: 3 });
 * ```
 */
export function similarChunks(session: Session<DocumentsDB>, text: string, options: ChunkSearchOptions = {}) {
  return knowledge.nearest(session, text, {
    k: options.k ?? 5,
    ...(options.where === undefined ? {} : { where: options.where }),
  });
}

/**
 * Hybrid search: the vector and the full-text rankings of the chunks, fused 0.7 / 0.3 on
 * their min-max normalised scores.
 *
 * @example
 * ```ts
 * const hits = await hybridChunks(db, 'tsvector ranking', { k: 5 });
 * hits[0]?.fusedScore; hits[0]?.vector?.distance; hits[0]?.text?.score;
 * ```
 */
export function hybridChunks(session: Session<DocumentsDB>, text: string, options: ChunkSearchOptions = {}) {
  return knowledge.hybrid(session, text, {
    k: options.k ?? 5,
    fusion: WEIGHTED_FUSION,
    ...(options.where === undefined ? {} : { where: options.where }),
  });
}

/**
 * Archives a document: it and its chunks get `is_active = false` in one transaction, so they
 * leave reads and searches but can be restored. True when the document was active.
 */
export function archiveDocument(session: Session<DocumentsDB>, id: string): Promise<boolean> {
  return session.transaction(async (tx) => {
    const archived = await documentsRepo.with(tx).delete(id);
    await chunksRepo.with(tx).deleteWhere({ document_id: id });
    return archived;
  });
}

/** Brings an archived document back with its chunks. NOT_FOUND when there is no such document at all. */
export function restoreDocument(session: Session<DocumentsDB>, id: string) {
  return session.transaction(async (tx) => {
    const restored = await documentsRepo.with(tx).restore(id);
    await chunksRepo
      .with(tx)
      .updateWhere({ document_id: id, is_active: false }, { is_active: true }, { withDeleted: true });
    return restored;
  });
}
