import { renderDropConstraint } from '../../ddl/render-constraint.js';
import type { ConstraintModel } from '../../model/constraint.js';
import type { OperationHandler } from './handler.js';
import { irreversible } from './irreversible.js';
import { displayName, type ObjectName, refArg } from './refs.js';
import { statement } from './rendered-statement.js';

/** `ALTER TABLE … DROP CONSTRAINT …`, without CASCADE; `model` is the constraint, for the inverse. */
export interface DropConstraintOperation {
  readonly kind: 'dropConstraint';
  readonly table: ObjectName;
  readonly name: string;
  readonly model?: ConstraintModel;
}

export const dropConstraintHandler: OperationHandler<DropConstraintOperation> = {
  render: (op) => [statement(renderDropConstraint(op.table, op.name))],
  invert: (op) =>
    op.model === undefined
      ? irreversible(
          op,
          `constraint ${op.name} of ${displayName(op.table)} is not described: pass its model to op.dropConstraint`,
        )
      : { kind: 'addConstraint', table: op.table, constraint: op.model },
  destructive: () => false,
  call: (op) => ({
    method: 'dropConstraint',
    args: op.model === undefined ? [refArg(op.table), op.name] : [refArg(op.table), op.name, op.model],
  }),
  describe: (op) => `drop constraint ${op.name} of ${displayName(op.table)}`,
};
