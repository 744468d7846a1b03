import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/index.js';
import { StrataError } from '../../src/errors/strata-error.js';
import { type AppDB, documentsRepo, postsRepo, usersRepo } from './repo-fixtures.js';
import { countingSession, openRepoTestDatabase, type RepoTestContext } from './repo-harness.js';

let ctx: RepoTestContext;
let db: Database<AppDB>;
let authorId: string;

const PAYLOADS = [
  "'; DROP TABLE users; --",
  '" OR 1=1 --',
  "x' OR 'a'='a",
  '$1; DELETE FROM posts',
  "\\'; SELECT pg_sleep(1); --",
  'name"); DROP TABLE posts; --',
];

beforeAll(async () => {
  ctx = await openRepoTestDatabase();
  db = ctx.db;
  authorId = (await usersRepo.with(db).create({ email: 'victim@example.com' })).id;
  await postsRepo.with(db).create({ author_id: authorId, title: 'canary' });
  await documentsRepo.with(db).create({ title: 'canary', metadata: { sun: { sign: 'Leo' } } });
});
afterAll(async () => {
  await ctx.close();
});

async function tablesIntact(): Promise<void> {
  expect(await usersRepo.with(db).count()).toBeGreaterThan(0);
  expect(await postsRepo.with(db).count()).toBeGreaterThan(0);
  expect(await documentsRepo.with(db).count()).toBeGreaterThan(0);
}

async function usageError(promise: Promise<unknown>): Promise<StrataError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StrataError);
  expect((error as StrataError).code).toBe('USAGE');
  return error as StrataError;
}

describe('identifiers and values never reach SQL as text', () => {
  it('values in filters, writes and JSON paths are parameters: they match literally and run nothing', async () => {
    const { session, statements } = countingSession(db);
    for (const payload of PAYLOADS) {
      const post = await postsRepo
        .with(session)
        .create({ author_id: authorId, title: payload, tags: [payload] });
      expect(post.title).toBe(payload);
      expect((await postsRepo.with(session).find({ where: { title: payload } })).map((p) => p.id)).toEqual([
        post.id,
      ]);
      expect(await postsRepo.with(session).count({ where: { title: { contains: payload } } })).toBe(1);
      expect(await postsRepo.with(session).count({ where: { tags: { has: payload } } })).toBe(1);
      expect(await postsRepo.with(session).count({ where: { title: { in: [payload, 'x'] } } })).toBe(1);
      await documentsRepo.with(session).create({ title: payload, metadata: { sun: { sign: payload } } });
      expect(
        await documentsRepo
          .with(session)
          .count({ where: { metadata: { path: ['sun', 'sign'], eq: payload } } }),
      ).toBe(1);
      expect(
        await documentsRepo
          .with(session)
          .count({ where: { metadata: { path: [payload] as never, isNull: true } } }),
      ).toBe(await documentsRepo.with(session).count());
      expect(await documentsRepo.with(session).count({ where: { metadata: { hasKey: payload } } })).toBe(0);
    }
    for (const statement of statements)
      for (const payload of PAYLOADS) expect(statement).not.toContain(payload);
    await tablesIntact();
  });

  it('column names in filters, sorts, selections, writes and conflict targets must be declared columns', async () => {
    for (const payload of PAYLOADS) {
      const asColumn = { [payload]: 'x' } as never;
      await usageError(usersRepo.with(db).find({ where: asColumn }));
      await usageError(usersRepo.with(db).find({ orderBy: payload as never }));
      await usageError(usersRepo.with(db).find({ orderBy: [['email', payload as never]] }));
      await usageError(usersRepo.with(db).find({ select: [payload as never] }));
      await usageError(usersRepo.with(db).create({ email: 'x@example.com', ...(asColumn as object) }));
      await usageError(usersRepo.with(db).update(authorId, asColumn));
      await usageError(
        usersRepo.with(db).upsert({ email: 'y@example.com' }, { onConflict: [payload as never] }),
      );
      await usageError(usersRepo.with(db).find({ where: { email: { [payload]: 'x' } as never } }));
      await usageError(usersRepo.with(db).find({ lock: payload as never }));
    }
    await tablesIntact();
  });

  it('JSON path steps must be keys or indexes, and operators must be known', async () => {
    await usageError(
      documentsRepo.with(db).find({ where: { metadata: { path: [{ raw: 'x' }] as never, eq: 'x' } } }),
    );
    await usageError(
      documentsRepo.with(db).find({ where: { metadata: { path: ['sun'], exec: 'x' } as never } }),
    );
    await usageError(documentsRepo.with(db).find({ where: { metadata: 'x' as never } }));
    await tablesIntact();
  });

  it('a where expression for Kysely carries values as parameters too', async () => {
    const payload = PAYLOADS[0]!;
    const compiled = db.kysely
      .selectFrom('posts')
      .select('id')
      .where(postsRepo.where({ title: payload }))
      .compile();
    expect(compiled.sql).not.toContain(payload);
    expect(compiled.parameters).toContain(payload);
    expect(compiled.sql).toContain('"posts"."title" = $1');
  });
});
