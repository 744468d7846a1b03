import { renderCreateSequence } from '../../ddl/render-sequence.js';
import type { SequenceModel } from '../../model/schema-model.js';
import type { OperationHandler } from './handler.js';
import { displayName } from './refs.js';
import { statement } from './rendered-statement.js';

/** `CREATE SEQUENCE … AS type …`. */
export interface CreateSequenceOperation {
  readonly kind: 'createSequence';
  readonly sequence: SequenceModel;
}

export const createSequenceHandler: OperationHandler<CreateSequenceOperation> = {
  render: (op) => [statement(renderCreateSequence(op.sequence))],
  invert: (op) => ({
    kind: 'dropSequence',
    sequence: { schema: op.sequence.schema, name: op.sequence.name },
    model: op.sequence,
  }),
  destructive: () => false,
  call: (op) => ({ method: 'createSequence', args: [op.sequence] }),
  describe: (op) => `create sequence ${displayName(op.sequence)}`,
};
