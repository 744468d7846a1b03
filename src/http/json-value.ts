import type { ValueKind } from '../schema/value-kind.js';

/**
 * Turns a value from a JSON request body into the JavaScript value the column takes: RFC 3339
 * strings become `Date`s, base64 strings become `Buffer`s; everything else is already in its
 * column's form (the repository checks it). Runs after JSON Schema validation, so the shapes
 * are known to be right.
 *
 * @example
 * ```ts
 * fromJsonValue({ kind: 'timestamp' }, '2024-05-01T10:00:00Z'); // Date
 * fromJsonValue({ kind: 'bytea' }, 'aGk='); // Buffer <68 69>
 * ```
 */
export function fromJsonValue(kind: ValueKind, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  switch (kind.kind) {
    case 'timestamp':
      return typeof value === 'string' ? new Date(value) : value;
    case 'bytea':
      return typeof value === 'string' ? Buffer.from(value, 'base64') : value;
    case 'array':
      return Array.isArray(value) ? value.map((item) => fromJsonValue(kind.element, item)) : value;
    default:
      return value;
  }
}

/**
 * Turns a value read from the database into its JSON form: `Date` → RFC 3339 string,
 * `bigint` → decimal string, bytes → base64. Arrays and objects are converted member by member.
 *
 * @example
 * ```ts
 * toJsonValue({ id: 1n, at: new Date(0) }); // { id: '1', at: '1970-01-01T00:00:00.000Z' }
 * ```
 */
export function toJsonValue(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array)
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) out[key] = toJsonValue(member);
    return out;
  }
  return value;
}
