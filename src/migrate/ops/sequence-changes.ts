import type { SequenceOptions } from '../../model/column.js';

/** The integer types a sequence (and so an identity column) can count in. */
export type SequenceDataType = 'smallint' | 'integer' | 'bigint';

const BOUNDS: Readonly<Record<SequenceDataType, { readonly min: bigint; readonly max: bigint }>> = {
  smallint: { min: -32768n, max: 32767n },
  integer: { min: -2147483648n, max: 2147483647n },
  bigint: { min: -9223372036854775808n, max: 9223372036854775807n },
};

interface EffectiveOptions {
  readonly start: bigint;
  readonly increment: bigint;
  readonly minValue: bigint;
  readonly maxValue: bigint;
  readonly cache: bigint;
  readonly cycle: boolean;
}

/** Every option with the value PostgreSQL picks when it is not given. */
function effective(options: SequenceOptions, dataType: SequenceDataType): EffectiveOptions {
  const increment = options.increment === undefined ? 1n : BigInt(options.increment);
  const ascending = increment > 0n;
  const bounds = BOUNDS[dataType];
  const minValue = options.minValue === undefined ? (ascending ? 1n : bounds.min) : BigInt(options.minValue);
  const maxValue = options.maxValue === undefined ? (ascending ? bounds.max : -1n) : BigInt(options.maxValue);
  return {
    start: options.start === undefined ? (ascending ? minValue : maxValue) : BigInt(options.start),
    increment,
    minValue,
    maxValue,
    cache: options.cache === undefined ? 1n : BigInt(options.cache),
    cycle: options.cycle === true,
  };
}

/**
 * The sequence options to set so that a sequence with `from` gets `to`, as PostgreSQL's option
 * clauses (`INCREMENT BY 2`, `NO MINVALUE`, `START WITH 10`, `CYCLE`). Options are compared by
 * their effective value, so `{}` and `{ start: '1' }` need nothing. An option left out of `to`
 * goes back to its default (`NO MINVALUE`, not the old minimum).
 *
 * @example
 * ```ts
 * sequenceOptionChanges({ increment: '1' }, { increment: '5', cache: '10' }, 'integer', 'integer');
 * // ['INCREMENT BY 5', 'CACHE 10']
 * ```
 */
export function sequenceOptionChanges(
  from: SequenceOptions,
  to: SequenceOptions,
  fromType: SequenceDataType,
  toType: SequenceDataType,
): string[] {
  const a = effective(from, fromType);
  const b = effective(to, toType);
  const clauses: string[] = [];
  if (a.increment !== b.increment) clauses.push(`INCREMENT BY ${b.increment}`);
  if (a.minValue !== b.minValue)
    clauses.push(to.minValue === undefined ? 'NO MINVALUE' : `MINVALUE ${b.minValue}`);
  if (a.maxValue !== b.maxValue)
    clauses.push(to.maxValue === undefined ? 'NO MAXVALUE' : `MAXVALUE ${b.maxValue}`);
  if (a.start !== b.start) clauses.push(`START WITH ${b.start}`);
  if (a.cache !== b.cache) clauses.push(`CACHE ${b.cache}`);
  if (a.cycle !== b.cycle) clauses.push(b.cycle ? 'CYCLE' : 'NO CYCLE');
  return clauses;
}

/** Whether two option sets mean the same sequence. */
export function sameSequenceOptions(
  a: SequenceOptions,
  b: SequenceOptions,
  aType: SequenceDataType,
  bType: SequenceDataType,
): boolean {
  return aType === bType && sequenceOptionChanges(a, b, aType, bType).length === 0;
}
