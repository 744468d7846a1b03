import { StrataError } from '../errors/strata-error.js';
import type { AnyColumn } from '../schema/column.js';
import type { AnyTable } from '../schema/table.js';
import { columnJsonSchema, type JsonSchema } from './json-schema.js';

/** Which columns of a table an HTTP API reads and writes. */
export interface TableColumnsOptions {
  /** Columns never sent in responses (e.g. a password hash). Vector columns are left out unless listed in `vectors`. */
  readonly omit?: readonly string[];
  /** Vector columns to include in responses (they are large, so left out by default). */
  readonly vectors?: readonly string[];
  /** Columns clients may not set (besides generated ones and the conventional-role columns). */
  readonly readOnly?: readonly string[];
}

/** The columns an HTTP API over one table uses, by purpose. */
export interface TableHttpColumns {
  readonly table: AnyTable;
  /** `table` or `schema.table`, for messages. */
  readonly label: string;
  readonly primaryKey: readonly AnyColumn[];
  /** Sent in responses. */
  readonly response: readonly AnyColumn[];
  /** Accepted in a create body. */
  readonly create: readonly AnyColumn[];
  /** Accepted in an update body. */
  readonly update: readonly AnyColumn[];
  /** Every column by name. */
  readonly byName: ReadonlyMap<string, AnyColumn>;
}

/** The JSON Schemas of an HTTP API over one table. */
export interface TableJsonSchemas {
  /** A row as the API returns it. */
  readonly row: JsonSchema;
  /** The body of a create request. */
  readonly create: JsonSchema;
  /** The body of an update request (any writable column but the primary key; at least one). */
  readonly update: JsonSchema;
  /** The path parameters naming one row: its primary key columns. */
  readonly params: JsonSchema;
}

const VECTOR_KINDS = new Set(['vector', 'halfvec', 'sparsevec']);

/**
 * Sorts a table's columns by what an HTTP API does with them. Conventional-role columns
 * (`created_at`, `updated_at`, `deleted_at`, `is_active`, `version`) and generated columns are
 * kept by the database and repositories, so clients never write them.
 * Unknown names in the options are refused with USAGE.
 */
export function tableHttpColumns(table: AnyTable, options: TableColumnsOptions = {}): TableHttpColumns {
  const label = table.qualifiedName;
  const columns = Object.values(table.columns) as AnyColumn[];
  const byName = new Map(columns.map((c) => [c.columnName, c]));
  const check = (names: readonly string[] | undefined, option: string): Set<string> => {
    for (const name of names ?? []) {
      if (!byName.has(name)) {
        throw new StrataError(
          'USAGE',
          `The ${option} option names ${JSON.stringify(name)}, which is not a column of ${label}; its columns are: ${[...byName.keys()].join(', ')}.`,
          { table: label, option, column: name },
        );
      }
    }
    return new Set(names ?? []);
  };
  const omit = check(options.omit, 'omit');
  const vectors = check(options.vectors, 'vectors');
  const readOnly = check(options.readOnly, 'readOnly');
  const primaryKeyNames = new Set(table.primaryKeyColumns());
  const primaryKey = table.primaryKeyColumns().map((name) => byName.get(name)!);
  const response = columns.filter(
    (c) => !omit.has(c.columnName) && (!VECTOR_KINDS.has(c.spec.valueKind.kind) || vectors.has(c.columnName)),
  );
  const create = columns.filter((c) => isClientWritable(c) && !readOnly.has(c.columnName));
  const update = create.filter((c) => !primaryKeyNames.has(c.columnName));
  return { table, label, primaryKey, response, create, update, byName };
}

function isClientWritable(column: AnyColumn): boolean {
  const spec = column.spec;
  if (spec.generated !== undefined) return false;
  if (spec.identity?.always) return false;
  return spec.role === undefined;
}

/** Whether an insert may leave the column out. */
export function hasDefault(column: AnyColumn): boolean {
  const spec = column.spec;
  return (
    spec.default !== undefined ||
    spec.serial === true ||
    spec.identity !== undefined ||
    spec.generated !== undefined ||
    !(spec.notNull || spec.primaryKey)
  );
}

/**
 * The JSON Schemas of the HTTP API over a table: the row, the create and update bodies, and
 * the path parameters. Bodies refuse unknown properties, so a misspelt column is an error
 * rather than silently dropped.
 *
 * @example
 * ```ts
 * import { tableHttpColumns, tableJsonSchemas } from 'strata/http';
 * import { table, text, timestamps, uuidPrimaryKey } from 'strata/schema';
 *
 * const documents = table('documents', {
 *   id: uuidPrimaryKey(),
 *   title: text().notNull(),
 *   content: text().notNull(),
 *   summary: text(),
 *   ...timestamps(),
 * });
 * const schemas = tableJsonSchemas(tableHttpColumns(documents));
 * schemas.create.required; // ['title', 'content']
 * ```
 */
export function tableJsonSchemas(columns: TableHttpColumns): TableJsonSchemas {
  const properties = (list: readonly AnyColumn[], direction: 'request' | 'response') =>
    Object.fromEntries(list.map((c) => [c.columnName, columnJsonSchema(c, direction)]));
  const title = columns.table.name;
  return {
    row: {
      title,
      type: 'object',
      properties: properties(columns.response, 'response'),
      required: columns.response.map((c) => c.columnName),
      ...(columns.table.options.comment === undefined ? {} : { description: columns.table.options.comment }),
    },
    create: {
      title: `${title} (create)`,
      type: 'object',
      properties: properties(columns.create, 'request'),
      required: columns.create.filter((c) => !hasDefault(c)).map((c) => c.columnName),
      additionalProperties: false,
    },
    update: {
      title: `${title} (update)`,
      type: 'object',
      properties: properties(columns.update, 'request'),
      minProperties: 1,
      additionalProperties: false,
    },
    params: {
      type: 'object',
      properties: Object.fromEntries(
        columns.primaryKey.map((c) => [c.columnName, columnJsonSchema(c, 'request')]),
      ),
      required: columns.primaryKey.map((c) => c.columnName),
    },
  };
}
