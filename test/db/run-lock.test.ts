import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isStrataError, type StrataError } from '../../src/errors/strata-error.js';
import {
  downgrade,
  MIGRATION_LOCK_KEY,
  type MigrationSession,
  upgrade,
} from '../../src/migrate/run/index.js';
import { fixtureDir } from '../fixtures/migrations/fixture-dirs.js';
import { openTestSession, publicTables } from '../fixtures/migrations/test-session.js';
import { openTestDatabase, type TestDatabase, testBackend } from '../support/backend.js';

const onPglite = testBackend() === 'pglite';

async function failure(promise: Promise<unknown>): Promise<StrataError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isStrataError(error)) throw new Error(`expected a StrataError, got ${String(error)}`);
  return error;
}

describe('the migration lock and session settings', () => {
  let db: TestDatabase;
  let session: MigrationSession;
  const observed = () => ({ migrations: fixtureDir('observed'), db: session });

  async function sessionAdvisoryLocks(): Promise<number> {
    const result = await session.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()",
    );
    return result.rows[0]?.n ?? -1;
  }

  beforeAll(async () => {
    db = await openTestDatabase();
    session = await openTestSession(db);
  });
  afterAll(async () => {
    await session?.close();
    await db?.close();
  });

  it('holds the advisory lock on the fixed key while migrations run, and applies the statement timeout', async () => {
    await upgrade(observed(), 'head', { statementTimeoutMs: 1500 });
    const locks = await db.query<{ classid: string; objid: string; objsubid: number }>(
      'SELECT classid::text AS classid, objid::text AS objid, objsubid FROM observed_locks',
    );
    const key = BigInt.asUintN(64, MIGRATION_LOCK_KEY);
    expect(locks.rows).toEqual([
      { classid: String(key >> 32n), objid: String(key & 0xffffffffn), objsubid: 1 },
    ]);
    const settings = await db.query<{ statement_timeout: string }>(
      'SELECT statement_timeout FROM observed_settings',
    );
    expect(settings.rows).toEqual([{ statement_timeout: '1500ms' }]);
  });

  it('releases the lock and restores the session settings afterwards', async () => {
    expect(await sessionAdvisoryLocks()).toBe(0);
    const timeout = await session.query<{ value: string }>(
      "SELECT current_setting('statement_timeout') AS value",
    );
    expect(timeout.rows[0]?.value).toBe('0');
  });

  it.skipIf(onPglite)(
    'fails with MIGRATION_LOCK_TIMEOUT naming the holder when another session keeps the lock',
    async () => {
      const other = new pg.Client({ connectionString: db.url, application_name: 'lock-holder' });
      await other.connect();
      try {
        await other.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
        const holderPid = (await other.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;
        const started = Date.now();
        const error = await failure(upgrade(observed(), 'head', { lockTimeoutMs: 300 }));
        expect(error.code).toBe('MIGRATION_LOCK_TIMEOUT');
        expect(Date.now() - started).toBeGreaterThanOrEqual(250);
        expect(error.details.holder).toMatchObject({ pid: holderPid, application_name: 'lock-holder' });
        expect(error.message).toContain('lockTimeoutMs');
        expect((await failure(upgrade(observed(), 'head', { lockTimeoutMs: 0 }))).code).toBe(
          'MIGRATION_LOCK_TIMEOUT',
        );
        const lockTimeout = await session.query<{ value: string }>(
          "SELECT current_setting('lock_timeout') AS value",
        );
        expect(lockTimeout.rows[0]?.value).toBe('0');
      } finally {
        await other.end();
      }
      const after = await upgrade(observed(), 'head', { lockTimeoutMs: 300 });
      expect(after.steps).toEqual([]);
    },
  );

  it.skipIf(onPglite)(
    'cancels a statement that runs past statementTimeoutMs and rolls its migration back',
    async () => {
      await downgrade(observed(), 'base');
      const error = await failure(
        upgrade({ migrations: fixtureDir('slow'), db: session }, 'head', { statementTimeoutMs: 200 }),
      );
      expect(error.code).toBe('MIGRATION_FAILED');
      expect(error.details.sqlState).toBe('57014');
      expect(error.details.statement).toBe('SELECT pg_sleep(5)');
      expect(await publicTables(db)).not.toContain('slow_marker');
      expect(await sessionAdvisoryLocks()).toBe(0);
    },
  );
});
