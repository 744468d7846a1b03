import { quoteIdent } from '../../ddl/quote.js';
import type { OperationHandler } from './handler.js';
import { alterTable, displayName, type ObjectName, refArg } from './refs.js';
import { statement } from './rendered-statement.js';

/** `ALTER TABLE … RENAME CONSTRAINT … TO …` (a primary key's or unique constraint's index follows). */
export interface RenameConstraintOperation {
  readonly kind: 'renameConstraint';
  readonly table: ObjectName;
  readonly from: string;
  readonly to: string;
}

export const renameConstraintHandler: OperationHandler<RenameConstraintOperation> = {
  render: (op) => [
    statement(`${alterTable(op.table)} RENAME CONSTRAINT ${quoteIdent(op.from)} TO ${quoteIdent(op.to)};`),
  ],
  invert: (op) => ({ kind: 'renameConstraint', table: op.table, from: op.to, to: op.from }),
  destructive: () => false,
  call: (op) => ({ method: 'renameConstraint', args: [refArg(op.table), op.from, op.to] }),
  describe: (op) => `rename constraint ${op.from} of ${displayName(op.table)} to ${op.to}`,
};
