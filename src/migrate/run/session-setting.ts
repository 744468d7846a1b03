import { StrataError } from '../../errors/strata-error.js';
import type { MigrationSession } from './migration-session.js';

/** A timeout option as a PostgreSQL setting value, validated. */
export function timeoutSetting(option: string, ms: number | undefined): string | undefined {
  if (ms === undefined) return undefined;
  if (!Number.isFinite(ms) || ms < 0) {
    throw new StrataError('USAGE', `${option} must be a number of milliseconds >= 0, got ${ms}`, {
      [option]: ms,
    });
  }
  return `${Math.ceil(ms)}ms`;
}

/**
 * Runs `work` with a session setting (e.g. `statement_timeout`) changed, restoring the
 * previous value afterwards. `value` undefined leaves the setting alone.
 */
export async function withSessionSetting<T>(
  session: MigrationSession,
  name: string,
  value: string | undefined,
  work: () => Promise<T>,
): Promise<T> {
  if (value === undefined) return work();
  const previous = await session.query<{ value: string }>('SELECT current_setting($1) AS value', [name]);
  await session.query('SELECT set_config($1, $2, false)', [name, value]);
  try {
    return await work();
  } finally {
    try {
      await session.query('SELECT set_config($1, $2, false)', [name, previous.rows[0]?.value ?? '0']);
    } catch {
      // A dead connection takes its settings with it.
    }
  }
}
