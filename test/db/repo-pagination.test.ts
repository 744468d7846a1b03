import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/index.js';
import { StrataError } from '../../src/errors/strata-error.js';
import type { KeysetPage, OrderBy } from '../../src/repo/index.js';
import { type AppDB, type posts, postsRepo, usersRepo } from './repo-fixtures.js';
import { openRepoTestDatabase, type RepoTestContext } from './repo-harness.js';

let ctx: RepoTestContext;
let db: Database<AppDB>;

interface Seed {
  title: string;
  views: number;
  score: number | null;
}

// Ties on views and on score, NULL scores: the cases where keyset pagination goes wrong.
const SEED: Seed[] = Array.from({ length: 23 }, (_, i) => ({
  title: `post ${String(i).padStart(2, '0')}`,
  views: i % 4,
  score: i % 5 === 0 ? null : (i * 7) % 6,
}));

beforeAll(async () => {
  ctx = await openRepoTestDatabase();
  db = ctx.db;
  const author = await usersRepo.with(db).create({ email: 'pages@example.com' });
  await postsRepo.with(db).createMany(SEED.map((s) => ({ ...s, author_id: author.id })));
  // Timestamps a millisecond cannot tell apart: only microseconds differ.
  await db.executor.exec(
    "UPDATE posts SET created_at = '2024-05-01 10:00:00.123000+00'::timestamptz + (id % 3) * interval '1 microsecond'",
  );
});
afterAll(async () => {
  await ctx.close();
});

async function walk(orderBy: OrderBy<typeof posts>, limit: number): Promise<string[][]> {
  const pages: string[][] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 50; guard += 1) {
    const page: KeysetPage<{ title: string }> = await postsRepo
      .with(db)
      .keysetPage({ orderBy, limit, after, select: ['title'] });
    pages.push(page.rows.map((r) => r.title));
    expect(page.hasMore).toBe(page.nextCursor !== null);
    if (page.nextCursor === null) return pages;
    after = page.nextCursor;
  }
  throw new Error('pagination did not end');
}

async function fullOrder(orderBy: OrderBy<typeof posts>): Promise<string[]> {
  const rows = await postsRepo.with(db).find({ orderBy, select: ['title'] });
  return rows.map((r) => r.title);
}

describe('keyset pagination', () => {
  it('walks every row exactly once, in sort order, with ties broken by the primary key', async () => {
    const orderBy: OrderBy<typeof posts> = [['views', 'desc']];
    const pages = await walk(orderBy, 5);
    expect(pages.map((p) => p.length)).toEqual([5, 5, 5, 5, 3]);
    expect(pages.flat()).toEqual(await fullOrder([['views', 'desc'], 'id']));
  });

  it('handles NULLs in a nullable sort column, first or last, in both directions', async () => {
    for (const orderBy of [
      [['score', 'asc'], 'title'],
      [['score', 'desc'], 'title'],
      [['score', 'asc', 'nullsFirst'], 'title'],
      [['score', 'desc', 'nullsLast'], 'title'],
    ] as OrderBy<typeof posts>[]) {
      const walked = (await walk(orderBy, 4)).flat();
      expect(walked, JSON.stringify(orderBy)).toEqual(await fullOrder(orderBy));
      expect(new Set(walked).size).toBe(SEED.length);
    }
  });

  it('keeps microsecond timestamps exact across pages', async () => {
    const walked = (await walk([['created_at', 'asc']], 3)).flat();
    expect(walked).toEqual(await fullOrder(['created_at', 'id']));
    expect(new Set(walked).size).toBe(SEED.length);
  });

  it('combines with a filter', async () => {
    const rows: string[] = [];
    let after: string | null = null;
    do {
      const page: KeysetPage<{ title: string }> = await postsRepo
        .with(db)
        .keysetPage({ where: { views: { gte: 2 } }, orderBy: 'title', limit: 4, after, select: ['title'] });
      rows.push(...page.rows.map((r) => r.title));
      after = page.nextCursor;
    } while (after !== null);
    expect(rows).toEqual(
      SEED.filter((s) => s.views >= 2)
        .map((s) => s.title)
        .sort(),
    );
  });

  it('refuses a cursor made for another sort, and a tampered one', async () => {
    const first = await postsRepo.with(db).keysetPage({ orderBy: 'title', limit: 2 });
    const cursor = first.nextCursor!;
    await expect(
      postsRepo.with(db).keysetPage({ orderBy: 'views', limit: 2, after: cursor }),
    ).rejects.toMatchObject({
      code: 'VALUE_INVALID',
    });
    const forged = Buffer.from(
      JSON.stringify({ s: 'title:al,id:al', v: ["x'; DROP TABLE posts; --", 'NaN'] }),
    ).toString('base64url');
    const error = await postsRepo
      .with(db)
      .keysetPage({ orderBy: 'title', limit: 2, after: forged })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StrataError);
    expect((error as StrataError).code).toBe('VALUE_INVALID');
    await expect(
      postsRepo.with(db).keysetPage({ orderBy: 'title', limit: 2, after: 'not base64 json' }),
    ).rejects.toMatchObject({
      code: 'VALUE_INVALID',
    });
    expect(await postsRepo.with(db).count()).toBe(SEED.length);
  });
});
