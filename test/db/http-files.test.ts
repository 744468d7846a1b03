import { createHash } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { toSql } from '../../src/ddl/to-sql.js';
import { FileStore, filesTables } from '../../src/files/index.js';
import { fileRoutes, parseRangeHeader } from '../../src/http/file-routes.js';
import { defineSchema } from '../../src/schema/index.js';
import { openTestDatabase, type TestDatabase } from '../support/backend.js';
import { connectTestDatabase } from '../support/connect.js';

let testDb: TestDatabase;
let db: Database;
let app: FastifyInstance;

const MAX_SIZE = 64 * 1024;

beforeAll(async () => {
  testDb = await openTestDatabase();
  await testDb.exec(toSql(defineSchema(filesTables).model));
  db = await connectTestDatabase(testDb);
  app = Fastify();
  const store = new FileStore(db, { chunkSize: 1024 });
  await fileRoutes(app, {
    store,
    prefix: '/api/files',
    maxSize: MAX_SIZE,
    route: {
      delete: {
        onRequest: async (request, reply) => {
          if (request.headers.authorization !== 'Bearer admin') {
            await reply
              .code(401)
              .send({ statusCode: 401, error: 'Unauthorized', code: 'AUTH', message: 'Admins only.' });
          }
        },
      },
    },
  });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await db?.close();
  await testDb?.close();
});

async function fileCount(): Promise<number> {
  const result = await testDb.query<{ n: number }>('select count(*)::int as n from files');
  return result.rows[0]!.n;
}

function bytes(length: number): Buffer {
  return Buffer.from(Array.from({ length }, (_, i) => (i * 31 + 7) % 256));
}

describe('file endpoints', () => {
  it('stores an upload of any content type, even JSON, as raw bytes and answers its description', async () => {
    const body = '{"not": "parsed"}';
    const response = await app.inject({
      method: 'POST',
      url: '/api/files?name=data.json',
      headers: { 'content-type': 'application/json' },
      payload: body,
    });
    expect(response.statusCode).toBe(201);
    const file = response.json();
    expect(file).toMatchObject({
      name: 'data.json',
      contentType: 'application/json',
      size: body.length,
      sha256: createHash('sha256').update(body).digest('hex'),
    });
    expect(response.headers.location).toBe(`/api/files/${file.id}`);
    const download = await app.inject({ method: 'GET', url: file.url });
    expect(download.statusCode).toBe(200);
    expect(download.body).toBe(body);
    expect(download.headers['content-type']).toBe('application/json');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
  });

  it('downloads a byte range across chunk boundaries with 206 and Content-Range', async () => {
    const content = bytes(5000);
    const upload = await app.inject({
      method: 'POST',
      url: '/api/files?name=blob.bin',
      headers: { 'content-type': 'application/octet-stream' },
      payload: content,
    });
    const { url } = upload.json();
    const part = await app.inject({ method: 'GET', url, headers: { range: 'bytes=1000-3047' } });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe('bytes 1000-3047/5000');
    expect(part.rawPayload.equals(content.subarray(1000, 3048))).toBe(true);
    const tail = await app.inject({ method: 'GET', url, headers: { range: 'bytes=-10' } });
    expect(tail.rawPayload.equals(content.subarray(4990))).toBe(true);
    const outside = await app.inject({ method: 'GET', url, headers: { range: 'bytes=6000-' } });
    expect(outside.statusCode).toBe(416);
    expect(outside.headers['content-range']).toBe('bytes */5000');
  });

  it('refuses an upload over the size limit with 413 and stores nothing', async () => {
    const before = await fileCount();
    const response = await app.inject({
      method: 'POST',
      url: '/api/files?name=big.bin',
      headers: { 'content-type': 'application/octet-stream' },
      payload: bytes(MAX_SIZE + 1),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().message).toContain(`size limit of ${MAX_SIZE} bytes`);
    expect(await fileCount()).toBe(before);
    const blobs = await testDb.query<{ n: number }>(
      'select count(*)::int as n from file_blobs where sha256 is null',
    );
    expect(blobs.rows[0]!.n).toBe(0);
  });

  it('answers 400 for an empty upload or a missing name, and 404 for an unknown file', async () => {
    const empty = await app.inject({
      method: 'POST',
      url: '/api/files?name=e.txt',
      headers: { 'content-type': 'text/plain' },
      payload: '',
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toContain('empty');
    const nameless = await app.inject({
      method: 'POST',
      url: '/api/files',
      headers: { 'content-type': 'text/plain' },
      payload: 'x',
    });
    expect(nameless.statusCode).toBe(400);
    expect(nameless.json().message).toBe('Invalid query string: query.name is required.');
    const unknown = await app.inject({
      method: 'GET',
      url: '/api/files/00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.statusCode).toBe(404);
    const notAnId = await app.inject({ method: 'GET', url: '/api/files/42' });
    expect(notAnId.statusCode).toBe(400);
  });

  it('lists files newest first, page by page', async () => {
    const first = await app.inject({ method: 'GET', url: '/api/files?limit=1' });
    expect(first.statusCode).toBe(200);
    const page = first.json();
    expect(page.data).toHaveLength(1);
    expect(typeof page.nextCursor).toBe('string');
    const second = await app.inject({
      method: 'GET',
      url: `/api/files?limit=1&cursor=${encodeURIComponent(page.nextCursor)}`,
    });
    expect(second.json().data[0].id).not.toBe(page.data[0].id);
  });

  it('runs the per-route hook before deleting, so an unauthorised delete leaves the file', async () => {
    const upload = await app.inject({
      method: 'POST',
      url: '/api/files?name=keep.txt',
      headers: { 'content-type': 'text/plain' },
      payload: 'keep me',
    });
    const { url } = upload.json();
    const refused = await app.inject({ method: 'DELETE', url });
    expect(refused.statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url })).statusCode).toBe(200);
    const deleted = await app.inject({ method: 'DELETE', url, headers: { authorization: 'Bearer admin' } });
    expect(deleted.statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url })).statusCode).toBe(404);
  });
});

describe('Range headers', () => {
  it('reads the three single-range forms and refuses ranges outside the file', () => {
    expect(parseRangeHeader('bytes=0-9', 100)).toEqual({ kind: 'range', offset: 0, length: 10 });
    expect(parseRangeHeader('bytes=90-', 100)).toEqual({ kind: 'range', offset: 90, length: 10 });
    expect(parseRangeHeader('bytes=-5', 100)).toEqual({ kind: 'range', offset: 95, length: 5 });
    expect(parseRangeHeader('bytes=95-200', 100)).toEqual({ kind: 'range', offset: 95, length: 5 });
    expect(parseRangeHeader('bytes=100-', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRangeHeader('bytes=0-1,5-6', 100)).toEqual({ kind: 'whole' });
  });
});
