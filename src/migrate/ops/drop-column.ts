import { renderDropColumn } from '../../ddl/render-column.js';
import type { ColumnModel } from '../../model/column.js';
import type { OperationHandler } from './handler.js';
import { irreversible } from './irreversible.js';
import { displayName, type ObjectName, refArg } from './refs.js';
import { statement } from './rendered-statement.js';

/**
 * `ALTER TABLE … DROP COLUMN …`, without CASCADE: indexes and constraints on the column are
 * dropped by earlier operations. `model` is the column as it was, for the inverse.
 */
export interface DropColumnOperation {
  readonly kind: 'dropColumn';
  readonly table: ObjectName;
  readonly column: string;
  readonly model?: ColumnModel;
}

export const dropColumnHandler: OperationHandler<DropColumnOperation> = {
  render: (op) => [statement(renderDropColumn(op.table, op.column))],
  invert: (op) =>
    op.model === undefined
      ? irreversible(
          op,
          `column ${displayName(op.table)}.${op.column} is not described: pass its model to op.dropColumn`,
        )
      : { kind: 'addColumn', table: op.table, column: op.model },
  // A generated column's values are computed again from the others: nothing is lost.
  destructive: (op) =>
    op.model?.generated !== undefined
      ? false
      : `drops column ${displayName(op.table)}.${op.column} and its data; the downgrade recreates it empty`,
  call: (op) => ({
    method: 'dropColumn',
    args: op.model === undefined ? [refArg(op.table), op.column] : [refArg(op.table), op.column, op.model],
  }),
  describe: (op) => `drop column ${displayName(op.table)}.${op.column}`,
};
