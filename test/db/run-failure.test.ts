import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isStrataError, type StrataError } from '../../src/errors/strata-error.js';
import { current, type MigrationSession, upgrade } from '../../src/migrate/run/index.js';
import { fixtureDir } from '../fixtures/migrations/fixture-dirs.js';
import { openTestSession, publicTables, recordedRevisions } from '../fixtures/migrations/test-session.js';
import { openTestDatabase, type TestDatabase } from '../support/backend.js';

describe('a migration failing in the middle of a run', () => {
  let db: TestDatabase;
  let session: MigrationSession;
  let error: StrataError;
  let hookCalls = 0;
  const context = () => ({ migrations: fixtureDir('failing'), db: session });

  beforeAll(async () => {
    db = await openTestDatabase();
    session = await openTestSession(db);
    const outcome = await upgrade(context(), 'head', {
      onAfterRun: async () => {
        hookCalls += 1;
      },
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!isStrataError(outcome))
      throw new Error(`expected the upgrade to fail with a StrataError, got ${String(outcome)}`);
    error = outcome;
  });
  afterAll(async () => {
    await session?.close();
    await db?.close();
  });

  it('fails with MIGRATION_FAILED naming the revision, file and statement', () => {
    expect(error.code).toBe('MIGRATION_FAILED');
    expect(error.details.revision).toBe('f00d00000002');
    expect(error.details.file).toBe('20260302_0900_f00d00000002_create_entries.ts');
    expect(error.details.statement).toBe(
      'INSERT INTO ledger_entries (id, account_id) SELECT id, id FROM no_such_table',
    );
    expect(error.details.statementIndex).toBe(3);
    expect(error.message).toContain('f00d00000002');
    expect(error.message).toContain('no_such_table');
    expect(error.message).toContain('rolled back');
  });

  it('keeps the Postgres error as the cause', () => {
    expect(error.cause).toBeInstanceOf(Error);
    expect((error.cause as { code?: string }).code).toBe('42P01');
    expect(error.details.sqlState).toBe('42P01');
  });

  it('leaves the database at the last good revision', async () => {
    const state = await current(context());
    expect(state.revisions.map((r) => r.revision)).toEqual(['f00d00000001']);
    expect(await recordedRevisions(db)).toEqual(['f00d00000001']);
  });

  it('applies nothing of the failed migration and runs nothing after it', async () => {
    expect(await publicTables(db)).toEqual(['ledger_accounts', 'strata_migrations']);
    const ids = await db.query<{ id: string }>('SELECT id::text AS id FROM ledger_accounts');
    expect(ids.rows).toEqual([{ id: '1' }]);
  });

  it('still calls the after-run hook, since the first migration did run', () => {
    expect(hookCalls).toBe(1);
  });

  it('releases the migration lock so a later run can proceed', async () => {
    const held = await session.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()",
    );
    expect(held.rows[0]?.n).toBe(0);
    const again = await upgrade(context(), 'f00d00000001').catch((e: unknown) => e);
    expect(again).toMatchObject({ kind: 'runResult', steps: [] });
  });
});
