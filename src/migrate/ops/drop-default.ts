import type { OperationHandler } from './handler.js';
import { irreversible } from './irreversible.js';
import { alterColumn, displayName, type ObjectName, refArg } from './refs.js';
import { statement } from './rendered-statement.js';

/** `ALTER TABLE … ALTER COLUMN … DROP DEFAULT`. `previous` is the default dropped, for the inverse. */
export interface DropDefaultOperation {
  readonly kind: 'dropDefault';
  readonly table: ObjectName;
  readonly column: string;
  readonly previous?: string;
}

export const dropDefaultHandler: OperationHandler<DropDefaultOperation> = {
  render: (op) => [statement(`${alterColumn(op.table, op.column)} DROP DEFAULT;`)],
  invert: (op) =>
    op.previous === undefined
      ? irreversible(
          op,
          `the default of ${displayName(op.table)}.${op.column} is not known: pass { previous } to op.dropDefault`,
        )
      : { kind: 'setDefault', table: op.table, column: op.column, default: op.previous },
  destructive: () => false,
  call: (op) => ({
    method: 'dropDefault',
    args:
      op.previous === undefined
        ? [refArg(op.table), op.column]
        : [refArg(op.table), op.column, { previous: op.previous }],
  }),
  describe: (op) => `drop default of ${displayName(op.table)}.${op.column}`,
};
