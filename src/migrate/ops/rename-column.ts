import { quoteIdent } from '../../ddl/quote.js';
import type { OperationHandler } from './handler.js';
import { alterTable, displayName, type ObjectName, refArg } from './refs.js';
import { statement } from './rendered-statement.js';

/** `ALTER TABLE … RENAME COLUMN … TO …`. Data, indexes and constraints follow the column. */
export interface RenameColumnOperation {
  readonly kind: 'renameColumn';
  readonly table: ObjectName;
  readonly from: string;
  readonly to: string;
}

export const renameColumnHandler: OperationHandler<RenameColumnOperation> = {
  render: (op) => [
    statement(`${alterTable(op.table)} RENAME COLUMN ${quoteIdent(op.from)} TO ${quoteIdent(op.to)};`),
  ],
  invert: (op) => ({ kind: 'renameColumn', table: op.table, from: op.to, to: op.from }),
  destructive: () => false,
  call: (op) => ({ method: 'renameColumn', args: [refArg(op.table), op.from, op.to] }),
  describe: (op) => `rename column ${displayName(op.table)}.${op.from} to ${op.to}`,
};
