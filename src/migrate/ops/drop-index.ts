import { renderDropIndex } from '../../ddl/render-index.js';
import type { IndexModel } from '../../model/index-model.js';
import type { OperationHandler } from './handler.js';
import { irreversible } from './irreversible.js';
import { displayName, type ObjectName, refArg } from './refs.js';
import { outsideTransaction, statement } from './rendered-statement.js';

/**
 * `DROP INDEX [CONCURRENTLY] schema.name`. The table is kept (an index lives in its table's
 * schema, and the inverse creates it on that table), and `model` is the index as it was.
 */
export interface DropIndexOperation {
  readonly kind: 'dropIndex';
  readonly table: ObjectName;
  readonly name: string;
  readonly model?: IndexModel;
  readonly concurrently?: boolean;
}

export const dropIndexHandler: OperationHandler<DropIndexOperation> = {
  render: (op, options) => {
    const concurrently = op.concurrently === true && options.concurrently !== false;
    const sql = renderDropIndex({ schema: op.table.schema, name: op.name }, { concurrently });
    return [concurrently ? outsideTransaction(sql) : statement(sql)];
  },
  invert: (op) =>
    op.model === undefined
      ? irreversible(op, `index ${op.name} is not described: pass its model to op.dropIndex`)
      : {
          kind: 'createIndex',
          table: op.table,
          index: op.model,
          ...(op.concurrently === undefined ? {} : { concurrently: op.concurrently }),
        },
  destructive: () => false,
  call: (op) => {
    const options = {
      ...(op.model === undefined ? {} : { model: op.model }),
      ...(op.concurrently === undefined ? {} : { concurrently: op.concurrently }),
    };
    const args: unknown[] = [refArg(op.table), op.name];
    if (Object.keys(options).length > 0) args.push(options);
    return { method: 'dropIndex', args };
  },
  describe: (op) => `drop index ${op.name} on ${displayName(op.table)}`,
};
