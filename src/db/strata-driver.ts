import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult as KyselyQueryResult,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type TransactionSettings,
} from 'kysely';
import { StrataError } from '../errors/strata-error.js';
import type { CopyResult, CopySource } from './copy-from.js';
import type { Backend, QueryResult } from './executor.js';

/** A statement's result as the drivers report it, with the command tag Kysely needs. */
export interface StatementResult<R> extends QueryResult<R> {
  /** `SELECT`, `INSERT`, `COMMIT`, `ROLLBACK`, … */
  readonly command: string | undefined;
}

/**
 * One connection of a Strata driver: a Kysely connection that also runs Strata's executor
 * calls (parameterised statements and multi-statement scripts). Errors come out wrapped as
 * `StrataError`s, whichever path the statement took.
 */
export interface StrataConnection extends DatabaseConnection {
  query<R>(sql: string, params?: readonly unknown[]): Promise<StatementResult<R>>;
  exec(script: string): Promise<void>;
  /**
   * One of Strata's own transaction-control statements (BEGIN, COMMIT, ROLLBACK, SAVEPOINT,
   * RELEASE), by the connection's quickest way (on the server, the simple protocol: one message,
   * no statement to parse and bind); the command tag PostgreSQL answered (`COMMIT`, `ROLLBACK`, …).
   */
  control(statement: string): Promise<string | undefined>;
  /** Runs a checked `COPY … FROM STDIN` with the chunks of `source` as its data. */
  copyFrom(sql: string, source: CopySource): Promise<CopyResult>;
  /** Set when the connection must not be reused (it failed below the SQL level). */
  readonly broken: boolean;
}

/** A Kysely driver whose connections are `StrataConnection`s; Strata's sessions run on it. */
export interface StrataDriver extends Driver {
  readonly backend: Backend;
  acquireConnection(): Promise<StrataConnection>;
  /** One statement outside any transaction (the database's executor), by the driver's quickest way. */
  query<R>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
  /** `broken: true` discards the connection instead of returning it to the pool. */
  releaseConnection(connection: DatabaseConnection, options?: { readonly broken?: boolean }): Promise<void>;
  /**
   * Runs `fn` as the holder of `connection`. PGlite uses this to refuse, instead of waiting
   * forever, a second connection requested from inside a transaction that holds its only one.
   */
  runHolding<T>(connection: StrataConnection, fn: () => Promise<T>): Promise<T>;
}

/** `BEGIN` with the transaction settings PostgreSQL accepts. */
export function beginStatement(settings: TransactionSettings): string {
  if (settings.isolationLevel === 'snapshot') {
    throw new StrataError('USAGE', 'PostgreSQL has no "snapshot" isolation level; use "repeatable read".');
  }
  let sql = 'begin';
  if (settings.isolationLevel) sql += ` isolation level ${settings.isolationLevel}`;
  if (settings.accessMode) sql += ` ${settings.accessMode}`;
  return sql;
}

/** Quotes an identifier (a savepoint name given to Kysely). */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Transaction control as Kysely asks a driver for it, the same SQL on both backends; the
 * drivers inherit it and add their own connections.
 */
export abstract class SqlTransactionControl {
  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(beginStatement(settings)));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoteIdentifier(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint ${quoteIdentifier(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release savepoint ${quoteIdentifier(name)}`));
  }
}

/** The result Kysely expects, from a driver's result. */
export function toKyselyResult<R>(result: StatementResult<R>): KyselyQueryResult<R> {
  const changes =
    result.command === 'INSERT' ||
    result.command === 'UPDATE' ||
    result.command === 'DELETE' ||
    result.command === 'MERGE';
  return changes ? { rows: result.rows, numAffectedRows: BigInt(result.rowCount) } : { rows: result.rows };
}

/**
 * Kysely's `stream()` on Strata connections: the statement runs once and its rows are handed
 * out in chunks. It is not memory-bounded (neither driver has a cursor here); for large
 * results page with keyset pagination.
 */
export async function* streamInChunks<R>(
  connection: StrataConnection,
  compiledQuery: CompiledQuery,
  chunkSize = 100,
): AsyncIterableIterator<KyselyQueryResult<R>> {
  if (!Number.isInteger(chunkSize) || chunkSize <= 0) {
    throw new StrataError('USAGE', `chunkSize must be a positive whole number; got ${chunkSize}.`);
  }
  const result = await connection.query<R>(compiledQuery.sql, compiledQuery.parameters);
  for (let start = 0; start < result.rows.length; start += chunkSize) {
    yield { rows: result.rows.slice(start, start + chunkSize) };
  }
}

/** A Kysely dialect on an existing Strata driver, with PostgreSQL's compiler, adapter and introspector. */
export function dialectOf(driver: Driver): Dialect {
  return {
    createDriver: () => driver,
    createQueryCompiler: () => new PostgresQueryCompiler(),
    createAdapter: () => new PostgresAdapter(),
    createIntrospector: (db) => new PostgresIntrospector(db),
  };
}
