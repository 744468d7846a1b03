/**
 * Searching the knowledge base: vector (nearest chunks by cosine distance), full text
 * (PostgreSQL's websearch syntax, ranked with ts_rank_cd) or hybrid (both, fused by reciprocal
 * rank), filtered by document or tag. Hits are passages (chunks) with their document's title.
 */
import { sql } from 'kysely';
import { words } from '../../src/embed/index.js';
import { StrataError } from '../../src/errors/strata-error.js';
import { repository, type Where } from '../../src/repo/index.js';
import type { Row } from '../../src/schema/index.js';
import { assertNever } from '../../src/util/assert-never.js';
import type { KnowledgeBase } from './knowledge-base.js';
import { documentChunks, documents } from './schema.js';

export const SEARCH_MODES = ['hybrid', 'vector', 'text'] as const;
export type SearchMode = (typeof SEARCH_MODES)[number];

/** A search request, already validated by the route's JSON Schema. */
export interface SearchRequest {
  readonly q: string;
  readonly mode: SearchMode;
  readonly limit: number;
  /** Only passages of documents with this tag. */
  readonly tag?: string;
  /** Only passages of this document. */
  readonly documentId?: string;
}

/** One passage found. */
export interface SearchHit {
  readonly chunkId: string;
  readonly documentId: string;
  readonly chunkIndex: number;
  readonly title: string;
  readonly source: string | null;
  /** The passage, cut at a word near 280 characters. */
  readonly snippet: string;
  /** Higher is better: cosine similarity (vector), ts_rank_cd (text) or the fused RRF score (hybrid). */
  readonly score: number;
}

export interface SearchAnswer {
  readonly query: string;
  readonly mode: SearchMode;
  readonly results: readonly SearchHit[];
}

const chunksRepo = repository(documentChunks);
const documentsRepo = repository(documents);

type ChunkFields = Pick<Row<typeof documentChunks>, 'id' | 'document_id' | 'chunk_index' | 'content'>;

/** A passage cut at a word boundary. */
export function snippetOf(text: string, max = 280): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[,;:.]$/, '')}…`;
}

/**
 * Runs a search.
 *
 * @example
 * ```ts
 * const answer = await searchKnowledgeBase(kb, { q: 'hnsw ef_search', mode: 'hybrid', limit: 5, tag: 'pgvector' });
 * answer.results[0]?.title; // 'HNSW indexes'
 * ```
 */
export async function searchKnowledgeBase(kb: KnowledgeBase, request: SearchRequest): Promise<SearchAnswer> {
  if (request.q.includes('\0')) {
    throw new StrataError('SEARCH_INVALID', 'The query contains a NUL character: search for words.', {
      query: 'q',
    });
  }
  // A query of punctuation or emoji has no words, so no embedding direction and no lexemes: nothing can match.
  if (words(request.q).length === 0) return { query: request.q, mode: request.mode, results: [] };
  const where = await chunkFilter(kb, request);
  if (where === 'nothing') return { query: request.q, mode: request.mode, results: [] };
  const found = await findChunks(kb, request, where);
  const documentIds = [...new Set(found.map((f) => f.chunk.document_id))];
  const docs =
    documentIds.length === 0
      ? []
      : await documentsRepo.with(kb.db).getMany(documentIds, { select: ['id', 'title', 'source'] });
  const byId = new Map(docs.map((d) => [d.id, d]));
  const results: SearchHit[] = [];
  for (const { chunk, score } of found) {
    const doc = byId.get(chunk.document_id);
    // A document deleted meanwhile takes its passages with it.
    if (doc === undefined) continue;
    results.push({
      chunkId: chunk.id,
      documentId: chunk.document_id,
      chunkIndex: chunk.chunk_index,
      title: doc.title,
      source: doc.source,
      snippet: snippetOf(chunk.content),
      score,
    });
  }
  return { query: request.q, mode: request.mode, results };
}

async function chunkFilter(
  kb: KnowledgeBase,
  request: SearchRequest,
): Promise<Where<typeof documentChunks> | undefined | 'nothing'> {
  const conditions: Where<typeof documentChunks>[] = [];
  if (request.documentId !== undefined) conditions.push({ document_id: request.documentId });
  if (request.tag !== undefined) {
    // Tags live on the documents; the chunks are narrowed to the documents that carry the tag.
    const tagged = await documentsRepo
      .with(kb.db)
      .find({ where: { metadata: { contains: { tags: [request.tag] } } }, select: ['id'] });
    if (tagged.length === 0) return 'nothing';
    conditions.push({ document_id: { in: tagged.map((d) => d.id) } });
  }
  return conditions.length === 0 ? undefined : { AND: conditions };
}

async function findChunks(
  kb: KnowledgeBase,
  request: SearchRequest,
  where: Where<typeof documentChunks> | undefined,
): Promise<{ chunk: ChunkFields; score: number }[]> {
  const select = ['id', 'document_id', 'chunk_index', 'content'] as const;
  const filter = where === undefined ? {} : { where };
  switch (request.mode) {
    case 'vector': {
      const hits = await kb.documents.nearest(kb.db, request.q, { k: request.limit, select, ...filter });
      return hits.map((hit) => ({ chunk: hit.row, score: hit.similarity ?? -hit.distance }));
    }
    case 'hybrid': {
      const hits = await kb.documents.hybrid(kb.db, request.q, { k: request.limit, select, ...filter });
      return hits.map((hit) => ({ chunk: hit.row, score: hit.fusedScore }));
    }
    case 'text':
      return textSearch(kb, request, where);
    default:
      return assertNever(request.mode, 'search mode');
  }
}

/** Full-text search over the chunks' generated tsvector (served by its partial GIN index). */
async function textSearch(
  kb: KnowledgeBase,
  request: SearchRequest,
  where: Where<typeof documentChunks> | undefined,
): Promise<{ chunk: ChunkFields; score: number }[]> {
  const query = sql`websearch_to_tsquery('english', ${request.q})`;
  let select = kb.db.kysely
    .selectFrom('document_chunks')
    .select(['id', 'document_id', 'chunk_index', 'content'])
    .select(sql<number>`ts_rank_cd(search_vector, ${query})`.as('score'))
    .where(sql<boolean>`search_vector @@ ${query}`)
    .where('is_active', '=', true);
  if (where !== undefined) select = select.where(chunksRepo.where(where));
  const rows = await select.orderBy('score', 'desc').orderBy('id').limit(request.limit).execute();
  return rows.map(({ score, ...chunk }) => ({ chunk, score: Number(score) }));
}
