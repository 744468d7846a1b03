import { renderComment } from '../../ddl/render-comment.js';
import { renderCreateIndex } from '../../ddl/render-index.js';
import type { IndexModel } from '../../model/index-model.js';
import type { OperationHandler } from './handler.js';
import { displayName, type ObjectName, refArg } from './refs.js';
import { outsideTransaction, statement } from './rendered-statement.js';

/**
 * `CREATE [UNIQUE] INDEX [CONCURRENTLY] … ON table …` (and its comment). Built concurrently
 * it runs outside the migration's transaction.
 */
export interface CreateIndexOperation {
  readonly kind: 'createIndex';
  readonly table: ObjectName;
  readonly index: IndexModel;
  readonly concurrently?: boolean;
}

export const createIndexHandler: OperationHandler<CreateIndexOperation> = {
  render: (op, options) => {
    const concurrently = op.concurrently === true && options.concurrently !== false;
    const create = renderCreateIndex(op.table, op.index, { concurrently });
    const comment =
      op.index.comment === undefined
        ? []
        : [
            statement(
              renderComment(
                { kind: 'index', schema: op.table.schema, name: op.index.name },
                op.index.comment,
              ),
            ),
          ];
    return [concurrently ? outsideTransaction(create) : statement(create), ...comment];
  },
  invert: (op) => ({
    kind: 'dropIndex',
    table: op.table,
    name: op.index.name,
    model: op.index,
    ...(op.concurrently === undefined ? {} : { concurrently: op.concurrently }),
  }),
  destructive: () => false,
  call: (op) => ({
    method: 'createIndex',
    args:
      op.concurrently === undefined
        ? [refArg(op.table), op.index]
        : [refArg(op.table), op.index, { concurrently: op.concurrently }],
  }),
  describe: (op) => `create index ${op.index.name} on ${displayName(op.table)}`,
};
