import { renderCreateEnum } from '../../ddl/render-enum.js';
import type { EnumModel } from '../../model/schema-model.js';
import type { OperationHandler } from './handler.js';
import { displayName, refArg } from './refs.js';
import { statement } from './rendered-statement.js';

/** `CREATE TYPE … AS ENUM (…)`. */
export interface CreateEnumOperation {
  readonly kind: 'createEnum';
  readonly enum: EnumModel;
}

export const createEnumHandler: OperationHandler<CreateEnumOperation> = {
  render: (op) => [statement(renderCreateEnum(op.enum))],
  invert: (op) => ({
    kind: 'dropEnum',
    enum: { schema: op.enum.schema, name: op.enum.name },
    values: op.enum.values,
  }),
  destructive: () => false,
  call: (op) => ({ method: 'createEnum', args: [refArg(op.enum), op.enum.values] }),
  describe: (op) => `create enum ${displayName(op.enum)}`,
};
