import type { CheckModel } from '../../model/constraint.js';
import type { IndexModel } from '../../model/index-model.js';
import type { ObjectName } from './refs.js';

/**
 * A column whose type is an enum (or an array of it), as an operation that replaces the enum
 * type must convert it. A default has to be dropped before the column's type changes and
 * set again afterwards: `defaultBefore` is the one the column has when the operation starts,
 * `defaultAfter` the one it gets at the end (the inverse swaps them).
 */
export interface EnumUsage {
  readonly table: ObjectName;
  readonly column: string;
  /** 0 for the enum itself, 1 for an array of it. */
  readonly arrayDims: number;
  readonly defaultBefore?: string;
  readonly defaultAfter?: string;
}

/**
 * An index or check whose expression mentions a column of the enum: PostgreSQL cannot carry it
 * over to a new type (it would compare the column with labels of the old one), so it is dropped
 * before the type is replaced and created again afterwards.
 */
export type EnumDependent =
  | { readonly kind: 'index'; readonly table: ObjectName; readonly index: IndexModel }
  | { readonly kind: 'check'; readonly table: ObjectName; readonly check: CheckModel };

/** What an enum looks like before a label is added: what the downgrade needs to take it out again. */
export interface ExistingEnum {
  readonly values: readonly string[];
  readonly usages: readonly EnumUsage[];
  readonly dependents?: readonly EnumDependent[];
}

/** The usage as the inverse operation sees it. */
export function swapUsageDefaults(usage: EnumUsage): EnumUsage {
  return {
    table: usage.table,
    column: usage.column,
    arrayDims: usage.arrayDims,
    ...(usage.defaultAfter === undefined ? {} : { defaultBefore: usage.defaultAfter }),
    ...(usage.defaultBefore === undefined ? {} : { defaultAfter: usage.defaultBefore }),
  };
}
