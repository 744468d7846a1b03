import { StrataError } from '../errors/strata-error.js';
import type { NullsOrder } from './filter.js';
import { type ColumnMeta, columnOf, type TableMeta } from './table-meta.js';
import { describeValue } from './value-error.js';

/** One resolved sort key. */
export interface SortKey {
  readonly column: ColumnMeta;
  readonly descending: boolean;
  /** Where NULLs go, as PostgreSQL will place them (explicit, or its default: last ascending, first descending). */
  readonly nullsFirst: boolean;
  /** Whether NULLS FIRST/LAST was written (so the SQL repeats it). */
  readonly explicitNulls: boolean;
}

const DIRECTIONS: Readonly<Record<string, boolean>> = { asc: false, desc: true };
const NULLS: Readonly<Record<NullsOrder, boolean>> = { nullsFirst: true, nullsLast: false };

/**
 * Resolves a sort (`'name'`, `['created_at', 'desc']`, `['score', 'desc', 'nullsLast']`, or a
 * list of these) against the table. Only declared columns and the words `asc`, `desc`,
 * `nullsFirst`, `nullsLast` are accepted: nothing else can reach the SQL.
 */
export function resolveOrderBy(meta: TableMeta, orderBy: unknown): SortKey[] {
  if (orderBy === undefined || orderBy === null) return [];
  const terms: unknown[] =
    typeof orderBy === 'string' ||
    (Array.isArray(orderBy) && typeof orderBy[0] === 'string' && isDirection(orderBy[1]))
      ? [orderBy]
      : Array.isArray(orderBy)
        ? orderBy
        : [orderBy];
  return terms.map((term) => resolveTerm(meta, term));
}

function isDirection(value: unknown): boolean {
  return typeof value === 'string' && Object.hasOwn(DIRECTIONS, value);
}

function resolveTerm(meta: TableMeta, term: unknown): SortKey {
  if (typeof term === 'string') {
    return {
      column: columnOf(meta, term, 'sort column'),
      descending: false,
      nullsFirst: false,
      explicitNulls: false,
    };
  }
  if (!Array.isArray(term) || term.length < 1 || term.length > 3 || typeof term[0] !== 'string') {
    throw new StrataError(
      'USAGE',
      `A sort key is a column name or [column, 'asc' | 'desc', 'nullsFirst' | 'nullsLast'?]; got ${describeValue(term)}.`,
    );
  }
  const column = columnOf(meta, term[0], 'sort column');
  const direction: unknown = term[1] ?? 'asc';
  if (typeof direction !== 'string' || !Object.hasOwn(DIRECTIONS, direction)) {
    throw new StrataError(
      'USAGE',
      `Sort direction must be 'asc' or 'desc'; got ${describeValue(direction)}.`,
      {
        column: column.name,
      },
    );
  }
  const descending = DIRECTIONS[direction]!;
  const nulls: unknown = term[2];
  if (nulls !== undefined && (typeof nulls !== 'string' || !Object.hasOwn(NULLS, nulls))) {
    throw new StrataError(
      'USAGE',
      `Sort NULLs placement must be 'nullsFirst' or 'nullsLast'; got ${describeValue(nulls)}.`,
      {
        column: column.name,
      },
    );
  }
  return {
    column,
    descending,
    nullsFirst: nulls === undefined ? descending : NULLS[nulls as NullsOrder],
    explicitNulls: nulls !== undefined,
  };
}

/** `"a" DESC, "b"` (with NULLS FIRST/LAST when asked for), columns prefixed with `alias.` when given. */
export function orderBySql(keys: readonly SortKey[], alias?: string): string {
  return keys
    .map((key) => {
      let text = alias === undefined ? key.column.sql : `${alias}.${key.column.sql}`;
      if (key.descending) text += ' DESC';
      if (key.explicitNulls) text += key.nullsFirst ? ' NULLS FIRST' : ' NULLS LAST';
      return text;
    })
    .join(', ');
}
