import type { AnyColumn, Column, ColumnRole } from './column.js';
import type { CheckDef, ForeignKeyDef, PrimaryKeyDef, UniqueBuilder } from './constraints.js';
import type { IndexBuilder } from './index-builder.js';

/** Everything a table's extras callback may return. */
export type TableExtra = IndexBuilder | PrimaryKeyDef | UniqueBuilder | CheckDef | ForeignKeyDef;
export type TableExtraKind = TableExtra['kind'];

/** Columns of a table, by name. */
export type ColumnsShape = Record<string, AnyColumn>;

/** The columns once bound to their table (names and owner known). */
export type BoundColumns<TColumns extends ColumnsShape> = { readonly [K in keyof TColumns]: TColumns[K] };

/**
 * A table declared with the DSL. Immutable: `comment()` and `renamedFrom()` return new tables.
 * Column names are the keys of the columns object, exactly as they will be in the database.
 */
export class Table<
  TName extends string = string,
  TColumns extends ColumnsShape = ColumnsShape,
  TSchema extends string = string,
> {
  readonly kind = 'tableDef' as const;

  constructor(
    readonly name: TName,
    readonly schema: TSchema,
    /** The columns, bound to this table: use them in extras and in `references(() => t.columns.id)`. */
    readonly columns: BoundColumns<TColumns>,
    extrasFn: ((columns: BoundColumns<TColumns>) => readonly TableExtra[]) | undefined,
    readonly options: { readonly comment?: string; readonly renamedFrom?: string } = {},
  ) {
    // Kept as a closure over the columns so that Table stays covariant in its columns.
    this.extrasThunk = extrasFn ? () => extrasFn(columns) : () => [];
  }

  private readonly extrasThunk: () => readonly TableExtra[];

  /** Indexes and table constraints (evaluated when the schema is defined). */
  extras(): readonly TableExtra[] {
    return this.extrasThunk();
  }

  /** `COMMENT ON TABLE`. */
  comment(text: string): Table<TName, TColumns, TSchema> {
    return this.withOptions({ comment: text });
  }

  /** Migration hint: this table was renamed from `previousName` (never guessed). */
  renamedFrom(previousName: string): Table<TName, TColumns, TSchema> {
    return this.withOptions({ renamedFrom: previousName });
  }

  private withOptions(patch: { comment?: string; renamedFrom?: string }): Table<TName, TColumns, TSchema> {
    const copy = Object.create(Table.prototype) as Table<TName, TColumns, TSchema>;
    Object.assign(copy, this, { options: { ...this.options, ...patch } });
    return copy;
  }

  /** The column playing a conventional role (soft delete, timestamps, version), if any. */
  columnWithRole(role: ColumnRole): AnyColumn | undefined {
    return Object.values(this.columns).find((c) => c.spec.role === role);
  }

  /** Primary key column names (from the columns or a composite `primaryKey()` extra). */
  primaryKeyColumns(): string[] {
    const fromColumns = Object.values(this.columns)
      .filter((c) => c.spec.primaryKey)
      .map((c) => c.columnName);
    if (fromColumns.length > 0) return fromColumns;
    const extra = this.extras().find((e): e is PrimaryKeyDef => e.kind === 'primaryKeyDef');
    return extra ? extra.columns.map((c) => c.columnName) : [];
  }

  /** `schema.name`, or just `name` in `public` (the key Kysely uses). */
  get qualifiedName(): string {
    return this.schema === 'public' ? this.name : `${this.schema}.${this.name}`;
  }
}

/**
 * Whether a value is a DSL table. Checks the `kind` tag, not `instanceof`: a schema module
 * loaded by the CLI may see another copy of this module.
 */
export function isTable(value: unknown): value is AnyTable {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'tableDef';
}

/** Any table. */
export type AnyTable = Table<string, ColumnsShape, string>;

function bindColumns<TColumns extends ColumnsShape>(
  columns: TColumns,
  owner: { schema: string; name: string },
): BoundColumns<TColumns> {
  const bound: Record<string, AnyColumn> = {};
  for (const [key, col] of Object.entries(columns)) bound[key] = col.bind(key, owner);
  return Object.freeze(bound) as BoundColumns<TColumns>;
}

/**
 * Declares a table in `public`. Column names are the object's keys.
 *
 * @example
 * ```ts
 * import { table, uuid, varchar, timestamptz, index } from 'strata/schema';
 * export const users = table('users', {
 *   id: uuid().primaryKey().defaultRandom(),
 *   email: varchar(255).notNull().unique(),
 *   created_at: timestamptz().notNull().defaultNow(),
 * }, (t) => [index('users_created_at_idx').on(t.created_at.desc())]);
 * ```
 */
export function table<TName extends string, TColumns extends ColumnsShape>(
  name: TName,
  columns: TColumns,
  extras?: (columns: BoundColumns<TColumns>) => readonly TableExtra[],
): Table<TName, TColumns, 'public'> {
  return schemaTable('public', name, columns, extras);
}

/** Declares a table in a given schema (see `pgSchema`). */
export function schemaTable<TSchema extends string, TName extends string, TColumns extends ColumnsShape>(
  schema: TSchema,
  name: TName,
  columns: TColumns,
  extras?: (columns: BoundColumns<TColumns>) => readonly TableExtra[],
): Table<TName, TColumns, TSchema> {
  return new Table(name, schema, bindColumns(columns, { schema, name }), extras);
}

/** Value type of a column (for helpers that accept a specific column). */
export type ColumnData<C> = C extends Column<infer T, boolean, boolean, boolean> ? T : never;
