import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { current, type MigrationSession, stamp, upgrade } from '../../src/migrate/run/index.js';
import { fixtureDir } from '../fixtures/migrations/fixture-dirs.js';
import { openTestSession, publicTables, recordedRevisions } from '../fixtures/migrations/test-session.js';
import { openTestDatabase, type TestDatabase } from '../support/backend.js';

const A = 'a1b2c3d4e5f6';
const B = 'b7c8d9e0f1a2';
const C = 'c3d4e5f6a7b8';

describe('stamp', () => {
  let db: TestDatabase;
  let session: MigrationSession;
  const context = () => ({ migrations: fixtureDir('linear'), db: session });

  beforeAll(async () => {
    db = await openTestDatabase();
    session = await openTestSession(db);
  });
  afterAll(async () => {
    await session?.close();
    await db?.close();
  });

  it('records a revision as applied without running it, creating the version table', async () => {
    // The first migration's table already exists, created by hand.
    await db.exec('CREATE TABLE notes (id bigint PRIMARY KEY, body text NOT NULL)');
    const result = await stamp(context(), 'a1b2');
    expect(result).toMatchObject({ kind: 'stampResult', from: [], to: [A], added: [A], removed: [] });
    const state = await current(context());
    expect(state.applied.map((r) => [r.revision, r.stamped, r.executionMs])).toEqual([[A, true, null]]);
    expect(await publicTables(db)).toEqual(['notes', 'strata_migrations']);
  });

  it('lets upgrade continue from the stamped revision', async () => {
    const result = await upgrade(context(), 'head');
    expect(result.steps.map((s) => s.revision)).toEqual([B, C]);
  });

  it('moves the recorded revision back without running any downgrade', async () => {
    const result = await stamp(context(), B);
    expect(result).toMatchObject({ from: [C], to: [B], added: [], removed: [C] });
    expect(await publicTables(db)).toContain('note_embeddings');
    expect(await recordedRevisions(db)).toEqual([A, B]);
  });

  it('moves it forward to head, marking the skipped revision as stamped', async () => {
    const result = await stamp(context(), 'head');
    expect(result).toMatchObject({ from: [B], to: [C], added: [C], removed: [] });
    const state = await current(context());
    expect(state.upToDate).toBe(true);
    expect(state.applied.find((r) => r.revision === C)?.stamped).toBe(true);
  });

  it('clears the version table with base, leaving the schema alone', async () => {
    const result = await stamp(context(), 'base');
    expect(result).toMatchObject({ from: [C], to: [], added: [] });
    expect([...result.removed].sort()).toEqual([A, B, C]);
    expect(await recordedRevisions(db)).toEqual([]);
    expect(await publicTables(db)).toEqual(['note_embeddings', 'notes', 'strata_migrations']);
  });
});
