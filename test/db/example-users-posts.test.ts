/**
 * The users-posts example end to end: migrations to head (the second adds `users.bio`),
 * relations loaded both ways, the unique indexed email, and the way back to base.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_HISTORIES } from '../../examples/generate-migrations.js';
import {
  postsRepo,
  publishedPostsWithAuthors,
  registerUser,
  type UsersPostsDB,
  usersRepo,
  usersWithPosts,
} from '../../examples/users-posts/queries.js';
import { StrataError } from '../../src/errors/strata-error.js';
import type { SchemaModel } from '../../src/model/index.js';
import {
  countingSession,
  type ExampleDatabase,
  explain,
  objectNames,
  openExampleDatabase,
} from './example-harness.js';

const history = EXAMPLE_HISTORIES['users-posts'];

let example: ExampleDatabase<UsersPostsDB>;
let atHead: SchemaModel;
const ids: Record<string, string> = {};

beforeAll(async () => {
  example = await openExampleDatabase<UsersPostsDB>(history.directory);
});
afterAll(async () => {
  await example?.close();
});

describe('the users-posts example', () => {
  it('migrates an empty database to head through both migrations', async () => {
    const result = await example.upgrade();
    expect(result.steps.map((s) => s.revision)).toEqual(['c0ffee000001', 'c0ffee000002']);
    atHead = await example.catalog();
    expect(objectNames(atHead)).toEqual({ tables: ['posts', 'users'], enums: [], extensions: [] });
    const users = atHead.tables.find((t) => t.name === 'users')!;
    expect(users.uniques).toEqual([expect.objectContaining({ name: 'users_email_key', columns: ['email'] })]);
  });

  it('stores users and their posts', async () => {
    const db = example.db;
    for (const [name, email] of [
      ['Ada', 'ada@example.com'],
      ['Brian', 'brian@example.com'],
      ['Cleo', 'cleo@example.com'],
    ] as const) {
      ids[name] = (
        await registerUser(db, { name, email, bio: name === 'Ada' ? 'Writes about engines' : null })
      ).id;
    }
    await postsRepo.with(db).createMany([
      { author_id: ids.Ada!, title: 'Analytical engines', body: '…', published: true },
      { author_id: ids.Ada!, title: 'Notes on notes', body: '…' },
      { author_id: ids.Brian!, title: 'Bell labs', body: '…', published: true },
    ]);
    const ada = await usersRepo.with(db).getOrThrow(ids.Ada!);
    expect(ada.bio).toBe('Writes about engines');
    expect(await postsRepo.with(db).count({ where: { published: false } })).toBe(1);
  });

  it('loads posts with their author in two queries', async () => {
    const { session, statements } = countingSession(example.db);
    const posts = await publishedPostsWithAuthors(session);
    expect(statements).toHaveLength(2);
    expect(posts.map((p) => [p.title, p.author?.name, p.author?.email])).toEqual([
      ['Analytical engines', 'Ada', 'ada@example.com'],
      ['Bell labs', 'Brian', 'brian@example.com'],
    ]);
  });

  it('loads users with their posts in two queries, users without posts included', async () => {
    const { session, statements } = countingSession(example.db);
    const users = await usersWithPosts(session);
    expect(statements).toHaveLength(2);
    expect(users.map((u) => [u.name, u.posts.map((p) => p.title)])).toEqual([
      ['Ada', ['Analytical engines', 'Notes on notes']],
      ['Brian', ['Bell labs']],
      ['Cleo', []],
    ]);
  });

  it('refuses a second user with the same email, naming the unique constraint', async () => {
    const error = await registerUser(example.db, { name: 'Impostor', email: 'ada@example.com' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StrataError);
    expect(error).toMatchObject({
      code: 'UNIQUE_VIOLATION',
      details: { table: 'users', constraint: 'users_email_key', columns: ['email'] },
    });
    expect((error as StrataError).message).toContain('users_email_key');
    // The offending value stays out of the message (it may reach logs).
    expect((error as StrataError).message).not.toContain('ada@example.com');
    expect(await usersRepo.with(example.db).count()).toBe(3);
  });

  it('finds a user by email through the unique index', async () => {
    const { session, statements, params } = countingSession(example.db);
    const found = await usersRepo.with(session).findFirst({ where: { email: 'brian@example.com' } });
    expect(found?.name).toBe('Brian');
    const plan = await explain(example.db, statements[0]!, params[0], { indexOnly: true });
    expect(plan).toContain('users_email_key');
  });

  it("deletes a user's posts with the user", async () => {
    expect(await usersRepo.with(example.db).delete(ids.Brian!)).toBe(true);
    expect(await postsRepo.with(example.db).count({ where: { author_id: ids.Brian! } })).toBe(0);
    expect(await postsRepo.with(example.db).count()).toBe(2);
  });

  it('downgrades the bio migration alone, keeping the users', async () => {
    await example.downgrade('-1');
    const users = (await example.catalog()).tables.find((t) => t.name === 'users')!;
    expect(users.columns.map((c) => c.name)).not.toContain('bio');
    const emails = await example.db.executor.query<{ email: string }>(
      'select email from users order by email',
    );
    expect(emails.rows.map((r) => r.email)).toEqual(['ada@example.com', 'cleo@example.com']);
    await example.upgrade();
    // The column comes back empty: the downgrade dropped its data.
    expect((await usersRepo.with(example.db).getOrThrow(ids.Ada!)).bio).toBeNull();
  });

  it('downgrades to base, leaving none of its tables, and upgrades again', async () => {
    const down = await example.downgrade('base');
    expect(down.steps.map((s) => s.revision)).toEqual(['c0ffee000002', 'c0ffee000001']);
    expect(objectNames(await example.catalog())).toEqual({ tables: [], enums: [], extensions: [] });
    await example.upgrade();
    expect(await example.catalog()).toEqual(atHead);
    expect(await usersRepo.with(example.db).count()).toBe(0);
  });
});
