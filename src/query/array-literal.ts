import { formatTimestampParameter } from '../db/codecs/timestamp-text.js';

/**
 * PostgreSQL's text form of an array (`{"a","b c",NULL}`, nested for more dimensions), for
 * array parameters. Sent as text, an array parameter is read the same way by both drivers
 * whatever its element type (PGlite does not know how to send arrays of enums, for one).
 *
 * @example
 * ```ts
 * formatArrayLiteral(['a', 'b"c', null]); // '{"a","b\\"c",NULL}'
 * ```
 */
export function formatArrayLiteral(values: readonly unknown[]): string {
  let text = '{';
  for (let i = 0; i < values.length; i += 1) {
    if (i > 0) text += ',';
    const value = values[i];
    if (value === null || value === undefined) text += 'NULL';
    else if (Array.isArray(value)) text += formatArrayLiteral(value);
    else text += `"${elementText(value).replace(/["\\]/g, (c) => `\\${c}`)}"`;
  }
  return `${text}}`;
}

function elementText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return formatTimestampParameter(value);
  if (value instanceof Uint8Array)
    return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
