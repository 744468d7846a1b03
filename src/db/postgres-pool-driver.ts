import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { CompiledQuery, DatabaseConnection, QueryResult as KyselyQueryResult } from 'kysely';
import pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';
import { StrataError } from '../errors/strata-error.js';
import { type CopyResult, type CopySource, checkCopyStatement, checkedChunks } from './copy-from.js';
import type { QueryResult } from './executor.js';
import { normalizeParameters } from './parameters.js';
import type { ResolvedPoolOptions } from './pool-options.js';
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

/** Options of `PostgresPoolDriver`. */
export interface PostgresPoolDriverConfig {
  readonly url: string;
  readonly pool: ResolvedPoolOptions;
  /** Result parser of a type OID (text format); undefined keeps PostgreSQL's text. */
  readonly parserFor: (oid: number) => TextParser | undefined;
}

/** `pg`'s query config with `queryMode`, which its type definitions do not have yet. */
interface ExtendedQueryConfig extends pg.QueryConfig<unknown[]> {
  readonly queryMode: 'extended';
}

/** Nothing to bind. */
const NO_PARAMETERS: readonly unknown[] = Object.freeze([]);

/**
 * A statement without values, for the extended protocol all the same: one statement per call, as
 * on PGlite. (With values, `pg` takes the string and the values array and uses the extended
 * protocol anyway, without copying a config object.)
 */
function withoutValues(sql: string): ExtendedQueryConfig {
  return { text: sql, queryMode: 'extended' };
}

/** Why a direct query failed before it reached a connection: its error is a connection failure. */
interface CheckoutFailure {
  readonly kind: 'checkoutFailure';
  readonly error: unknown;
}

function isCheckoutFailure(value: unknown): value is CheckoutFailure {
  return (
    typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'checkoutFailure'
  );
}

/**
 * Sends one statement with `pg`'s callback API: the extended protocol always (with values,
 * `pg` takes the string and the array as they are; without, a config object asks for it).
 */
function submit(
  client: pg.ClientBase,
  sql: string,
  values: readonly unknown[],
  done: (error: Error | null, result: pg.QueryResult) => void,
): void {
  if (values.length > 0) client.query(sql, values as unknown[], done);
  else client.query(withoutValues(sql), done);
}

const keepText: TextParser = (text) => text;

/**
 * The server backend: a `pg.Pool` with the `PoolOptions` settings, and a pre-ping that checks
 * a connection idle longer than `prePingAfterMs` with `SELECT 1` before handing it out,
 * discarding it (and trying the next) when the check fails or does not answer in time.
 *
 * Statements outside transactions (`query`) take a direct path: check out, send, release, with
 * no bookkeeping but a timestamp per statement; only a connection found due for a pre-ping takes
 * the checked way. Idle times are stamped where Strata returns a working connection.
 */
export class PostgresPoolDriver extends SqlTransactionControl implements StrataDriver {
  readonly backend = 'postgres' as const;
  readonly #pool: pg.Pool;
  readonly #options: ResolvedPoolOptions;
  /** When each client was last returned in working order (`performance.now()`), for the pre-ping. */
  readonly #releasedAt = new WeakMap<pg.PoolClient, number>();
  #ending: Promise<void> | undefined;

  constructor(config: PostgresPoolDriverConfig) {
    super();
    this.#options = config.pool;
    const { parserFor } = config;
    this.#pool = new pg.Pool({
      connectionString: config.url,
      max: config.pool.max,
      connectionTimeoutMillis: config.pool.connectionTimeoutMs,
      idleTimeoutMillis: config.pool.idleTimeoutMs,
      maxLifetimeSeconds: config.pool.maxLifetimeSeconds,
      application_name: config.pool.applicationName,
      ...(config.pool.statementTimeoutMs === undefined
        ? {}
        : { statement_timeout: config.pool.statementTimeoutMs }),
      keepAlive: true,
      types: {
        getTypeParser: (oid: number, format?: string) =>
          format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : (parserFor(oid) ?? keepText),
      },
    });
    // A connection that dies (server restart, failover, pg_terminate_backend) emits 'error' on its
    // client and, when idle, on the pool; unheard, either would crash the process. The failure
    // still reaches the statement in flight, or the next one ("not queryable"), and the pool
    // drops the client, so there is nothing more to do here.
    this.#pool.on('error', () => {});
    this.#pool.on('connect', (client) => {
      client.on('error', () => {});
    });
  }

  async init(): Promise<void> {}

  /**
   * One statement outside any transaction, on whichever pooled connection is free. A connection
   * due for a pre-ping goes back to the pool and the statement takes the checked way
   * (`acquireConnection`), which pings it first.
   */
  query<R>(sql: string, params: readonly unknown[] = NO_PARAMETERS): Promise<QueryResult<R>> {
    if (this.#ending) return Promise.reject(closedError());
    return this.#queryDirect<R>(sql, params);
  }

  async acquireConnection(): Promise<PgConnection> {
    if (this.#ending) throw closedError();
    // Every idle connection may be dead after a server restart: check up to all of them, then a new one.
    const attempts = this.#options.max + 1;
    for (let attempt = 1; ; attempt += 1) {
      let client: pg.PoolClient;
      try {
        client = await this.#pool.connect();
      } catch (error) {
        throw wrapDatabaseError(error, { connecting: true });
      }
      const failure = this.#dueForPrePing(client) ? await this.#prePing(client) : undefined;
      if (failure === undefined) return new PgConnection(client);
      client.release(failure);
      if (attempt >= attempts) {
        throw new StrataError(
          'CONNECTION_FAILED',
          `No working connection after ${attempt} pre-ping checks (last: ${failure.message}). ` +
            'Check that the database server is running and reachable.',
          {},
          { cause: failure },
        );
      }
    }
  }

  async releaseConnection(
    connection: DatabaseConnection,
    options: { readonly broken?: boolean } = {},
  ): Promise<void> {
    if (!(connection instanceof PgConnection) || !connection.markReleased()) return;
    const { client } = connection;
    if (connection.broken || options.broken) {
      client.release(new Error('connection discarded after a failure'));
    } else {
      this.#release(client);
    }
  }

  runHolding<T>(_connection: StrataConnection, fn: () => Promise<T>): Promise<T> {
    return fn();
  }

  /** Ends the pool; connections still checked out are closed when they come back. */
  async destroy(): Promise<void> {
    this.#ending ??= this.#pool.end();
    await this.#ending;
  }

  /** Returns a working client to the pool, noting when (the pre-ping's clock). */
  #release(client: pg.PoolClient): void {
    if (this.#options.prePing) this.#releasedAt.set(client, performance.now());
    client.release();
  }

  /** Whether a client has been idle `prePingAfterMs` or more (one just opened has not). */
  #dueForPrePing(client: pg.PoolClient): boolean {
    if (!this.#options.prePing) return false;
    const lastUsed = this.#releasedAt.get(client);
    return lastUsed !== undefined && performance.now() - lastUsed >= this.#options.prePingAfterMs;
  }

  async #queryChecked<R>(sql: string, params: readonly unknown[]): Promise<QueryResult<R>> {
    const connection = await this.acquireConnection();
    try {
      const result = await connection.query<R>(sql, params);
      return { rows: result.rows, rowCount: result.rowCount };
    } finally {
      await this.releaseConnection(connection);
    }
  }

  /**
   * Errors are wrapped here, in an async function, so that a StrataError's stack shows where
   * the application made the call (V8's async stack traces), not the socket callback.
   */
  async #queryDirect<R>(sql: string, params: readonly unknown[]): Promise<QueryResult<R>> {
    try {
      return await this.#send<R>(sql, normalizeParameters(params));
    } catch (error) {
      throw isCheckoutFailure(error)
        ? wrapDatabaseError(error.error, { connecting: true })
        : wrapDatabaseError(error);
    }
  }

  /**
   * Checks out a client, runs the statement, and returns the client: discarded when the
   * connection failed, kept after an SQL error (unlike `pool.query`, which discards it then too).
   * A client due for a pre-ping goes back, unstamped, on top of the pool's idle stack, and the
   * statement takes the checked way, which takes that client again and pings it.
   */
  #send<R>(sql: string, values: readonly unknown[]): Promise<QueryResult<R>> {
    return new Promise((resolve, reject) => {
      this.#pool.connect((connectError, client) => {
        if (connectError || client === undefined) {
          reject({ kind: 'checkoutFailure', error: connectError } satisfies CheckoutFailure);
          return;
        }
        if (this.#dueForPrePing(client)) {
          client.release();
          this.#queryChecked<R>(sql, values).then(resolve, reject);
          return;
        }
        const done = (error: Error | null, result: pg.QueryResult) => {
          if (error) {
            if (isConnectionFailure(error)) client.release(error);
            else this.#release(client);
            reject(error);
          } else {
            this.#release(client);
            resolve({ rows: result.rows as R[], rowCount: result.rowCount ?? result.rows.length });
          }
        };
        try {
          submit(client, sql, values, done);
        } catch (error) {
          this.#release(client);
          reject(error);
        }
      });
    });
  }

  /** Pings a client due for it: undefined when it may be used, else why not. */
  async #prePing(client: pg.PoolClient): Promise<Error | undefined> {
    const limitMs = this.#options.connectionTimeoutMs > 0 ? this.#options.connectionTimeoutMs : 10_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<Error>((resolve) => {
      timer = setTimeout(() => resolve(new Error(`pre-ping got no answer within ${limitMs} ms`)), limitMs);
    });
    try {
      return await Promise.race([
        client.query('SELECT 1').then(
          () => undefined,
          (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
        ),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** One checkout of a pooled `pg` client. */
class PgConnection implements StrataConnection {
  /** The checked-out client. */
  readonly client: pg.PoolClient;
  #broken = false;
  #released = false;

  constructor(client: pg.PoolClient) {
    this.client = client;
  }

  get broken(): boolean {
    return this.#broken;
  }

  /** False when it was released already. */
  markReleased(): boolean {
    if (this.#released) return false;
    this.#released = true;
    return true;
  }

  async query<R>(sql: string, params: readonly unknown[] = NO_PARAMETERS): Promise<StatementResult<R>> {
    this.#assertUsable();
    try {
      const values = normalizeParameters(params);
      const result = await new Promise<pg.QueryResult>((resolve, reject) =>
        submit(this.client, sql, values, (error, answer) => (error ? reject(error) : resolve(answer))),
      );
      return {
        rows: result.rows as R[],
        rowCount: result.rowCount ?? result.rows.length,
        command: result.command,
      };
    } catch (error) {
      throw this.#wrap(error);
    }
  }

  async control(statement: string): Promise<string | undefined> {
    this.#assertUsable();
    try {
      // A plain string: `pg` sends it with the simple protocol, without copying a config object.
      const result = await new Promise<pg.QueryResult>((resolve, reject) =>
        this.client.query(statement, (error: Error | null, answer: pg.QueryResult) =>
          error ? reject(error) : resolve(answer),
        ),
      );
      return result.command;
    } catch (error) {
      throw this.#wrap(error);
    }
  }

  async exec(script: string): Promise<void> {
    this.#assertUsable();
    try {
      await this.client.query(script);
    } catch (error) {
      throw this.#wrap(error);
    }
  }

  async copyFrom(sql: string, source: CopySource): Promise<CopyResult> {
    this.#assertUsable();
    checkCopyStatement(sql);
    const stream = this.client.query(copyFromStdin(sql));
    try {
      // A failing source destroys the stream, which sends CopyFail: PostgreSQL drops the rows.
      await pipeline(Readable.from(checkedChunks(source), { objectMode: false }), stream);
    } catch (error) {
      throw this.#wrap(error);
    }
    return { rowCount: stream.rowCount };
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

  #wrap(error: unknown): StrataError {
    const wrapped = wrapDatabaseError(error);
    if (wrapped.code === 'CONNECTION_FAILED') this.#broken = true;
    return wrapped;
  }

  #assertUsable(): void {
    if (this.#released) {
      throw new StrataError(
        'USAGE',
        'This connection was already returned to the pool: a statement ran after its transaction or query ended.',
      );
    }
  }
}

/** Whether a statement's error means its connection must not be reused. */
function isConnectionFailure(error: unknown): boolean {
  return wrapDatabaseError(error).code === 'CONNECTION_FAILED';
}

function closedError(): StrataError {
  return new StrataError(
    'CONNECTION_CLOSED',
    'The database was closed; connect() again to run more statements.',
  );
}
