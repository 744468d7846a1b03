import type { OrderBy, Where } from '../query/filter.js';
import type { AnyTable } from '../schema/table.js';
import type { RelationMap, WithSpec } from './relations.js';
import type { ColumnName, Selection } from './row-types.js';

/** Options of every read. */
export interface ReadOptions<T extends AnyTable, S extends Selection<T> | undefined> {
  /** Columns to return (default: all but vectors); `'*'` for all of them. */
  readonly select?: S;
  /** Include soft-deleted rows. */
  readonly withDeleted?: boolean;
  /** Only soft-deleted rows (a trash view). */
  readonly onlyDeleted?: boolean;
}

/** Row locks of `SELECT … FOR …`. */
export type LockMode = 'update' | 'noKeyUpdate' | 'share' | 'keyShare';

/** Options of `find`. */
export interface FindOptions<
  T extends AnyTable,
  R extends RelationMap,
  S extends Selection<T> | undefined,
  W extends WithSpec<R> | undefined,
> extends ReadOptions<T, S> {
  readonly where?: Where<T>;
  readonly orderBy?: OrderBy<T>;
  readonly limit?: number;
  readonly offset?: number;
  /** Relations to load: one extra query per relation for the whole page (or a join, for `one` relations). */
  readonly with?: W;
  /** Lock the rows read (`FOR UPDATE` …), inside a transaction. */
  readonly lock?: LockMode;
  /** With `lock`: skip rows locked by others (`SKIP LOCKED`), e.g. for job queues. */
  readonly skipLocked?: boolean;
}

/** Options of `page`: a page by offset, with the total. */
export interface PageOptions<
  T extends AnyTable,
  R extends RelationMap,
  S extends Selection<T> | undefined,
  W extends WithSpec<R> | undefined,
> extends Omit<FindOptions<T, R, S, W>, 'limit' | 'lock' | 'skipLocked'> {
  readonly limit: number;
}

/** A page by offset. */
export interface Page<Row> {
  readonly rows: Row[];
  /** Rows matching the filter, on all pages. */
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

/** Options of `keysetPage`: a page after a cursor. */
export interface KeysetPageOptions<
  T extends AnyTable,
  R extends RelationMap,
  S extends Selection<T> | undefined,
  W extends WithSpec<R> | undefined,
> extends Omit<FindOptions<T, R, S, W>, 'limit' | 'offset' | 'lock' | 'skipLocked'> {
  readonly limit: number;
  /** `nextCursor` of the previous page; absent or null for the first page. */
  readonly after?: string | null;
}

/** A page of keyset pagination. */
export interface KeysetPage<Row> {
  readonly rows: Row[];
  /** Pass as `after` to get the next page; null on the last page. */
  readonly nextCursor: string | null;
  readonly hasMore: boolean;
}

/** Options of writes that return rows. */
export interface ReturningOptions<T extends AnyTable, S extends Selection<T> | undefined> {
  /** Columns to return (default: all but vectors). */
  readonly select?: S;
}

/** Options of `update`. */
export interface UpdateOptions<T extends AnyTable, S extends Selection<T> | undefined>
  extends ReturningOptions<T, S> {
  /**
   * Optimistic concurrency: update only if the row's version column still has this value,
   * else fail with CONFLICT. The version is incremented by every update either way.
   */
  readonly expectedVersion?: number;
  /** Allow updating a soft-deleted row. */
  readonly withDeleted?: boolean;
}

/** Options of `updateWhere` and `deleteWhere`. */
export interface WhereWriteOptions {
  /** Include soft-deleted rows. */
  readonly withDeleted?: boolean;
  /** Required to write every row of the table with an empty filter. */
  readonly all?: boolean;
}

/** Options of `delete`. */
export interface DeleteOptions {
  /** Optimistic concurrency, as in `update`. */
  readonly expectedVersion?: number;
}

/** Options of `upsert` and `upsertMany`. */
export interface UpsertOptions<T extends AnyTable, S extends Selection<T> | undefined>
  extends ReturningOptions<T, S> {
  /** The unique key (primary key, unique constraint or unique index) that decides "already there". */
  readonly onConflict: readonly ColumnName<T>[];
  /**
   * Columns to overwrite on conflict (default: every given column but the key and createdAt).
   * `[]` keeps the existing row as it is and returns it.
   */
  readonly update?: readonly ColumnName<T>[];
}

/** Progress of a bulk load. */
export interface LoadProgress {
  /** Rows sent so far. */
  readonly rows: number;
  /** Bytes sent so far (COPY), or 0 (INSERT). */
  readonly bytes: number;
  readonly elapsedMs: number;
}

/** Options of `load`. */
export interface LoadOptions {
  /** Called as rows are sent (about every `progressEvery` rows) and once at the end. */
  readonly onProgress?: (progress: LoadProgress) => void;
  /** Default 10,000. */
  readonly progressEvery?: number;
}

/** What `load` did. */
export interface LoadResult {
  readonly rowCount: number;
  /** `copy-binary`, `copy-text` (server) or `insert` (PGlite). */
  readonly method: 'copy-binary' | 'copy-text' | 'insert';
  readonly elapsedMs: number;
}
