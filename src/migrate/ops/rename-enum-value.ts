import { renderRenameEnumValue } from '../../ddl/render-enum.js';
import type { OperationHandler } from './handler.js';
import { displayName, type ObjectName, refArg } from './refs.js';
import { statement } from './rendered-statement.js';

/** `ALTER TYPE … RENAME VALUE 'from' TO 'to'`: rows holding the label follow it. */
export interface RenameEnumValueOperation {
  readonly kind: 'renameEnumValue';
  readonly enum: ObjectName;
  readonly from: string;
  readonly to: string;
}

export const renameEnumValueHandler: OperationHandler<RenameEnumValueOperation> = {
  render: (op) => [statement(renderRenameEnumValue(op.enum, op.from, op.to))],
  invert: (op) => ({ kind: 'renameEnumValue', enum: op.enum, from: op.to, to: op.from }),
  destructive: () => false,
  call: (op) => ({ method: 'renameEnumValue', args: [refArg(op.enum), op.from, op.to] }),
  describe: (op) => `rename label '${op.from}' of enum ${displayName(op.enum)} to '${op.to}'`,
};
