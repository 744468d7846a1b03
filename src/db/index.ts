export * from './codecs/index.js';
export type { ConnectOptions } from './connect.js';
export { connect } from './connect.js';
export type { ConnectionTarget } from './connection-target.js';
export { DEFAULT_DATA_DIR, redactUrl, resolveConnectionTarget } from './connection-target.js';
export type { CopyResult, CopySource } from './copy-from.js';
export type { Database } from './database.js';
export type { Backend, QueryResult, SqlExecutor } from './executor.js';
export type { PGliteDialectConfig } from './pglite-dialect.js';
export { PGliteDialect } from './pglite-dialect.js';
export type { PoolOptions, ResolvedPoolOptions } from './pool-options.js';
export { DEFAULT_POOL_OPTIONS, resolvePoolOptions } from './pool-options.js';
export type {
  BeginOptions,
  EmptySchema,
  IsolationLevel,
  Session,
  TransactionOptions,
  TransactionSession,
  TransactionState,
} from './session.js';
export type { RetryOptions } from './with-retry.js';
export { isRetryableError, withRetry } from './with-retry.js';
export type { PostgresErrorFields } from './wrap-database-error.js';
export { isPostgresError, parseKeyColumns, wrapDatabaseError } from './wrap-database-error.js';
