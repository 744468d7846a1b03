/**
 * Repositories build the SQL of `create` and `update` once per shape (which columns a row or a
 * patch gives, which options are on) and send the remembered text afterwards. These tests
 * alternate shapes on the same tables so that every remembered statement is reused with other
 * values, in other orders and next to other shapes, and check what reached the rows.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/index.js';
import type { AppDB } from './repo-fixtures.js';
import { documentsRepo, membershipsRepo, postsRepo, usersRepo } from './repo-fixtures.js';
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
  await db.executor.exec('TRUNCATE users, posts, comments, memberships, profiles, documents CASCADE');
});

describe('create statements, remembered per set of columns', () => {
  it('rows giving different columns, in turn, each get their own values and defaults', async () => {
    const users = usersRepo.with(db);
    for (let i = 0; i < 3; i += 1) {
      const plain = await users.create({ email: `plain${i}@example.com` });
      const named = await users.create({ email: `named${i}@example.com`, name: `Name ${i}` });
      const reordered = await users.create({
        karma: BigInt(i + 10),
        name: `Re ${i}`,
        email: `re${i}@example.com`,
      });
      expect(plain).toMatchObject({ email: `plain${i}@example.com`, name: null, karma: 0n });
      expect(named).toMatchObject({ email: `named${i}@example.com`, name: `Name ${i}`, karma: 0n });
      expect(reordered).toMatchObject({
        email: `re${i}@example.com`,
        name: `Re ${i}`,
        karma: BigInt(i + 10),
      });
    }
    expect(await users.count()).toBe(9);
  });

  it('a narrower select returns only its columns, next to the default one for the same columns', async () => {
    const users = usersRepo.with(db);
    const full = await users.create({ email: 'full@example.com' });
    const narrow = await users.create({ email: 'narrow@example.com' }, { select: ['id', 'email'] });
    const fullAgain = await users.create({ email: 'again@example.com' });
    expect(Object.keys(narrow).sort()).toEqual(['email', 'id']);
    expect(Object.keys(fullAgain).sort()).toEqual(Object.keys(full).sort());
  });
});

describe('update statements, remembered per patch and options', () => {
  it('patches naming the same columns in another order write each value to its own column', async () => {
    const users = usersRepo.with(db);
    const user = await users.create({ email: 'ada@example.com' });
    const first = await users.update(user.id, { name: 'Ada', karma: 1n });
    const second = await users.update(user.id, { karma: 2n, name: 'Ada L.' });
    const third = await users.update(user.id, { name: 'Ada King', karma: 3n });
    expect(first).toMatchObject({ name: 'Ada', karma: 1n });
    expect(second).toMatchObject({ name: 'Ada L.', karma: 2n });
    expect(third).toMatchObject({ name: 'Ada King', karma: 3n });
    expect(third.updated_at.getTime()).toBeGreaterThanOrEqual(first.updated_at.getTime());
  });

  it('a patch that sets updated_at itself keeps its value, next to patches that leave it to now()', async () => {
    const users = usersRepo.with(db);
    const user = await users.create({ email: 'grace@example.com' });
    const stamp = new Date('2020-01-02T03:04:05.000Z');
    const explicit = await users.update(user.id, { name: 'Grace', updated_at: stamp });
    const automatic = await users.update(user.id, { name: 'Grace H.' });
    const explicitAgain = await users.update(user.id, { name: 'Grace Hopper', updated_at: stamp });
    expect(explicit.updated_at.toISOString()).toBe(stamp.toISOString());
    expect(automatic.updated_at.getTime()).toBeGreaterThan(stamp.getTime());
    expect(explicitAgain.updated_at.toISOString()).toBe(stamp.toISOString());
  });

  it('expectedVersion and plain updates alternate on one table, each checked and counted', async () => {
    const users = usersRepo.with(db);
    const author = await users.create({ email: 'author@example.com' });
    const posts = postsRepo.with(db);
    const post = await posts.create({ author_id: author.id, title: 'Draft' });
    expect(post.version).toBe(1);
    const checked = await posts.update(post.id, { title: 'Checked' }, { expectedVersion: 1 });
    const plain = await posts.update(post.id, { title: 'Plain' });
    const stale = await rejection(posts.update(post.id, { title: 'Stale' }, { expectedVersion: 1 }));
    const checkedAgain = await posts.update(post.id, { title: 'Checked again' }, { expectedVersion: 3 });
    expect(checked).toMatchObject({ title: 'Checked', version: 2 });
    expect(plain).toMatchObject({ title: 'Plain', version: 3 });
    expect(stale.code).toBe('CONFLICT');
    expect(checkedAgain).toMatchObject({ title: 'Checked again', version: 4 });
  });

  it('withDeleted reaches a soft-deleted row only when asked, whichever shape ran before', async () => {
    const documents = documentsRepo.with(db);
    const doc = await documents.create({ title: 'Kept' });
    await documents.update(doc.id, { title: 'Live edit' });
    await documents.delete(doc.id);
    const hidden = await rejection(documents.update(doc.id, { title: 'Hidden edit' }));
    const reached = await documents.update(doc.id, { title: 'Edit while deleted' }, { withDeleted: true });
    const hiddenAgain = await rejection(documents.update(doc.id, { title: 'Hidden again' }));
    expect(hidden.code).toBe('NOT_FOUND');
    expect(reached.title).toBe('Edit while deleted');
    expect(hiddenAgain.code).toBe('NOT_FOUND');
  });

  it('composite keys take their values in key order, whatever order the key object lists them in', async () => {
    const users = usersRepo.with(db);
    const member = await users.create({ email: 'member@example.com' });
    const memberships = membershipsRepo.with(db);
    await memberships.create({ user_id: member.id, team: 'red' });
    await memberships.create({ user_id: member.id, team: 'blue' });
    const red = await memberships.update({ team: 'red', user_id: member.id }, { role: 'lead' });
    const blue = await memberships.update({ user_id: member.id, team: 'blue' }, { role: 'owner' });
    expect(red).toMatchObject({ team: 'red', role: 'lead' });
    expect(blue).toMatchObject({ team: 'blue', role: 'owner' });
    const roles = await memberships.find({ orderBy: 'team' });
    expect(roles.map((m) => [m.team, m.role])).toEqual([
      ['blue', 'owner'],
      ['red', 'lead'],
    ]);
  });

  it('a bad value is refused before any statement, and the shape still works afterwards', async () => {
    const users = usersRepo.with(db);
    const user = await users.create({ email: 'linus@example.com' });
    const tooLong = await rejection(users.update(user.id, { email: 'x'.repeat(300) }));
    expect(tooLong.code).toBe('VALUE_INVALID');
    expect(tooLong.details).toMatchObject({ column: 'email' });
    const updated = await users.update(user.id, { email: 'linus@kernel.example' });
    expect(updated.email).toBe('linus@kernel.example');
  });
});
