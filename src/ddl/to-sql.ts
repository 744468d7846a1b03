import type { SchemaModel } from '../model/schema-model.js';
import type { TableModel } from '../model/table.js';
import { renderComment } from './render-comment.js';
import { renderAddConstraint } from './render-constraint.js';
import { renderCreateEnum } from './render-enum.js';
import { renderCreateExtension } from './render-extension.js';
import { renderCreateIndex } from './render-index.js';
import { renderCreateSchema } from './render-schema.js';
import { renderCreateSequence } from './render-sequence.js';
import { constraintsAfterCreate, renderCreateTable } from './render-table.js';
import { compareText, sortByName } from './sort-by-name.js';
import { orderTablesByDependency } from './table-order.js';

export interface ToSqlOptions {
  /** Emit `CREATE EXTENSION IF NOT EXISTS` for the model's extensions (default true). */
  readonly extensions?: boolean;
  /** Emit `COMMENT ON` for table, column and index comments (default true). */
  readonly comments?: boolean;
}

/** A new object has no comment to remove, so an empty one needs no statement. */
function hasComment(comment: string | undefined): comment is string {
  return comment !== undefined && comment !== '';
}

function commentStatements(table: TableModel): string[] {
  const statements: string[] = [];
  if (hasComment(table.comment)) statements.push(renderComment(table, table.comment));
  for (const column of table.columns) {
    if (!hasComment(column.comment)) continue;
    const target = { kind: 'column', schema: table.schema, table: table.name, column: column.name } as const;
    statements.push(renderComment(target, column.comment));
  }
  for (const index of sortByName(table.indexes)) {
    if (!hasComment(index.comment)) continue;
    statements.push(renderComment({ kind: 'index', schema: table.schema, name: index.name }, index.comment));
  }
  return statements;
}

/**
 * The DDL of a model in groups that each may only depend on earlier ones: schemas, extensions
 * (which may live in one of those schemas), enums, sequences, tables, constraints added after
 * all tables (foreign keys, NOT VALID checks), indexes, comments. Empty groups are left out.
 */
function statementGroups(model: SchemaModel, options: ToSqlOptions): string[][] {
  const tables = orderTablesByDependency(model.tables);
  const groups: string[][] = [
    // `public` exists in every database; creating it again would fail.
    [...model.schemas]
      .filter((schema) => schema !== 'public')
      .sort(compareText)
      .map((schema) => renderCreateSchema(schema)),
    options.extensions === false
      ? []
      : sortByName(model.extensions).map((extension) => renderCreateExtension(extension)),
    sortByName(model.enums).map(renderCreateEnum),
    sortByName(model.sequences).map((sequence) => renderCreateSequence(sequence)),
    tables.map((table) => renderCreateTable(table)),
    tables.flatMap((table) =>
      constraintsAfterCreate(table).map((constraint) => renderAddConstraint(table, constraint)),
    ),
    // Every table here is new and empty: CONCURRENTLY would gain nothing and cannot run in a transaction.
    tables.flatMap((table) =>
      sortByName(table.indexes).map((index) => renderCreateIndex(table, index, { concurrently: false })),
    ),
    options.comments === false ? [] : tables.flatMap(commentStatements),
  ];
  return groups.filter((group) => group.length > 0);
}

/**
 * Every statement that creates the model in an empty database, in an order that runs:
 * see `toSql` for the order. Each statement ends with `;`.
 *
 * @example
 * ```ts
 * import type { Database } from 'strata';
 * import { toSqlStatements } from 'strata/ddl';
 * import type { Schema } from 'strata/schema';
 *
 * declare const db: Database;
 * declare const schema: Schema; // from defineSchema()
 * for (const statement of toSqlStatements(schema.model)) await db.executor.exec(statement);
 * ```
 */
export function toSqlStatements(model: SchemaModel, options: ToSqlOptions = {}): string[] {
  return statementGroups(model, options).flat();
}

/**
 * The complete DDL of a model as one script: CREATE SCHEMA, CREATE EXTENSION IF NOT EXISTS,
 * CREATE TYPE ... AS ENUM, CREATE SEQUENCE, CREATE TABLE (referenced tables first; primary key,
 * unique and check constraints inline), foreign keys as ALTER TABLE ... ADD CONSTRAINT once every
 * table exists (so cycles and forward references work), CREATE INDEX, COMMENT ON.
 * Groups are separated by a blank line, as are multi-line statements. The same model always gives
 * the same text, whatever the order of its lists (only column and key column order matter).
 *
 * @example
 * ```ts
 * import type { Database } from 'strata';
 * import { toSql } from 'strata/ddl';
 * import type { Schema } from 'strata/schema';
 *
 * declare const db: Database;
 * declare const schema: Schema; // from defineSchema()
 * await db.executor.exec(toSql(schema.model));
 * ```
 */
export function toSql(model: SchemaModel, options: ToSqlOptions = {}): string {
  const blocks = statementGroups(model, options).map((group) =>
    group.join(group.some((statement) => statement.includes('\n')) ? '\n\n' : '\n'),
  );
  return blocks.length === 0 ? '' : `${blocks.join('\n\n')}\n`;
}
