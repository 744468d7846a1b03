import { type EnumValuePosition, renderAddEnumValue } from '../../ddl/render-enum.js';
import type { ExistingEnum } from './enum-usage.js';
import type { OperationHandler } from './handler.js';
import { irreversible } from './irreversible.js';
import { displayName, type ObjectName, refArg } from './refs.js';
import { outsideTransaction } from './rendered-statement.js';

/**
 * `ALTER TYPE … ADD VALUE`, run outside the migration's transaction (PostgreSQL cannot use a
 * label in the transaction that adds it). PostgreSQL cannot remove a label again: the inverse
 * recreates the type without it, which needs the labels the enum had (`existing.values`), the
 * columns that use it (`existing.usages`) and the indexes and checks over them (`existing.dependents`).
 */
export interface AddEnumValueOperation {
  readonly kind: 'addEnumValue';
  readonly enum: ObjectName;
  readonly value: string;
  /** Where the label goes; at the end when not given. */
  readonly position?: EnumValuePosition;
  readonly existing?: ExistingEnum;
}

/** The labels once `value` is added at `position`. */
export function insertEnumValue(
  values: readonly string[],
  value: string,
  position: EnumValuePosition | undefined,
): string[] {
  const result = [...values];
  if (position === undefined) {
    result.push(value);
    return result;
  }
  const anchor = 'before' in position ? position.before : position.after;
  const at = result.indexOf(anchor);
  if (at === -1) result.push(value);
  else result.splice('before' in position ? at : at + 1, 0, value);
  return result;
}

/**
 * Where the label at `index` of `values` goes when added to the others: at the end needs no
 * position, the first goes before the next one, any other after the previous one. The differ
 * and the inverse of a recreated enum use this one rule, so that inverting twice gives back
 * the same operation.
 */
export function enumValuePosition(values: readonly string[], index: number): EnumValuePosition | undefined {
  if (index === values.length - 1) return undefined;
  if (index === 0) {
    const next = values[1];
    return next === undefined ? undefined : { before: next };
  }
  return { after: values[index - 1]! };
}

export const addEnumValueHandler: OperationHandler<AddEnumValueOperation> = {
  render: (op) => [outsideTransaction(renderAddEnumValue(op.enum, op.value, op.position))],
  invert: (op) =>
    op.existing === undefined
      ? irreversible(
          op,
          `PostgreSQL cannot remove label '${op.value}' from enum ${displayName(op.enum)}; pass { existing: { values, usages } } to op.addEnumValue so the downgrade can recreate the type`,
        )
      : {
          kind: 'recreateEnum',
          enum: op.enum,
          from: insertEnumValue(op.existing.values, op.value, op.position),
          to: op.existing.values,
          usages: op.existing.usages,
          ...(op.existing.dependents === undefined || op.existing.dependents.length === 0
            ? {}
            : { dependents: op.existing.dependents }),
        },
  destructive: () => false,
  call: (op) => {
    const options = {
      ...(op.position ?? {}),
      ...(op.existing === undefined ? {} : { existing: op.existing }),
    };
    const args: unknown[] = [refArg(op.enum), op.value];
    if (Object.keys(options).length > 0) args.push(options);
    return { method: 'addEnumValue', args };
  },
  describe: (op) => `add label '${op.value}' to enum ${displayName(op.enum)}`,
};
