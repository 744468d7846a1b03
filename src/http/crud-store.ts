import type { WhereObject } from './filter-to-where.js';

/** A row or a set of column values, keyed by column name. */
export type RowValues = Readonly<Record<string, unknown>>;

/** What a list request asks the store for. */
export interface CrudListRequest {
  readonly where: WhereObject;
  /** Sort keys, most significant first; the primary key is appended by the store for a stable order. */
  readonly orderBy: readonly (readonly [string, 'asc' | 'desc'])[];
  readonly offset: number;
  readonly limit: number;
}

/** One page of rows and the number of rows matching in all. */
export interface CrudPage {
  readonly rows: readonly RowValues[];
  readonly total: number;
}

/**
 * The data access the generated endpoints need, on one session. Soft-deleted rows are
 * invisible to `get`, `list` and `update`. Every method throws StrataErrors (constraint
 * violations, bad values), which the routes answer with 4xx.
 */
export interface CrudStore {
  create(values: RowValues): Promise<RowValues>;
  get(key: RowValues): Promise<RowValues | undefined>;
  list(request: CrudListRequest): Promise<CrudPage>;
  update(key: RowValues, values: RowValues): Promise<RowValues | undefined>;
  /** `soft` marks the row deleted (deleted_at / is_active); `hard` removes it. False when no row matched. */
  remove(key: RowValues, mode: 'soft' | 'hard'): Promise<boolean>;
}
