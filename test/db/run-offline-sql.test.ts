import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { current, downgrade, type MigrationSession, upgrade } from '../../src/migrate/run/index.js';
import { fixtureDir } from '../fixtures/migrations/fixture-dirs.js';
import { openTestSession, publicTables } from '../fixtures/migrations/test-session.js';
import { openTestDatabase, type TestDatabase } from '../support/backend.js';

const B = 'b7c8d9e0f1a2';
const C = 'c3d4e5f6a7b8';

describe('offline SQL scripts applied to a database', () => {
  let db: TestDatabase;
  let session: MigrationSession;
  const migrations = fixtureDir('linear');
  const withDb = () => ({ migrations, db: session });

  beforeAll(async () => {
    db = await openTestDatabase();
    session = await openTestSession(db);
  });
  afterAll(async () => {
    await session?.close();
    await db?.close();
  });

  it('reads the start from the database without changing it', async () => {
    const result = await upgrade(withDb(), 'head', { sql: true });
    expect(result.from).toEqual([]);
    expect((await current(withDb())).versionTableExists).toBe(false);
  });

  it('brings a database from base to head when run as is, recording every revision', async () => {
    const { script } = await upgrade({ migrations }, 'base:head', { sql: true });
    await db.exec(script);
    const state = await current(withDb());
    expect(state.upToDate).toBe(true);
    expect(state.applied.map((r) => r.executionMs)).toEqual([null, null, null]);
    expect(state.checksumMismatches).toEqual([]);
    expect(await publicTables(db)).toEqual(['note_embeddings', 'notes', 'strata_migrations']);
  });

  it('downgrades relative to the database when given one', async () => {
    const result = await downgrade(withDb(), '-1', { sql: true });
    expect(result.from).toEqual([C]);
    expect(result.revisions).toEqual([C]);
    await db.exec(result.script);
    expect((await current(withDb())).revisions.map((r) => r.revision)).toEqual([B]);
  });

  it('upgrades from where the database is when given one', async () => {
    const result = await upgrade(withDb(), 'head', { sql: true });
    expect(result.revisions).toEqual([C]);
    await db.exec(result.script);
    expect((await current(withDb())).upToDate).toBe(true);
  });

  it('takes the database back to base with a head:base script', async () => {
    const { script } = await downgrade({ migrations }, 'head:base', { sql: true });
    await db.exec(script);
    expect((await current(withDb())).revisions).toEqual([]);
    expect(await publicTables(db)).toEqual(['strata_migrations']);
  });
});
