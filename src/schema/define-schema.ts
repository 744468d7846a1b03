import type { EnumModel, ExtensionModel, SchemaModel, TableModel } from '../model/index.js';
import type { AnyColumn, EnumTypeRef } from './column.js';
import { isEnumType } from './enum.js';
import { requiredExtensions } from './required-extensions.js';
import { type AnyTable, isTable } from './table.js';
import { toTableModel } from './to-table-model.js';
import { validateSchemaModel } from './validate/validate-schema.js';

/** What `defineSchema` accepts: an object (or a module namespace) of tables and enums; other values are ignored. */
export type SchemaInput = Readonly<Record<string, unknown>>;

/** The tables of a schema input, by export name. */
export type TablesOf<T extends SchemaInput> = {
  readonly [K in keyof T as T[K] extends AnyTable ? K : never]: T[K];
};

export interface SchemaOptions {
  /** Extensions to create besides the ones derived from the schema. */
  readonly extensions?: readonly string[];
}

/**
 * A validated schema: the DSL's tables plus the SchemaModel that migrations,
 * `toSql` and the catalog differ work with.
 */
export interface Schema<T extends SchemaInput = SchemaInput> {
  readonly kind: 'schemaDef';
  readonly tables: TablesOf<T>;
  readonly model: SchemaModel;
  /** A table by its SQL name (`documents` or `app.documents`). */
  table(name: string): AnyTable | undefined;
}

function compareQualified(a: { schema: string; name: string }, b: { schema: string; name: string }): number {
  const x = `${a.schema}\u0000${a.name}`;
  const y = `${b.schema}\u0000${b.name}`;
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Builds and validates a schema from tables and enums. Enums used by columns are
 * included even when not listed; the extensions the schema needs are derived.
 * Throws a SCHEMA_INVALID StrataError that lists every problem.
 *
 * @example
 * ```ts
 * import { defineSchema, table, uuid, text, vector, index } from 'strata/schema';
 * const docs = table('docs', { id: uuid().primaryKey().defaultRandom(), body: text().notNull(), embedding: vector(1536) }, (t) => [
 *   index('docs_embedding_idx').using('hnsw', t.embedding.op('vector_cosine_ops')),
 * ]);
 * export const schema = defineSchema({ docs });
 * schema.model.extensions; // [{ kind: 'extension', name: 'vector' }]
 * ```
 */
export function defineSchema<const T extends SchemaInput>(input: T, options: SchemaOptions = {}): Schema<T> {
  const tables: Record<string, AnyTable> = {};
  const enums = new Map<string, EnumTypeRef>();
  const addEnum = (ref: EnumTypeRef) => enums.set(`${ref.schema}.${ref.name}`, ref);
  for (const [key, value] of Object.entries(input)) {
    if (isTable(value)) tables[key] = value;
    else if (isEnumType(value)) addEnum(value);
  }
  const tableModels: TableModel[] = [];
  for (const t of Object.values(tables)) {
    for (const col of Object.values(t.columns) as AnyColumn[])
      if (col.spec.enumType) addEnum(col.spec.enumType);
    tableModels.push(toTableModel(t));
  }
  tableModels.sort(compareQualified);
  const enumModels: EnumModel[] = [...enums.values()]
    .map((e) => ({
      kind: 'enum' as const,
      schema: e.schema,
      name: e.name,
      values: [...e.values],
      ...(e.renamedValues && Object.keys(e.renamedValues).length > 0
        ? { renamedValues: e.renamedValues }
        : {}),
    }))
    .sort(compareQualified);
  const extensionNames = new Set([
    ...requiredExtensions({ tables: tableModels }),
    ...(options.extensions ?? []),
  ]);
  const extensions: ExtensionModel[] = [...extensionNames]
    .sort()
    .map((name) => ({ kind: 'extension', name }));
  const schemas = [...new Set([...tableModels.map((t) => t.schema), ...enumModels.map((e) => e.schema)])]
    .filter((s) => s !== 'public')
    .sort();
  const model: SchemaModel = {
    kind: 'schemaModel',
    extensions,
    schemas,
    enums: enumModels,
    sequences: [],
    tables: tableModels,
  };
  validateSchemaModel(model);
  const byName = new Map(Object.values(tables).map((t) => [t.qualifiedName, t]));
  return {
    kind: 'schemaDef',
    tables: tables as TablesOf<T>,
    model,
    table: (name: string) => byName.get(name) ?? byName.get(name.replace(/^public\./, '')),
  };
}
