import { renderAddConstraint } from '../../ddl/render-constraint.js';
import type { ConstraintModel } from '../../model/constraint.js';
import type { OperationHandler } from './handler.js';
import { displayName, type ObjectName, refArg } from './refs.js';
import { statement } from './rendered-statement.js';

/** `ALTER TABLE … ADD CONSTRAINT …`: primary key, unique, check or foreign key. */
export interface AddConstraintOperation {
  readonly kind: 'addConstraint';
  readonly table: ObjectName;
  readonly constraint: ConstraintModel;
}

export const addConstraintHandler: OperationHandler<AddConstraintOperation> = {
  render: (op) => [statement(renderAddConstraint(op.table, op.constraint))],
  invert: (op) => ({
    kind: 'dropConstraint',
    table: op.table,
    name: op.constraint.name,
    model: op.constraint,
  }),
  destructive: () => false,
  call: (op) => ({ method: 'addConstraint', args: [refArg(op.table), op.constraint] }),
  describe: (op) => `add constraint ${op.constraint.name} to ${displayName(op.table)}`,
};
