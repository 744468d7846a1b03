import type { IdentityModel } from '../../model/column.js';
import type { OperationHandler } from './handler.js';
import { irreversible } from './irreversible.js';
import { alterColumn, displayName, type ObjectName, refArg } from './refs.js';
import { statement } from './rendered-statement.js';

/** `ALTER TABLE … ALTER COLUMN … DROP IDENTITY`: values stay, the sequence goes. */
export interface DropIdentityOperation {
  readonly kind: 'dropIdentity';
  readonly table: ObjectName;
  readonly column: string;
  /** The identity dropped, for the inverse. */
  readonly identity?: IdentityModel;
}

export const dropIdentityHandler: OperationHandler<DropIdentityOperation> = {
  render: (op) => [statement(`${alterColumn(op.table, op.column)} DROP IDENTITY;`)],
  invert: (op) =>
    op.identity === undefined
      ? irreversible(
          op,
          `the identity of ${displayName(op.table)}.${op.column} is not described: pass it to op.dropIdentity`,
        )
      : { kind: 'addIdentity', table: op.table, column: op.column, identity: op.identity },
  destructive: (op) =>
    `drops the identity sequence of ${displayName(op.table)}.${op.column}: its position is lost, the downgrade starts it again at its START value`,
  call: (op) => ({
    method: 'dropIdentity',
    args:
      op.identity === undefined ? [refArg(op.table), op.column] : [refArg(op.table), op.column, op.identity],
  }),
  describe: (op) => `drop identity of ${displayName(op.table)}.${op.column}`,
};
