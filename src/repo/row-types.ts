import type { Column } from '../schema/column.js';
import type { SparseVector, vector } from '../schema/columns/vector.js';
import type { Row, Simplify } from '../schema/infer.js';
import type { AnyTable } from '../schema/table.js';

/** Names of a table's columns. */
export type ColumnName<T extends AnyTable> = keyof Row<T> & string;

/** The value type `vector()` columns have. */
type VectorData = ReturnType<typeof vector> extends Column<infer D, boolean, boolean, boolean> ? D : never;

/**
 * Whether the schema brands vector values. Until it does, a `number[]` column could be a
 * vector or an `integer[]`, and such columns are typed as possibly absent in default reads.
 */
type VectorsBranded = [number[]] extends [VectorData] ? false : true;

/** `yes` for columns that are never read by default, `maybe` for columns that might be such, `no` otherwise. */
type VectorColumnKind<V> = [NonNullable<V>] extends [never]
  ? 'no'
  : [NonNullable<V>] extends [SparseVector]
    ? 'yes'
    : [NonNullable<V>] extends [VectorData]
      ? VectorsBranded extends true
        ? 'yes'
        : 'maybe'
      : 'no';

type KeysWhere<R, K extends 'yes' | 'maybe' | 'no'> = {
  [P in keyof R]: VectorColumnKind<R[P]> extends K ? P : never;
}[keyof R];

/**
 * A row as repositories return it by default: every column but the vectors (vector, halfvec,
 * sparsevec), which are large and only read when selected.
 */
export type DefaultRow<T extends AnyTable> = Simplify<
  { [K in KeysWhere<Row<T>, 'no'>]: Row<T>[K] } & { [K in KeysWhere<Row<T>, 'maybe'>]?: Row<T>[K] }
>;

/** Which columns a read returns: a list of names, or `'*'` for all of them, vectors included. */
export type Selection<T extends AnyTable> = readonly ColumnName<T>[] | '*';

/** The row type of a read with a given selection (undefined: the default columns). */
export type SelectedRow<T extends AnyTable, S> = [S] extends [readonly (infer K extends ColumnName<T>)[]]
  ? Simplify<Pick<Row<T>, K>>
  : [S] extends ['*']
    ? Row<T>
    : DefaultRow<T>;

/**
 * A primary key value: the value of a single-column key, or an object of the key columns.
 * The schema's types do not say which columns form the key, so `repository(table, { key })`
 * narrows it; checks at run time always use the table's real primary key.
 */
export type KeyOf<T extends AnyTable, K extends ColumnName<T> | undefined> = [K] extends [ColumnName<T>]
  ? Row<T>[K]
  : Row<T>[ColumnName<T>] | Partial<Row<T>>;
