import { Kysely, type KyselyConfig } from 'kysely';
import { StrataError } from '../errors/strata-error.js';
import type { CopySource } from './copy-from.js';
import type { QueryResult, SqlExecutor } from './executor.js';
import { PinnedDriver } from './pinned-driver.js';
import type {
  BeginOptions,
  IsolationLevel,
  Session,
  TransactionOptions,
  TransactionSession,
  TransactionState,
} from './session.js';
import { beginStatement, dialectOf, type StrataConnection, type StrataDriver } from './strata-driver.js';
import type { TypeRegistry } from './type-registry.js';

/** The Kysely options every `Kysely` instance of a database shares. */
export type KyselyOptions = Pick<KyselyConfig, 'plugins' | 'log'>;

const ISOLATION_LEVELS: readonly IsolationLevel[] = [
  'read uncommitted',
  'read committed',
  'repeatable read',
  'serializable',
];

/** Everything a transaction needs from its database. */
export interface TransactionContext {
  readonly driver: StrataDriver;
  readonly registry: TypeRegistry;
  readonly kyselyOptions: KyselyOptions;
}

/**
 * One top-level transaction: a connection held from BEGIN to COMMIT/ROLLBACK, a Kysely bound
 * to it, and the sessions handed to callbacks. Once it ends, every statement through it fails
 * with `USAGE` instead of running outside the transaction on a connection someone else has.
 */
export class TransactionScope<DB> {
  readonly #context: TransactionContext;
  readonly #connection: StrataConnection;
  #state: TransactionState = 'open';
  #ending = false;
  #savepointCount = 0;
  /** The session callbacks and nested transactions get. */
  readonly session: Session<DB>;
  #controlled: TransactionSession<DB> | undefined;

  private constructor(context: TransactionContext, connection: StrataConnection) {
    this.#context = context;
    this.#connection = connection;
    // Built on first use: most transactions run repository or executor statements only, and a
    // Kysely instance per transaction costs more than the rest of the transaction's bookkeeping.
    let kysely: Kysely<DB> | undefined;
    const kyselyOf = (): Kysely<DB> =>
      (kysely ??= new Kysely<DB>({
        ...context.kyselyOptions,
        dialect: dialectOf(
          new PinnedDriver({
            connectionOrThrow: () => this.#connectionOrThrow(),
            nextSavepointName: () => this.#nextSavepointName(),
          }),
        ),
      }));
    const executor: SqlExecutor = {
      backend: context.driver.backend,
      query: <R>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> => {
        let open: StrataConnection;
        try {
          open = this.#connectionOrThrow();
        } catch (error) {
          return Promise.reject(error);
        }
        // The same shape as the database's executor gives (no `command`).
        return open.query<R>(sql, params).then(({ rows, rowCount }) => ({ rows, rowCount }));
      },
      exec: (sql: string) => this.#connectionOrThrow().exec(sql),
    };
    this.session = Object.freeze({
      backend: context.driver.backend,
      executor,
      isTransaction: true as const,
      get kysely() {
        return kyselyOf();
      },
      transaction: <T>(fn: (tx: Session<DB>) => Promise<T>, options?: TransactionOptions) =>
        this.#savepoint(fn, options),
      copyFrom: async (sql: string, source: CopySource) => this.#connectionOrThrow().copyFrom(sql, source),
      refreshTypes: () => context.registry.load((sql) => this.#connectionOrThrow().query(sql)),
    });
  }

  /**
   * The session with commit and rollback, for `db.begin()`: made when asked for (copying the
   * session makes its Kysely instance too, which is fine off the `transaction()` path).
   */
  get controlled(): TransactionSession<DB> {
    const scope = this;
    this.#controlled ??= Object.freeze({
      ...this.session,
      isTransaction: true as const,
      get state(): TransactionState {
        return scope.#state;
      },
      commit: () => this.commit(),
      rollback: () => this.rollback(),
    });
    return this.#controlled;
  }

  /** BEGINs a transaction on a new connection of the driver. */
  static async begin<DB>(
    context: TransactionContext,
    options: BeginOptions = {},
  ): Promise<TransactionScope<DB>> {
    const statement = beginStatement(checkBeginOptions(options));
    const connection = await context.driver.acquireConnection();
    try {
      await connection.control(statement);
    } catch (error) {
      await context.driver.releaseConnection(connection, { broken: connection.broken });
      throw error;
    }
    return new TransactionScope<DB>(context, connection);
  }

  get state(): TransactionState {
    return this.#state;
  }

  /** Runs `fn` with the session, then commits; rolls back and rethrows when it fails. */
  async run<T>(fn: (tx: Session<DB>) => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await this.#context.driver.runHolding(this.#connection, () => fn(this.session));
    } catch (error) {
      await this.rollback();
      throw error;
    }
    await this.commit();
    return result;
  }

  async commit(): Promise<void> {
    if (this.#state !== 'open' || this.#ending) {
      throw new StrataError(
        'USAGE',
        `This transaction cannot be committed: it is already ${this.#ending ? 'ending' : describeState(this.#state)}.`,
      );
    }
    this.#ending = true;
    let command: string | undefined;
    try {
      command = await this.#connection.control('commit');
    } catch (error) {
      this.#state = 'rolledBack';
      await this.#release();
      throw error;
    }
    await this.#release();
    // PostgreSQL answers COMMIT of a transaction in which a statement failed with ROLLBACK, and no error.
    if (command === 'ROLLBACK') {
      this.#state = 'rolledBack';
      throw new StrataError(
        'TRANSACTION_FAILED',
        'The transaction was rolled back, not committed: a statement in it failed and the error was caught ' +
          'inside the transaction. Wrap statements that may fail in tx.transaction(...) (a savepoint) so the ' +
          'rest of the transaction can still commit.',
      );
    }
    this.#state = 'committed';
  }

  /** Rolls back; nothing to do when the transaction already ended. Never throws. */
  async rollback(): Promise<void> {
    if (this.#state !== 'open' || this.#ending) return;
    this.#ending = true;
    let failed = false;
    try {
      await this.#connection.control('rollback');
    } catch {
      // The connection is unusable; the server rolls back when it closes.
      failed = true;
    }
    this.#state = 'rolledBack';
    await this.#release(failed);
  }

  async #savepoint<T>(fn: (tx: Session<DB>) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const set = Object.entries(options)
      .filter(([, value]) => value !== undefined)
      .map(([key]) => key);
    if (set.length > 0) {
      throw new StrataError(
        'USAGE',
        `A nested transaction is a savepoint and takes no options (got ${set.join(', ')}): set isolation, ` +
          'access mode and retries on the outermost transaction.',
      );
    }
    const connection = this.#connectionOrThrow();
    const name = this.#nextSavepointName();
    await connection.control(`savepoint ${name}`);
    let result: T;
    try {
      result = await fn(this.session);
      await this.#connectionOrThrow().control(`release savepoint ${name}`);
    } catch (error) {
      if (this.#state === 'open' && !this.#ending) {
        try {
          await connection.control(`rollback to savepoint ${name}`);
          await connection.control(`release savepoint ${name}`);
        } catch {
          // The outer transaction is broken as well; it fails on its next statement.
        }
      }
      throw error;
    }
    return result;
  }

  #connectionOrThrow(): StrataConnection {
    if (this.#state !== 'open' || this.#ending) {
      throw new StrataError(
        'USAGE',
        `This transaction is ${this.#ending ? 'ending' : describeState(this.#state)}: a statement after its end ` +
          'would run outside it. Run statements inside the transaction callback, or on the database.',
      );
    }
    return this.#connection;
  }

  #nextSavepointName(): string {
    this.#savepointCount += 1;
    return `strata_savepoint_${this.#savepointCount}`;
  }

  async #release(broken = false): Promise<void> {
    await this.#context.driver.releaseConnection(this.#connection, {
      broken: broken || this.#connection.broken,
    });
  }
}

function describeState(state: TransactionState): string {
  return state === 'rolledBack' ? 'rolled back' : state;
}

function checkBeginOptions(options: BeginOptions): BeginOptions {
  if (options.isolationLevel !== undefined && !ISOLATION_LEVELS.includes(options.isolationLevel)) {
    throw new StrataError(
      'USAGE',
      `Unknown isolation level "${String(options.isolationLevel)}"; use one of: ${ISOLATION_LEVELS.join(', ')}.`,
    );
  }
  if (
    options.accessMode !== undefined &&
    options.accessMode !== 'read only' &&
    options.accessMode !== 'read write'
  ) {
    throw new StrataError(
      'USAGE',
      `Unknown access mode "${String(options.accessMode)}"; use "read only" or "read write".`,
    );
  }
  return { isolationLevel: options.isolationLevel, accessMode: options.accessMode };
}
