import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/index.js';
import { StrataError } from '../../src/errors/strata-error.js';
import { withRetry } from '../../src/repo/index.js';
import { testBackend } from '../support/backend.js';
import { type AppDB, documentsRepo, usersRepo } from './repo-fixtures.js';
import { openRepoTestDatabase, type RepoTestContext } from './repo-harness.js';

let ctx: RepoTestContext;
let db: Database<AppDB>;

beforeAll(async () => {
  ctx = await openRepoTestDatabase();
  db = ctx.db;
});
afterAll(async () => {
  await ctx.close();
});

describe('optimistic concurrency with a version column', () => {
  it('an update with the current version succeeds and moves the version on', async () => {
    const doc = await documentsRepo.with(db).create({ title: 'v1' });
    const updated = await documentsRepo
      .with(db)
      .update(doc.id, { title: 'v2' }, { expectedVersion: doc.version });
    expect(updated.version).toBe(doc.version + 1);
  });

  it('an update with a stale version is a CONFLICT naming both versions, and changes nothing', async () => {
    const doc = await documentsRepo.with(db).create({ title: 'original' });
    await documentsRepo.with(db).update(doc.id, { title: 'theirs' });
    const error = await documentsRepo
      .with(db)
      .update(doc.id, { title: 'mine' }, { expectedVersion: doc.version })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StrataError);
    expect(error).toMatchObject({ code: 'CONFLICT', details: { expectedVersion: 1, actualVersion: 2 } });
    expect((await documentsRepo.with(db).getOrThrow(doc.id)).title).toBe('theirs');
  });

  it('a stale version on delete is a CONFLICT too; a missing row is NOT_FOUND, not a conflict', async () => {
    const doc = await documentsRepo.with(db).create({ title: 'to delete' });
    await documentsRepo.with(db).update(doc.id, { title: 'moved' });
    await expect(documentsRepo.with(db).delete(doc.id, { expectedVersion: 1 })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(await documentsRepo.with(db).delete(doc.id, { expectedVersion: 2 })).toBe(true);
    await expect(
      documentsRepo
        .with(db)
        .update('00000000-0000-4000-8000-000000000000', { title: 'x' }, { expectedVersion: 1 }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('expectedVersion on a table without a version column is a USAGE error', async () => {
    const user = await usersRepo.with(db).create({ email: 'nov@example.com' });
    await expect(
      usersRepo.with(db).update(user.id, { name: 'x' }, { expectedVersion: 1 }),
    ).rejects.toMatchObject({
      code: 'USAGE',
    });
  });
});

describe('retrying transactions', () => {
  it.skipIf(testBackend() === 'pglite')(
    'withRetry reruns a serializable transaction that lost a race, and the final state is consistent',
    async () => {
      const user = await usersRepo.with(db).create({ email: 'race@example.com', karma: 0n });
      let attempts = 0;
      const increment = () =>
        withRetry(
          () =>
            db.transaction(
              async (tx) => {
                attempts += 1;
                const current = await usersRepo.with(tx).getOrThrow(user.id);
                await new Promise((resolve) => setTimeout(resolve, 30));
                await usersRepo.with(tx).update(user.id, { karma: current.karma + 1n });
              },
              { isolationLevel: 'serializable' },
            ),
          { retries: 10, baseDelayMs: 5 },
        );
      await Promise.all([increment(), increment(), increment()]);
      expect((await usersRepo.with(db).getOrThrow(user.id)).karma).toBe(3n);
      expect(attempts).toBeGreaterThan(3);
    },
  );

  it('db.transaction with retries gives up on errors that are not retryable', async () => {
    let attempts = 0;
    await expect(
      db.transaction(
        async (tx) => {
          attempts += 1;
          await usersRepo.with(tx).create({ email: 'same@example.com' });
          await usersRepo.with(tx).create({ email: 'same@example.com' });
        },
        { retries: 3 },
      ),
    ).rejects.toMatchObject({ code: 'UNIQUE_VIOLATION' });
    expect(attempts).toBe(1);
  });
});
