import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isStrataError } from '../../src/errors/strata-error.js';
import { downgrade, type MigrationSession, type RunResult, upgrade } from '../../src/migrate/run/index.js';
import { fixtureDir } from '../fixtures/migrations/fixture-dirs.js';
import { openTestSession, publicTables, recordedRevisions } from '../fixtures/migrations/test-session.js';
import { openTestDatabase, type TestDatabase } from '../support/backend.js';

describe('statements that cannot run in a transaction', () => {
  let db: TestDatabase;
  let session: MigrationSession;
  let result: RunResult;
  const context = () => ({ migrations: fixtureDir('nontransactional'), db: session });

  async function indexIsValid(name: string): Promise<boolean | undefined> {
    const found = await db.query<{ valid: boolean }>(
      'SELECT i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = $1',
      [name],
    );
    return found.rows[0]?.valid;
  }

  beforeAll(async () => {
    db = await openTestDatabase();
    session = await openTestSession(db);
    result = await upgrade(context(), 'head');
  });
  afterAll(async () => {
    await session?.close();
    await db?.close();
  });

  it('splits a transactional migration around them and says so in the result', () => {
    const split = result.steps[1]!;
    expect(split.revision).toBe('9e0000000002');
    expect(split.mode).toBe('split');
    expect(split.notes[0]).toContain('split into 4 parts');
    expect(split.notes.slice(1)).toEqual([
      'outside a transaction: CREATE INDEX CONCURRENTLY mood_notes_title_idx ON mood_notes (title)',
      "outside a transaction: ALTER TYPE mood ADD VALUE IF NOT EXISTS 'happy'",
    ]);
    expect(result.steps[0]?.mode).toBe('transaction');
  });

  it('builds the concurrent index and commits the enum label before the statement that uses it', async () => {
    expect(await indexIsValid('mood_notes_title_idx')).toBe(true);
    const labels = await db.query<{ label: string }>(
      "SELECT enumlabel AS label FROM pg_enum WHERE enumtypid = 'mood'::regtype ORDER BY enumsortorder",
    );
    expect(labels.rows.map((r) => r.label)).toEqual(['sad', 'happy']);
    const notes = await db.query<{ id: string; mood: string }>(
      'SELECT id::text AS id, mood::text AS mood FROM mood_notes ORDER BY id',
    );
    expect(notes.rows).toEqual([
      { id: '1', mood: 'sad' },
      { id: '2', mood: 'happy' },
    ]);
  });

  it('runs a migration flagged transactional: false statement by statement', async () => {
    const step = result.steps[2]!;
    expect(step.mode).toBe('autocommit');
    expect(step.notes[0]).toContain('3 statement(s) ran one by one');
    expect(await indexIsValid('mood_audit_id_idx')).toBe(true);
    expect(await recordedRevisions(db)).toEqual(['9e0000000001', '9e0000000002', '9e0000000003']);
  });

  it('downgrades through them too (DROP INDEX CONCURRENTLY outside the transaction)', async () => {
    const down = await downgrade(context(), '9e0000000001');
    expect(down.steps.map((s) => [s.revision, s.mode])).toEqual([
      ['9e0000000003', 'autocommit'],
      ['9e0000000002', 'split'],
    ]);
    expect(await indexIsValid('mood_notes_title_idx')).toBeUndefined();
    expect(await publicTables(db)).not.toContain('mood_audit');
  });

  it('leaves the statements that ran of a failed transactional: false migration committed, and the revision unrecorded', async () => {
    // Another folder's history: start from base so its revisions are the only ones recorded.
    await downgrade(context(), 'base');
    const error = await upgrade(
      { migrations: fixtureDir('nontransactional-failure'), db: session },
      'head',
    ).catch((e: unknown) => e);
    expect(isStrataError(error, 'MIGRATION_FAILED')).toBe(true);
    const failed = error as { details: Record<string, unknown>; message: string };
    expect(failed.details.revision).toBe('9f0000000001');
    expect(failed.details.committedParts).toBe(2);
    expect(failed.message).toContain('stay committed');
    const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM partial_audit');
    expect(rows.rows[0]?.n).toBe(1);
    expect(await recordedRevisions(db)).not.toContain('9f0000000001');
  });
});
