import { qualifiedIdent } from '../../ddl/quote.js';
import type { SequenceModel } from '../../model/schema-model.js';
import type { OperationHandler } from './handler.js';
import { displayName } from './refs.js';
import { statement } from './rendered-statement.js';
import { sequenceOptionChanges } from './sequence-changes.js';

/** `ALTER SEQUENCE … [AS type] [options]`: from one definition of a sequence to another of the same name. */
export interface AlterSequenceOperation {
  readonly kind: 'alterSequence';
  readonly from: SequenceModel;
  readonly to: SequenceModel;
}

export const alterSequenceHandler: OperationHandler<AlterSequenceOperation> = {
  render: (op) => {
    const clauses = [
      ...(op.from.dataType === op.to.dataType ? [] : [`AS ${op.to.dataType}`]),
      ...sequenceOptionChanges(op.from, op.to, op.from.dataType, op.to.dataType),
    ];
    if (clauses.length === 0) return [];
    return [statement(`ALTER SEQUENCE ${qualifiedIdent(op.to.schema, op.to.name)} ${clauses.join(' ')};`)];
  },
  invert: (op) => ({ kind: 'alterSequence', from: op.to, to: op.from }),
  destructive: () => false,
  call: (op) => ({ method: 'alterSequence', args: [op.from, op.to] }),
  describe: (op) => `alter sequence ${displayName(op.to)}`,
};
