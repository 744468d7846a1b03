/**
 * Per-file setup of the example system tests: a fresh test database, a Strata `Database` on
 * it and a migration session on the same database, with the example's migrations folder; and
 * the small probes the tests share (statement counting, EXPLAIN, the catalog's view).
 */
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { introspect } from '../../src/catalog/index.js';
import type { Database, QueryResult, SqlExecutor } from '../../src/db/index.js';
import { scratchDatabasesOn } from '../../src/migrate/compare/index.js';
import {
  downgrade,
  type MigrationSession,
  type OfflineSqlResult,
  openMigrationSession,
  type RunResult,
  type ScratchDatabase,
  type ScratchDatabaseFactory,
  upgrade,
} from '../../src/migrate/index.js';
import type { SchemaModel } from '../../src/model/index.js';
import type { AnySession } from '../../src/repo/index.js';
import { openTestDatabase, SERVER_ADMIN_URL, type TestDatabase, testBackend } from '../support/backend.js';
import { connectTestDatabase } from '../support/connect.js';

export interface ExampleDatabase<DB> {
  readonly testDb: TestDatabase;
  readonly db: Database<DB>;
  readonly session: MigrationSession;
  /** The example's migrations folder. */
  readonly migrations: string;
  /** Runs the migrations up to `target` (default head), then refreshes the connection's types. */
  upgrade(target?: string): Promise<RunResult>;
  /** Runs them down to `target` (default base). */
  downgrade(target?: string): Promise<RunResult>;
  /** The database as the catalog reads it. */
  catalog(): Promise<SchemaModel>;
  close(): Promise<void>;
}

/** A fresh, empty test database for an example, on the backend of the vitest project. */
export async function openExampleDatabase<DB>(migrations: string): Promise<ExampleDatabase<DB>> {
  const testDb = await openTestDatabase();
  const db = await connectTestDatabase<DB>(testDb);
  const session = await openMigrationSession(testDb.pglite ?? (testDb.url as string));
  const context = { migrations, db: session };
  const onAfterRun = () => db.refreshTypes();
  const online = (result: RunResult | OfflineSqlResult): RunResult => {
    if (result.kind !== 'runResult') throw new Error(`expected an online run, got ${result.kind}`);
    return result;
  };
  return {
    testDb,
    db,
    session,
    migrations,
    upgrade: async (target = 'head') => online(await upgrade(context, target, { onAfterRun })),
    downgrade: async (target = 'base') => online(await downgrade(context, target, { onAfterRun })),
    catalog: () => introspect(session),
    async close() {
      await db.close();
      await session.close();
      await testDb.close();
    },
  };
}

/** Table and enum names of a model, for "the catalog is empty of the example" checks. */
export function objectNames(model: SchemaModel): {
  tables: string[];
  enums: string[];
  extensions: string[];
} {
  return {
    tables: model.tables.map((t) => t.name),
    enums: model.enums.map((e) => e.name),
    extensions: model.extensions.map((e) => e.name),
  };
}

const RESET_SCRATCH = `
DO $$
DECLARE
  item record;
BEGIN
  FOR item IN SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' LOOP
    EXECUTE format('DROP EXTENSION %I CASCADE', item.extname);
  END LOOP;
  FOR item IN SELECT nspname FROM pg_namespace
      WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
        AND nspname NOT LIKE 'pg\\_temp\\_%' AND nspname NOT LIKE 'pg\\_toast\\_temp\\_%' LOOP
    EXECUTE format('DROP SCHEMA %I CASCADE', item.nspname);
  END LOOP;
END $$;
CREATE SCHEMA public;
`;

/**
 * Where the tests canonicalise models: scratch databases on the test server for the server
 * project (so the model is spelled by the same PostgreSQL as the database it is compared
 * with), one reused in-memory PGlite emptied before each use for the PGlite project (a fresh
 * PGlite per model would cost seconds each).
 */
export function testScratch(): { readonly factory: ScratchDatabaseFactory; close(): Promise<void> } {
  if (testBackend() === 'postgres') {
    return { factory: scratchDatabasesOn(SERVER_ADMIN_URL), close: async () => {} };
  }
  let instance: Promise<PGlite> | undefined;
  const factory = async (): Promise<ScratchDatabase> => {
    instance ??= PGlite.create({ extensions: { vector } });
    const pglite = await instance;
    await pglite.exec(RESET_SCRATCH);
    return {
      backend: 'pglite',
      async query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
        const result = await pglite.query<R>(sql, [...params]);
        return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
      },
      async exec(sql: string): Promise<void> {
        await pglite.exec(sql);
      },
      async close(): Promise<void> {},
    };
  };
  return {
    factory,
    async close() {
      if (instance !== undefined) await (await instance).close();
    },
  };
}

/**
 * A session on `db` that records every statement sent through its executor (what
 * repositories and search run; Kysely queries built by hand go around it), with its parameters.
 */
export function countingSession(db: AnySession): {
  session: AnySession;
  statements: string[];
  params: (readonly unknown[])[];
} {
  const statements: string[] = [];
  const params: (readonly unknown[])[] = [];
  const executor: SqlExecutor = {
    backend: db.executor.backend,
    query<R>(sql: string, values?: readonly unknown[]): Promise<QueryResult<R>> {
      statements.push(sql);
      params.push(values ?? []);
      return db.executor.query<R>(sql, values);
    },
    exec(sql: string): Promise<void> {
      statements.push(sql);
      params.push([]);
      return db.executor.exec(sql);
    },
  };
  const session: AnySession = {
    backend: db.backend,
    kysely: db.kysely,
    executor,
    isTransaction: db.isTransaction,
    transaction: (fn, options) => db.transaction(fn, options),
    copyFrom: (sql, source) => db.copyFrom(sql, source),
    refreshTypes: () => db.refreshTypes(),
  };
  return { session, statements, params };
}

/**
 * The plan of a statement (EXPLAIN, text), with its parameters. With `indexOnly`, sequential
 * scans are priced out for this statement, so the plan shows whether an index CAN serve the
 * query on a table too small for the planner to bother.
 */
export async function explain(
  db: AnySession,
  sql: string,
  params: readonly unknown[] = [],
  options: { readonly indexOnly?: boolean } = {},
): Promise<string> {
  return db.transaction(async (tx) => {
    if (options.indexOnly) await tx.executor.query("select set_config('enable_seqscan', 'off', true)");
    const result = await tx.executor.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params);
    return result.rows.map((row) => row['QUERY PLAN']).join('\n');
  });
}
