import type { PGliteInterface } from '@electric-sql/pglite';
import pg from 'pg';
import type { QueryResult, SqlExecutor } from '../../db/executor.js';
import { StrataError } from '../../errors/strata-error.js';

/**
 * A SqlExecutor that is guaranteed to be ONE database connection. The migration
 * runner needs that: the advisory lock is held by a session, and `BEGIN` … `COMMIT`
 * must reach the same connection as the statements between them.
 */
export interface MigrationSession extends SqlExecutor {
  readonly kind: 'migrationSession';
  /** Ends the connection the session opened; a wrapped PGlite instance stays open (its owner closes it). */
  close(): Promise<void>;
}

/** Whether a value is a MigrationSession. */
export function isMigrationSession(value: unknown): value is MigrationSession {
  return (
    typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'migrationSession'
  );
}

/**
 * Declares an executor to be a single connection (e.g. a client checked out of a pool
 * by the connection layer). The caller vouches for it: passing a pool breaks the lock.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import { toMigrationSession } from 'strata/migrate';
 *
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * const client = await pool.connect();
 * const executor = {
 *   backend: 'postgres' as const,
 *   query: async (sql: string, params: readonly unknown[] = []) => {
 *     const result = await client.query(sql, [...params]);
 *     return { rows: result.rows, rowCount: result.rowCount ?? 0 };
 *   },
 *   exec: async (sql: string) => {
 *     await client.query(sql);
 *   },
 * };
 * const session = toMigrationSession(executor, async () => client.release());
 * ```
 */
export function toMigrationSession(
  executor: SqlExecutor,
  close: () => Promise<void> = async () => {},
): MigrationSession {
  return {
    kind: 'migrationSession',
    backend: executor.backend,
    query: (sql, params) => executor.query(sql, params),
    exec: (sql) => executor.exec(sql),
    close,
  };
}

function wrapPglite(db: PGliteInterface): MigrationSession {
  return toMigrationSession({
    backend: 'pglite',
    async query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      const result = await db.query<R>(sql, [...params]);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
    async exec(sql: string): Promise<void> {
      await db.exec(sql);
    },
  });
}

async function openPostgres(url: string): Promise<MigrationSession> {
  const client = new pg.Client({ connectionString: url, application_name: 'strata-migrate' });
  // A connection dropped between queries emits 'error'; without a listener that kills the process.
  // The next query on the client rejects, and that error is what the runner reports.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    const safe = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
    throw new StrataError(
      'CONNECTION_FAILED',
      `Could not connect to ${safe} for migrations: ${(error as Error).message}`,
      { url: safe },
      { cause: error },
    );
  }
  let closed = false;
  return toMigrationSession(
    {
      backend: 'postgres',
      async query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
        const result = await client.query(sql, [...params]);
        return { rows: result.rows as R[], rowCount: result.rowCount ?? result.rows.length };
      },
      async exec(sql: string): Promise<void> {
        await client.query(sql);
      },
    },
    async () => {
      if (closed) return;
      closed = true;
      await client.end();
    },
  );
}

/**
 * Opens the one connection migrations run on: a `pg.Client` for a `postgres://` URL, or
 * the given PGlite instance (PGlite has a single connection anyway).
 * Close it with `session.close()` when done.
 *
 * @example
 * ```ts
 * import { openMigrationSession, upgrade } from 'strata/migrate';
 *
 * const session = await openMigrationSession(process.env.DATABASE_URL!);
 * try {
 *   await upgrade({ migrations: './migrations', db: session }, 'head');
 * } finally {
 *   await session.close();
 * }
 * ```
 */
export async function openMigrationSession(target: string | PGliteInterface): Promise<MigrationSession> {
  if (typeof target !== 'string') return wrapPglite(target);
  if (!/^postgres(ql)?:\/\//i.test(target)) {
    throw new StrataError(
      'USAGE',
      `openMigrationSession takes a postgres:// URL or a PGlite instance, got "${target.split('://')[0]}://…"; for an embedded database pass its PGlite instance`,
      {},
    );
  }
  return openPostgres(target);
}

/** The context's session, or a USAGE error explaining that `command` needs one. */
export function requireMigrationSession(db: SqlExecutor | undefined, command: string): MigrationSession {
  if (isMigrationSession(db)) return db;
  const problem = db === undefined ? 'no database was given' : 'the executor given is not a MigrationSession';
  throw new StrataError(
    'USAGE',
    `${command}() needs a MigrationSession as context.db (${problem}): open one with openMigrationSession(url or PGlite) so the lock and the migrations share one connection`,
    { command },
  );
}
