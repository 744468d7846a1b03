import type { Kysely } from 'kysely';
import type { CopyResult, CopySource } from './copy-from.js';
import type { Backend, SqlExecutor } from './executor.js';
import type { RetryOptions } from './with-retry.js';

/**
 * The database type of a `Session` when none is given: no tables are known, so write SQL with
 * `sql\`…\`` or the executor, or pass your Kysely database interface as the type argument.
 */
export type EmptySchema = {};

/** Isolation levels PostgreSQL implements. */
export type IsolationLevel = 'read uncommitted' | 'read committed' | 'repeatable read' | 'serializable';

/** Options of a transaction's `BEGIN`. */
export interface BeginOptions {
  /** Default: the server's `default_transaction_isolation` (read committed). */
  readonly isolationLevel?: IsolationLevel;
  readonly accessMode?: 'read only' | 'read write';
}

/** Options of `transaction()` and `unitOfWork()`. */
export interface TransactionOptions extends BeginOptions {
  /**
   * Run the whole callback again, up to this many times, when the transaction fails with a
   * serialization failure or a deadlock (see `withRetry`). Only for callbacks whose only side
   * effects are in the database. Default 0.
   */
  readonly retries?: number;
  readonly onRetry?: RetryOptions['onRetry'];
}

/**
 * Something to run statements on: a `Database` (each statement takes a pooled connection) or
 * a transaction (every statement on the transaction's connection). Repositories take a
 * `Session`, so the same code runs inside or outside a transaction.
 *
 * @example
 * ```ts
 * import type { Generated } from 'kysely';
 * import type { Database, Session } from 'strata';
 *
 * interface DB {
 *   users: { id: Generated<string>; email: string };
 * }
 * declare const db: Database<DB>;
 * async function createUser(session: Session<DB>, email: string) {
 *   return session.kysely.insertInto('users').values({ email }).returningAll().executeTakeFirstOrThrow();
 * }
 * await createUser(db, 'a@example.com');
 * await db.transaction(async (tx) => createUser(tx, 'b@example.com'));
 * ```
 */
export interface Session<DB = EmptySchema> {
  readonly backend: Backend;
  readonly kysely: Kysely<DB>;
  /** Raw SQL on the same connection(s) as `kysely`. */
  readonly executor: SqlExecutor;
  /** True inside a transaction (including a nested one). */
  readonly isTransaction: boolean;
  /**
   * Runs `fn` in a transaction: committed when `fn` resolves, rolled back (and the error
   * rethrown) when it rejects. Inside a transaction this makes a SAVEPOINT instead, so a
   * failing nested block is undone alone and the outer transaction can go on.
   *
   * @example
   * ```ts
   * import type { Database, Session } from 'strata';
   *
   * interface Order {
   *   id: string;
   *   item: string;
   * }
   * interface DB {
   *   orders: Order;
   * }
   * declare const db: Database<DB>;
   * declare function reserveStock(tx: Session<DB>, order: Order): Promise<void>;
   * declare function markBackordered(tx: Session<DB>, order: Order): Promise<void>;
   * const input = { id: 'order-1', item: 'book' };
   * const order = await db.transaction(async (tx) => {
   *   const order = await tx.kysely.insertInto('orders').values(input).returningAll().executeTakeFirstOrThrow();
   *   await tx.transaction(async (inner) => reserveStock(inner, order)).catch(() => markBackordered(tx, order));
   *   return order;
   * }, { isolationLevel: 'serializable', retries: 3 });
   * ```
   */
  transaction<T>(fn: (tx: Session<DB>) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * Runs one `COPY table (columns) FROM STDIN [WITH (…)]` with the chunks of `source` as its
   * data (text, CSV or binary COPY format, as the statement says), and returns the number of rows
   * stored. It runs on the session's connection: inside a transaction, in the transaction.
   * When the source throws, the COPY is abandoned (no row is stored) and the error is rethrown.
   *
   * On the server the chunks are streamed with backpressure (pg-copy-streams). PGlite has no
   * STDIN: there the chunks are gathered into one Blob, which PostgreSQL reads as `/dev/blob`,
   * so the whole data is held in memory once.
   *
   * @example
   * ```ts
   * import type { Database } from 'strata';
   *
   * declare const db: Database;
   * async function* lines() {
   *   yield Buffer.from('1\tAda\n2\tGrace\n');
   * }
   * const { rowCount } = await db.copyFrom('COPY people (id, name) FROM STDIN', lines()); // 2
   * ```
   */
  copyFrom(sql: string, source: CopySource): Promise<CopyResult>;
  /**
   * Reads pgvector's and all array types from `pg_type` again, so their values are parsed.
   * Call it after `CREATE EXTENSION vector` or `CREATE TYPE`; inside a transaction it sees the
   * transaction's own, uncommitted types.
   */
  refreshTypes(): Promise<void>;
}

/** Where a `TransactionSession` is: open, or ended one way or the other. */
export type TransactionState = 'open' | 'committed' | 'rolledBack';

/**
 * A transaction whose end the caller controls, from `db.begin()`: for frameworks with separate
 * "request starts" and "request ends" hooks. Always end it: until then it holds a pooled
 * connection, and on PGlite every other query waits for it.
 *
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import type { Database, TransactionSession } from 'strata/db';
 *
 * declare module 'fastify' {
 *   interface FastifyRequest {
 *     tx?: TransactionSession;
 *   }
 * }
 * declare const db: Database;
 * const app = Fastify();
 *
 * // Fastify: one transaction per request.
 * app.addHook('preHandler', async (request) => {
 *   request.tx = await db.begin();
 * });
 * app.addHook('onSend', async (request, reply, payload) => {
 *   if (reply.statusCode < 400) await request.tx?.commit();
 *   else await request.tx?.rollback();
 *   return payload;
 * });
 * app.addHook('onError', async (request) => request.tx?.rollback()); // no-op once committed
 * ```
 */
export interface TransactionSession<DB = EmptySchema> extends Session<DB> {
  readonly isTransaction: true;
  readonly state: TransactionState;
  /**
   * Commits. Throws (a `StrataError`) when the commit fails, and `TRANSACTION_FAILED` when
   * PostgreSQL rolled back instead because a statement failed earlier; either way the
   * transaction is over. Committing twice or after a rollback is a `USAGE` error.
   */
  commit(): Promise<void>;
  /** Rolls back. Does nothing when the transaction already ended, so it is safe in cleanup hooks. */
  rollback(): Promise<void>;
}
