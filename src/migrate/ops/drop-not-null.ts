import type { OperationHandler } from './handler.js';
import { alterColumn, displayName, type ObjectName, refArg } from './refs.js';
import { statement } from './rendered-statement.js';

/** `ALTER TABLE … ALTER COLUMN … DROP NOT NULL`. */
export interface DropNotNullOperation {
  readonly kind: 'dropNotNull';
  readonly table: ObjectName;
  readonly column: string;
}

export const dropNotNullHandler: OperationHandler<DropNotNullOperation> = {
  render: (op) => [statement(`${alterColumn(op.table, op.column)} DROP NOT NULL;`)],
  invert: (op) => ({ kind: 'setNotNull', table: op.table, column: op.column }),
  destructive: () => false,
  call: (op) => ({ method: 'dropNotNull', args: [refArg(op.table), op.column] }),
  describe: (op) => `allow NULL in ${displayName(op.table)}.${op.column}`,
};
