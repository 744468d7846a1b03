import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../examples/knowledge-base/app.js';
import { loadCorpus } from '../../examples/knowledge-base/corpus.js';
import { type KnowledgeBase, openKnowledgeBase } from '../../examples/knowledge-base/knowledge-base.js';
import { seedSampleCorpus } from '../../examples/knowledge-base/seed.js';
import { openTestDatabase, type TestDatabase } from '../support/backend.js';

let testDb: TestDatabase;
let kb: KnowledgeBase;
let app: FastifyInstance;

interface Hit {
  documentId: string;
  title: string;
  chunkIndex: number;
  score: number;
}

beforeAll(async () => {
  testDb = await openTestDatabase();
  kb = await openKnowledgeBase(testDb.pglite ? { pglite: testDb.pglite } : { url: testDb.url! });
  const seeded = await seedSampleCorpus(kb);
  expect(seeded.kind).toBe('seeded');
  app = await buildApp(kb);
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await kb?.close();
  await testDb?.close();
});

async function search(
  query: string,
): Promise<{ status: number; hits: Hit[]; body: Record<string, unknown> }> {
  const response = await app.inject({ method: 'GET', url: `/api/search?${query}` });
  const body = response.json();
  return { status: response.statusCode, hits: (body.results ?? []) as Hit[], body };
}

async function count(sql: string): Promise<number> {
  const result = await testDb.query<{ n: number }>(sql);
  return result.rows[0]!.n;
}

describe('first start', () => {
  it('migrated to head and ingested every sample document once', async () => {
    expect(kb.migration.steps.map((s) => s.revision)).toEqual(['0a1b2c3d4e5f']);
    const corpus = await loadCorpus();
    const health = (await app.inject({ method: 'GET', url: '/api/health' })).json();
    expect(health.documents).toBe(corpus.length);
    expect(health.chunks).toBeGreaterThanOrEqual(corpus.length);
    expect(await seedSampleCorpus(kb)).toEqual({ kind: 'alreadySeeded', documents: corpus.length });
  });

  it('opening it again finds the database at head and runs no migration', async () => {
    const again = await openKnowledgeBase(testDb.pglite ? { pglite: testDb.pglite } : { url: testDb.url! });
    expect(again.migration.steps).toEqual([]);
    await again.close();
  });
});

describe('search', () => {
  it('finds the passage about reciprocal rank fusion first in every mode', async () => {
    for (const mode of ['hybrid', 'vector', 'text']) {
      const { status, hits } = await search(`q=reciprocal%20rank%20fusion&mode=${mode}&limit=3`);
      expect(status).toBe(200);
      expect(hits[0]?.title, mode).toBe('Hybrid search: keywords and meaning together');
    }
  });

  it('filters by tag and by document', async () => {
    const tagged = await search('q=index%20build&mode=vector&limit=10&tag=hnsw');
    expect(tagged.hits.length).toBeGreaterThan(0);
    expect(new Set(tagged.hits.map((h) => h.title))).toEqual(new Set(['HNSW indexes']));
    const one = tagged.hits[0]!.documentId;
    const inDocument = await search(`q=search&mode=hybrid&document_id=${one}`);
    expect(inDocument.hits.every((h) => h.documentId === one)).toBe(true);
    const unknownTag = await search('q=index&tag=no-such-tag');
    expect(unknownTag.hits).toEqual([]);
  });

  it('answers 400 for a missing or blank query, an unknown mode, a bad limit or document id', async () => {
    expect((await search('mode=text')).body.message).toBe('Invalid query string: query.q is required.');
    expect((await search('q=%20%20')).status).toBe(400);
    expect((await search('q=x&mode=fuzzy')).body.message).toContain(
      'query.mode must be one of: "hybrid", "vector", "text"',
    );
    expect((await search('q=x&limit=0')).status).toBe(400);
    expect((await search('q=x&limit=ten')).status).toBe(400);
    expect((await search('q=x&document_id=42')).body.message).toContain('query.document_id must be a UUID');
    expect((await search('q=x&colour=red')).body.message).toContain(
      'query.colour is not a known field (known: q, mode,',
    );
    const nul = await search('q=a%00b&mode=text');
    expect(nul.status).toBe(400);
    expect(nul.body.message).toContain('NUL character');
  });

  it('answers a query without words (punctuation, emoji) with no results rather than an error', async () => {
    for (const mode of ['hybrid', 'vector', 'text']) {
      const { status, hits } = await search(`q=${encodeURIComponent('?! 😀')}&mode=${mode}`);
      expect(status, mode).toBe(200);
      expect(hits).toEqual([]);
    }
  });
});

describe('documents', () => {
  const note = {
    title: 'Write-ahead log',
    content:
      'PostgreSQL writes every change to the write-ahead log before the data files, so a crash loses nothing committed.',
    source: 'notes/wal.md',
    metadata: { tags: ['postgres', 'durability'] },
  };

  it('ingests a document, which search then finds', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/documents', payload: note });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.ingest).toMatchObject({ status: 'created', chunks: 1, embedded: 1 });
    expect(body.document).toMatchObject({
      title: note.title,
      source: note.source,
      metadata: note.metadata,
      is_active: true,
    });
    expect(response.headers.location).toBe(`/api/documents/${body.document.id}`);
    const found = await search('q=write-ahead%20log%20crash&mode=text');
    expect(found.hits[0]?.documentId).toBe(body.document.id);
  });

  it('refuses an invalid document with 400 and stores nothing', async () => {
    const before = await count('select count(*)::int as n from documents');
    for (const payload of [
      { title: 'No content' },
      { title: 'Empty', content: '' },
      { title: 'x'.repeat(301), content: 'text' },
      { title: 'Bad metadata', content: 'text', metadata: ['tags'] },
      { title: 'Extra', content: 'text', is_active: false },
    ]) {
      const response = await app.inject({ method: 'POST', url: '/api/documents', payload });
      expect(response.statusCode, JSON.stringify(payload).slice(0, 60)).toBe(400);
      expect(response.json().code).toBe('VALUE_INVALID');
    }
    expect(await count('select count(*)::int as n from documents')).toBe(before);
  });

  it('re-ingests a document with PUT, replacing its passages, and 404s an unknown one', async () => {
    const created = (
      await app.inject({
        method: 'POST',
        url: '/api/documents',
        payload: { title: 'Draft', content: 'First words.' },
      })
    ).json();
    const id = created.document.id;
    const replaced = await app.inject({
      method: 'PUT',
      url: `/api/documents/${id}`,
      payload: {
        title: 'Final',
        content: 'Vacuum reclaims the space of dead tuples left by updates and deletes.',
      },
    });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json().ingest.status).toBe('updated');
    const chunks = (await app.inject({ method: 'GET', url: `/api/chunks?document_id=${id}` })).json();
    expect(chunks.total).toBe(1);
    expect(chunks.data[0].content).toContain('Vacuum');
    const unknown = await app.inject({
      method: 'PUT',
      url: '/api/documents/00000000-0000-4000-8000-000000000000',
      payload: { title: 'x', content: 'y' },
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('updates a title through the generated route but refuses content there (ingestion owns it)', async () => {
    const listed = (
      await app.inject({ method: 'GET', url: '/api/documents?title=Write-ahead%20log' })
    ).json();
    expect(listed.total).toBe(1);
    const id = listed.data[0].id;
    const renamed = await app.inject({
      method: 'PATCH',
      url: `/api/documents/${id}`,
      payload: { title: 'WAL' },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().title).toBe('WAL');
    const content = await app.inject({
      method: 'PATCH',
      url: `/api/documents/${id}`,
      payload: { content: 'changed' },
    });
    expect(content.statusCode).toBe(400);
    expect(content.json().message).toContain('body.content is not a known field');
  });

  it('soft-deletes a document and its passages, so search stops finding it; the hard route removes it', async () => {
    const created = (
      await app.inject({
        method: 'POST',
        url: '/api/documents',
        payload: { title: 'Zebra tables', content: 'Zebra striping makes wide tables easier to read.' },
      })
    ).json();
    const id = created.document.id;
    expect((await search('q=zebra%20striping&mode=text')).hits[0]?.documentId).toBe(id);
    expect((await app.inject({ method: 'DELETE', url: `/api/documents/${id}` })).statusCode).toBe(204);
    expect((await search('q=zebra%20striping&mode=text')).hits).toEqual([]);
    expect((await search('q=zebra%20striping&mode=hybrid')).hits.some((h) => h.documentId === id)).toBe(
      false,
    );
    expect((await app.inject({ method: 'GET', url: `/api/documents/${id}` })).statusCode).toBe(404);
    expect(
      await count(`select count(*)::int as n from document_chunks where document_id = '${id}' and is_active`),
    ).toBe(0);
    expect((await app.inject({ method: 'DELETE', url: `/api/documents/${id}/hard` })).statusCode).toBe(204);
    expect(await count(`select count(*)::int as n from document_chunks where document_id = '${id}'`)).toBe(0);
  });
});

describe('files', () => {
  it('ingests an uploaded markdown file as a document that links back to the file', async () => {
    const markdown =
      '# Checkpoints\n\n_Tags: postgres_\n\nA checkpoint flushes dirty pages so that recovery replays less WAL.\n';
    const upload = await app.inject({
      method: 'POST',
      url: '/api/files?name=checkpoints.md',
      headers: { 'content-type': 'text/markdown' },
      payload: markdown,
    });
    expect(upload.statusCode).toBe(201);
    const file = upload.json();
    const ingested = await app.inject({ method: 'POST', url: `/api/files/${file.id}/ingest` });
    expect(ingested.statusCode).toBe(201);
    const doc = ingested.json().document;
    expect(doc).toMatchObject({ title: 'Checkpoints', source: `/api/files/${file.id}` });
    expect(doc.metadata.tags).toEqual(['postgres']);
    expect((await app.inject({ method: 'GET', url: doc.source })).body).toBe(markdown);
  });

  it('refuses to ingest a binary file with 415', async () => {
    const upload = await app.inject({
      method: 'POST',
      url: '/api/files?name=pixel.png',
      headers: { 'content-type': 'image/png' },
      payload: Buffer.from([0x89, 0x50, 0x4e, 0x47]),
    });
    const response = await app.inject({ method: 'POST', url: `/api/files/${upload.json().id}/ingest` });
    expect(response.statusCode).toBe(415);
  });
});

describe('the service', () => {
  it('serves the web page and an OpenAPI document of every API route', async () => {
    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<title>Knowledge base</title>');
    const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/documents',
        '/api/documents/{id}',
        '/api/documents/{id}/hard',
        '/api/chunks',
        '/api/search',
        '/api/files',
        '/api/files/{id}',
        '/api/files/{id}/ingest',
      ]),
    );
    expect(document.paths['/']).toBeUndefined();
  });

  it('answers unknown routes with a JSON 404', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/nothing' });
    expect(response.statusCode).toBe(404);
    expect(response.json().message).toContain('/openapi.json');
  });

  it('with an API token, refuses writes without it and writes nothing', async () => {
    const guarded = await buildApp(kb, { apiToken: 't0ken' });
    const before = await count('select count(*)::int as n from documents');
    const refused = await guarded.inject({
      method: 'POST',
      url: '/api/documents',
      payload: { title: 'T', content: 'c' },
    });
    expect(refused.statusCode).toBe(401);
    expect(await count('select count(*)::int as n from documents')).toBe(before);
    const reads = await guarded.inject({ method: 'GET', url: '/api/search?q=index' });
    expect(reads.statusCode).toBe(200);
    const allowed = await guarded.inject({
      method: 'POST',
      url: '/api/documents',
      headers: { authorization: 'Bearer t0ken' },
      payload: { title: 'T', content: 'Token-guarded write.' },
    });
    expect(allowed.statusCode).toBe(201);
    await guarded.close();
  });
});
