import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { toSql } from '../../src/ddl/to-sql.js';
import { crudRoutes, registerOpenApi } from '../../src/http/index.js';
import {
  check,
  defineSchema,
  integer,
  jsonb,
  pgEnum,
  softDelete,
  table,
  timestamps,
  uuid,
  uuidPrimaryKey,
  varchar,
} from '../../src/schema/index.js';
import { openTestDatabase, type TestDatabase } from '../support/backend.js';
import { connectTestDatabase } from '../support/connect.js';

const genre = pgEnum('http_genre', ['fiction', 'essay', 'poetry']);

const authors = table('authors', {
  id: uuidPrimaryKey(),
  name: varchar(80).notNull(),
});

const books = table(
  'books',
  {
    id: uuidPrimaryKey(),
    isbn: varchar(13).notNull().unique(),
    title: varchar(200).notNull(),
    author_id: uuid()
      .notNull()
      .references(() => authors.columns.id),
    genre: genre().notNull().default('fiction'),
    pages: integer().notNull(),
    notes: jsonb<Record<string, unknown>>(),
    ...timestamps(),
    ...softDelete('deletedAt'),
  },
  () => [check('books_pages_positive', 'pages > 0')],
);

const schema = defineSchema({ authors, books, genre });

let testDb: TestDatabase;
let db: Database;
let app: FastifyInstance;
let authorId: string;

async function count(tableName: string, where = 'true'): Promise<number> {
  const result = await testDb.query<{ n: number }>(
    `select count(*)::int as n from ${tableName} where ${where}`,
  );
  return result.rows[0]!.n;
}

const requireToken = async (
  request: { headers: Record<string, unknown> },
  reply: { code(n: number): { send(b: unknown): unknown } },
) => {
  if (request.headers['x-token'] !== 'secret') {
    return reply
      .code(401)
      .send({ statusCode: 401, error: 'Unauthorized', code: 'AUTH', message: 'Send x-token.' });
  }
};

beforeAll(async () => {
  testDb = await openTestDatabase();
  await testDb.exec(toSql(schema.model));
  db = await connectTestDatabase(testDb);
  app = Fastify();
  await registerOpenApi(app, { title: 'Library', version: '1.0.0' });
  crudRoutes(app, { table: authors, session: db, prefix: '/authors' });
  crudRoutes(app, {
    table: books,
    session: db,
    prefix: '/books',
    filters: ['title', 'genre', 'pages', 'author_id', 'created_at'],
    sortable: ['title', 'pages', 'created_at'],
    maxLimit: 50,
    route: {
      create: { preHandler: requireToken, bodyLimit: 4096 },
      hardDelete: { operationId: 'purgeBook' },
    },
  });
  await app.ready();
  const author = await app.inject({ method: 'POST', url: '/authors', payload: { name: 'Ursula' } });
  authorId = author.json().id;
});

afterAll(async () => {
  await app?.close();
  await db?.close();
  await testDb?.close();
});

let isbnCounter = 0;
function newBook(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  isbnCounter += 1;
  return {
    isbn: `978000000${String(isbnCounter).padStart(4, '0')}`,
    title: `Book ${isbnCounter}`,
    author_id: authorId,
    pages: 100 + isbnCounter,
    ...overrides,
  };
}

async function createBook(overrides: Record<string, unknown> = {}) {
  return app.inject({
    method: 'POST',
    url: '/books',
    headers: { 'x-token': 'secret' },
    payload: newBook(overrides),
  });
}

describe('create', () => {
  it('answers 201 with the row, its defaults and timestamps, and a Location', async () => {
    const response = await createBook({ title: 'The Dispossessed', notes: { shelf: 3 } });
    expect(response.statusCode).toBe(201);
    const book = response.json();
    expect(book).toMatchObject({
      title: 'The Dispossessed',
      genre: 'fiction',
      notes: { shelf: 3 },
      deleted_at: null,
    });
    expect(book.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(response.headers.location).toBe(`/books/${book.id}`);
  });

  it('refuses missing, mistyped, unknown and too long fields with 400 naming each, and writes nothing', async () => {
    const before = await count('books');
    const response = await app.inject({
      method: 'POST',
      url: '/books',
      headers: { 'x-token': 'secret' },
      payload: { title: 'x'.repeat(201), pages: '12', author: 'Ursula', genre: 'comic' },
    });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.code).toBe('VALUE_INVALID');
    expect(body.message).toContain('body.isbn is required');
    expect(body.message).toContain('body.author_id is required');
    expect(body.message).toContain('body.title must be at most 200 characters long');
    expect(body.message).toContain('body.pages must be a whole number');
    expect(body.message).toContain('body.author is not a known field');
    expect(body.message).toContain('body.genre must be one of: "fiction", "essay", "poetry"');
    expect(await count('books')).toBe(before);
  });

  it('refuses to let clients set managed columns such as created_at or deleted_at', async () => {
    const response = await createBook({ created_at: '2000-01-01T00:00:00Z' });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toContain('body.created_at is not a known field');
  });

  it('answers 409 for a taken unique value, naming the column, and keeps the first row only', async () => {
    const first = await createBook();
    const isbn = first.json().isbn;
    const before = await count('books');
    const second = await createBook({ isbn });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('UNIQUE_VIOLATION');
    expect(second.json().details.columns).toEqual(['isbn']);
    expect(second.json().message).not.toContain(isbn);
    expect(await count('books')).toBe(before);
  });

  it('answers 422 for a reference to a row that does not exist', async () => {
    const before = await count('books');
    const response = await createBook({ author_id: '00000000-0000-4000-8000-000000000000' });
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('FOREIGN_KEY_VIOLATION');
    expect(await count('books')).toBe(before);
  });

  it('answers 422 when a check constraint refuses the row', async () => {
    const response = await createBook({ pages: 0 });
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('CHECK_VIOLATION');
  });

  it('answers 400 for a body that is not JSON and 413 for one over the route limit', async () => {
    const broken = await app.inject({
      method: 'POST',
      url: '/books',
      headers: { 'x-token': 'secret', 'content-type': 'application/json' },
      payload: '{"title": ',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().statusCode).toBe(400);
    const before = await count('books');
    const huge = await createBook({ notes: { text: 'x'.repeat(5000) } });
    expect(huge.statusCode).toBe(413);
    expect(await count('books')).toBe(before);
  });

  it('runs the route hook first: without the token nothing is written', async () => {
    const before = await count('books');
    const response = await app.inject({ method: 'POST', url: '/books', payload: newBook() });
    expect(response.statusCode).toBe(401);
    expect(await count('books')).toBe(before);
  });
});

describe('read and list', () => {
  it('reads one row, 404 for an unknown key and 400 for a malformed one', async () => {
    const created = (await createBook({ title: 'Lathe' })).json();
    const found = await app.inject({ method: 'GET', url: `/books/${created.id}` });
    expect(found.statusCode).toBe(200);
    expect(found.json().title).toBe('Lathe');
    const missing = await app.inject({ method: 'GET', url: '/books/00000000-0000-4000-8000-000000000000' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toContain('No books row with id = 00000000-0000-4000-8000-000000000000');
    const malformed = await app.inject({ method: 'GET', url: '/books/42' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().message).toContain('params.id must be a UUID');
  });

  it('filters with FastCRUD operators, sorts and pages with a total', async () => {
    for (const [title, pages, g] of [
      ['Filter Alpha', 900, 'essay'],
      ['Filter Beta', 950, 'essay'],
      ['Filter Gamma', 990, 'poetry'],
    ] as const) {
      expect((await createBook({ title, pages, genre: g })).statusCode).toBe(201);
    }
    const page = await app.inject({
      method: 'GET',
      url: '/books?title__startswith=Filter&pages__gte=940&sort=-pages&limit=1',
    });
    expect(page.statusCode).toBe(200);
    const body = page.json();
    expect(body.total).toBe(2);
    expect(body.hasMore).toBe(true);
    expect(body.data.map((b: { title: string }) => b.title)).toEqual(['Filter Gamma']);
    const next = await app.inject({
      method: 'GET',
      url: '/books?title__startswith=Filter&pages__gte=940&sort=-pages&limit=1&offset=1',
    });
    expect(next.json().data.map((b: { title: string }) => b.title)).toEqual(['Filter Beta']);
    expect(next.json().hasMore).toBe(false);
    const some = await app.inject({
      method: 'GET',
      url: '/books?pages__in=900,990&title__ilike=filter%25&sort=title',
    });
    expect(some.json().data.map((b: { title: string }) => b.title)).toEqual(['Filter Alpha', 'Filter Gamma']);
    const essays = await app.inject({
      method: 'GET',
      url: '/books?genre=essay&title__ilike=filter%25&sort=-title',
    });
    expect(essays.json().data.map((b: { title: string }) => b.title)).toEqual([
      'Filter Beta',
      'Filter Alpha',
    ]);
  });

  it('refuses filters on unknown or unlisted columns, bad values and bad paging with 400', async () => {
    const unknown = await app.inject({ method: 'GET', url: '/books?colour=red' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toContain('"colour" is not a filterable column of books');
    const unlisted = await app.inject({ method: 'GET', url: '/books?isbn=1' });
    expect(unlisted.statusCode).toBe(400);
    expect(unlisted.json().message).toContain('Filter on title, genre, pages, author_id, created_at');
    const badValue = await app.inject({ method: 'GET', url: '/books?pages__gt=many' });
    expect(badValue.statusCode).toBe(400);
    expect(badValue.json().message).toBe('Query parameter pages__gt: "many" is not a whole number.');
    const badSort = await app.inject({ method: 'GET', url: '/books?sort=isbn' });
    expect(badSort.statusCode).toBe(400);
    const tooMany = await app.inject({ method: 'GET', url: '/books?limit=500' });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().message).toContain('query.limit must be <= 50');
  });
});

describe('update', () => {
  it('changes the given fields, keeps the others and moves updated_at', async () => {
    const created = (await createBook({ title: 'Before' })).json();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const response = await app.inject({
      method: 'PATCH',
      url: `/books/${created.id}`,
      payload: { title: 'After' },
    });
    expect(response.statusCode).toBe(200);
    const updated = response.json();
    expect(updated.title).toBe('After');
    expect(updated.pages).toBe(created.pages);
    expect(Date.parse(updated.updated_at)).toBeGreaterThan(Date.parse(created.updated_at));
  });

  it('refuses an empty or invalid change with 400, an unknown row with 404 and a taken value with 409', async () => {
    const a = (await createBook()).json();
    const b = (await createBook()).json();
    const empty = await app.inject({ method: 'PATCH', url: `/books/${a.id}`, payload: {} });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toContain('must set at least 1 field');
    const key = await app.inject({ method: 'PATCH', url: `/books/${a.id}`, payload: { id: b.id } });
    expect(key.statusCode).toBe(400);
    const missing = await app.inject({
      method: 'PATCH',
      url: '/books/00000000-0000-4000-8000-000000000000',
      payload: { title: 'x' },
    });
    expect(missing.statusCode).toBe(404);
    const taken = await app.inject({
      method: 'PATCH',
      url: `/books/${a.id}`,
      payload: { isbn: b.isbn, title: 'Never' },
    });
    expect(taken.statusCode).toBe(409);
    const still = await app.inject({ method: 'GET', url: `/books/${a.id}` });
    expect(still.json().title).toBe(a.title);
  });
});

describe('delete', () => {
  it('soft-deletes where the table has deleted_at: gone from reads, kept in the table', async () => {
    const created = (await createBook({ title: 'Soft' })).json();
    const response = await app.inject({ method: 'DELETE', url: `/books/${created.id}` });
    expect(response.statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: `/books/${created.id}` })).statusCode).toBe(404);
    const listed = await app.inject({ method: 'GET', url: '/books?title=Soft' });
    expect(listed.json().total).toBe(0);
    expect(await count('books', `id = '${created.id}' and deleted_at is not null`)).toBe(1);
    expect((await app.inject({ method: 'DELETE', url: `/books/${created.id}` })).statusCode).toBe(404);
  });

  it('removes the row for good through the hard delete route', async () => {
    const created = (await createBook()).json();
    const response = await app.inject({ method: 'DELETE', url: `/books/${created.id}/hard` });
    expect(response.statusCode).toBe(204);
    expect(await count('books', `id = '${created.id}'`)).toBe(0);
  });

  it('answers 409 when other rows still reference the one being deleted, and keeps it', async () => {
    const response = await app.inject({ method: 'DELETE', url: `/authors/${authorId}` });
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('FOREIGN_KEY_VIOLATION');
    expect(await count('authors', `id = '${authorId}'`)).toBe(1);
  });
});

describe('route options and the OpenAPI document', () => {
  it('makes only the routes asked for, at the paths asked for', async () => {
    const local = Fastify();
    const routes = crudRoutes(local, {
      table: authors,
      session: db,
      prefix: '/api/writers',
      routes: ['read', 'list'],
      route: { read: { path: '/by-id/:id', operationId: 'writer' } },
    });
    expect(routes.map((r) => `${r.method} ${r.url} ${r.operationId}`)).toEqual([
      'GET /api/writers/by-id/:id writer',
      'GET /api/writers listAuthors',
    ]);
    await local.ready();
    expect(
      (await local.inject({ method: 'POST', url: '/api/writers', payload: { name: 'x' } })).statusCode,
    ).toBe(404);
    expect((await local.inject({ method: 'GET', url: `/api/writers/by-id/${authorId}` })).json().name).toBe(
      'Ursula',
    );
    await local.close();
  });

  it('refuses options that name unknown columns or routes that do not apply', () => {
    const local = Fastify();
    expect(() => crudRoutes(local, { table: books, session: db, filters: ['nope'] })).toThrow(
      /not a column of books/,
    );
    expect(() => crudRoutes(local, { table: authors, session: db, routes: ['hardDelete'] })).toThrow(
      /no soft delete column/,
    );
  });

  it('describes every route with the schemas derived from the table', async () => {
    const document = app.swagger() as unknown as {
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          {
            operationId: string;
            requestBody?: { content: Record<string, { schema: { required: string[] } }> };
          }
        >
      >;
    };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/authors', '/authors/{id}', '/books', '/books/{id}', '/books/{id}/hard']),
    );
    expect(document.paths['/books']!.post!.operationId).toBe('createBooks');
    expect(document.paths['/books/{id}/hard']!.delete!.operationId).toBe('purgeBook');
    const createSchema = document.paths['/books']!.post!.requestBody!.content['application/json']!.schema;
    expect(createSchema.required).toEqual(['isbn', 'title', 'author_id', 'pages']);
  });
});
