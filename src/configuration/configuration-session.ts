import type { SqlExecutor } from '../db/executor.js';

/**
 * What the configuration store needs from a connection: raw SQL and transactions. A
 * `Database` and a transaction's `Session` from `strata/db` both fit.
 */
export interface ConfigurationSession {
  readonly executor: SqlExecutor;
  transaction<T>(fn: (tx: ConfigurationSession) => Promise<T>): Promise<T>;
}
