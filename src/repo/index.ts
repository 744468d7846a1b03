/**
 * Repositories: typed CRUD, filters, pagination, relations, upserts, soft delete, optimistic
 * concurrency and bulk loads for a DSL table, on any Strata session (database or transaction).
 * The typed Kysely instance of the session stays at hand for everything else; `where()` turns
 * a repository filter into a Kysely expression.
 */

export { isRetryableError, type RetryOptions, withRetry } from '../db/with-retry.js';
export { whereExpression } from '../query/compile-filter.js';
export type { OrderBy, Where } from '../query/filter.js';
export type {
  DeleteOptions,
  FindOptions,
  KeysetPage,
  KeysetPageOptions,
  LoadOptions,
  LoadProgress,
  LoadResult,
  LockMode,
  Page,
  PageOptions,
  ReadOptions,
  ReturningOptions,
  UpdateOptions,
  UpsertOptions,
  WhereWriteOptions,
} from './options.js';
export type {
  Relation,
  RelationBuilder,
  RelationLoad,
  RelationMap,
  WithResult,
  WithSpec,
} from './relations.js';
export {
  BoundRepository,
  Repository,
  type RepositoryOptions,
  type ResultRow,
  repository,
} from './repository.js';
export type { ColumnName, DefaultRow, KeyOf, SelectedRow, Selection } from './row-types.js';
export type { AnySession } from './session.js';
