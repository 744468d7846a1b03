import { sqlType } from '../../model/index.js';
import { type Column, column } from '../column.js';

/** `text`. */
export function text(): Column<string, false, false, false> {
  return column(sqlType('text'), { kind: 'text' });
}

/** `varchar(n)` (`character varying`); values longer than `n` are refused before they reach the database. */
export function varchar(length?: number): Column<string, false, false, false> {
  return column(sqlType('character varying', length === undefined ? [] : [length]), {
    kind: 'text',
    ...(length === undefined ? {} : { maxLength: length }),
  });
}

/** `char(n)` (`character`), blank-padded; `char()` is `char(1)` as in PostgreSQL. */
export function char(length = 1): Column<string, false, false, false> {
  return column(sqlType('character', [length]), { kind: 'text', maxLength: length });
}

/** `uuid`. `.defaultRandom()` gives it `gen_random_uuid()`. */
export function uuid(): Column<string, false, false, false> {
  return column(sqlType('uuid'), { kind: 'uuid' });
}

/** `tsvector`, usually generated: `tsvector().generatedAlwaysAs(sql\`to_tsvector('english', title)\`)`. */
export function tsvector(): Column<string, false, false, false> {
  return column(sqlType('tsvector'), { kind: 'tsvector' });
}
