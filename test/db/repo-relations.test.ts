import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/index.js';
import { type AppDB, commentsRepo, documentsRepo, postsRepo, usersRepo } from './repo-fixtures.js';
import { countingSession, openRepoTestDatabase, type RepoTestContext } from './repo-harness.js';

let ctx: RepoTestContext;
let db: Database<AppDB>;
const authors: { id: string; email: string }[] = [];

beforeAll(async () => {
  ctx = await openRepoTestDatabase();
  db = ctx.db;
  for (const name of ['ann', 'bob', 'cy']) {
    authors.push(await usersRepo.with(db).create({ email: `${name}@example.com`, name }));
  }
  // ann: 3 posts, bob: 1 post, cy: none.
  const posts = await postsRepo.with(db).createMany([
    { author_id: authors[0]!.id, title: 'ann 1', views: 10 },
    { author_id: authors[0]!.id, title: 'ann 2', views: 30, status: 'published' },
    { author_id: authors[1]!.id, title: 'bob 1', views: 20, status: 'published' },
    { author_id: authors[0]!.id, title: 'ann 3', views: 5 },
  ]);
  await commentsRepo.with(db).createMany([
    { post_id: posts[0]!.id, body: 'first on ann 1' },
    { post_id: posts[0]!.id, body: 'second on ann 1' },
    { post_id: posts[2]!.id, body: 'on bob 1' },
  ]);
  const doc = await documentsRepo.with(db).create({ owner_id: authors[2]!.id, title: 'kept' });
  await documentsRepo.with(db).create({ owner_id: authors[2]!.id, title: 'deleted' });
  await documentsRepo.with(db).deleteWhere({ title: 'deleted' });
  expect(doc.title).toBe('kept');
});
afterAll(async () => {
  await ctx.close();
});

describe('loading relations for a page of rows', () => {
  it('loads a one-to-many relation for all parents in one extra query', async () => {
    const { session, statements } = countingSession(db);
    const users = await usersRepo.with(session).find({
      orderBy: 'email',
      with: { posts: { orderBy: 'title', select: ['title'] } },
    });
    expect(statements).toHaveLength(2);
    expect(users.map((u) => [u.name, u.posts.map((p) => p.title)])).toEqual([
      ['ann', ['ann 1', 'ann 2', 'ann 3']],
      ['bob', ['bob 1']],
      ['cy', []],
    ]);
    // The key column read for matching stays out of the related rows when it was not selected.
    expect(Object.keys(users[0]!.posts[0]!)).toEqual(['title']);
  });

  it('loads a many-to-one relation, and two relations with one query each', async () => {
    const { session, statements } = countingSession(db);
    const posts = await postsRepo.with(session).find({
      orderBy: 'title',
      with: { author: { select: ['email'] }, comments: { orderBy: 'id' } },
    });
    expect(statements).toHaveLength(3);
    expect(posts.map((p) => [p.title, p.author?.email, p.comments.map((c) => c.body)])).toEqual([
      ['ann 1', 'ann@example.com', ['first on ann 1', 'second on ann 1']],
      ['ann 2', 'ann@example.com', []],
      ['ann 3', 'ann@example.com', []],
      ['bob 1', 'bob@example.com', ['on bob 1']],
    ]);
  });

  it('filters related rows, and leaves soft-deleted related rows out', async () => {
    const users = await usersRepo.with(db).find({
      orderBy: 'email',
      with: { posts: { where: { status: 'published' } }, documents: true },
    });
    expect(users.map((u) => u.posts.map((p) => p.title))).toEqual([['ann 2'], ['bob 1'], []]);
    expect(users[2]!.documents.map((d) => d.title)).toEqual(['kept']);
    expect(users[2]!.documents[0]).not.toHaveProperty('embedding');
  });

  it('reads the relation key even when the parent selection leaves it out', async () => {
    const posts = await postsRepo
      .with(db)
      .find({ where: { title: 'bob 1' }, select: ['title'], with: { author: true } });
    expect(posts).toEqual([
      { title: 'bob 1', author: expect.objectContaining({ email: 'bob@example.com' }) },
    ]);
    expect(posts[0]).not.toHaveProperty('author_id');
  });
});

describe('joins', () => {
  it('loads a many-to-one relation in the same query with join', async () => {
    const { session, statements } = countingSession(db);
    const posts = await postsRepo.with(session).find({
      orderBy: 'title',
      with: { author: { join: true, select: ['name'] } },
    });
    expect(statements).toHaveLength(1);
    expect(statements[0]).toContain('LEFT JOIN');
    expect(posts.map((p) => [p.title, p.author])).toEqual([
      ['ann 1', { name: 'ann' }],
      ['ann 2', { name: 'ann' }],
      ['ann 3', { name: 'ann' }],
      ['bob 1', { name: 'bob' }],
    ]);
  });

  it('a required join filters parents by their related row, in rows, counts and pages', async () => {
    const filter = { with: { author: { required: true, where: { email: { startsWith: 'bob' } } } } } as const;
    const posts = await postsRepo.with(db).find({ ...filter, orderBy: 'title' });
    expect(posts.map((p) => p.title)).toEqual(['bob 1']);
    expect(posts[0]!.author?.email).toBe('bob@example.com');
    const page = await postsRepo.with(db).page({ ...filter, limit: 10 });
    expect(page.total).toBe(1);
    const keyset = await postsRepo
      .with(db)
      .keysetPage({ ...filter, orderBy: [['views', 'desc']], limit: 10 });
    expect(keyset.rows.map((p) => p.title)).toEqual(['bob 1']);
  });

  it('a left join gives null when the related row does not match', async () => {
    const posts = await postsRepo.with(db).find({
      orderBy: 'title',
      where: { views: { gte: 20 } },
      with: { author: { join: true, where: { name: 'bob' } } },
    });
    expect(posts.map((p) => [p.title, p.author?.name ?? null])).toEqual([
      ['ann 2', null],
      ['bob 1', 'bob'],
    ]);
  });

  it('an unknown relation, or joining a one-to-many relation, is a USAGE error', async () => {
    await expect(postsRepo.with(db).find({ with: { editor: true } as never })).rejects.toMatchObject({
      code: 'USAGE',
    });
    await expect(usersRepo.with(db).find({ with: { posts: { join: true } } })).rejects.toMatchObject({
      code: 'USAGE',
    });
  });
});
