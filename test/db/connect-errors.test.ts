import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { isStrataError, type StrataError } from '../../src/errors/strata-error.js';
import { openTestDatabase, type TestDatabase } from '../support/backend.js';
import { connectTestDatabase } from '../support/connect.js';

interface DB {
  authors: { id: number; email: string };
  posts: { id: number; author_id: number; title: string | null; rating: number };
  slugs: { tenant: number; slug: string };
}

let testDb: TestDatabase;
let db: Database<DB>;

async function caught(promise: Promise<unknown>): Promise<StrataError> {
  try {
    await promise;
  } catch (error) {
    if (isStrataError(error)) return error;
    throw error;
  }
  throw new Error('expected a StrataError');
}

/** The SQLSTATE on the driver error kept as `cause`. */
function causeCode(error: StrataError): unknown {
  return (error.cause as { code?: unknown } | undefined)?.code;
}

beforeAll(async () => {
  testDb = await openTestDatabase();
  db = await connectTestDatabase<DB>(testDb);
  await db.executor.exec(`
    create table authors (id int primary key, email text not null unique);
    create table posts (
      id int primary key,
      author_id int not null references authors (id),
      title text not null,
      rating int not null check (rating between 1 and 5)
    );
    create table slugs (tenant int, slug text, constraint slugs_tenant_slug_key unique (tenant, slug));
    insert into authors values (1, 'taken@example.com');
    insert into slugs values (1, 'home');
  `);
});

afterAll(async () => {
  await db?.close();
  await testDb?.close();
});

describe('database errors become StrataErrors', () => {
  it('reports a unique violation from Kysely with table, constraint and columns, keeping the cause', async () => {
    const error = await caught(
      db.kysely.insertInto('authors').values({ id: 2, email: 'taken@example.com' }).execute(),
    );
    expect(error.code).toBe('UNIQUE_VIOLATION');
    expect(error.details).toEqual({
      sqlstate: '23505',
      schema: 'public',
      table: 'authors',
      constraint: 'authors_email_key',
      columns: ['email'],
    });
    expect(causeCode(error)).toBe('23505');
    expect(error.message).toContain('authors_email_key');
    expect(error.message).not.toContain('taken@example.com');
  });

  it('names every column of a composite unique key', async () => {
    const error = await caught(db.executor.query('insert into slugs values ($1, $2)', [1, 'home']));
    expect(error.code).toBe('UNIQUE_VIOLATION');
    expect(error.details.columns).toEqual(['tenant', 'slug']);
    expect(error.details.constraint).toBe('slugs_tenant_slug_key');
  });

  it('reports a foreign key violation from the executor', async () => {
    const error = await caught(db.executor.query("insert into posts values (1, 99, 'x', 3)"));
    expect(error.code).toBe('FOREIGN_KEY_VIOLATION');
    expect(error.details).toMatchObject({
      table: 'posts',
      constraint: 'posts_author_id_fkey',
      columns: ['author_id'],
    });
  });

  it("keeps the application's call site in the error's stack, outside and inside transactions", async () => {
    async function insertOrphanFromTheApp(): Promise<unknown> {
      return await db.executor.query('insert into posts values ($1, $2, $3, $4)', [2, 99, 'x', 3]);
    }
    async function insertOrphanInATransaction(): Promise<unknown> {
      return await db.transaction(
        async (tx) => await tx.executor.query("insert into posts values (3, 99, 'x', 3)"),
      );
    }
    const outside = await caught(insertOrphanFromTheApp());
    const inside = await caught(insertOrphanInATransaction());
    expect(outside.code).toBe('FOREIGN_KEY_VIOLATION');
    expect(outside.stack).toContain('insertOrphanFromTheApp');
    expect(inside.code).toBe('FOREIGN_KEY_VIOLATION');
    expect(inside.stack).toContain('insertOrphanInATransaction');
  });

  it('reports a not-null violation with its column', async () => {
    const error = await caught(
      db.kysely.insertInto('posts').values({ id: 2, author_id: 1, title: null, rating: 3 }).execute(),
    );
    expect(error.code).toBe('NOT_NULL_VIOLATION');
    expect(error.details).toMatchObject({ table: 'posts', column: 'title' });
  });

  it('reports a check violation with its constraint', async () => {
    const error = await caught(
      db.kysely.insertInto('posts').values({ id: 3, author_id: 1, title: 't', rating: 9 }).execute(),
    );
    expect(error.code).toBe('CHECK_VIOLATION');
    expect(error.details).toMatchObject({ table: 'posts', constraint: 'posts_rating_check' });
  });

  it('reports serialization failures and deadlocks by their SQLSTATE', async () => {
    const serialization = await caught(
      db.executor.exec(
        "do $$ begin raise exception 'conflict' using errcode = 'serialization_failure'; end $$",
      ),
    );
    expect(serialization.code).toBe('SERIALIZATION_FAILURE');
    const deadlock = await caught(
      db.executor.exec("do $$ begin raise exception 'deadlock' using errcode = 'deadlock_detected'; end $$"),
    );
    expect(deadlock.code).toBe('DEADLOCK');
    expect(deadlock.details.sqlstate).toBe('40P01');
  });

  it('reports any other database error as DATABASE_ERROR with its SQLSTATE', async () => {
    const error = await caught(
      db.kysely
        .selectFrom('missing' as 'authors')
        .selectAll()
        .execute(),
    );
    expect(error.code).toBe('DATABASE_ERROR');
    expect(error.details.sqlstate).toBe('42P01');
    expect(error.message).toContain('"missing"');
  });

  it('wraps errors inside transactions the same way, and the transaction is rolled back', async () => {
    const error = await caught(
      db.transaction(async (tx) => {
        await tx.kysely.insertInto('authors').values({ id: 10, email: 'new@example.com' }).execute();
        await tx.executor.query("insert into authors values (11, 'taken@example.com')");
      }),
    );
    expect(error.code).toBe('UNIQUE_VIOLATION');
    const rows = await db.kysely.selectFrom('authors').select('id').where('id', '=', 10).execute();
    expect(rows).toEqual([]);
  });

  it('rejects an invalid Date parameter before sending it', async () => {
    const error = await caught(db.executor.query('select $1::timestamptz as t', [new Date(Number.NaN)]));
    expect(error.code).toBe('VALUE_INVALID');
  });
});
