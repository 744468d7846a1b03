import { Kysely } from 'kysely';
import { StrataError } from '../errors/strata-error.js';
import type { CopyResult, CopySource } from './copy-from.js';
import type { Backend, QueryResult, SqlExecutor } from './executor.js';
import type {
  BeginOptions,
  EmptySchema,
  Session,
  TransactionOptions,
  TransactionSession,
} from './session.js';
import { dialectOf, type StrataConnection, type StrataDriver } from './strata-driver.js';
import { type KyselyOptions, type TransactionContext, TransactionScope } from './transaction-scope.js';
import type { TypeRegistry } from './type-registry.js';
import { withRetry } from './with-retry.js';

/**
 * A connected database (from `connect()`): pooled connections on a PostgreSQL server, or the
 * one connection of an embedded PGlite. It is a `Session` too: `db.kysely` and `db.executor`
 * run each statement on their own, outside any transaction.
 *
 * @example
 * ```ts
 * import { connect } from 'strata';
 *
 * interface DB {
 *   accounts: { id: string; balance: number };
 * }
 * const db = await connect<DB>({ url: process.env.DATABASE_URL });
 * const accounts = await db.kysely.selectFrom('accounts').selectAll().execute();
 * await db.transaction(async (tx) => {
 *   await tx.kysely.updateTable('accounts').set({ balance: 0 }).where('balance', '<', 0).execute();
 * });
 * await db.close();
 * ```
 */
export interface Database<DB = EmptySchema> extends Session<DB> {
  readonly isTransaction: false;
  /** True once `close()` was called. */
  readonly closed: boolean;
  /**
   * Starts a transaction that the caller ends with `commit()` or `rollback()`, for frameworks
   * whose request hooks begin and end apart. Prefer `transaction()` or `unitOfWork()`, which
   * cannot leak a connection.
   *
   * @example
   * ```ts
   * import type { Database } from 'strata';
   *
   * declare const db: Database<{ audit: { action: string; at: Date } }>;
   * const tx = await db.begin({ isolationLevel: 'repeatable read' });
   * try {
   *   await tx.kysely.insertInto('audit').values({ action: 'login', at: new Date() }).execute();
   *   await tx.commit();
   * } finally {
   *   await tx.rollback(); // no-op after a successful commit
   * }
   * ```
   */
  begin(options?: BeginOptions): Promise<TransactionSession<DB>>;
  /**
   * Wraps a request handler so every call runs in its own transaction: committed when the
   * handler returns, rolled back when it throws (the error goes on to the framework). The
   * handler gets the transaction's session first, then the framework's arguments. This is the
   * `get_db`/`get_session` dependency of FastAPI + SQLAlchemy, as a function wrapper.
   *
   * @example
   * ```ts
   * import Fastify, { type FastifyRequest } from 'fastify';
   * import type { Generated } from 'kysely';
   * import type { Database, Session } from 'strata';
   *
   * interface DB {
   *   orders: { id: Generated<number>; item: string };
   * }
   * declare const db: Database<DB>;
   * declare function transfer(tx: Session<DB>, body: unknown): Promise<{ done: true }>;
   * const app = Fastify();
   *
   * // Return the answer instead of replying: it goes out once the transaction has committed.
   * app.post('/orders', db.unitOfWork(async (tx, request: FastifyRequest<{ Body: { item: string } }>) => {
   *   const { item } = request.body;
   *   return tx.kysely.insertInto('orders').values({ item }).returningAll().executeTakeFirstOrThrow();
   * }));
   *
   * // Retrying serialization failures runs the whole handler again.
   * app.post('/transfer', db.unitOfWork(async (tx, request: FastifyRequest) => transfer(tx, request.body),
   *   { isolationLevel: 'serializable', retries: 3 }));
   * ```
   */
  unitOfWork<A extends unknown[], R>(
    handler: (session: Session<DB>, ...args: A) => Promise<R>,
    options?: TransactionOptions,
  ): (...args: A) => Promise<R>;
  /**
   * Closes the pool (or the PGlite instance `connect()` opened; one passed in with `pglite`
   * stays open). Waits for transactions in progress, then refuses new statements with
   * `CONNECTION_CLOSED`. Safe to call twice.
   */
  close(): Promise<void>;
}

/** The `Database` implementation on a Strata driver. */
export class StrataDatabase<DB> implements Database<DB> {
  readonly backend: Backend;
  readonly kysely: Kysely<DB>;
  readonly executor: SqlExecutor;
  readonly isTransaction = false as const;
  readonly #context: TransactionContext;
  #closing: Promise<void> | undefined;

  constructor(driver: StrataDriver, registry: TypeRegistry, kyselyOptions: KyselyOptions = {}) {
    this.backend = driver.backend;
    this.#context = { driver, registry, kyselyOptions };
    this.kysely = new Kysely<DB>({ ...kyselyOptions, dialect: dialectOf(driver) });
    this.executor = Object.freeze({
      backend: driver.backend,
      // The hot path of every repository call: straight to the driver, no connection object.
      query: <R>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> =>
        this.#closing === undefined ? driver.query<R>(sql, params) : Promise.reject(closedError()),
      exec: (sql: string) => this.#withConnection((connection) => connection.exec(sql)),
    });
  }

  get closed(): boolean {
    return this.#closing !== undefined;
  }

  transaction<T>(fn: (tx: Session<DB>) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const { retries, onRetry, ...begin } = options;
    const attempt = async () => (await this.#begin(begin)).run(fn);
    if (retries === undefined) return attempt();
    return withRetry(attempt, onRetry === undefined ? { retries } : { retries, onRetry });
  }

  async begin(options: BeginOptions = {}): Promise<TransactionSession<DB>> {
    return (await this.#begin(options)).controlled;
  }

  unitOfWork<A extends unknown[], R>(
    handler: (session: Session<DB>, ...args: A) => Promise<R>,
    options?: TransactionOptions,
  ): (...args: A) => Promise<R> {
    return (...args: A) => this.transaction((tx) => handler(tx, ...args), options);
  }

  copyFrom(sql: string, source: CopySource): Promise<CopyResult> {
    return this.#withConnection((connection) => connection.copyFrom(sql, source));
  }

  async refreshTypes(): Promise<void> {
    await this.#withConnection((connection) => this.#context.registry.load((sql) => connection.query(sql)));
  }

  async close(): Promise<void> {
    this.#closing ??= this.#context.driver.destroy();
    await this.#closing;
  }

  #begin(options: BeginOptions): Promise<TransactionScope<DB>> {
    this.#assertOpen();
    return TransactionScope.begin<DB>(this.#context, options);
  }

  async #withConnection<T>(fn: (connection: StrataConnection) => Promise<T>): Promise<T> {
    this.#assertOpen();
    const { driver } = this.#context;
    const connection = await driver.acquireConnection();
    try {
      return await fn(connection);
    } finally {
      await driver.releaseConnection(connection);
    }
  }

  #assertOpen(): void {
    if (this.#closing) throw closedError();
  }
}

function closedError(): StrataError {
  return new StrataError(
    'CONNECTION_CLOSED',
    'The database was closed; connect() again to run more statements.',
  );
}
