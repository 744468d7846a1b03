import { qualifiedIdent, quoteIdent } from '../../ddl/quote.js';
import type { OperationHandler } from './handler.js';
import { displayName, refArg } from './refs.js';
import { statement } from './rendered-statement.js';

/** `ALTER TABLE … RENAME TO …`, within its schema. Rows, indexes and constraints stay. */
export interface RenameTableOperation {
  readonly kind: 'renameTable';
  readonly schema: string;
  readonly from: string;
  readonly to: string;
}

export const renameTableHandler: OperationHandler<RenameTableOperation> = {
  render: (op) => [
    statement(`ALTER TABLE ${qualifiedIdent(op.schema, op.from)} RENAME TO ${quoteIdent(op.to)};`),
  ],
  invert: (op) => ({ kind: 'renameTable', schema: op.schema, from: op.to, to: op.from }),
  destructive: () => false,
  call: (op) => ({ method: 'renameTable', args: [refArg({ schema: op.schema, name: op.from }), op.to] }),
  describe: (op) => `rename table ${displayName({ schema: op.schema, name: op.from })} to ${op.to}`,
};
