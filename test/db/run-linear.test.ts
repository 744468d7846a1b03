import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isStrataError } from '../../src/errors/strata-error.js';
import { current, downgrade, history, type MigrationSession, upgrade } from '../../src/migrate/run/index.js';
import { fixtureDir } from '../fixtures/migrations/fixture-dirs.js';
import { openTestSession, publicTables, recordedRevisions } from '../fixtures/migrations/test-session.js';
import { openTestDatabase, type TestDatabase } from '../support/backend.js';

const A = 'a1b2c3d4e5f6';
const B = 'b7c8d9e0f1a2';
const C = 'c3d4e5f6a7b8';

describe('linear migrations', () => {
  let db: TestDatabase;
  let session: MigrationSession;
  const migrations = fixtureDir('linear');
  const context = () => ({ migrations, db: session });

  beforeAll(async () => {
    db = await openTestDatabase();
    session = await openTestSession(db);
  });
  afterAll(async () => {
    await session?.close();
    await db?.close();
  });

  it('current() reports base on a fresh database without creating the version table', async () => {
    const state = await current(context());
    expect(state.versionTableExists).toBe(false);
    expect(state.revisions).toEqual([]);
    expect(state.pending).toEqual([A, B, C]);
    expect(state.upToDate).toBe(false);
    expect(await publicTables(db)).toEqual([]);
  });

  it('upgrades to head, one step per migration in order, and calls the after-run hook', async () => {
    let hookCalls = 0;
    const result = await upgrade(context(), 'head', {
      onAfterRun: async () => {
        hookCalls += 1;
      },
    });
    expect(result.from).toEqual([]);
    expect(result.to).toEqual([C]);
    expect(result.steps.map((s) => [s.revision, s.direction, s.mode])).toEqual([
      [A, 'up', 'transaction'],
      [B, 'up', 'transaction'],
      [C, 'up', 'transaction'],
    ]);
    expect(hookCalls).toBe(1);
    expect(await publicTables(db)).toEqual(['note_embeddings', 'notes', 'strata_migrations']);
  });

  it('records each applied file with its checksum, time and duration', async () => {
    const state = await current(context());
    expect(state.upToDate).toBe(true);
    expect(state.revisions.map((r) => r.revision)).toEqual([C]);
    expect(state.applied.map((r) => r.revision)).toEqual([A, B, C]);
    for (const row of state.applied) {
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.executionMs).toBeGreaterThanOrEqual(0);
      expect(row.appliedAt).toBeInstanceOf(Date);
      expect(row.stamped).toBe(false);
    }
    expect(state.applied[0]?.fileName).toBe('20260101_0900_a1b2c3d4e5f6_create_notes.ts');
  });

  it('does nothing when already at head, and still calls the hook', async () => {
    let hookCalls = 0;
    const result = await upgrade(context(), 'head', {
      onAfterRun: async () => {
        hookCalls += 1;
      },
    });
    expect(result.steps).toEqual([]);
    expect(hookCalls).toBe(1);
  });

  it('marks the current revision in history, newest first', async () => {
    const all = await history(context());
    expect(all.entries.map((e) => [e.revision.revision, e.applied, e.current])).toEqual([
      [C, true, true],
      [B, true, false],
      [A, true, false],
    ]);
    const range = await history(context(), { range: `${A}:${B}` });
    expect(range.entries.map((e) => e.revision.revision)).toEqual([B, A]);
  });

  it('downgrades one step with -1 and upgrades it again with +1', async () => {
    const down = await downgrade(context(), '-1');
    expect(down.steps.map((s) => [s.revision, s.direction])).toEqual([[C, 'down']]);
    expect(down.to).toEqual([B]);
    expect(await publicTables(db)).not.toContain('note_embeddings');

    const up = await upgrade(context(), '+1');
    expect(up.steps.map((s) => s.revision)).toEqual([C]);
    expect(await publicTables(db)).toContain('note_embeddings');
  });

  it('downgrades to a revision given by prefix, reverting what came after it', async () => {
    const result = await downgrade(context(), 'a1b2');
    expect(result.steps.map((s) => s.revision)).toEqual([C, B]);
    expect(result.to).toEqual([A]);
    const columns = await db.query<{ name: string }>(
      "SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'notes' ORDER BY column_name",
    );
    expect(columns.rows.map((r) => r.name)).toEqual(['body', 'id']);
    expect(await recordedRevisions(db)).toEqual([A]);
  });

  it('upgrades to REV+N', async () => {
    const result = await upgrade(context(), `${A}+1`);
    expect(result.steps.map((s) => s.revision)).toEqual([B]);
    expect(result.to).toEqual([B]);
  });

  it('refuses to downgrade to a revision that is not applied', async () => {
    const error = await downgrade(context(), C).catch((e: unknown) => e);
    expect(isStrataError(error, 'USAGE')).toBe(true);
    expect((error as Error).message).toContain('use upgrade()');
  });

  it('downgrades to base, leaving an empty version table', async () => {
    const result = await downgrade(context(), 'base');
    expect(result.steps.map((s) => s.revision)).toEqual([B, A]);
    expect(result.to).toEqual([]);
    expect(await publicTables(db)).toEqual(['strata_migrations']);
    expect(await recordedRevisions(db)).toEqual([]);
  });

  it('needs a MigrationSession, not any executor, to run migrations', async () => {
    const error = await upgrade({ migrations, db: db as unknown as MigrationSession }).catch(
      (e: unknown) => e,
    );
    expect(isStrataError(error, 'USAGE')).toBe(true);
    expect((error as Error).message).toContain('openMigrationSession');
  });
});
