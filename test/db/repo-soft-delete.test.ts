import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/index.js';
import { type AppDB, documentsRepo, profilesRepo, usersRepo } from './repo-fixtures.js';
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
beforeEach(async () => {
  await db.executor.exec('TRUNCATE documents, profiles');
});

describe('soft delete by a deleted_at timestamp', () => {
  it('delete marks the row, reads leave it out unless asked, restore brings it back', async () => {
    const repo = documentsRepo.with(db);
    const kept = await repo.create({ title: 'kept' });
    const gone = await repo.create({ title: 'gone' });
    expect(await repo.delete(gone.id)).toBe(true);
    expect(await repo.delete(gone.id)).toBe(false);

    const raw = await db.executor.query<{ deleted_at: Date | null; version: number }>(
      'SELECT deleted_at, version FROM documents WHERE id = $1',
      [gone.id],
    );
    expect(raw.rows[0]?.deleted_at).toBeInstanceOf(Date);
    expect(raw.rows[0]?.version).toBe(2);

    expect(await repo.get(gone.id)).toBeUndefined();
    expect((await repo.get(gone.id, { withDeleted: true }))?.title).toBe('gone');
    expect((await repo.find()).map((d) => d.title)).toEqual(['kept']);
    expect((await repo.find({ onlyDeleted: true })).map((d) => d.title)).toEqual(['gone']);
    expect(await repo.count()).toBe(1);
    expect(await repo.count({ withDeleted: true })).toBe(2);
    expect(await repo.exists({ where: { title: 'gone' } })).toBe(false);
    expect(await repo.getMany([kept.id, gone.id])).toHaveLength(1);

    await expect(repo.update(gone.id, { title: 'edited' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await repo.update(gone.id, { title: 'edited' }, { withDeleted: true })).title).toBe('edited');

    const restored = await repo.restore(gone.id);
    expect(restored.deleted_at).toBeNull();
    expect((await repo.find({ orderBy: 'title' })).map((d) => d.title)).toEqual(['edited', 'kept']);
  });

  it('deleteWhere soft-deletes matching rows; purge and purgeWhere remove rows for good', async () => {
    const repo = documentsRepo.with(db);
    const docs = await repo.createMany([{ title: 'a' }, { title: 'b' }, { title: 'c' }]);
    expect(await repo.deleteWhere({ title: { in: ['a', 'b'] } })).toBe(2);
    expect(await repo.deleteWhere({ title: { in: ['a', 'b'] } })).toBe(0);
    expect(await repo.count({ withDeleted: true })).toBe(3);
    expect(await repo.purge(docs[0]!.id)).toBe(true);
    expect(await repo.count({ withDeleted: true })).toBe(2);
    expect(await repo.purgeWhere({ deleted_at: { isNull: false } })).toBe(1);
    expect((await repo.find({ withDeleted: true })).map((d) => d.title)).toEqual(['c']);
    await expect(repo.purgeWhere({})).rejects.toMatchObject({ code: 'USAGE' });
  });

  it('delete, deleteWhere and restore set updated_at, and updateWhere leaves deleted rows alone unless asked', async () => {
    const repo = documentsRepo.with(db);
    const long_ago = new Date('2001-02-03T04:05:06.000Z');
    const age = async (id: string) => {
      await repo.update(id, { updated_at: long_ago }, { withDeleted: true });
    };
    const stamp = async (id: string) => (await repo.getOrThrow(id, { withDeleted: true })).updated_at;
    const [a, b] = await repo.createMany([{ title: 'a' }, { title: 'b' }]);

    await age(a!.id);
    await repo.delete(a!.id);
    expect((await stamp(a!.id)).getTime()).toBeGreaterThan(long_ago.getTime());

    await age(a!.id);
    await repo.restore(a!.id);
    expect((await stamp(a!.id)).getTime()).toBeGreaterThan(long_ago.getTime());

    await age(b!.id);
    expect(await repo.deleteWhere({ title: 'b' })).toBe(1);
    expect((await stamp(b!.id)).getTime()).toBeGreaterThan(long_ago.getTime());

    expect(await repo.updateWhere({ title: { in: ['a', 'b'] } }, { title: 'renamed' })).toBe(1);
    expect((await repo.getOrThrow(b!.id, { withDeleted: true })).title).toBe('b');
    expect(await repo.updateWhere({ title: 'b' }, { title: 'b, deleted' }, { withDeleted: true })).toBe(1);
    expect((await repo.getOrThrow(b!.id, { withDeleted: true })).title).toBe('b, deleted');
  });

  it('restore of a missing row is NOT_FOUND; restore of a live row returns it unchanged', async () => {
    const repo = documentsRepo.with(db);
    await expect(repo.restore('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const live = await repo.create({ title: 'live' });
    expect((await repo.restore(live.id)).version).toBe(1);
  });
});

describe('soft delete by an is_active flag', () => {
  it('delete clears the flag, reads leave inactive rows out, restore sets it again', async () => {
    const repo = profilesRepo.with(db);
    const a = await repo.create({ handle: 'a' });
    await repo.create({ handle: 'b' });
    expect(a.is_active).toBe(true);
    expect(await repo.delete(a.id)).toBe(true);
    expect((await repo.find({ orderBy: 'handle' })).map((p) => p.handle)).toEqual(['b']);
    expect((await repo.find({ onlyDeleted: true })).map((p) => p.handle)).toEqual(['a']);
    expect((await repo.restore(a.id)).is_active).toBe(true);
    expect(await repo.count()).toBe(2);
  });

  it('a table without soft delete refuses restore and onlyDeleted', async () => {
    await expect(usersRepo.with(db).restore('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      code: 'USAGE',
    });
    await expect(usersRepo.with(db).find({ onlyDeleted: true })).rejects.toMatchObject({ code: 'USAGE' });
  });
});
