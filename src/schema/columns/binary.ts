import { sqlType } from '../../model/index.js';
import { type Column, column } from '../column.js';

/** `bytea`, as `Uint8Array` (a `Buffer` on the server driver). */
export function bytea(): Column<Uint8Array, false, false, false> {
  return column(sqlType('bytea'), { kind: 'bytea' });
}

/** `bit(n)`, as a string of `0` and `1`; pgvector indexes it for Hamming and Jaccard distance. */
export function bit(length = 1): Column<string, false, false, false> {
  return column(sqlType('bit', [length]), { kind: 'bit', length });
}
