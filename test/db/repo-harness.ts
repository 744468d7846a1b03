/**
 * Per-file setup of the repository tests: a fresh test database with the app schema, a
 * Strata `Database` on it, a session that counts the statements it runs, and `rejection`.
 */
import type { Database, QueryResult, SqlExecutor } from '../../src/db/index.js';
import { StrataError } from '../../src/errors/strata-error.js';
import type { AnySession } from '../../src/repo/index.js';
import { openTestDatabase, type TestDatabase } from '../support/backend.js';
import { connectTestDatabase } from '../support/connect.js';
import { type AppDB, createAppSchema } from './repo-fixtures.js';

export interface RepoTestContext {
  readonly testDb: TestDatabase;
  readonly db: Database<AppDB>;
  close(): Promise<void>;
}

export async function openRepoTestDatabase(): Promise<RepoTestContext> {
  const testDb = await openTestDatabase();
  await createAppSchema(testDb);
  const db = await connectTestDatabase<AppDB>(testDb);
  return {
    testDb,
    db,
    async close() {
      await db.close();
      await testDb.close();
    },
  };
}

/** A session on `db` that records every statement sent through its executor. */
export function countingSession(db: Database<AppDB>): {
  session: AnySession;
  statements: string[];
  params: (readonly unknown[])[];
} {
  const statements: string[] = [];
  const parameters: (readonly unknown[])[] = [];
  const executor: SqlExecutor = {
    backend: db.executor.backend,
    query<R>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
      statements.push(sql);
      parameters.push(params ?? []);
      return db.executor.query<R>(sql, params);
    },
    exec(sql: string): Promise<void> {
      statements.push(sql);
      return db.executor.exec(sql);
    },
  };
  const session: AnySession = {
    backend: db.backend,
    kysely: db.kysely,
    executor,
    isTransaction: false,
    transaction: (fn, options) => db.transaction(fn, options),
    copyFrom: (sql, source) => db.copyFrom(sql, source),
    refreshTypes: () => db.refreshTypes(),
  };
  return { session, statements, params: parameters };
}

/** The StrataError a promise rejects with (any other outcome fails the test). */
export async function rejection(promise: Promise<unknown>): Promise<StrataError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof StrataError) return error;
    throw error;
  }
  throw new Error('expected the promise to reject');
}
