import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/index.js';
import { isStrataError } from '../../src/errors/strata-error.js';
import type { AppDB } from './repo-fixtures.js';
import { commentsRepo, membershipsRepo, postsRepo, profilesRepo, usersRepo } from './repo-fixtures.js';
import { openRepoTestDatabase, type RepoTestContext, rejection } from './repo-harness.js';

let ctx: RepoTestContext;
let db: Database<AppDB>;

beforeAll(async () => {
  ctx = await openRepoTestDatabase();
  db = ctx.db;
});
afterAll(async () => {
  await ctx.close();
});
beforeEach(async () => {
  await db.executor.exec('TRUNCATE users, posts, comments, memberships, profiles CASCADE');
});

describe('create and read', () => {
  it('create returns the row with its server defaults', async () => {
    const before = Date.now();
    const user = await usersRepo.with(db).create({ email: 'ada@example.com' });
    expect(user.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(user.karma).toBe(0n);
    expect(user.name).toBeNull();
    expect(user.created_at).toBeInstanceOf(Date);
    expect(user.created_at.getTime()).toBeGreaterThanOrEqual(before - 5000);
    expect(user.updated_at.getTime()).toBe(user.created_at.getTime());
    const post = await postsRepo.with(db).create({ author_id: user.id, title: 'First' });
    expect(post).toMatchObject({ status: 'draft', tags: [], views: 0, version: 1 });
    expect(typeof post.id).toBe('bigint');
  });

  it('get, getOrThrow and getMany read by primary key, getMany in the order of the keys', async () => {
    const repo = usersRepo.with(db);
    const a = await repo.create({ email: 'a@example.com' });
    const b = await repo.create({ email: 'b@example.com' });
    expect(await repo.get(a.id)).toEqual(a);
    expect(await repo.get('00000000-0000-4000-8000-000000000000')).toBeUndefined();
    const missing = await rejection(repo.getOrThrow('00000000-0000-4000-8000-000000000000'));
    expect(missing.code).toBe('NOT_FOUND');
    const many = await repo.getMany([b.id, '00000000-0000-4000-8000-000000000000', a.id.toUpperCase(), b.id]);
    expect(many.map((u) => u.email)).toEqual(['b@example.com', 'a@example.com']);
    expect(await repo.getMany([])).toEqual([]);
  });

  it('select narrows the columns read and written back', async () => {
    const user = await usersRepo
      .with(db)
      .create({ email: 'sel@example.com', name: 'Sel' }, { select: ['id', 'email'] });
    expect(Object.keys(user).sort()).toEqual(['email', 'id']);
    const read = await usersRepo.with(db).get(user.id, { select: ['name'] });
    expect(read).toEqual({ name: 'Sel' });
  });

  it('find filters, sorts, limits and offsets; count and exists agree with it', async () => {
    const author = await usersRepo.with(db).create({ email: 'author@example.com' });
    const repo = postsRepo.with(db);
    const titles = ['delta', 'alpha', 'charlie', 'bravo', 'echo'];
    for (const [i, title] of titles.entries()) {
      await repo.create({
        author_id: author.id,
        title,
        views: i * 10,
        status: i % 2 === 0 ? 'published' : 'draft',
      });
    }
    const published = titles.filter((_, i) => i % 2 === 0).sort();
    const rows = await repo.find({ where: { status: 'published' }, orderBy: 'title' });
    expect(rows.map((r) => r.title)).toEqual(published);
    const page = await repo.find({ orderBy: [['views', 'desc']], limit: 2, offset: 1 });
    expect(page.map((r) => r.views)).toEqual([30, 20]);
    expect(await repo.count({ where: { status: 'published' } })).toBe(published.length);
    expect(await repo.count()).toBe(titles.length);
    expect(await repo.exists({ where: { title: 'echo' } })).toBe(true);
    expect(await repo.exists({ where: { title: 'zulu' } })).toBe(false);
    const first = await repo.findFirst({ orderBy: 'title' });
    expect(first?.title).toBe('alpha');
  });

  it('page returns the rows of one page and the total of all', async () => {
    const author = await usersRepo.with(db).create({ email: 'pager@example.com' });
    const repo = postsRepo.with(db);
    await repo.createMany(
      Array.from({ length: 7 }, (_, i) => ({ author_id: author.id, title: `p${i}`, views: i })),
    );
    const result = await repo.page({ where: { views: { gte: 2 } }, orderBy: 'views', limit: 2, offset: 2 });
    expect(result.total).toBe(5);
    expect(result.rows.map((r) => r.views)).toEqual([4, 5]);
    expect(result).toMatchObject({ limit: 2, offset: 2 });
    const beyond = await repo.page({ limit: 10, offset: 100 });
    expect(beyond).toMatchObject({ rows: [], total: 7 });
  });

  it('createMany keeps the order of the rows and fills defaults of columns a row leaves out', async () => {
    const author = await usersRepo.with(db).create({ email: 'many@example.com' });
    const rows = await postsRepo.with(db).createMany([
      { author_id: author.id, title: 'one', views: 5 },
      { author_id: author.id, title: 'two' },
      { author_id: author.id, title: 'three', status: 'published', views: 7 },
    ]);
    expect(rows.map((r) => [r.title, r.views, r.status])).toEqual([
      ['one', 5, 'draft'],
      ['two', 0, 'draft'],
      ['three', 7, 'published'],
    ]);
    const big = await commentsRepo.with(db).createMany(
      Array.from({ length: 2500 }, (_, i) => ({ post_id: rows[0]!.id, body: `comment ${i}` })),
      { select: ['body'] },
    );
    expect(big).toHaveLength(2500);
    expect(big[2499]).toEqual({ body: 'comment 2499' });
  });
});

describe('updates', () => {
  it('update sets updated_at, increments the version and returns the row', async () => {
    const author = await usersRepo.with(db).create({ email: 'up@example.com' });
    const post = await postsRepo.with(db).create({ author_id: author.id, title: 'Old' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const updated = await postsRepo.with(db).update(post.id, { title: 'New', tags: ['x'] });
    expect(updated).toMatchObject({ title: 'New', tags: ['x'], version: 2 });
    expect(updated.updated_at.getTime()).toBeGreaterThan(post.updated_at.getTime());
    expect(updated.created_at).toEqual(post.created_at);
  });

  it('update of a missing row is NOT_FOUND, and the version column cannot be set directly', async () => {
    const missing = await rejection(postsRepo.with(db).update(123456789n, { title: 'x' }));
    expect(missing.code).toBe('NOT_FOUND');
    const author = await usersRepo.with(db).create({ email: 'v@example.com' });
    const post = await postsRepo.with(db).create({ author_id: author.id, title: 'v' });
    const error = await rejection(postsRepo.with(db).update(post.id, { version: 10 } as never));
    expect(error.code).toBe('USAGE');
    expect(error.message).toContain('expectedVersion');
  });

  it('updateWhere updates matching rows, counts them, and refuses an empty filter unless all is set', async () => {
    const author = await usersRepo.with(db).create({ email: 'uw@example.com' });
    await postsRepo.with(db).createMany([
      { author_id: author.id, title: 'a', views: 1 },
      { author_id: author.id, title: 'b', views: 2 },
      { author_id: author.id, title: 'c', views: 3 },
    ]);
    expect(await postsRepo.with(db).updateWhere({ views: { gte: 2 } }, { status: 'archived' })).toBe(2);
    expect(await postsRepo.with(db).count({ where: { status: 'archived' } })).toBe(2);
    const empty = await rejection(postsRepo.with(db).updateWhere({}, { status: 'draft' }));
    expect(empty.code).toBe('USAGE');
    expect(await postsRepo.with(db).updateWhere({}, { status: 'draft' }, { all: true })).toBe(3);
  });

  it('upsert inserts, then updates the chosen columns of the existing row', async () => {
    const repo = usersRepo.with(db);
    const first = await repo.upsert(
      { email: 'up@example.com', name: 'First', karma: 1n },
      { onConflict: ['email'] },
    );
    const second = await repo.upsert(
      { email: 'up@example.com', name: 'Second', karma: 2n },
      { onConflict: ['email'], update: ['name'] },
    );
    expect(second.id).toBe(first.id);
    expect(second).toMatchObject({ name: 'Second', karma: 1n });
    const kept = await repo.upsert(
      { email: 'up@example.com', name: 'Third' },
      { onConflict: ['email'], update: [] },
    );
    expect(kept).toMatchObject({ id: first.id, name: 'Second' });
    expect(await repo.count()).toBe(1);
  });

  it('updateWhere and the update side of upsert set updated_at too', async () => {
    const repo = usersRepo.with(db);
    const long_ago = new Date('2001-02-03T04:05:06.000Z');
    const user = await repo.create({ email: 'stamp@example.com' });

    await repo.update(user.id, { updated_at: long_ago });
    expect(await repo.updateWhere({ email: 'stamp@example.com' }, { name: 'Stamped' })).toBe(1);
    expect((await repo.getOrThrow(user.id)).updated_at.getTime()).toBeGreaterThan(long_ago.getTime());

    await repo.update(user.id, { updated_at: long_ago });
    const upserted = await repo.upsert(
      { email: 'stamp@example.com', name: 'Upserted' },
      { onConflict: ['email'], update: ['name'] },
    );
    expect(upserted).toMatchObject({ id: user.id, name: 'Upserted' });
    expect(upserted.updated_at.getTime()).toBeGreaterThan(long_ago.getTime());
  });

  it('upsertMany writes several rows in one statement and refuses a key given twice', async () => {
    const repo = usersRepo.with(db);
    await repo.create({ email: 'x@example.com', name: 'old' });
    const rows = await repo.upsertMany(
      [
        { email: 'x@example.com', name: 'new' },
        { email: 'y@example.com', name: 'fresh' },
      ],
      { onConflict: ['email'] },
    );
    expect(rows.map((r) => [r.email, r.name])).toEqual([
      ['x@example.com', 'new'],
      ['y@example.com', 'fresh'],
    ]);
    const twice = await rejection(
      repo.upsertMany(
        [
          { email: 'z@example.com', name: '1' },
          { email: 'z@example.com', name: '2' },
        ],
        { onConflict: ['email'] },
      ),
    );
    expect(twice.code).toBe('VALUE_INVALID');
    expect(twice.details.rows).toEqual([0, 1]);
  });

  it('upsert refuses a conflict target that is not a unique key', async () => {
    const error = await rejection(
      usersRepo.with(db).upsert({ email: 'n@example.com', name: 'n' }, { onConflict: ['name'] }),
    );
    expect(error.code).toBe('USAGE');
    expect(error.message).toContain('(email)');
  });
});

describe('deletes and composite keys', () => {
  it('delete removes a row of a table without soft delete', async () => {
    const user = await usersRepo.with(db).create({ email: 'del@example.com' });
    expect(await usersRepo.with(db).delete(user.id)).toBe(true);
    expect(await usersRepo.with(db).delete(user.id)).toBe(false);
    expect(await db.executor.query('SELECT 1 FROM users WHERE id = $1', [user.id])).toMatchObject({
      rows: [],
    });
  });

  it('a composite key is an object of its columns', async () => {
    const user = await usersRepo.with(db).create({ email: 'team@example.com' });
    const repo = membershipsRepo.with(db);
    await repo.create({ user_id: user.id, team: 'red' });
    await repo.create({ user_id: user.id, team: 'blue', role: 'owner' });
    expect(await repo.get({ user_id: user.id, team: 'blue' })).toMatchObject({ role: 'owner' });
    const updated = await repo.update({ user_id: user.id, team: 'red' }, { role: 'admin' });
    expect(updated.role).toBe('admin');
    const many = await repo.getMany([
      { user_id: user.id, team: 'red' },
      { user_id: user.id, team: 'blue' },
    ]);
    expect(many.map((m) => m.team)).toEqual(['red', 'blue']);
    expect(await repo.delete({ user_id: user.id, team: 'red' })).toBe(true);
    const bare = await rejection(repo.get(user.id));
    expect(bare.code).toBe('USAGE');
  });
});

describe('composing with transactions and Kysely', () => {
  it('repository writes and Kysely statements share the transaction, and roll back together', async () => {
    const failure = new Error('abort');
    await expect(
      db.transaction(async (tx) => {
        const user = await usersRepo.with(tx).create({ email: 'tx@example.com' });
        await tx.kysely
          .insertInto('profiles')
          .values({ handle: `h-${user.id}` })
          .execute();
        expect(await profilesRepo.with(tx).count()).toBe(1);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await usersRepo.with(db).count()).toBe(0);
    expect(await profilesRepo.with(db).count({ withDeleted: true })).toBe(0);
  });

  it('a repository filter is a Kysely expression usable in a join', async () => {
    const author = await usersRepo.with(db).create({ email: 'join@example.com', name: 'J' });
    await postsRepo.with(db).createMany([
      { author_id: author.id, title: 'kysely one', status: 'published' },
      { author_id: author.id, title: 'kysely two' },
    ]);
    const rows = await db.kysely
      .selectFrom('posts')
      .innerJoin('users', 'users.id', 'posts.author_id')
      .select(['posts.title', 'users.name'])
      .where(postsRepo.where({ status: 'published', title: { startsWith: 'kysely' } }))
      .execute();
    expect(rows).toEqual([{ title: 'kysely one', name: 'J' }]);
  });
});

describe('database errors', () => {
  it('a unique violation surfaces as UNIQUE_VIOLATION with the table, constraint and columns', async () => {
    await usersRepo.with(db).create({ email: 'dup@example.com' });
    const error = await rejection(usersRepo.with(db).create({ email: 'dup@example.com' }));
    expect(isStrataError(error, 'UNIQUE_VIOLATION')).toBe(true);
    expect(error.details).toMatchObject({
      table: 'users',
      constraint: 'users_email_key',
      columns: ['email'],
    });
  });

  it('a missing referenced row surfaces as FOREIGN_KEY_VIOLATION', async () => {
    const error = await rejection(
      postsRepo.with(db).create({ author_id: '00000000-0000-4000-8000-000000000000', title: 'orphan' }),
    );
    expect(error.code).toBe('FOREIGN_KEY_VIOLATION');
    expect(error.details).toMatchObject({
      table: 'posts',
      constraint: 'posts_author_id_fkey',
      columns: ['author_id'],
    });
  });

  it('errors inside createMany and load leave no row behind', async () => {
    await usersRepo.with(db).create({ email: 'taken@example.com' });
    const rows = Array.from({ length: 1500 }, (_, i) => ({
      email: i === 1400 ? 'taken@example.com' : `u${i}@example.com`,
    }));
    const error = await rejection(usersRepo.with(db).createMany(rows));
    expect(error.code).toBe('UNIQUE_VIOLATION');
    expect(await usersRepo.with(db).count()).toBe(1);
    const loadError = await rejection(usersRepo.with(db).load(rows));
    expect(loadError.code).toBe('UNIQUE_VIOLATION');
    expect(await usersRepo.with(db).count()).toBe(1);
  });
});
