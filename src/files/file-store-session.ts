import type { SqlExecutor } from '../db/executor.js';

/**
 * What the file store needs from a connection: raw SQL and transactions. A `Database` and a
 * transaction's `Session` from `strata/db` both fit, so a store can run inside a caller's
 * transaction (its puts then become savepoints).
 */
export interface FileStoreSession {
  readonly executor: SqlExecutor;
  transaction<T>(fn: (tx: FileStoreSession) => Promise<T>): Promise<T>;
}
