import { renderAddColumn } from '../../ddl/render-column.js';
import type { ColumnModel } from '../../model/column.js';
import type { OperationHandler } from './handler.js';
import { displayName, type ObjectName, refArg } from './refs.js';
import { statement } from './rendered-statement.js';
import { columnCommentSql } from './table-comments.js';

/** `ALTER TABLE … ADD COLUMN …` (and its comment). The column goes after the existing ones. */
export interface AddColumnOperation {
  readonly kind: 'addColumn';
  readonly table: ObjectName;
  readonly column: ColumnModel;
}

export const addColumnHandler: OperationHandler<AddColumnOperation> = {
  render: (op) =>
    [renderAddColumn(op.table, op.column), ...columnCommentSql(op.table, op.column)].map(statement),
  invert: (op) => ({ kind: 'dropColumn', table: op.table, column: op.column.name, model: op.column }),
  destructive: () => false,
  call: (op) => ({ method: 'addColumn', args: [refArg(op.table), op.column] }),
  describe: (op) => `add column ${displayName(op.table)}.${op.column.name}`,
};
