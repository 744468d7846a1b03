import type { OperationHandler } from './handler.js';
import { alterColumn, displayName, type ObjectName, refArg } from './refs.js';
import { statement } from './rendered-statement.js';

/**
 * `ALTER TABLE … ALTER COLUMN … SET DEFAULT …`. `previous` is the default the column had
 * (left out: it had none), for the inverse.
 */
export interface SetDefaultOperation {
  readonly kind: 'setDefault';
  readonly table: ObjectName;
  readonly column: string;
  readonly default: string;
  readonly previous?: string;
}

export const setDefaultHandler: OperationHandler<SetDefaultOperation> = {
  render: (op) => [statement(`${alterColumn(op.table, op.column)} SET DEFAULT ${op.default};`)],
  invert: (op) =>
    op.previous === undefined
      ? { kind: 'dropDefault', table: op.table, column: op.column, previous: op.default }
      : {
          kind: 'setDefault',
          table: op.table,
          column: op.column,
          default: op.previous,
          previous: op.default,
        },
  destructive: () => false,
  call: (op) => ({
    method: 'setDefault',
    args:
      op.previous === undefined
        ? [refArg(op.table), op.column, op.default]
        : [refArg(op.table), op.column, op.default, { previous: op.previous }],
  }),
  describe: (op) => `set default of ${displayName(op.table)}.${op.column} to ${op.default}`,
};
