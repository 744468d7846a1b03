import { StrataError } from '../errors/strata-error.js';

/** Where a value was going, for error messages that name it. */
export interface ValueTarget {
  /** `table` or `schema.table`. */
  readonly table: string;
  readonly column: string;
}

/**
 * A VALUE_INVALID error naming the table and column, with the reason and how to fix it.
 * Offending values are not echoed in full: a vector or a secret could end up in a log.
 */
export function valueInvalid(
  target: ValueTarget,
  reason: string,
  extra: Record<string, unknown> = {},
): StrataError {
  return new StrataError('VALUE_INVALID', `Invalid value for ${target.table}.${target.column}: ${reason}`, {
    table: target.table,
    column: target.column,
    reason,
    ...extra,
  });
}

/** A short, safe description of a value for an error message. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value instanceof Date) return 'a Date';
  switch (typeof value) {
    case 'string':
      return value.length > 40 ? `a string of ${value.length} characters` : JSON.stringify(value);
    case 'number':
    case 'boolean':
      return String(value);
    case 'bigint':
      return `${value}n`;
    case 'undefined':
      return 'undefined';
    default:
      return typeof value;
  }
}
