import { describe, expectTypeOf, it } from 'vitest';
import type { AnySession, OrderBy, Where } from '../../src/repo/index.js';
import type { SparseVector } from '../../src/schema/index.js';
import type { documents, posts } from '../db/repo-fixtures.js';
import { documentsRepo, membershipsRepo, postsRepo, usersRepo } from '../db/repo-fixtures.js';

declare const db: AnySession;

describe('filters are typed by the table', () => {
  it('accepts filters that fit the columns', () => {
    const ok: Where<typeof posts> = {
      status: 'published',
      title: { ilike: '%pg%', startsWith: 'A', insensitive: true },
      views: { gte: 10, in: [1, 2] },
      id: { between: [1n, 10n] },
      tags: { overlaps: ['a'], has: 'b' },
      price: null,
      created_at: { lt: new Date() },
      OR: [{ status: { in: ['draft', 'archived'] } }, { NOT: { views: 0 } }],
    };
    expectTypeOf(ok).toMatchTypeOf<Where<typeof posts>>();
  });

  it('refuses a column that does not exist', () => {
    // @ts-expect-error: no such column
    const bad: Where<typeof posts> = { titel: 'x' };
    void bad;
  });

  it('refuses values of the wrong type and unknown enum values', () => {
    // @ts-expect-error: views is a number
    const a: Where<typeof posts> = { views: 'many' };
    // @ts-expect-error: not a value of the enum
    const b: Where<typeof posts> = { status: 'deleted' };
    // @ts-expect-error: like is for text
    const c: Where<typeof posts> = { views: { like: '1%' } };
    // @ts-expect-error: tags hold strings
    const d: Where<typeof posts> = { tags: { has: 1 } };
    // @ts-expect-error: title is NOT NULL text, not a number
    const e: Where<typeof posts> = { title: { in: [1] } };
    void [a, b, c, d, e];
  });

  it('types JSON paths and the value found there', () => {
    const sign: Where<typeof documents> = { metadata: { path: ['sun', 'sign'], eq: 'Aries' } };
    const degree: Where<typeof documents> = { metadata: { path: ['sun', 'degree'], gt: 10 } };
    const contains: Where<typeof documents> = {
      metadata: { contains: { sun: { sign: 'Leo' }, tags: ['x'] } },
    };
    // @ts-expect-error: the sign is a string
    const wrongValue: Where<typeof documents> = { metadata: { path: ['sun', 'sign'], eq: 5 } };
    // @ts-expect-error: no such key in the document type
    const wrongPath: Where<typeof documents> = { metadata: { path: ['moon', 'sign'], eq: 'x' } };
    // @ts-expect-error: containment must be part of the document
    const wrongPart: Where<typeof documents> = { metadata: { contains: { sun: { sign: 1 } } } };
    void [sign, degree, contains, wrongValue, wrongPath, wrongPart];
  });

  it('types sort keys', () => {
    const ok: OrderBy<typeof posts> = [['created_at', 'desc'], 'id', ['score', 'asc', 'nullsLast']];
    // @ts-expect-error: no such column
    const badColumn: OrderBy<typeof posts> = 'nope';
    // @ts-expect-error: not a direction
    const badDirection: OrderBy<typeof posts> = [['id', 'up']];
    void [ok, badColumn, badDirection];
  });
});

describe('repository results', () => {
  it('get returns the default row, select narrows it, "*" adds the vectors', async () => {
    const user = await usersRepo.with(db).get('id');
    expectTypeOf(user).toEqualTypeOf<
      | { id: string; email: string; name: string | null; karma: bigint; created_at: Date; updated_at: Date }
      | undefined
    >();
    const picked = await postsRepo.with(db).getOrThrow(1n, { select: ['id', 'title'] });
    expectTypeOf(picked).toEqualTypeOf<{ id: bigint; title: string }>();
    const full = await documentsRepo.with(db).getOrThrow('id', { select: '*' });
    expectTypeOf(full.sparse).toEqualTypeOf<SparseVector | null>();
    expectTypeOf(full.embedding).toEqualTypeOf<number[] | null>();
    const byDefault = await documentsRepo.with(db).getOrThrow('id');
    // A sparsevec is never read by default.
    expectTypeOf(byDefault).not.toHaveProperty('sparse');
    expectTypeOf(byDefault.title).toEqualTypeOf<string>();
  });

  it('keys are typed by the key option', async () => {
    await postsRepo.with(db).get(1n);
    // @ts-expect-error: posts are keyed by a bigint
    await postsRepo.with(db).get('1');
    await membershipsRepo.with(db).get({ user_id: 'u', team: 't' });
  });

  it('loaded relations appear on the rows with their types', async () => {
    const rows = await postsRepo.with(db).find({
      with: { author: { select: ['email'] }, comments: true },
    });
    const row = rows[0]!;
    expectTypeOf(row.author).toEqualTypeOf<{ email: string } | null>();
    expectTypeOf(row.comments[0]!.body).toEqualTypeOf<string>();
    expectTypeOf(row.title).toEqualTypeOf<string>();
    const plain = await postsRepo.with(db).find({});
    expectTypeOf(plain[0]!).not.toHaveProperty('author');
    // @ts-expect-error: no such relation
    await postsRepo.with(db).find({ with: { editor: true } });
  });

  it('writes take the insert and update types of the table', async () => {
    const created = await usersRepo.with(db).create({ email: 'a@b.c' });
    expectTypeOf(created.karma).toEqualTypeOf<bigint>();
    // @ts-expect-error: email is required
    await usersRepo.with(db).create({ name: 'no email' });
    // @ts-expect-error: karma is a bigint
    await usersRepo.with(db).update('id', { karma: 'lots' });
    await usersRepo.with(db).upsert({ email: 'a@b.c' }, { onConflict: ['email'], update: ['name'] });
    // @ts-expect-error: not a column
    await usersRepo.with(db).upsert({ email: 'a@b.c' }, { onConflict: ['mail'] });
    const page = await postsRepo.with(db).page({ limit: 10, select: ['id'] });
    expectTypeOf(page.rows).toEqualTypeOf<{ id: bigint }[]>();
    expectTypeOf(page.total).toEqualTypeOf<number>();
  });

  it('a generated column cannot be written', async () => {
    // @ts-expect-error: posts.id is GENERATED ALWAYS AS IDENTITY
    await postsRepo.with(db).create({ id: 1n, author_id: 'a', title: 't' });
  });
});
