import { AsyncLocalStorage } from 'node:async_hooks';
import type { PGlite, QueryOptions } from '@electric-sql/pglite';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type QueryResult as KyselyQueryResult,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryCompiler,
} from 'kysely';
import { StrataError } from '../errors/strata-error.js';
import {
  blobCopyStatement,
  type CopyResult,
  type CopySource,
  checkCopyStatement,
  collectChunks,
} from './copy-from.js';
import type { QueryResult } from './executor.js';
import { Mutex } from './mutex.js';
import { normalizeParameters } from './parameters.js';
import {
  SqlTransactionControl,
  type StatementResult,
  type StrataConnection,
  type StrataDriver,
  streamInChunks,
  toKyselyResult,
} from './strata-driver.js';
import type { TextParser } from './type-registry.js';
import { wrapDatabaseError } from './wrap-database-error.js';

/** Options of `PGliteDialect`. */
export interface PGliteDialectConfig {
  /** The PGlite instance; Strata never opens a second connection to it (it has only one). */
  readonly pglite: PGlite;
  /** Result parsers by type OID, asked for on every statement (Strata passes its type registry's). */
  readonly parsers?: () => Readonly<Record<number, TextParser>>;
  /** Close the instance when the driver is destroyed. Default false: whoever created it closes it. */
  readonly closeOnDestroy?: boolean;
}

/**
 * A Kysely dialect for PGlite. PGlite is one PostgreSQL session, so the driver hands out its
 * single connection to one holder at a time: a transaction keeps it from BEGIN to COMMIT and
 * other queries wait their turn, so their statements never land inside someone else's
 * transaction. All dialects (and Strata databases) on the same instance share one lock.
 * Statements made directly on the instance (`pglite.query`) bypass that lock.
 *
 * @example
 * ```ts
 * import { PGlite } from '@electric-sql/pglite';
 * import { Kysely } from 'kysely';
 * import { PGliteDialect } from 'strata/db';
 *
 * interface DB {
 *   notes: { id: number; body: string };
 * }
 * const kysely = new Kysely<DB>({ dialect: new PGliteDialect({ pglite: await PGlite.create() }) });
 * ```
 */
export class PGliteDialect implements Dialect {
  readonly #config: PGliteDialectConfig;

  constructor(config: PGliteDialectConfig) {
    this.#config = config;
  }

  createDriver(): PGliteDriver {
    return new PGliteDriver(this.#config);
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }

  createIntrospector(db: Parameters<Dialect['createIntrospector']>[0]): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
}

/** One lock per PGlite instance, whoever wraps it. */
const locks = new WeakMap<PGlite, Mutex>();

/** The PGlite connections the current async context holds (a transaction callback's). */
const holders = new AsyncLocalStorage<readonly PGliteConnection[]>();

function lockOf(pglite: PGlite): Mutex {
  let mutex = locks.get(pglite);
  if (!mutex) {
    mutex = new Mutex();
    locks.set(pglite, mutex);
  }
  return mutex;
}

/** The driver of `PGliteDialect`. */
export class PGliteDriver extends SqlTransactionControl implements StrataDriver {
  readonly backend = 'pglite' as const;
  readonly #config: PGliteDialectConfig;
  readonly #mutex: Mutex;
  #closing: Promise<void> | undefined;

  constructor(config: PGliteDialectConfig) {
    super();
    this.#config = config;
    this.#mutex = lockOf(config.pglite);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<PGliteConnection> {
    if (this.#closing) throw closedError();
    this.#refuseSelfWait('run a query outside the transaction');
    const release = await this.#mutex.acquire();
    if (this.#config.pglite.closed) {
      release();
      throw closedError();
    }
    return new PGliteConnection(this.#config.pglite, this.#mutex, release, this.#config.parsers);
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    if (connection instanceof PGliteConnection) connection.release();
  }

  async query<R>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
    const connection = await this.acquireConnection();
    try {
      const result = await connection.query<R>(sql, params);
      return { rows: result.rows, rowCount: result.rowCount };
    } finally {
      connection.release();
    }
  }

  runHolding<T>(connection: StrataConnection, fn: () => Promise<T>): Promise<T> {
    if (!(connection instanceof PGliteConnection)) return fn();
    return holders.run([...(holders.getStore() ?? []), connection], fn);
  }

  /** Waits for the current holder and everyone already waiting, then closes (when it owns the instance). */
  async destroy(): Promise<void> {
    if (!this.#closing) {
      this.#refuseSelfWait('close the database');
      this.#closing = (async () => {
        const release = await this.#mutex.acquire();
        try {
          if (this.#config.closeOnDestroy && !this.#config.pglite.closed) await this.#config.pglite.close();
        } finally {
          release();
        }
      })();
    }
    await this.#closing;
  }

  #refuseSelfWait(what: string): void {
    const held = holders
      .getStore()
      ?.some((connection) => connection.active && connection.mutex === this.#mutex);
    if (held) {
      throw new StrataError(
        'USAGE',
        `Cannot ${what} while this async context holds a PGlite transaction: PGlite has a single ` +
          'connection, so this would wait for itself forever. Use the session passed to the ' +
          'transaction callback (tx.kysely, tx.executor, tx.transaction) instead of the database.',
      );
    }
  }
}

/** Query options per parser table (the registry swaps in a new table when types are reloaded). */
const queryOptionsCache = new WeakMap<object, QueryOptions>();

/** A turn on the PGlite instance, from acquire to release. */
class PGliteConnection implements StrataConnection {
  readonly broken = false;
  readonly mutex: Mutex;
  readonly #pglite: PGlite;
  readonly #release: () => void;
  readonly #parsers: (() => Readonly<Record<number, TextParser>>) | undefined;
  #active = true;

  constructor(
    pglite: PGlite,
    mutex: Mutex,
    release: () => void,
    parsers: (() => Readonly<Record<number, TextParser>>) | undefined,
  ) {
    this.#pglite = pglite;
    this.mutex = mutex;
    this.#release = release;
    this.#parsers = parsers;
  }

  get active(): boolean {
    return this.#active;
  }

  release(): void {
    if (!this.#active) return;
    this.#active = false;
    this.#release();
  }

  async query<R>(sql: string, params: readonly unknown[] = []): Promise<StatementResult<R>> {
    this.#assertActive();
    try {
      const result = await this.#pglite.query<R>(
        sql,
        normalizeParameters(params) as unknown[],
        this.#options(),
      );
      return {
        rows: result.rows,
        rowCount: result.rowCount ?? result.affectedRows ?? result.rows.length,
        command: result.command,
      };
    } catch (error) {
      throw wrapDatabaseError(error);
    }
  }

  async control(statement: string): Promise<string | undefined> {
    return (await this.query(statement)).command;
  }

  async exec(script: string): Promise<void> {
    this.#assertActive();
    try {
      await this.#pglite.exec(script, this.#options());
    } catch (error) {
      throw wrapDatabaseError(error);
    }
  }

  /**
   * PGlite has no STDIN to stream to: the chunks are gathered into one Blob (so the whole data is
   * in memory once) and PostgreSQL reads it as the file `/dev/blob`, in the same COPY format.
   */
  async copyFrom(sql: string, source: CopySource): Promise<CopyResult> {
    this.#assertActive();
    checkCopyStatement(sql);
    try {
      const blob = new Blob(await collectChunks(source));
      this.#assertActive();
      const result = await this.#pglite.query(blobCopyStatement(sql), [], { blob });
      return { rowCount: result.affectedRows ?? 0 };
    } catch (error) {
      throw wrapDatabaseError(error);
    }
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<KyselyQueryResult<R>> {
    return toKyselyResult(await this.query<R>(compiledQuery.sql, compiledQuery.parameters));
  }

  streamQuery<R>(
    compiledQuery: CompiledQuery,
    chunkSize?: number,
  ): AsyncIterableIterator<KyselyQueryResult<R>> {
    return streamInChunks<R>(this, compiledQuery, chunkSize);
  }

  #options(): QueryOptions | undefined {
    const parsers = this.#parsers?.();
    if (parsers === undefined) return undefined;
    let options = queryOptionsCache.get(parsers);
    if (!options) {
      // PGlite attaches the options to its errors; hidden, the hundreds of parsers stay out of logs.
      options = Object.defineProperty({}, 'parsers', { value: parsers, enumerable: false }) as QueryOptions;
      queryOptionsCache.set(parsers, options);
    }
    return options;
  }

  #assertActive(): void {
    if (!this.#active) {
      throw new StrataError(
        'USAGE',
        'This PGlite connection was already released: a statement ran after its transaction or query ended.',
      );
    }
  }
}

function closedError(): StrataError {
  return new StrataError(
    'CONNECTION_CLOSED',
    'The database was closed; connect() again to run more statements.',
  );
}
