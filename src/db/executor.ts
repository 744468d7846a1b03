/** Which kind of PostgreSQL a connection talks to. */
export type Backend = 'pglite' | 'postgres';

/** Result of one SQL statement. */
export interface QueryResult<R> {
  readonly rows: R[];
  /** Rows affected (INSERT/UPDATE/DELETE) or returned. */
  readonly rowCount: number;
}

/**
 * The smallest surface Strata needs from a connection: parameterised queries and
 * multi-statement scripts. Both backends implement it; the catalog reader, the
 * migration runner and the file store are written against it.
 */
export interface SqlExecutor {
  readonly backend: Backend;
  /** One statement with `$1`-style parameters. */
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
  /** A script of one or more statements, no parameters. */
  exec(sql: string): Promise<void>;
}
