import { renderDropSequence } from '../../ddl/render-sequence.js';
import type { SequenceModel } from '../../model/schema-model.js';
import type { OperationHandler } from './handler.js';
import { irreversible } from './irreversible.js';
import { displayName, type ObjectName, refArg } from './refs.js';
import { statement } from './rendered-statement.js';

/** `DROP SEQUENCE …`; `model` lets the inverse create it again (at its start value). */
export interface DropSequenceOperation {
  readonly kind: 'dropSequence';
  readonly sequence: ObjectName;
  readonly model?: SequenceModel;
}

export const dropSequenceHandler: OperationHandler<DropSequenceOperation> = {
  render: (op) => [statement(renderDropSequence(op.sequence))],
  invert: (op) =>
    op.model === undefined
      ? irreversible(
          op,
          `sequence ${displayName(op.sequence)} is not described: pass its model to op.dropSequence`,
        )
      : { kind: 'createSequence', sequence: op.model },
  destructive: (op) =>
    `drops sequence ${displayName(op.sequence)}: its current value is lost, recreating it starts again`,
  call: (op) => ({
    method: 'dropSequence',
    args: op.model === undefined ? [refArg(op.sequence)] : [refArg(op.sequence), op.model],
  }),
  describe: (op) => `drop sequence ${displayName(op.sequence)}`,
};
