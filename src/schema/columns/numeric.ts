import { sqlType } from '../../model/index.js';
import { Column, column } from '../column.js';
import type { ValueKind } from '../value-kind.js';

function serialColumn<T>(
  type: 'smallint' | 'integer' | 'bigint',
  valueKind: ValueKind,
): Column<T, true, true, false> {
  return new Column<T, true, true, false>({
    type: sqlType(type),
    valueKind,
    notNull: true,
    primaryKey: false,
    checks: [],
    serial: true,
    ...(type === 'bigint' ? { mode: 'bigint' as const } : {}),
  });
}

/** `smallint` (int2): -32,768 to 32,767. */
export function smallint(): Column<number, false, false, false> {
  return column(sqlType('smallint'), { kind: 'integer', min: -32768, max: 32767 });
}

/** `integer` (int4). */
export function integer(): Column<number, false, false, false> {
  return column(sqlType('integer'), { kind: 'integer', min: -2147483648, max: 2147483647 });
}

/**
 * `bigint` (int8). Values are JS `bigint` by default so that no precision is lost;
 * `{ mode: 'number' }` when values are known to stay within 2^53.
 */
export function bigint(options?: { mode?: 'bigint' }): Column<bigint, false, false, false>;
export function bigint(options: { mode: 'number' }): Column<number, false, false, false>;
export function bigint(
  options: { mode?: 'bigint' | 'number' } = {},
): Column<bigint | number, false, false, false> {
  return column(sqlType('bigint'), { kind: 'bigint' }, { mode: options.mode ?? 'bigint' });
}

/** `serial`: an integer filled from its own sequence. */
export function serial(): Column<number, true, true, false> {
  return serialColumn('integer', { kind: 'integer', min: 1, max: 2147483647 });
}

/** `smallserial`. */
export function smallserial(): Column<number, true, true, false> {
  return serialColumn('smallint', { kind: 'integer', min: 1, max: 32767 });
}

/** `bigserial`, as JS `bigint`. */
export function bigserial(): Column<bigint, true, true, false> {
  return serialColumn('bigint', { kind: 'bigint' });
}

/**
 * `numeric(precision, scale)` or unconstrained `numeric`. Values are strings: exact,
 * never rounded through a float.
 */
export function numeric(precision?: number, scale?: number): Column<string, false, false, false> {
  const modifiers = precision === undefined ? [] : scale === undefined ? [precision] : [precision, scale];
  return column(sqlType('numeric', modifiers), {
    kind: 'numeric',
    ...(precision === undefined ? {} : { precision }),
    ...(scale === undefined ? {} : { scale }),
  });
}

/** `real` (float4). */
export function real(): Column<number, false, false, false> {
  return column(sqlType('real'), { kind: 'float' });
}

/** `double precision` (float8). */
export function doublePrecision(): Column<number, false, false, false> {
  return column(sqlType('double precision'), { kind: 'float' });
}

/** `boolean`. */
export function boolean(): Column<boolean, false, false, false> {
  return column(sqlType('boolean'), { kind: 'boolean' });
}
