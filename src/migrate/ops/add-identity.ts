import { renderIdentityClause } from '../../ddl/render-column.js';
import type { IdentityModel } from '../../model/column.js';
import type { OperationHandler } from './handler.js';
import { alterColumn, displayName, type ObjectName, refArg } from './refs.js';
import { statement } from './rendered-statement.js';

/** `ALTER TABLE … ALTER COLUMN … ADD GENERATED … AS IDENTITY (…)`; the column must be NOT NULL. */
export interface AddIdentityOperation {
  readonly kind: 'addIdentity';
  readonly table: ObjectName;
  readonly column: string;
  readonly identity: IdentityModel;
}

export const addIdentityHandler: OperationHandler<AddIdentityOperation> = {
  render: (op) => [
    statement(`${alterColumn(op.table, op.column)} ADD ${renderIdentityClause(op.identity)};`),
  ],
  invert: (op) => ({ kind: 'dropIdentity', table: op.table, column: op.column, identity: op.identity }),
  destructive: () => false,
  call: (op) => ({ method: 'addIdentity', args: [refArg(op.table), op.column, op.identity] }),
  describe: (op) => `make ${displayName(op.table)}.${op.column} an identity column`,
};
