import { createHash } from 'node:crypto';
import { StrataError } from '../../errors/strata-error.js';
import type { MigrationSession } from './migration-session.js';
import { errorMessage, sqlState } from './sql-state.js';
import { VERSION_TABLE } from './version-table.js';

/**
 * Key of the session-level advisory lock every migration command takes: the first 8
 * bytes of sha256('strata:' + version table), as a signed bigint. Fixed, so every
 * process migrating the same database agrees on it.
 */
export const MIGRATION_LOCK_KEY: bigint = createHash('sha256')
  .update(`strata:${VERSION_TABLE}`)
  .digest()
  .readBigInt64BE(0);

interface LockHolder {
  pid: number;
  application_name: string;
  state: string | null;
  query_start: Date | null;
}

async function lockHolder(session: MigrationSession): Promise<LockHolder | undefined> {
  try {
    const key = BigInt.asUintN(64, MIGRATION_LOCK_KEY);
    const result = await session.query<LockHolder>(
      `SELECT a.pid, a.application_name, a.state, a.query_start
         FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1 AND l.objid = $2 AND l.objsubid = 1`,
      [String(key >> 32n), String(key & 0xffffffffn)],
    );
    return result.rows[0];
  } catch {
    // Only used to enrich the timeout message; lacking the privilege to read pg_stat_activity is fine.
    return undefined;
  }
}

async function timeoutError(
  session: MigrationSession,
  timeoutMs: number,
  cause?: unknown,
): Promise<StrataError> {
  const holder = await lockHolder(session);
  const who = holder
    ? ` (held by backend pid ${holder.pid}${holder.application_name ? `, ${holder.application_name}` : ''})`
    : '';
  return new StrataError(
    'MIGRATION_LOCK_TIMEOUT',
    `Another migration holds the migration lock on ${VERSION_TABLE}${who} and did not release it within ${timeoutMs} ms: wait for it to finish, or raise lockTimeoutMs`,
    { lockKey: MIGRATION_LOCK_KEY.toString(), timeoutMs, holder },
    cause === undefined ? undefined : { cause },
  );
}

/**
 * Takes the migration lock on the session, waiting at most `timeoutMs` (forever when
 * undefined; `0` tries once). Throws MIGRATION_LOCK_TIMEOUT.
 */
export async function acquireMigrationLock(session: MigrationSession, timeoutMs?: number): Promise<void> {
  const key = MIGRATION_LOCK_KEY.toString();
  if (timeoutMs === undefined) {
    await session.query(`SELECT pg_advisory_lock(${key})`);
    return;
  }
  if (!Number.isFinite(timeoutMs) || timeoutMs < 0) {
    throw new StrataError('USAGE', `lockTimeoutMs must be a number of milliseconds >= 0, got ${timeoutMs}`, {
      lockTimeoutMs: timeoutMs,
    });
  }
  if (timeoutMs === 0) {
    const result = await session.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(${key}) AS locked`);
    if (result.rows[0]?.locked !== true) throw await timeoutError(session, timeoutMs);
    return;
  }
  // lock_timeout bounds the wait of pg_advisory_lock like any other heavyweight lock.
  const previous = await session.query<{ value: string }>(`SELECT current_setting('lock_timeout') AS value`);
  await session.query(`SELECT set_config('lock_timeout', $1, false)`, [`${Math.ceil(timeoutMs)}ms`]);
  try {
    await session.query(`SELECT pg_advisory_lock(${key})`);
  } catch (error) {
    if (sqlState(error) === '55P03') throw await timeoutError(session, timeoutMs, error);
    throw new StrataError(
      'DATABASE_ERROR',
      `Could not take the migration lock: ${errorMessage(error)}`,
      { lockKey: key },
      { cause: error },
    );
  } finally {
    await session.query(`SELECT set_config('lock_timeout', $1, false)`, [previous.rows[0]?.value ?? '0']);
  }
}

export async function releaseMigrationLock(session: MigrationSession): Promise<void> {
  await session.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY.toString()})`);
}

/**
 * Runs `work` holding the migration lock, and releases it afterwards whatever happens.
 *
 * @example
 * ```ts
 * import { openMigrationSession, withMigrationLock } from 'strata/migrate';
 * const session = await openMigrationSession('postgresql://localhost/app');
 * await withMigrationLock(session, 5_000, async () => {
 *   await session.query('select 1');
 * });
 * ```
 */
export async function withMigrationLock<T>(
  session: MigrationSession,
  timeoutMs: number | undefined,
  work: () => Promise<T>,
): Promise<T> {
  await acquireMigrationLock(session, timeoutMs);
  let result: T;
  try {
    result = await work();
  } catch (error) {
    // When the connection died the lock died with it; report the original failure, not the unlock's.
    await releaseMigrationLock(session).catch(() => undefined);
    throw error;
  }
  await releaseMigrationLock(session);
  return result;
}
