/**
 * Test databases for both backends. The vitest project decides which one a test file
 * gets (`STRATA_TEST_BACKEND`): `pglite` opens an in-memory PGlite with pgvector,
 * `server` creates a fresh database on the local PostgreSQL server for the file and
 * drops it afterwards.
 */
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import pg from 'pg';
import type { Backend, QueryResult, SqlExecutor } from '../../src/db/executor.js';

export const SERVER_ADMIN_URL =
  process.env.STRATA_TEST_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export function testBackend(): Backend {
  const value = process.env.STRATA_TEST_BACKEND ?? 'pglite';
  if (value === 'pglite') return 'pglite';
  if (value === 'server' || value === 'postgres') return 'postgres';
  throw new Error(`STRATA_TEST_BACKEND must be "pglite" or "server", got ${value}`);
}

export interface TestDatabase extends SqlExecutor {
  /** A URL `connect()` accepts: `memory://` is not shareable, so PGlite test DBs expose their instance instead. */
  readonly url: string | undefined;
  /** The PGlite instance behind a `pglite` test database. */
  readonly pglite: PGlite | undefined;
  /** Database name on the server (undefined for PGlite). */
  readonly name: string | undefined;
  close(): Promise<void>;
}

let counter = 0;

/** A unique database name for this process and call. */
export function uniqueDatabaseName(prefix = 'strata_test'): string {
  counter += 1;
  const random = Math.random().toString(36).slice(2, 8);
  return `${prefix}_${process.pid}_${counter}_${random}`;
}

async function createServerDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: SERVER_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
}

/** Drops a server database, ending any session still attached to it. */
export async function dropServerDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: SERVER_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** URL of a database on the test server. */
export function serverUrl(name: string): string {
  const url = new URL(SERVER_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Opens a fresh, empty database on the backend of the current vitest project.
 * `vector` is available on both (created on demand by the code under test).
 */
export async function openTestDatabase(): Promise<TestDatabase> {
  if (testBackend() === 'pglite') {
    const db = await PGlite.create({ extensions: { vector } });
    return {
      backend: 'pglite',
      url: undefined,
      pglite: db,
      name: undefined,
      async query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
        const result = await db.query<R>(sql, params as unknown[]);
        return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
      },
      async exec(sql: string): Promise<void> {
        await db.exec(sql);
      },
      async close(): Promise<void> {
        await db.close();
      },
    };
  }
  const name = uniqueDatabaseName();
  await createServerDatabase(name);
  const url = serverUrl(name);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    backend: 'postgres',
    url,
    pglite: undefined,
    name,
    async query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      const result = await client.query(sql, params as unknown[]);
      return { rows: result.rows as R[], rowCount: result.rowCount ?? result.rows.length };
    },
    async exec(sql: string): Promise<void> {
      await client.query(sql);
    },
    async close(): Promise<void> {
      await client.end();
      await dropServerDatabase(name);
    },
  };
}
