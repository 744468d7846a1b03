import type { IdentityModel } from '../../model/column.js';
import type { OperationHandler } from './handler.js';
import { alterColumn, displayName, type ObjectName, refArg } from './refs.js';
import { statement } from './rendered-statement.js';
import { type SequenceDataType, sequenceOptionChanges } from './sequence-changes.js';

/**
 * `ALTER TABLE … ALTER COLUMN … SET GENERATED … SET <sequence option> …`: an identity column
 * from one definition to another. `dataType` is the column's type, which decides the defaults of
 * options that are left out.
 */
export interface AlterIdentityOperation {
  readonly kind: 'alterIdentity';
  readonly table: ObjectName;
  readonly column: string;
  readonly dataType: SequenceDataType;
  readonly from: IdentityModel;
  readonly to: IdentityModel;
}

export const alterIdentityHandler: OperationHandler<AlterIdentityOperation> = {
  render: (op) => {
    const clauses = [
      ...(op.from.always === op.to.always ? [] : [`SET GENERATED ${op.to.always ? 'ALWAYS' : 'BY DEFAULT'}`]),
      ...sequenceOptionChanges(op.from.sequence, op.to.sequence, op.dataType, op.dataType).map(
        (clause) => `SET ${clause}`,
      ),
    ];
    if (clauses.length === 0) return [];
    return [statement(`${alterColumn(op.table, op.column)} ${clauses.join(' ')};`)];
  },
  invert: (op) => ({ ...op, from: op.to, to: op.from }),
  destructive: () => false,
  call: (op) => ({
    method: 'alterIdentity',
    args: [refArg(op.table), op.column, { dataType: op.dataType, from: op.from, to: op.to }],
  }),
  describe: (op) => `alter identity of ${displayName(op.table)}.${op.column}`,
};
