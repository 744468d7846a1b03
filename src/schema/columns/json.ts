import { sqlType } from '../../model/index.js';
import { type Column, column } from '../column.js';

/** A JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** `jsonb`, typed: `jsonb<{ tags: string[] }>()`. */
export function jsonb<T = JsonValue>(): Column<T, false, false, false> {
  return column(sqlType('jsonb'), { kind: 'json' });
}

/** `json` (kept as text by PostgreSQL; prefer `jsonb`). */
export function json<T = JsonValue>(): Column<T, false, false, false> {
  return column(sqlType('json'), { kind: 'json' });
}
