import { sqlType } from '../model/index.js';
import { type Column, column, type EnumTypeRef } from './column.js';

/**
 * A PostgreSQL enum type. Call it to make a column of that type.
 *
 * @example
 * ```ts
 * import { pgEnum, table, uuid } from 'strata/schema';
 * export const taskStatus = pgEnum('task_status', ['pending', 'running', 'done']);
 * export const tasks = table('tasks', { id: uuid().primaryKey(), status: taskStatus().notNull().default('pending') });
 * ```
 */
export interface EnumType<TValues extends readonly [string, ...string[]]> extends EnumTypeRef {
  (): Column<TValues[number], false, false, false>;
  readonly values: TValues;
  /** Migration hint: labels renamed since the previous version (`{ old: 'new' }`). */
  readonly renamedValues: Readonly<Record<string, string>>;
  /** The same type with a rename hint for migrations. */
  withRenamedValues(renames: Readonly<Record<string, string>>): EnumType<TValues>;
}

/** Declares an enum type in `public` (or in `schema`). */
export function pgEnum<const TValues extends readonly [string, ...string[]]>(
  name: string,
  values: TValues,
  options: { schema?: string; renamedValues?: Readonly<Record<string, string>> } = {},
): EnumType<TValues> {
  const schema = options.schema ?? 'public';
  const renamedValues = options.renamedValues ?? {};
  const ref: EnumTypeRef = { kind: 'enumType', schema, name, values, renamedValues };
  const make = (): Column<TValues[number], false, false, false> =>
    column(sqlType(name, [], { schema }), { kind: 'enum', values }, { enumType: ref });
  // A function's own `name` is read-only: define it instead of assigning it.
  Object.defineProperty(make, 'name', { value: name });
  return Object.assign(make, {
    kind: 'enumType' as const,
    schema,
    values,
    renamedValues,
    withRenamedValues: (renames: Readonly<Record<string, string>>) =>
      pgEnum(name, values, { schema, renamedValues: renames }),
  }) as unknown as EnumType<TValues>;
}

/** Whether a value is an enum type made by `pgEnum`. */
export function isEnumType(value: unknown): value is EnumType<readonly [string, ...string[]]> {
  return typeof value === 'function' && (value as unknown as EnumTypeRef).kind === 'enumType';
}
