import { type EnumType, pgEnum } from './enum.js';
import type { BoundColumns, ColumnsShape, Table, TableExtra } from './table.js';
import { schemaTable } from './table.js';

/**
 * A PostgreSQL schema (namespace) other than `public`, to declare tables and enums in.
 *
 * @example
 * ```ts
 * import { pgSchema, uuid } from 'strata/schema';
 * const billing = pgSchema('billing');
 * export const plan = billing.enum('plan', ['free', 'pro']);
 * export const accounts = billing.table('accounts', { id: uuid().primaryKey(), plan: plan().notNull() });
 * ```
 */
export function pgSchema<TSchema extends string>(schema: TSchema) {
  return {
    kind: 'pgSchema' as const,
    name: schema,
    table<TName extends string, TColumns extends ColumnsShape>(
      name: TName,
      columns: TColumns,
      extras?: (columns: BoundColumns<TColumns>) => readonly TableExtra[],
    ): Table<TName, TColumns, TSchema> {
      return schemaTable(schema, name, columns, extras);
    },
    enum<const TValues extends readonly [string, ...string[]]>(
      name: string,
      values: TValues,
    ): EnumType<TValues> {
      return pgEnum(name, values, { schema });
    },
  };
}
