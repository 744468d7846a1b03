import type { ConstraintModel } from '../model/constraint.js';
import type { TableModel } from '../model/table.js';
import { type ObjectName, qualifiedIdent } from './quote.js';
import { renderColumnDefinition } from './render-column.js';
import { renderConstraintClause } from './render-constraint.js';
import { sortByName } from './sort-by-name.js';

export interface CreateTableOptions {
  /**
   * Write foreign keys inside CREATE TABLE. Only right when every referenced table exists
   * already; by default they are left to `constraintsAfterCreate` so that cycles work.
   */
  readonly inlineForeignKeys?: boolean;
}

/**
 * The constraints `renderCreateTable` leaves out, to add with `ALTER TABLE ... ADD CONSTRAINT`
 * once all tables exist: NOT VALID checks first (inside CREATE TABLE PostgreSQL would validate
 * them and the catalog would no longer match the model), then foreign keys, each by name.
 *
 * @example
 * ```ts
 * import { constraintsAfterCreate, renderAddConstraint } from 'strata/ddl';
 * import type { TableModel } from 'strata/model';
 *
 * declare const posts: TableModel; // e.g. from defineSchema(…).model.tables
 * constraintsAfterCreate(posts).map((c) => renderAddConstraint(posts, c));
 * ```
 */
export function constraintsAfterCreate(
  table: TableModel,
  options: CreateTableOptions = {},
): ConstraintModel[] {
  const checks = sortByName(table.checks.filter((check) => check.notValid));
  const foreignKeys = sortByName(
    table.foreignKeys.filter((fk) => fk.notValid || options.inlineForeignKeys !== true),
  );
  return [...checks, ...foreignKeys];
}

function inlineConstraints(table: TableModel, options: CreateTableOptions): ConstraintModel[] {
  const deferred = new Set(constraintsAfterCreate(table, options));
  return [
    ...(table.primaryKey === undefined ? [] : [table.primaryKey]),
    ...sortByName(table.uniques),
    ...sortByName(table.checks),
    ...sortByName(table.foreignKeys),
  ].filter((constraint) => !deferred.has(constraint));
}

/**
 * `CREATE TABLE` with one column or constraint per line: columns in their order, then the primary
 * key, unique and check constraints by name. Indexes and comments are separate statements.
 *
 * @example
 * ```ts
 * import { renderCreateTable } from 'strata/ddl';
 * import type { TableModel } from 'strata/model';
 *
 * declare const users: TableModel; // e.g. from defineSchema(…).model.tables
 * renderCreateTable(users);
 * // CREATE TABLE users (
 * //   id uuid DEFAULT gen_random_uuid() NOT NULL,
 * //   email text NOT NULL,
 * //   CONSTRAINT users_pkey PRIMARY KEY (id),
 * //   CONSTRAINT users_email_key UNIQUE (email)
 * // );
 * ```
 */
export function renderCreateTable(table: TableModel, options: CreateTableOptions = {}): string {
  const lines = [
    ...table.columns.map(renderColumnDefinition),
    ...inlineConstraints(table, options).map(renderConstraintClause),
  ];
  const name = qualifiedIdent(table.schema, table.name);
  if (lines.length === 0) return `CREATE TABLE ${name} ();`;
  return `CREATE TABLE ${name} (\n${lines.map((line) => `  ${line}`).join(',\n')}\n);`;
}

/**
 * `DROP TABLE`.
 *
 * @example
 * ```ts
 * renderDropTable({ schema: 'app', name: 'tasks' }, { ifExists: true }); // DROP TABLE IF EXISTS app.tasks;
 * ```
 */
export function renderDropTable(
  table: ObjectName,
  options: { readonly ifExists?: boolean; readonly cascade?: boolean } = {},
): string {
  const ifExists = options.ifExists === true ? 'IF EXISTS ' : '';
  const cascade = options.cascade === true ? ' CASCADE' : '';
  return `DROP TABLE ${ifExists}${qualifiedIdent(table.schema, table.name)}${cascade};`;
}
