import { renderDropTable } from '../../ddl/render-table.js';
import type { TableModel } from '../../model/table.js';
import type { OperationHandler } from './handler.js';
import { irreversible } from './irreversible.js';
import { displayName, type ObjectName, refArg } from './refs.js';
import { statement } from './rendered-statement.js';

/**
 * `DROP TABLE …`, without CASCADE. `model` is the whole table as it was, so that the inverse
 * recreates its structure (not its rows).
 */
export interface DropTableOperation {
  readonly kind: 'dropTable';
  readonly table: ObjectName;
  readonly model?: TableModel;
}

export const dropTableHandler: OperationHandler<DropTableOperation> = {
  render: (op) => [statement(renderDropTable(op.table))],
  invert: (op) =>
    op.model === undefined
      ? irreversible(op, `table ${displayName(op.table)} is not described: pass its model to op.dropTable`)
      : { kind: 'createTable', table: op.model },
  destructive: (op) =>
    `drops table ${displayName(op.table)} with all its rows; the downgrade recreates it empty`,
  call: (op) => ({
    method: 'dropTable',
    args: op.model === undefined ? [refArg(op.table)] : [refArg(op.table), op.model],
  }),
  describe: (op) => `drop table ${displayName(op.table)}`,
};
