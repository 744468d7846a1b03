import { formatSparseVectorText, isSparseVector } from './codecs/sparsevec-text.js';
import { formatTimestampParameter } from './codecs/timestamp-text.js';

/**
 * Turns query parameters into values both drivers send identically. `pg` and PGlite differ on
 * dates (local time vs UTC), bigint inside JSON, and typed arrays, so those are settled here:
 *
 * - `undefined` → NULL
 * - `bigint` → decimal text
 * - `Date` → ISO 8601 in UTC (a `timestamp` column stores the UTC wall-clock time)
 * - `SparseVector` → pgvector text (`{1:1,3:2}/5`)
 * - typed arrays and `DataView` → a `Buffer` of their bytes (for `bytea`)
 * - plain objects → JSON text (bigint members as exact JSON numbers)
 * - arrays → a PostgreSQL array of the above
 *
 * `number[]` stays an array, so a vector parameter must be formatted with `formatVectorText`.
 * When no value needs any of this (strings, numbers, booleans, null, `Buffer`s: the usual
 * case), the given array itself is returned: the drivers only read it.
 */
export function normalizeParameters(params: readonly unknown[]): readonly unknown[] {
  for (let i = 0; i < params.length; i += 1) {
    if (needsNormalizing(params[i])) return params.map(normalizeParameter);
  }
  return params;
}

/** False for the values `normalizeParameter` returns unchanged. */
function needsNormalizing(value: unknown): boolean {
  switch (typeof value) {
    case 'undefined':
    case 'bigint':
      return true;
    case 'object':
      return value !== null && !Buffer.isBuffer(value);
    default:
      return false;
  }
}

function normalizeParameter(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  switch (typeof value) {
    case 'bigint':
      return value.toString();
    case 'object':
      break;
    default:
      return value;
  }
  if (value instanceof Date) return formatTimestampParameter(value);
  if (Buffer.isBuffer(value)) return value;
  if (ArrayBuffer.isView(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (Array.isArray(value)) return value.map(normalizeParameter);
  if (isSparseVector(value)) return formatSparseVectorText(value);
  return toJson(value);
}

/** Marks bigint members so they can be written as exact JSON numbers (JSON.stringify refuses bigint). */
const BIGINT_MARK = '\u2063strata-bigint:';
const MARKED_BIGINT = new RegExp(`"${BIGINT_MARK}(-?\\d+)"`, 'g');

function toJson(value: unknown): string {
  const json = JSON.stringify(value, (_key, member: unknown) =>
    typeof member === 'bigint' ? `${BIGINT_MARK}${member}` : member,
  );
  return json.includes(BIGINT_MARK) ? json.replace(MARKED_BIGINT, '$1') : json;
}
