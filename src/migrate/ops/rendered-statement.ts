/**
 * One SQL statement of a migration, and whether it may run inside the migration's transaction.
 * `CREATE INDEX CONCURRENTLY`, `DROP INDEX CONCURRENTLY` and `ALTER TYPE … ADD VALUE` may not:
 * the runner runs them on their own.
 */
export interface RenderedStatement {
  readonly sql: string;
  readonly transactional: boolean;
}

/**
 * A statement that runs inside the migration's transaction.
 *
 * @example
 * ```ts
 * statement('ALTER TABLE users DROP COLUMN bio;'); // { sql: '...', transactional: true }
 * ```
 */
export function statement(sql: string): RenderedStatement {
  return { sql, transactional: true };
}

/**
 * A statement PostgreSQL refuses (or cannot make use of) inside a transaction block.
 *
 * @example
 * ```ts
 * outsideTransaction("ALTER TYPE mood ADD VALUE 'meh';"); // { sql: '...', transactional: false }
 * ```
 */
export function outsideTransaction(sql: string): RenderedStatement {
  return { sql, transactional: false };
}
