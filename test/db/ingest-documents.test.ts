import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentChunks, documents, EMBEDDING_DIMENSIONS, schema } from '../../examples/documents/schema.js';
import type { Database } from '../../src/db/database.js';
import { toSql } from '../../src/ddl/index.js';
import type { Embedder } from '../../src/embed/embedder.js';
import { hashingEmbedder } from '../../src/embed/hashing-embedder.js';
import { isStrataError } from '../../src/errors/strata-error.js';
import { chunkText } from '../../src/ingest/chunk-text.js';
import { documentStore } from '../../src/ingest/document-store.js';
import type { IngestProgress } from '../../src/ingest/progress.js';
import {
  bigint,
  bigserial,
  defineSchema,
  integer,
  jsonb,
  table,
  text,
  timestamptz,
  vector,
} from '../../src/schema/index.js';
import { openTestDatabase, type TestDatabase } from '../support/backend.js';
import { connectTestDatabase } from '../support/connect.js';

/** An embedder that counts the texts it embedded. */
function counting(inner: Embedder): Embedder & { texts: number } {
  const wrapper = {
    model: inner.model,
    dimensions: inner.dimensions,
    texts: 0,
    async embed(texts: readonly string[], options?: Parameters<Embedder['embed']>[1]) {
      wrapper.texts += texts.length;
      return inner.embed(texts, options);
    },
  };
  return wrapper;
}

const article = [
  'PostgreSQL keeps table data in pages of eight kilobytes. Each page holds several rows.',
  'An index lets the planner find rows without reading the whole table. B-tree indexes keep keys in order.',
  'HNSW indexes build a graph of vectors. A search walks the graph from an entry point towards the query.',
  'Vacuum removes dead rows. Autovacuum runs it in the background when enough rows changed.',
].join('\n\n');

let testDb: TestDatabase;
let db: Database;

beforeAll(async () => {
  testDb = await openTestDatabase();
  db = await connectTestDatabase(testDb);
  await db.executor.exec(toSql(schema.model));
  await db.refreshTypes();
});

afterAll(async () => {
  await db?.close();
  await testDb?.close();
});

async function storedChunks(documentId: unknown) {
  const { rows } = await db.executor.query<{
    chunk_index: number;
    content: string;
    embedding: number[];
    embedding_model: string;
  }>(
    'select chunk_index, content, embedding, embedding_model from document_chunks where document_id = $1 order by chunk_index',
    [documentId],
  );
  return rows;
}

describe('document ingestion', () => {
  const embedder = hashingEmbedder({ dimensions: EMBEDDING_DIMENSIONS });
  const chunking = { size: 160, overlap: 40 };

  it('stores the document and its chunks, each with its embedding and the model that made it', async () => {
    const store = documentStore({ documents, chunks: documentChunks, embedder, chunking });
    const result = await store.ingest(
      db,
      { title: 'Storage', content: article, metadata: { lang: 'en' } },
      { progress: false },
    );
    const expected = chunkText(article, chunking);
    expect(result).toMatchObject({
      kind: 'ingestResult',
      status: 'created',
      chunks: expected.length,
      embedded: expected.length,
    });
    expect(expected.length).toBeGreaterThan(2);
    const rows = await storedChunks(result.documentId);
    expect(rows.map((r) => r.content)).toEqual(expected.map((c) => c.text));
    expect(rows.map((r) => r.chunk_index)).toEqual(expected.map((_, i) => i));
    const vectors = await embedder.embed(expected.map((c) => c.text));
    rows.forEach((row, i) => {
      expect(row.embedding_model).toBe(embedder.model);
      row.embedding.forEach((x, j) => {
        expect(x).toBeCloseTo(vectors[i]![j]!, 6);
      });
    });
    const doc = await db.executor.query<{ title: string; metadata: unknown }>(
      'select title, metadata from documents where id = $1',
      [result.documentId],
    );
    expect(doc.rows[0]).toEqual({ title: 'Storage', metadata: { lang: 'en' } });
  });

  it('reports embedding progress per batch, then storing', async () => {
    const events: IngestProgress[] = [];
    const store = documentStore({ documents, chunks: documentChunks, embedder, chunking, batchSize: 2 });
    const result = await store.ingest(
      db,
      { title: 'Progress', content: article },
      { onProgress: (p) => events.push(p) },
    );
    const embedding = events.filter((e) => e.phase === 'embedding');
    expect(embedding[0]).toEqual({
      kind: 'ingestProgress',
      phase: 'embedding',
      done: 0,
      total: result.chunks,
    });
    expect(embedding.at(-1)).toEqual({
      kind: 'ingestProgress',
      phase: 'embedding',
      done: result.chunks,
      total: result.chunks,
    });
    expect(embedding.map((e) => e.done)).toEqual([...embedding.map((e) => e.done)].sort((a, b) => a - b));
    expect(events.at(-1)).toEqual({ kind: 'ingestProgress', phase: 'storing', done: 1, total: 1 });
  });

  it('writes a document and its chunks in one transaction: a failing chunk leaves no document behind', async () => {
    const broken: Embedder = {
      model: 'broken',
      dimensions: EMBEDDING_DIMENSIONS,
      embed: async (texts) =>
        texts.map((_, i) => new Array(EMBEDDING_DIMENSIONS).fill(i === 1 ? Number.NaN : 0.1)),
    };
    const store = documentStore({ documents, chunks: documentChunks, embedder: broken, chunking });
    const error = await store
      .ingest(db, { title: 'Broken', content: article }, { progress: false })
      .catch((e: unknown) => e);
    expect(isStrataError(error, 'VALUE_INVALID')).toBe(true);
    const { rows } = await db.executor.query<{ n: bigint }>(
      "select count(*) as n from documents where title = 'Broken'",
    );
    expect(rows[0]!.n).toBe(0n);
  });

  it('embeds nothing again for unchanged content, re-chunks changed content, and re-embeds after a model change', async () => {
    const first = counting(embedder);
    const store = documentStore({ documents, chunks: documentChunks, embedder: first, chunking });
    const created = await store.ingest(db, { title: 'Versions', content: article }, { progress: false });
    const id = created.documentId as string;
    first.texts = 0;

    const same = await store.ingest(
      db,
      { id, title: 'Versions, renamed', content: article },
      { progress: false },
    );
    expect(same).toMatchObject({ status: 'unchanged', embedded: 0, chunks: created.chunks });
    expect(first.texts).toBe(0);
    const title = await db.executor.query<{ title: string }>('select title from documents where id = $1', [
      id,
    ]);
    expect(title.rows[0]!.title).toBe('Versions, renamed');

    const changed = `${article}\n\nA new paragraph about replication slots and WAL.`;
    const updated = await store.ingest(db, { id, title: 'Versions', content: changed }, { progress: false });
    expect(updated.status).toBe('updated');
    expect((await storedChunks(id)).map((r) => r.content)).toEqual(
      chunkText(changed, chunking).map((c) => c.text),
    );

    const newModel = counting(hashingEmbedder({ dimensions: EMBEDDING_DIMENSIONS, ngrams: [3] }));
    const upgraded = documentStore({ documents, chunks: documentChunks, embedder: newModel, chunking });
    const again = await upgraded.ingest(db, { id, title: 'Versions', content: changed }, { progress: false });
    expect(again).toMatchObject({ status: 'updated', embedded: updated.chunks });
    expect((await storedChunks(id)).every((r) => r.embedding_model === newModel.model)).toBe(true);
  });

  it('reembed() brings every chunk made by another model up to the current one, in batches', async () => {
    const store = documentStore({ documents, chunks: documentChunks, embedder, chunking });
    await store.ingest(db, { title: 'Old model', content: article }, { progress: false });
    const stale = await db.executor.query<{ n: bigint }>(
      'select count(*) as n from document_chunks where embedding_model is distinct from $1',
      [embedder.model],
    );
    expect(stale.rows[0]!.n).toBeGreaterThan(0n); // the previous test left chunks of another model
    await db.executor.exec('update document_chunks set embedding = null where chunk_index = 0');

    const next = counting(hashingEmbedder({ dimensions: EMBEDDING_DIMENSIONS, wordWeight: 3 }));
    const events: IngestProgress[] = [];
    const upgraded = documentStore({ documents, chunks: documentChunks, embedder: next, batchSize: 3 });
    const total = await db.executor.query<{ n: bigint }>('select count(*) as n from document_chunks');
    const result = await upgraded.reembed(db, { onProgress: (p) => events.push(p) });
    expect(result).toEqual({
      kind: 'reembedResult',
      reembedded: Number(total.rows[0]!.n),
      model: next.model,
    });
    expect(next.texts).toBe(result.reembedded);
    expect(events.at(-1)).toMatchObject({ done: result.reembedded, total: result.reembedded });
    const { rows } = await db.executor.query<{ n: bigint }>(
      'select count(*) as n from document_chunks where embedding_model is distinct from $1 or embedding is null',
      [next.model],
    );
    expect(rows[0]!.n).toBe(0n);
    expect((await upgraded.reembed(db, { progress: false })).reembedded).toBe(0);
    const [vector] = await next.embed([
      'PostgreSQL keeps table data in pages of eight kilobytes. Each page holds several rows.',
    ]);
    const hits = await upgraded.search.nearest(db, vector!, { k: 1 });
    expect(hits[0]!.distance).toBeLessThan(0.2);
  });

  it("finds ingested text by hybrid search with the store's embedder", async () => {
    const store = documentStore({
      documents,
      chunks: documentChunks,
      embedder: hashingEmbedder({ dimensions: EMBEDDING_DIMENSIONS, wordWeight: 3 }),
      chunking,
    });
    const hits = await store.hybrid(db, 'autovacuum dead rows', { k: 3 });
    expect(hits[0]!.row.content).toMatch(/Autovacuum/);
    expect(hits[0]!.text).not.toBeNull();
    const near = await store.nearest(db, 'graph of vectors', { k: 1 });
    expect(near[0]!.row.content).toMatch(/graph of vectors/);
  });
});

describe('configurable tables', () => {
  const articles = table('articles', {
    article_id: bigserial().primaryKey(),
    headline: text().notNull(),
    body: text().notNull(),
    extra: jsonb(),
  });
  const parts = table('article_parts', {
    part_id: bigserial().primaryKey(),
    article: bigint().notNull(),
    position: integer().notNull(),
    part_text: text().notNull(),
    vec: vector(16),
    made_by: text(),
    created: timestamptz().notNull().defaultNow(),
  });

  it('ingests into tables and columns of other names', async () => {
    await db.executor.exec(toSql(defineSchema({ articles, parts }).model));
    const store = documentStore({
      documents: articles,
      chunks: parts,
      embedder: hashingEmbedder({ dimensions: 16 }),
      documentColumns: {
        id: 'article_id',
        title: 'headline',
        content: 'body',
        metadata: 'extra',
        source: null,
      },
      chunkColumns: {
        documentId: 'article',
        index: 'position',
        content: 'part_text',
        embedding: 'vec',
        model: 'made_by',
      },
      chunking: { size: 120, overlap: 20 },
    });
    const result = await store.ingest(
      db,
      { title: 'Elsewhere', content: article, metadata: { a: 1 } },
      { progress: false },
    );
    expect(result.status).toBe('created');
    const { rows } = await db.executor.query<{ n: bigint; models: string[] }>(
      'select count(*) as n, array_agg(distinct made_by) as models from article_parts where article = $1',
      [result.documentId],
    );
    expect(Number(rows[0]!.n)).toBe(result.chunks);
    expect(rows[0]!.models).toEqual(['strata-hashing-v1-d16-n3.4-w2']);
  });

  it('refuses a column that does not exist, and an embedder of the wrong size', () => {
    const wrongColumn = (() => {
      try {
        documentStore({
          documents: articles,
          chunks: parts,
          embedder: hashingEmbedder({ dimensions: 16 }),
          documentColumns: { id: 'article_id', content: 'body' },
          chunkColumns: { documentId: 'nope' },
        });
      } catch (error) {
        return error;
      }
    })();
    expect(isStrataError(wrongColumn, 'USAGE')).toBe(true);
    expect((wrongColumn as Error).message).toMatch(
      /article_parts has no column "nope" for the document reference/,
    );
    expect(() =>
      documentStore({ documents, chunks: documentChunks, embedder: hashingEmbedder({ dimensions: 8 }) }),
    ).toThrow(/is vector\(384\) but the embedder .* makes 8 dimensions/);
  });
});
