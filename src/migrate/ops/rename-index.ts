import { qualifiedIdent, quoteIdent } from '../../ddl/quote.js';
import type { OperationHandler } from './handler.js';
import { displayName, refArg } from './refs.js';
import { statement } from './rendered-statement.js';

/** `ALTER INDEX … RENAME TO …`, within its schema. */
export interface RenameIndexOperation {
  readonly kind: 'renameIndex';
  readonly schema: string;
  readonly from: string;
  readonly to: string;
}

export const renameIndexHandler: OperationHandler<RenameIndexOperation> = {
  render: (op) => [
    statement(`ALTER INDEX ${qualifiedIdent(op.schema, op.from)} RENAME TO ${quoteIdent(op.to)};`),
  ],
  invert: (op) => ({ kind: 'renameIndex', schema: op.schema, from: op.to, to: op.from }),
  destructive: () => false,
  call: (op) => ({ method: 'renameIndex', args: [refArg({ schema: op.schema, name: op.from }), op.to] }),
  describe: (op) => `rename index ${displayName({ schema: op.schema, name: op.from })} to ${op.to}`,
};
