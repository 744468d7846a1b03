import type { ColumnModel } from '../../model/column.js';
import type { OperationHandler } from './handler.js';
import { irreversible } from './irreversible.js';
import { alterColumn, displayName, type ObjectName, refArg } from './refs.js';
import { statement } from './rendered-statement.js';

/**
 * `ALTER TABLE … ALTER COLUMN … DROP EXPRESSION`: a generated column becomes a plain one and
 * keeps its values. `model` is the generated column, for the inverse.
 */
export interface DropGeneratedOperation {
  readonly kind: 'dropGenerated';
  readonly table: ObjectName;
  readonly column: string;
  readonly model?: ColumnModel;
}

export const dropGeneratedHandler: OperationHandler<DropGeneratedOperation> = {
  render: (op) => [statement(`${alterColumn(op.table, op.column)} DROP EXPRESSION;`)],
  invert: (op) =>
    op.model?.generated === undefined
      ? irreversible(
          op,
          `the generated column ${displayName(op.table)}.${op.column} is not described: pass its model to op.dropGenerated`,
        )
      : { kind: 'addGenerated', table: op.table, column: op.model },
  destructive: () => false,
  call: (op) => ({
    method: 'dropGenerated',
    args: op.model === undefined ? [refArg(op.table), op.column] : [refArg(op.table), op.column, op.model],
  }),
  describe: (op) => `stop generating ${displayName(op.table)}.${op.column}`,
};
