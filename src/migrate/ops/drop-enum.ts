import { renderDropEnum } from '../../ddl/render-enum.js';
import type { OperationHandler } from './handler.js';
import { irreversible } from './irreversible.js';
import { displayName, type ObjectName, refArg } from './refs.js';
import { statement } from './rendered-statement.js';

/** `DROP TYPE …` of an enum; `values` (its labels, in order) let the inverse create it again. */
export interface DropEnumOperation {
  readonly kind: 'dropEnum';
  readonly enum: ObjectName;
  readonly values?: readonly string[];
}

export const dropEnumHandler: OperationHandler<DropEnumOperation> = {
  render: (op) => [statement(renderDropEnum(op.enum))],
  invert: (op) =>
    op.values === undefined
      ? irreversible(op, `the labels of enum ${displayName(op.enum)} are not known: pass them to op.dropEnum`)
      : {
          kind: 'createEnum',
          enum: { kind: 'enum', schema: op.enum.schema, name: op.enum.name, values: op.values },
        },
  destructive: () => false,
  call: (op) => ({
    method: 'dropEnum',
    args: op.values === undefined ? [refArg(op.enum)] : [refArg(op.enum), op.values],
  }),
  describe: (op) => `drop enum ${displayName(op.enum)}`,
};
