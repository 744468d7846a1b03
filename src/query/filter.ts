import type { SparseVector } from '../schema/columns/vector.js';
import type { Row } from '../schema/infer.js';
import type { AnyTable } from '../schema/table.js';

/** `IS NULL` (`true`) or `IS NOT NULL` (`false`). */
export interface NullFilter {
  readonly isNull?: boolean;
}

/** Comparisons for ordered scalars: numbers, bigints, numeric strings, dates, uuids, enums. */
export interface ComparisonFilter<V> extends NullFilter {
  /** `=`; `eq: null` is `IS NULL`. */
  readonly eq?: V | null;
  /** `<>` (rows where the column is NULL do not match, as in SQL); `ne: null` is `IS NOT NULL`. */
  readonly ne?: V | null;
  readonly gt?: V;
  readonly gte?: V;
  readonly lt?: V;
  readonly lte?: V;
  /** `= ANY($1)`: one parameter whatever the length; an empty list matches nothing. */
  readonly in?: readonly V[];
  /** `<> ALL($1)`: an empty list matches every non-null value. */
  readonly notIn?: readonly V[];
  /** `BETWEEN a AND b`, both ends included. */
  readonly between?: readonly [V, V];
}

/** Comparisons plus patterns, for text and enum columns. */
export interface TextFilter<V extends string = string> extends ComparisonFilter<V> {
  /** `LIKE` with a pattern as written (`%` and `_` are wildcards). */
  readonly like?: string;
  readonly notLike?: string;
  readonly ilike?: string;
  readonly notIlike?: string;
  /** Prefix match; `%`, `_` and `\` in the value are matched literally. */
  readonly startsWith?: string;
  /** Suffix match; wildcards in the value are matched literally. */
  readonly endsWith?: string;
  /** Substring match; wildcards in the value are matched literally. */
  readonly contains?: string;
  /** Makes `startsWith`, `endsWith` and `contains` case-insensitive (ILIKE). */
  readonly insensitive?: boolean;
}

/** Filters on an array column (`text[]`, `integer[]`). */
export interface ArrayFilter<E> extends NullFilter {
  readonly eq?: readonly E[] | null;
  readonly ne?: readonly E[] | null;
  /** `@>`: the column holds every listed element. */
  readonly contains?: readonly E[];
  /** `<@`: every element of the column is listed. */
  readonly containedBy?: readonly E[];
  /** `&&`: the column and the list share an element. */
  readonly overlaps?: readonly E[];
  /** `$1 = ANY(column)`: the column holds this element. */
  readonly has?: E;
}

/** What JSONB containment (`@>`) accepts for a document of type `J`: any part of it. */
export type JsonContains<J> = J extends readonly (infer E)[]
  ? readonly JsonContains<E>[]
  : J extends object
    ? { readonly [K in keyof J]?: JsonContains<J[K]> }
    : J;

/** Filters on a whole JSON document. */
export interface JsonDocumentFilter<J> extends NullFilter {
  /** `@>`: the document contains this part (served by a GIN index, `jsonb_ops` or `jsonb_path_ops`). */
  readonly contains?: JsonContains<J>;
  /** `<@`: the document is contained in this one. */
  readonly containedBy?: J;
  /** `?`: the top-level object has this key (GIN `jsonb_ops`). */
  readonly hasKey?: string;
  /** `?|`: the top-level object has one of these keys. */
  readonly hasAnyKeys?: readonly string[];
  /** `?&`: the top-level object has all of these keys. */
  readonly hasAllKeys?: readonly string[];
  /** The whole document equals this one (jsonb equality). */
  readonly eq?: J;
}

type Depth = [never, 0, 1, 2, 3, 4, 5];

/** Paths into a JSON document of type `J`, as tuples of keys (and array indexes), up to 5 deep. */
export type JsonPath<J, D extends number = 5> = [D] extends [never]
  ? never
  : J extends readonly (infer E)[]
    ? readonly [number] | readonly [number, ...JsonPath<NonNullable<E>, Depth[D]>]
    : J extends object
      ? {
          [K in keyof J & string]-?: readonly [K] | readonly [K, ...JsonPath<NonNullable<J[K]>, Depth[D]>];
        }[keyof J & string]
      : never;

/** The type of the value at a path. */
export type JsonAt<J, P> = P extends readonly [infer H, ...infer R]
  ? J extends readonly (infer E)[]
    ? JsonAt<NonNullable<E>, R>
    : H extends keyof J
      ? JsonAt<NonNullable<J[H]>, R>
      : never
  : J;

/** Filters on the value found at a path: JSON text for strings, JSON values for numbers and booleans. */
export type JsonLeafFilter<L> = [L] extends [string]
  ? TextFilter<L>
  : [L] extends [number]
    ? ComparisonFilter<L>
    : [L] extends [boolean]
      ? Pick<ComparisonFilter<L>, 'eq' | 'ne' | 'isNull'>
      : JsonDocumentFilter<L>;

type JsonScalar = string | number | boolean;

/** A path filter on an untyped document (`jsonb()` without a type). */
export interface AnyJsonPathFilter extends NullFilter {
  readonly path: readonly (string | number)[];
  readonly eq?: JsonScalar | null;
  readonly ne?: JsonScalar | null;
  readonly gt?: JsonScalar;
  readonly gte?: JsonScalar;
  readonly lt?: JsonScalar;
  readonly lte?: JsonScalar;
  readonly in?: readonly JsonScalar[];
  readonly notIn?: readonly JsonScalar[];
  readonly like?: string;
  readonly ilike?: string;
  readonly startsWith?: string;
  readonly endsWith?: string;
  readonly contains?: unknown;
  readonly insensitive?: boolean;
}

/**
 * A comparison on the value at a JSON path: `{ path: ['sun', 'sign'], eq: 'Aries' }` is
 * `data -> 'sun' ->> 'sign' = 'Aries'`. Keys and values are parameters.
 */
export type JsonPathFilter<J> = string extends keyof J
  ? AnyJsonPathFilter
  : JsonPath<J> extends infer P
    ? P extends readonly unknown[]
      ? { readonly path: P } & JsonLeafFilter<JsonAt<J, P>>
      : never
    : never;

/** Filters on a JSON column: on the whole document, or on the value at a path. */
export type JsonFilter<J> = JsonDocumentFilter<J> | JsonPathFilter<J>;

/**
 * The filter of one column, chosen by its value type. Scalars also take a bare value for
 * equality (`{ status: 'published' }`) and `null` for IS NULL.
 */
export type FieldFilter<V> = [NonNullable<V>] extends [never]
  ? NullFilter | null
  : [NonNullable<V>] extends [string]
    ? V | TextFilter<NonNullable<V>>
    : [NonNullable<V>] extends [number | bigint | Date]
      ? V | ComparisonFilter<NonNullable<V>>
      : [NonNullable<V>] extends [boolean]
        ? V | Pick<ComparisonFilter<boolean>, 'eq' | 'ne' | 'isNull'>
        : [NonNullable<V>] extends [Uint8Array]
          ? V | Pick<ComparisonFilter<Uint8Array>, 'eq' | 'ne' | 'isNull'>
          : [NonNullable<V>] extends [SparseVector]
            ? NullFilter | (null extends V ? null : never)
            : [NonNullable<V>] extends [readonly (infer E)[]]
              ? V | ArrayFilter<E>
              : JsonFilter<NonNullable<V>> | (null extends V ? null : never);

/** Column filters of a row type, combined with AND. */
export type RowFilter<R> = { readonly [K in keyof R]?: FieldFilter<R[K]> } & {
  /** All of these. */
  readonly AND?: readonly RowFilter<R>[];
  /** Any of these; an empty list matches nothing. */
  readonly OR?: readonly RowFilter<R>[];
  /** Not this. */
  readonly NOT?: RowFilter<R>;
};

/**
 * A filter on a table's rows. Column keys are ANDed; `AND`, `OR` and `NOT` combine filters.
 * A column that does not exist, or a value of the wrong type, does not compile.
 *
 * @example
 * ```ts
 * import type { Where } from 'strata/repo';
 * import { integer, jsonb, table, text, uuidPrimaryKey } from 'strata/schema';
 *
 * const posts = table('posts', {
 *   id: uuidPrimaryKey(),
 *   status: text().notNull(),
 *   title: text().notNull(),
 *   metadata: jsonb<{ sun?: { sign?: string } }>(),
 *   tags: text().array(),
 *   views: integer().notNull().default(0),
 * });
 *
 * const where: Where<typeof posts> = {
 *   status: 'published',
 *   title: { ilike: '%postgres%' },
 *   metadata: { path: ['sun', 'sign'], eq: 'Aries' },
 *   OR: [{ tags: { overlaps: ['db', 'sql'] } }, { views: { gte: 100 } }],
 * };
 * ```
 */
export type Where<T extends AnyTable> = RowFilter<Row<T>>;

/** Sort direction. */
export type Direction = 'asc' | 'desc';

/** Where NULLs go in a sort. */
export type NullsOrder = 'nullsFirst' | 'nullsLast';

/** One sort key: a column, or `[column, direction]`, or `[column, direction, nulls]`. */
export type OrderTerm<K extends string> = K | readonly [K, Direction] | readonly [K, Direction, NullsOrder];

/** A sort: one key or a list of keys, most significant first. */
export type OrderBy<T extends AnyTable> =
  | OrderTerm<keyof Row<T> & string>
  | readonly OrderTerm<keyof Row<T> & string>[];
