import { sqlType } from '../../model/index.js';
import { type Column, column } from '../column.js';

function precisionModifiers(precision: number | undefined): number[] {
  return precision === undefined ? [] : [precision];
}

/** `timestamp with time zone`, as a JS `Date`. The type apps should use for instants. */
export function timestamptz(options: { precision?: number } = {}): Column<Date, false, false, false> {
  return column(sqlType('timestamp with time zone', precisionModifiers(options.precision)), {
    kind: 'timestamp',
  });
}

/** `timestamp without time zone`, as a JS `Date` (read as UTC). */
export function timestamp(options: { precision?: number } = {}): Column<Date, false, false, false> {
  return column(sqlType('timestamp without time zone', precisionModifiers(options.precision)), {
    kind: 'timestamp',
  });
}

/** `date`, as a `'YYYY-MM-DD'` string: a calendar day has no time zone to shift. */
export function date(): Column<string, false, false, false> {
  return column(sqlType('date'), { kind: 'date' });
}

/** `time without time zone`, as `'HH:MM:SS[.ffffff]'`. */
export function time(options: { precision?: number } = {}): Column<string, false, false, false> {
  return column(sqlType('time without time zone', precisionModifiers(options.precision)), { kind: 'time' });
}

/** `interval`, as PostgreSQL prints it (`'1 day 02:00:00'`). */
export function interval(): Column<string, false, false, false> {
  return column(sqlType('interval'), { kind: 'interval' });
}
