import type { ColumnType } from 'kysely';
import type { AnyColumn, Column } from './column.js';
import type { Schema, SchemaInput, TablesOf } from './define-schema.js';
import type { AnyTable, ColumnsShape, Table } from './table.js';

/** Flattens an intersection for readable hover types. */
export type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** Value type of a column when read. */
export type SelectValue<C> =
  C extends Column<infer D, infer N, boolean, boolean> ? (N extends true ? D : D | null) : never;

/** Value type of a column when written. */
export type WriteValue<C> = SelectValue<C>;

type ColumnsOf<T> = T extends Table<string, infer C, string> ? C : never;

/** Keys an insert must give: NOT NULL, no default, not generated. */
type RequiredInsertKeys<C extends ColumnsShape> = {
  [K in keyof C]: C[K] extends Column<unknown, true, false, false> ? K : never;
}[keyof C];

/** Keys an insert may give: nullable or defaulted, and not generated. */
type OptionalInsertKeys<C extends ColumnsShape> = {
  [K in keyof C]: C[K] extends Column<unknown, boolean, boolean, true>
    ? never
    : C[K] extends Column<unknown, true, false, false>
      ? never
      : K;
}[keyof C];

/**
 * A row as read from the table.
 *
 * @example
 * ```ts
 * import { table, uuid, text, type Row } from 'strata/schema';
 * const notes = table('notes', { id: uuid().primaryKey().defaultRandom(), body: text() });
 * type Note = Row<typeof notes>; // { id: string; body: string | null }
 * ```
 */
export type Row<T extends AnyTable> = Simplify<{
  -readonly [K in keyof ColumnsOf<T>]: SelectValue<ColumnsOf<T>[K]>;
}>;

/** What an insert takes: required columns, optional ones (nullable or defaulted); generated columns excluded. */
export type Insert<T extends AnyTable> = Simplify<
  { -readonly [K in RequiredInsertKeys<ColumnsOf<T>>]: WriteValue<ColumnsOf<T>[K]> } & {
    -readonly [K in OptionalInsertKeys<ColumnsOf<T>>]?: WriteValue<ColumnsOf<T>[K]>;
  }
>;

/** What an update takes: any insertable column, all optional. */
export type Update<T extends AnyTable> = Partial<Insert<T>>;

/** The Kysely column type of a DSL column. */
export type KyselyColumn<C> =
  C extends Column<unknown, boolean, boolean, true>
    ? ColumnType<SelectValue<C>, never, never>
    : C extends Column<unknown, true, false, false>
      ? ColumnType<SelectValue<C>, WriteValue<C>, WriteValue<C>>
      : ColumnType<SelectValue<C>, WriteValue<C> | undefined, WriteValue<C>>;

/** The Kysely table interface of a DSL table. */
export type KyselyTable<T> =
  T extends Table<string, infer C, string> ? { [K in keyof C]: KyselyColumn<C[K]> } : never;

/** The key Kysely uses for a table: `name` in public, `schema.name` elsewhere. */
export type TableKey<T> =
  T extends Table<infer N, ColumnsShape, infer S> ? (S extends 'public' ? N : `${S}.${N}`) : never;

/**
 * The Kysely `Database` interface of a schema, inferred with no code generation.
 *
 * @example
 * ```ts
 * import { Kysely } from 'kysely';
 * import { defineSchema, table, uuid, text, type DatabaseOf } from 'strata/schema';
 * const notes = table('notes', { id: uuid().primaryKey().defaultRandom(), body: text() });
 * const schema = defineSchema({ notes });
 * type DB = DatabaseOf<typeof schema>;
 * declare const db: Kysely<DB>;
 * await db.selectFrom('notes').select(['id', 'body']).execute();
 * ```
 */
export type DatabaseOf<S> =
  S extends Schema<infer I extends SchemaInput>
    ? { [K in keyof TablesOf<I> as TableKey<TablesOf<I>[K]>]: KyselyTable<TablesOf<I>[K]> }
    : never;

/** Any column's select type, for generic helpers. */
export type AnyColumnValue = SelectValue<AnyColumn>;
