/**
 * The documents example end to end: migrations to head, documents ingested into embedded
 * chunks, similarity search under HNSW (m = 16, ef_construction = 64) and hybrid search
 * weighted 0.7 / 0.3, soft delete through `is_active` with partial indexes on the active
 * rows, and the way back to base.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  archiveDocument,
  chunksRepo,
  type DocumentsDB,
  documentEmbedder,
  documentsRepo,
  hybridChunks,
  knowledge,
  restoreDocument,
  similarChunks,
  WEIGHTED_FUSION,
} from '../../examples/documents/queries.js';
import { EXAMPLE_HISTORIES } from '../../examples/generate-migrations.js';
import { embedOne } from '../../src/embed/index.js';
import type { SchemaModel } from '../../src/model/index.js';
import { fuseRankings } from '../../src/search/index.js';
import {
  countingSession,
  type ExampleDatabase,
  explain,
  objectNames,
  openExampleDatabase,
} from './example-harness.js';

const history = EXAMPLE_HISTORIES.documents;

const CORPUS = [
  {
    title: 'HNSW indexes',
    content:
      'HNSW builds a layered graph of vectors. Each node keeps up to m neighbours on every layer. ' +
      'The ef_construction parameter sets how many candidates are examined while the graph is built. ' +
      'At query time ef_search plays the same role: a larger candidate list finds more true neighbours. ' +
      'Graph indexes answer nearest neighbour queries without scanning every vector.',
    metadata: { topic: 'vectors' },
  },
  {
    title: 'IVFFlat indexes',
    content:
      'IVFFlat clusters vectors into lists with k-means. Queries probe the nearest lists; more probes improve recall.',
    metadata: { topic: 'vectors' },
  },
  {
    title: 'Soft delete',
    content:
      'Soft deletion marks rows inactive instead of removing them, so they can be restored. Partial indexes cover only active rows.',
    metadata: { topic: 'modelling' },
  },
  {
    title: 'Full-text search',
    content:
      'PostgreSQL full-text search turns documents into tsvectors and queries into tsqueries. A GIN index makes matching fast.',
    metadata: { topic: 'text' },
  },
  {
    title: 'Hybrid search',
    content:
      'Hybrid search fuses a vector ranking with a full-text ranking. Weighted fusion adds normalised scores of both.',
    metadata: { topic: 'text' },
  },
  {
    title: 'Bread',
    content: 'Knead the dough, let it rise twice and bake the loaf in a hot oven until the crust is brown.',
    metadata: { topic: 'cooking' },
  },
] as const;

let example: ExampleDatabase<DocumentsDB>;
let atHead: SchemaModel;
const docIds: Record<string, string> = {};

beforeAll(async () => {
  example = await openExampleDatabase<DocumentsDB>(history.directory);
});
afterAll(async () => {
  await example?.close();
});

/** Titles of the documents of the hits' chunks. */
async function titlesOf(
  hits: readonly { readonly row: { readonly document_id: string } }[],
): Promise<string[]> {
  const byId = new Map(Object.entries(docIds).map(([title, id]) => [id, title]));
  return hits.map((h) => byId.get(h.row.document_id) ?? '?');
}

describe('the documents example', () => {
  it('migrates an empty database to head, with HNSW and partial indexes on the active rows', async () => {
    const result = await example.upgrade();
    expect(result.steps.map((s) => s.revision)).toEqual(['d0c5ed000001']);
    atHead = await example.catalog();
    expect(objectNames(atHead)).toEqual({
      tables: ['document_chunks', 'documents'],
      enums: [],
      extensions: ['vector'],
    });
    const chunks = atHead.tables.find((t) => t.name === 'document_chunks')!;
    expect(chunks.indexes.find((i) => i.name === 'document_chunks_embedding_idx')).toMatchObject({
      method: 'hnsw',
      elements: [{ column: 'embedding', opclass: 'vector_cosine_ops' }],
      with: { m: '16', ef_construction: '64' },
      where: 'is_active',
    });
    expect(chunks.indexes.find((i) => i.name === 'document_chunks_search_idx')).toMatchObject({
      method: 'gin',
      where: 'is_active',
    });
    const docs = atHead.tables.find((t) => t.name === 'documents')!;
    expect(docs.comment).toBe('Documents of the knowledge base');
    expect(docs.indexes.find((i) => i.name === 'documents_active_created_idx')?.where).toBe('is_active');
  });

  it('ingests documents into embedded chunks', async () => {
    const results = await knowledge.ingestMany(example.db, CORPUS, { progress: false });
    for (const [i, r] of results.entries()) docIds[CORPUS[i]!.title] = String(r.documentId);
    expect(results.map((r) => r.status)).toEqual(Array(CORPUS.length).fill('created'));
    expect(results[0]!.chunks).toBeGreaterThan(1);
    const hnsw = await documentsRepo.with(example.db).findFirst({
      where: { title: 'HNSW indexes' },
      with: { chunks: { orderBy: 'chunk_index', select: ['chunk_index', 'content', 'embedding_model'] } },
    });
    expect(hnsw?.chunks.map((c) => c.chunk_index)).toEqual([...Array(results[0]!.chunks).keys()]);
    expect(new Set(hnsw?.chunks.map((c) => c.embedding_model))).toEqual(new Set([documentEmbedder.model]));
    // Each chunk's search_vector is generated by PostgreSQL from its content.
    const generated = await example.db.executor.query<{ ok: boolean }>(
      "select bool_and(search_vector = to_tsvector('english', content)) as ok from document_chunks",
    );
    expect(generated.rows[0]!.ok).toBe(true);
  });

  it('finds the most similar chunks through the HNSW index', async () => {
    const hits = await similarChunks(example.db, 'layered graph neighbours ef_construction', { k: 3 });
    expect((await titlesOf(hits))[0]).toBe('HNSW indexes');
    const query = await embedOne(documentEmbedder, 'layered graph neighbours ef_construction');
    const exact = await knowledge.search.exact(example.db, query, { k: 3 });
    expect(hits.map((h) => h.row.id)).toEqual(exact.map((h) => h.row.id));

    const plan = knowledge.search.planNearest(query, { k: 3 });
    expect(plan.indexes).toEqual(['document_chunks_embedding_idx']);
    expect(await explain(example.db, plan.sql, plan.params, { indexOnly: true })).toContain(
      'document_chunks_embedding_idx',
    );
  });

  it('fuses the vector and full-text rankings 0.7 / 0.3 in hybrid search', async () => {
    const text = 'full-text ranking of vectors';
    const hits = await hybridChunks(example.db, text, { k: 5 });
    expect(hits.length).toBe(5);
    expect(hits.some((h) => h.text !== null)).toBe(true);

    // The same fusion computed here by hand, from both complete rankings (every chunk is a
    // candidate): 0.7 × the min-max normalised vector score + 0.3 × the normalised text score.
    const query = await embedOne(documentEmbedder, text);
    const total = await chunksRepo.with(example.db).count();
    const vectorSide = await knowledge.search.exact(example.db, query, { k: total });
    const textSide = await example.db.executor.query<{ id: string; score: number }>(
      `select id, ts_rank(search_vector, websearch_to_tsquery('english', $1), 0)::float8 as score
       from document_chunks where is_active and search_vector @@ websearch_to_tsquery('english', $1)`,
      [text],
    );
    const distances = vectorSide.map((h) => h.distance);
    const [minD, maxD] = [Math.min(...distances), Math.max(...distances)];
    const scores = textSide.rows.map((r) => Number(r.score));
    const [minS, maxS] = [Math.min(...scores), Math.max(...scores)];
    const textScore = new Map(textSide.rows.map((r) => [r.id, Number(r.score)]));
    const expected = vectorSide
      .map((h, rank) => {
        const s = textScore.get(h.row.id);
        const t = s === undefined ? 0 : maxS === minS ? 1 : (s - minS) / (maxS - minS);
        return { id: h.row.id, rank, fused: 0.7 * ((maxD - h.distance) / (maxD - minD)) + 0.3 * t };
      })
      .sort((a, b) => b.fused - a.fused || a.rank - b.rank)
      .slice(0, 5);
    expect(hits.map((h) => h.row.id)).toEqual(expected.map((e) => e.id));
    for (const [i, hit] of hits.entries()) expect(hit.fusedScore).toBeCloseTo(expected[i]!.fused, 6);
    // fuseRankings, the library's own fusion, agrees.
    const fused = fuseRankings(
      vectorSide.map((h) => ({ key: h.row.id, score: h.distance })),
      [...textSide.rows]
        .sort((a, b) => Number(b.score) - Number(a.score))
        .map((r) => ({ key: r.id, score: Number(r.score) })),
      WEIGHTED_FUSION,
    );
    expect(fused.slice(0, 5).map((f) => f.key)).toEqual(expected.map((e) => e.id));
  });

  it('reads active documents newest first through the partial index', async () => {
    const { session, statements, params } = countingSession(example.db);
    const latest = await documentsRepo.with(session).find({ orderBy: [['created_at', 'desc']], limit: 3 });
    expect(latest).toHaveLength(3);
    expect(statements[0]).toMatch(/"is_active"/);
    const plan = await explain(example.db, statements[0]!, params[0], { indexOnly: true });
    expect(plan).toContain('documents_active_created_idx');
  });

  it('soft-deletes a document: its row stays, but reads and searches leave it out', async () => {
    const db = example.db;
    const id = docIds['HNSW indexes']!;
    expect(await archiveDocument(db, id)).toBe(true);

    expect(await documentsRepo.with(db).get(id)).toBeUndefined();
    expect(await documentsRepo.with(db).count()).toBe(CORPUS.length - 1);
    expect((await documentsRepo.with(db).get(id, { withDeleted: true }))?.is_active).toBe(false);
    expect((await documentsRepo.with(db).find({ onlyDeleted: true })).map((d) => d.title)).toEqual([
      'HNSW indexes',
    ]);
    const rows = await db.executor.query<{ n: number }>(
      'select count(*)::int as n from document_chunks where document_id = $1',
      [id],
    );
    expect(rows.rows[0]!.n).toBeGreaterThan(1);
    expect(await chunksRepo.with(db).count({ where: { document_id: id } })).toBe(0);

    const similar = await similarChunks(db, 'layered graph neighbours ef_construction', { k: 20 });
    expect(await titlesOf(similar)).not.toContain('HNSW indexes');
    const hybrid = await hybridChunks(db, 'graph ef_construction', { k: 20 });
    expect(await titlesOf(hybrid)).not.toContain('HNSW indexes');
  });

  it('restores a soft-deleted document and its chunks', async () => {
    const db = example.db;
    const id = docIds['HNSW indexes']!;
    const restored = await restoreDocument(db, id);
    expect(restored.is_active).toBe(true);
    expect(await documentsRepo.with(db).count()).toBe(CORPUS.length);
    const hits = await similarChunks(db, 'layered graph neighbours ef_construction', { k: 3 });
    expect((await titlesOf(hits))[0]).toBe('HNSW indexes');
    expect(await archiveDocument(db, docIds.Bread!)).toBe(true);
    expect(await archiveDocument(db, docIds.Bread!)).toBe(false);
  });

  it('deletes the chunks with their document when it is purged', async () => {
    expect(await documentsRepo.with(example.db).purge(docIds.Bread!)).toBe(true);
    const left = await example.db.executor.query<{ n: number }>(
      'select count(*)::int as n from document_chunks where document_id = $1',
      [docIds.Bread!],
    );
    expect(left.rows[0]!.n).toBe(0);
  });

  it('downgrades to base, leaving none of its tables nor the extension, and upgrades again', async () => {
    await example.downgrade('base');
    expect(objectNames(await example.catalog())).toEqual({ tables: [], enums: [], extensions: [] });
    await example.upgrade();
    expect(await example.catalog()).toEqual(atHead);
    const again = await knowledge.ingest(example.db, CORPUS[1], { progress: false });
    const hits = await similarChunks(example.db, 'k-means lists probes', { k: 1 });
    expect(hits.map((h) => h.row.document_id)).toEqual([again.documentId]);
  });
});
