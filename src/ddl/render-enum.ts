import type { EnumModel } from '../model/schema-model.js';
import { type ObjectName, qualifiedIdent, quoteLiteral } from './quote.js';

/** Where `ALTER TYPE ... ADD VALUE` puts the new label; at the end when not given. */
export type EnumValuePosition = { readonly before: string } | { readonly after: string };

/**
 * `CREATE TYPE ... AS ENUM (...)`, labels in their sort order.
 *
 * @example
 * ```ts
 * renderCreateEnum({ kind: 'enum', schema: 'app', name: 'task_status', values: ['todo', 'done'] });
 * // CREATE TYPE app.task_status AS ENUM ('todo', 'done');
 * ```
 */
export function renderCreateEnum(enumModel: EnumModel): string {
  const labels = enumModel.values.map(quoteLiteral).join(', ');
  return `CREATE TYPE ${qualifiedIdent(enumModel.schema, enumModel.name)} AS ENUM (${labels});`;
}

/**
 * `DROP TYPE`.
 *
 * @example
 * ```ts
 * renderDropEnum({ schema: 'public', name: 'mood' }, { ifExists: true }); // DROP TYPE IF EXISTS mood;
 * ```
 */
export function renderDropEnum(
  enumName: ObjectName,
  options: { readonly ifExists?: boolean; readonly cascade?: boolean } = {},
): string {
  const ifExists = options.ifExists === true ? 'IF EXISTS ' : '';
  const cascade = options.cascade === true ? ' CASCADE' : '';
  return `DROP TYPE ${ifExists}${qualifiedIdent(enumName.schema, enumName.name)}${cascade};`;
}

/**
 * `ALTER TYPE ... ADD VALUE`. PostgreSQL cannot use the new label in the transaction that adds it
 * (and before 12 could not add it in a transaction at all): migrations run it on its own.
 *
 * @example
 * ```ts
 * renderAddEnumValue({ schema: 'public', name: 'mood' }, 'meh', { before: 'happy' });
 * // ALTER TYPE mood ADD VALUE 'meh' BEFORE 'happy';
 * ```
 */
export function renderAddEnumValue(
  enumName: ObjectName,
  value: string,
  position?: EnumValuePosition,
  options: { readonly ifNotExists?: boolean } = {},
): string {
  const ifNotExists = options.ifNotExists === true ? 'IF NOT EXISTS ' : '';
  const where =
    position === undefined
      ? ''
      : 'before' in position
        ? ` BEFORE ${quoteLiteral(position.before)}`
        : ` AFTER ${quoteLiteral(position.after)}`;
  return `ALTER TYPE ${qualifiedIdent(enumName.schema, enumName.name)} ADD VALUE ${ifNotExists}${quoteLiteral(value)}${where};`;
}

/**
 * `ALTER TYPE ... RENAME VALUE`.
 *
 * @example
 * ```ts
 * renderRenameEnumValue({ schema: 'public', name: 'mood' }, 'sad', 'unhappy');
 * // ALTER TYPE mood RENAME VALUE 'sad' TO 'unhappy';
 * ```
 */
export function renderRenameEnumValue(enumName: ObjectName, from: string, to: string): string {
  return `ALTER TYPE ${qualifiedIdent(enumName.schema, enumName.name)} RENAME VALUE ${quoteLiteral(from)} TO ${quoteLiteral(to)};`;
}
