import {
  CompiledQuery,
  type DatabaseConnection,
  type QueryResult as KyselyQueryResult,
  type TransactionSettings,
} from 'kysely';
import pg from 'pg';
import { StrataError } from '../errors/strata-error.js';
import { normalizeParameters } from './parameters.js';
import type { ResolvedPoolOptions } from './pool-options.js';
import {
  beginStatement,
  quoteIdentifier,
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

const keepText: TextParser = (text) => text;

/**
 * The server backend: a `pg.Pool` with the `PoolOptions` settings, and a pre-ping that checks
 * a connection idle longer than `prePingAfterMs` with `SELECT 1` before handing it out,
 * discarding it (and trying the next) when the check fails or does not answer in time.
 */
export class PostgresPoolDriver implements StrataDriver {
  readonly backend = 'postgres' as const;
  readonly #pool: pg.Pool;
  readonly #options: ResolvedPoolOptions;
  readonly #lastReleased = new WeakMap<pg.PoolClient, number>();
  #ending: Promise<void> | undefined;

  constructor(config: PostgresPoolDriverConfig) {
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
      const failure = await this.#prePing(client);
      if (failure === undefined) return new PgConnection(client);
      this.#lastReleased.delete(client);
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
      this.#lastReleased.delete(client);
      client.release(new Error('connection discarded after a failure'));
    } else {
      this.#lastReleased.set(client, Date.now());
      client.release();
    }
  }

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

  runHolding<T>(_connection: StrataConnection, fn: () => Promise<T>): Promise<T> {
    return fn();
  }

  /** Ends the pool; connections still checked out are closed when they come back. */
  async destroy(): Promise<void> {
    this.#ending ??= this.#pool.end();
    await this.#ending;
  }

  /** Undefined when the connection may be used, else why not. */
  async #prePing(client: pg.PoolClient): Promise<Error | undefined> {
    if (!this.#options.prePing) return undefined;
    const lastUsed = this.#lastReleased.get(client);
    // A connection that was just opened needs no check.
    if (lastUsed === undefined || Date.now() - lastUsed < this.#options.prePingAfterMs) return undefined;
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
  /** The checked-out client; COPY (src/repo/copy-from-stdin.ts) streams through it. */
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

  async query<R>(sql: string, params: readonly unknown[] = []): Promise<StatementResult<R>> {
    this.#assertUsable();
    // Extended protocol even without parameters: one statement per call, as on PGlite.
    const config: ExtendedQueryConfig = {
      text: sql,
      values: normalizeParameters(params),
      queryMode: 'extended',
    };
    try {
      const result = await this.client.query(config);
      return {
        rows: result.rows as R[],
        rowCount: result.rowCount ?? result.rows.length,
        command: result.command,
      };
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

function closedError(): StrataError {
  return new StrataError(
    'CONNECTION_CLOSED',
    'The database was closed; connect() again to run more statements.',
  );
}
