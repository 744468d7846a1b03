import { renderAddColumn, renderDropColumn } from '../../ddl/render-column.js';
import type { ColumnModel } from '../../model/column.js';
import type { OperationHandler } from './handler.js';
import { displayName, type ObjectName, refArg } from './refs.js';
import { statement } from './rendered-statement.js';
import { columnCommentSql } from './table-comments.js';

/**
 * Turns a plain column into a generated one. PostgreSQL cannot add an expression to an existing
 * column, so the column is dropped and added again as `column` describes it (it moves to the
 * end of the table); the values it held are replaced by computed ones.
 */
export interface AddGeneratedOperation {
  readonly kind: 'addGenerated';
  readonly table: ObjectName;
  readonly column: ColumnModel;
}

export const addGeneratedHandler: OperationHandler<AddGeneratedOperation> = {
  render: (op) =>
    [
      renderDropColumn(op.table, op.column.name),
      renderAddColumn(op.table, op.column),
      ...columnCommentSql(op.table, op.column),
    ].map(statement),
  invert: (op) => ({ kind: 'dropGenerated', table: op.table, column: op.column.name, model: op.column }),
  destructive: (op) =>
    `replaces the values of ${displayName(op.table)}.${op.column.name} by the generated expression's`,
  call: (op) => ({ method: 'addGenerated', args: [refArg(op.table), op.column] }),
  describe: (op) => `make ${displayName(op.table)}.${op.column.name} a generated column`,
};
