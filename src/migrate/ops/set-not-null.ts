import type { OperationHandler } from './handler.js';
import { alterColumn, displayName, type ObjectName, refArg } from './refs.js';
import { statement } from './rendered-statement.js';

/** `ALTER TABLE … ALTER COLUMN … SET NOT NULL` (fails while a row holds NULL). */
export interface SetNotNullOperation {
  readonly kind: 'setNotNull';
  readonly table: ObjectName;
  readonly column: string;
}

export const setNotNullHandler: OperationHandler<SetNotNullOperation> = {
  render: (op) => [statement(`${alterColumn(op.table, op.column)} SET NOT NULL;`)],
  invert: (op) => ({ kind: 'dropNotNull', table: op.table, column: op.column }),
  destructive: () => false,
  call: (op) => ({ method: 'setNotNull', args: [refArg(op.table), op.column] }),
  describe: (op) => `set ${displayName(op.table)}.${op.column} NOT NULL`,
};
