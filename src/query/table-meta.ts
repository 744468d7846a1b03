import { StrataError } from '../errors/strata-error.js';
import { VECTOR_TYPES } from '../model/pgvector.js';
import type { AnyColumn, ColumnRole } from '../schema/column.js';
import type { AnyTable } from '../schema/table.js';
import type { ValueKind } from '../schema/value-kind.js';
import { makeBulkValuePreparer, makeValuePreparer, type PrepareValue } from './prepare-value.js';
import { quoteIdentifier } from './sql-writer.js';
import { valueInvalid } from './value-error.js';

/** What queries need to know about one column, computed once per table. */
export interface ColumnMeta {
  /** The table, as `table` or `schema.table`, for messages. */
  readonly table: string;
  readonly name: string;
  /** The quoted identifier. */
  readonly sql: string;
  readonly kind: ValueKind;
  readonly notNull: boolean;
  /** An insert may leave it out (default, serial, identity, generated). */
  readonly hasDefault: boolean;
  /** An insert or update must leave it out (generated stored column, identity always). */
  readonly generated: boolean;
  readonly role: ColumnRole | undefined;
  /** vector, halfvec or sparsevec: large, so left out of reads unless asked for. */
  readonly isVector: boolean;
  /** Checks a non-null value and turns it into a parameter. */
  readonly prepare: PrepareValue;
  /** Like `prepare`, but vectors stay numbers, for binary COPY. */
  readonly prepareBulk: PrepareValue;
  /** Turns a value as the driver parsed it into the column's JavaScript type; undefined when nothing to do. */
  readonly decode: ((value: unknown) => unknown) | undefined;
  /** The element SQL type of an array column, for casts of array parameters (`text`, `public.mood`). */
  readonly sqlType: string;
}

/** Everything a repository precomputes about its table. */
export interface TableMeta {
  readonly table: AnyTable;
  /** `table` or `schema.table`, for messages. */
  readonly label: string;
  /** The quoted, schema-qualified table name. */
  readonly sql: string;
  readonly columns: ReadonlyMap<string, ColumnMeta>;
  readonly columnList: readonly ColumnMeta[];
  readonly primaryKey: readonly ColumnMeta[];
  /** Column sets with a unique constraint or a full unique index (ON CONFLICT targets), the primary key first. */
  readonly uniqueKeys: readonly (readonly string[])[];
  readonly roles: Readonly<Partial<Record<ColumnRole, ColumnMeta>>>;
  /** Columns read by default: all but vectors. */
  readonly defaultSelect: readonly ColumnMeta[];
  /** Columns whose values need `decode` after a read. */
  readonly decoded: readonly ColumnMeta[];
  /** How soft deletion is recorded, if it is. */
  readonly softDelete: { readonly kind: 'deletedAt' | 'isActive'; readonly column: ColumnMeta } | undefined;
}

const cache = new WeakMap<AnyTable, TableMeta>();

/**
 * The precomputed metadata of a DSL table (cached per table object).
 *
 * @example
 * ```ts
 * import { table, text, uuidPrimaryKey } from 'strata/schema';
 *
 * const posts = table('posts', { id: uuidPrimaryKey(), title: text().notNull() });
 * const meta = tableMeta(posts);
 * meta.primaryKey.map((c) => c.name); // ['id']
 * ```
 */
export function tableMeta(table: AnyTable): TableMeta {
  let meta = cache.get(table);
  if (meta === undefined) {
    meta = buildTableMeta(table);
    cache.set(table, meta);
  }
  return meta;
}

const VECTOR_KINDS: ReadonlySet<ValueKind['kind']> = new Set(['vector', 'halfvec', 'sparsevec']);

function buildTableMeta(table: AnyTable): TableMeta {
  const label = table.qualifiedName;
  const sqlName =
    table.schema === 'public'
      ? quoteIdentifier(table.name)
      : `${quoteIdentifier(table.schema)}.${quoteIdentifier(table.name)}`;
  const hnswColumns = hnswIndexedColumns(table);
  const columns = new Map<string, ColumnMeta>();
  for (const column of Object.values(table.columns) as AnyColumn[]) {
    columns.set(column.columnName, columnMeta(label, column, hnswColumns.has(column.columnName)));
  }
  const columnList = [...columns.values()];
  const primaryKey = table.primaryKeyColumns().map((name) => columns.get(name)!);
  const roles: Partial<Record<ColumnRole, ColumnMeta>> = {};
  for (const c of columnList) {
    if (c.role === undefined) continue;
    if (roles[c.role] !== undefined) {
      throw new StrataError(
        'SCHEMA_INVALID',
        `Table ${label} has two columns with the role "${c.role}" (${roles[c.role]!.name} and ${c.name}); keep one.`,
        { table: label, role: c.role },
      );
    }
    roles[c.role] = c;
  }
  if (roles.deletedAt && roles.isActive) {
    throw new StrataError(
      'SCHEMA_INVALID',
      `Table ${label} marks soft deletion twice (${roles.deletedAt.name} and ${roles.isActive.name}); keep one.`,
      { table: label },
    );
  }
  const softDelete = roles.deletedAt
    ? ({ kind: 'deletedAt', column: roles.deletedAt } as const)
    : roles.isActive
      ? ({ kind: 'isActive', column: roles.isActive } as const)
      : undefined;
  return {
    table,
    label,
    sql: sqlName,
    columns,
    columnList,
    primaryKey,
    uniqueKeys: uniqueKeys(table, primaryKey),
    roles,
    defaultSelect: columnList.filter((c) => !c.isVector),
    decoded: columnList.filter((c) => c.decode !== undefined),
    softDelete,
  };
}

function columnMeta(table: string, column: AnyColumn, hnswIndexed: boolean): ColumnMeta {
  const spec = column.spec;
  const target = { table, column: column.columnName };
  const sparseLimit =
    hnswIndexed && spec.valueKind.kind === 'sparsevec'
      ? { maxSparseNonZero: VECTOR_TYPES.sparsevec.maxIndexedDims }
      : {};
  return {
    table,
    name: column.columnName,
    sql: quoteIdentifier(column.columnName),
    kind: spec.valueKind,
    notNull: spec.notNull || spec.primaryKey,
    hasDefault:
      spec.default !== undefined ||
      spec.serial === true ||
      spec.identity !== undefined ||
      spec.generated !== undefined,
    generated: spec.generated !== undefined || spec.identity?.always === true,
    role: spec.role,
    isVector: VECTOR_KINDS.has(spec.valueKind.kind),
    prepare: makeValuePreparer(spec.valueKind, target, sparseLimit),
    prepareBulk: makeBulkValuePreparer(spec.valueKind, target, sparseLimit),
    decode: decoderFor(spec.valueKind, spec.mode, target),
    sqlType: elementTypeSql(column),
  };
}

function decoderFor(
  kind: ValueKind,
  mode: 'bigint' | 'number' | 'string' | undefined,
  target: { table: string; column: string },
): ((value: unknown) => unknown) | undefined {
  if (kind.kind !== 'bigint' || mode === undefined || mode === 'bigint') return undefined;
  if (mode === 'string') return (value) => (typeof value === 'bigint' ? value.toString() : value);
  return (value) => {
    if (typeof value !== 'bigint') return value;
    const n = Number(value);
    if (!Number.isSafeInteger(n)) {
      throw valueInvalid(
        target,
        `the database holds ${value}, beyond 2^53: declare the column bigint() (mode 'bigint').`,
      );
    }
    return n;
  };
}

/** The SQL name of a column's (element) type, for casts: `text`, `"public"."mood"`, `vector`. */
function elementTypeSql(column: AnyColumn): string {
  const type = column.spec.type;
  const name =
    type.schema === undefined ? type.name : `${quoteIdentifier(type.schema)}.${quoteIdentifier(type.name)}`;
  return name;
}

function hnswIndexedColumns(table: AnyTable): Set<string> {
  const names = new Set<string>();
  for (const extra of table.extras()) {
    if (extra.kind !== 'indexDef' || extra.spec.method !== 'hnsw') continue;
    for (const element of extra.spec.elements) if (element.kind === 'indexColumn') names.add(element.column);
  }
  return names;
}

function uniqueKeys(table: AnyTable, primaryKey: readonly ColumnMeta[]): string[][] {
  const keys: string[][] = [];
  if (primaryKey.length > 0) keys.push(primaryKey.map((c) => c.name));
  for (const column of Object.values(table.columns) as AnyColumn[]) {
    if (column.spec.unique) keys.push([column.columnName]);
  }
  for (const extra of table.extras()) {
    if (extra.kind === 'uniqueDef') keys.push(extra.def.columns.map((c) => c.columnName));
    else if (extra.kind === 'indexDef' && extra.spec.unique && extra.spec.where === undefined) {
      const elements = extra.spec.elements;
      if (elements.every((e) => e.kind === 'indexColumn'))
        keys.push(elements.map((e) => (e.kind === 'indexColumn' ? e.column : '')));
    }
  }
  return keys;
}

/**
 * A column of the table by name, or a USAGE error listing the columns. Every name a caller
 * gives (filters, sort keys, select lists, conflict targets) goes through here, so only
 * declared columns ever reach SQL.
 */
export function columnOf(meta: TableMeta, name: string, what = 'column'): ColumnMeta {
  const column = typeof name === 'string' ? meta.columns.get(name) : undefined;
  if (column === undefined) {
    throw new StrataError(
      'USAGE',
      `Unknown ${what} ${JSON.stringify(name)} on table ${meta.label}; its columns are: ${[...meta.columns.keys()].join(', ')}.`,
      { table: meta.label, column: String(name) },
    );
  }
  return column;
}
