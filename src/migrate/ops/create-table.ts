import { renderComment } from '../../ddl/render-comment.js';
import { renderAddConstraint } from '../../ddl/render-constraint.js';
import { renderCreateIndex } from '../../ddl/render-index.js';
import { constraintsAfterCreate, renderCreateTable } from '../../ddl/render-table.js';
import { sortByName } from '../../ddl/sort-by-name.js';
import type { TableModel } from '../../model/table.js';
import type { OperationHandler } from './handler.js';
import { displayName } from './refs.js';
import { statement } from './rendered-statement.js';
import { tableCommentSql } from './table-comments.js';

/**
 * `CREATE TABLE` with everything in its model: constraints (foreign keys and NOT VALID checks
 * as `ALTER TABLE … ADD CONSTRAINT` right after), indexes and comments. The differ leaves
 * foreign keys out of the model and adds them once every table exists.
 */
export interface CreateTableOperation {
  readonly kind: 'createTable';
  readonly table: TableModel;
}

export const createTableHandler: OperationHandler<CreateTableOperation> = {
  render: (op) => {
    const { table } = op;
    return [
      renderCreateTable(table),
      ...constraintsAfterCreate(table).map((constraint) => renderAddConstraint(table, constraint)),
      // A new table is empty: building its indexes concurrently would gain nothing.
      ...sortByName(table.indexes).map((index) => renderCreateIndex(table, index, { concurrently: false })),
      ...tableCommentSql(table),
      ...sortByName(table.indexes).flatMap((index) =>
        index.comment === undefined
          ? []
          : [renderComment({ kind: 'index', schema: table.schema, name: index.name }, index.comment)],
      ),
    ].map(statement);
  },
  invert: (op) => ({
    kind: 'dropTable',
    table: { schema: op.table.schema, name: op.table.name },
    model: op.table,
  }),
  destructive: () => false,
  call: (op) => ({ method: 'createTable', args: [op.table] }),
  describe: (op) => `create table ${displayName(op.table)}`,
};
