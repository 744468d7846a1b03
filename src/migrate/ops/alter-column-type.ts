import { quoteIdent } from '../../ddl/quote.js';
import { renderType } from '../../ddl/render-type.js';
import type { SqlType } from '../../model/sql-type.js';
import type { OperationHandler } from './handler.js';
import { irreversible } from './irreversible.js';
import { alterColumn, displayName, type ObjectName, refArg } from './refs.js';
import { statement } from './rendered-statement.js';
import { typeChangeRisk } from './type-change.js';

/** A column's type and collation, and the `USING` expression that converts a value to them. */
export interface ColumnTypeState {
  readonly type: SqlType;
  /** Left out: the type's default collation. */
  readonly collation?: string;
  /** Left out: PostgreSQL's assignment cast. */
  readonly using?: string;
}

/**
 * `ALTER TABLE … ALTER COLUMN … TYPE … [COLLATE …] [USING …]`. `previous` is the type the
 * column had, with the `USING` that converts back to it: the inverse.
 */
export interface AlterColumnTypeOperation extends ColumnTypeState {
  readonly kind: 'alterColumnType';
  readonly table: ObjectName;
  readonly column: string;
  readonly previous?: ColumnTypeState;
}

function typeState(state: ColumnTypeState): ColumnTypeState {
  return {
    type: state.type,
    ...(state.collation === undefined ? {} : { collation: state.collation }),
    ...(state.using === undefined ? {} : { using: state.using }),
  };
}

export const alterColumnTypeHandler: OperationHandler<AlterColumnTypeOperation> = {
  render: (op) => {
    const collate = op.collation === undefined ? '' : ` COLLATE ${quoteIdent(op.collation)}`;
    const using = op.using === undefined ? '' : ` USING ${op.using}`;
    return [statement(`${alterColumn(op.table, op.column)} TYPE ${renderType(op.type)}${collate}${using};`)];
  },
  invert: (op) =>
    op.previous === undefined
      ? irreversible(
          op,
          `the previous type of ${displayName(op.table)}.${op.column} is not known: pass { previous } to op.alterColumnType`,
        )
      : {
          kind: 'alterColumnType',
          table: op.table,
          column: op.column,
          ...typeState(op.previous),
          previous: typeState(op),
        },
  destructive: (op) => {
    if (op.previous === undefined)
      return `changes the type of ${displayName(op.table)}.${op.column}: values may not convert`;
    const risk = typeChangeRisk(op.previous.type, op.type);
    return risk === false ? false : `${displayName(op.table)}.${op.column} ${risk}`;
  },
  call: (op) => ({
    method: 'alterColumnType',
    args: [
      refArg(op.table),
      op.column,
      { ...typeState(op), ...(op.previous === undefined ? {} : { previous: typeState(op.previous) }) },
    ],
  }),
  describe: (op) => `change type of ${displayName(op.table)}.${op.column} to ${renderType(op.type)}`,
};
