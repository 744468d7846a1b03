import { StrataError } from '../errors/strata-error.js';
import type { OrderBy, Where } from '../query/filter.js';
import { columnOf, tableMeta } from '../query/table-meta.js';
import type { Simplify } from '../schema/infer.js';
import type { AnyTable } from '../schema/table.js';
import type { ColumnName, SelectedRow, Selection } from './row-types.js';

/**
 * A relation from a repository's table to another table. `one`: at most one related row
 * (many-to-one, or one-to-one); `many`: any number (one-to-many).
 */
export interface Relation<K extends 'one' | 'many' = 'one' | 'many', U extends AnyTable = AnyTable> {
  readonly kind: K;
  readonly target: U;
  /** Column of the repository's table. */
  readonly from: string;
  /** Column of the target table whose value equals `from`. */
  readonly to: string;
}

/** Relations by name. */
export type RelationMap = Readonly<Record<string, Relation>>;

/** Declares relations of table `T` (given to `repository(table, { relations })`). */
export interface RelationBuilder<T extends AnyTable> {
  /**
   * Many-to-one: this table's `from` column references the target's `to` column (default:
   * the target's primary key), e.g. `posts.author_id → users.id`.
   */
  belongsTo<U extends AnyTable>(
    target: U,
    on: { readonly from: ColumnName<T>; readonly to?: ColumnName<U> },
  ): Relation<'one', U>;
  /**
   * One-to-many: the target's `to` column references this table's `from` column (default:
   * this table's primary key), e.g. `users.id ← posts.author_id`.
   */
  hasMany<U extends AnyTable>(
    target: U,
    on: { readonly to: ColumnName<U>; readonly from?: ColumnName<T> },
  ): Relation<'many', U>;
  /** One-to-one from the side without the foreign key: like `hasMany`, but one row or null. */
  hasOne<U extends AnyTable>(
    target: U,
    on: { readonly to: ColumnName<U>; readonly from?: ColumnName<T> },
  ): Relation<'one', U>;
}

function singleKey(table: AnyTable, role: string): string {
  const key = table.primaryKeyColumns();
  if (key.length !== 1) {
    throw new StrataError(
      'USAGE',
      `Relation ${role} on ${table.qualifiedName} needs its column named explicitly: the table has ${key.length === 0 ? 'no' : 'a composite'} primary key.`,
      { table: table.qualifiedName },
    );
  }
  return key[0]!;
}

/** The builder handed to `relations: (r) => ({ … })`. Columns are checked when the repository is made. */
export function relationBuilder<T extends AnyTable>(source: T): RelationBuilder<T> {
  const check = <K extends 'one' | 'many', U extends AnyTable>(relation: Relation<K, U>): Relation<K, U> => {
    columnOf(tableMeta(source), relation.from, 'relation column');
    columnOf(tableMeta(relation.target), relation.to, 'relation column');
    return Object.freeze(relation);
  };
  return {
    belongsTo: (target, on) =>
      check({ kind: 'one', target, from: on.from, to: on.to ?? singleKey(target, 'target key') }),
    hasMany: (target, on) =>
      check({ kind: 'many', target, from: on.from ?? singleKey(source, 'source key'), to: on.to }),
    hasOne: (target, on) =>
      check({ kind: 'one', target, from: on.from ?? singleKey(source, 'source key'), to: on.to }),
  };
}

/** How to load one relation: which columns, which related rows, in which order, or as a join. */
export interface RelationLoad<
  U extends AnyTable,
  S extends Selection<U> | undefined = Selection<U> | undefined,
> {
  readonly select?: S;
  /** Only related rows matching this filter. */
  readonly where?: Where<U>;
  /** Order of the related rows (`many` relations). */
  readonly orderBy?: OrderBy<U>;
  /** Include soft-deleted related rows. */
  readonly withDeleted?: boolean;
  /**
   * `one` relations only: load it in the same query with a LEFT JOIN instead of a second
   * query. With `required: true` it is an INNER JOIN, so parents without a (matching) related
   * row are left out: a way to filter parents by their related row.
   */
  readonly join?: boolean;
  readonly required?: boolean;
}

/** The `with` option: relations to load, by name. */
export type WithSpec<R extends RelationMap> = {
  readonly [K in keyof R]?: true | RelationLoad<R[K]['target']>;
};

type LoadSelection<L> = L extends { readonly select?: infer S } ? S : undefined;

/** The related value for one relation. */
type Loaded<Rel, L> =
  Rel extends Relation<infer K, infer U>
    ? K extends 'one'
      ? SelectedRow<U, LoadSelection<L>> | null
      : SelectedRow<U, LoadSelection<L>>[]
    : never;

/** The fields relations add to each row. */
export type WithResult<R extends RelationMap, W> = [W] extends [undefined]
  ? unknown
  : Simplify<{
      -readonly [K in keyof W & keyof R as W[K] extends undefined | false ? never : K]: Loaded<R[K], W[K]>;
    }>;
