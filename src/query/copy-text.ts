import { formatTimestampParameter } from '../db/codecs/timestamp-text.js';
import { formatArrayLiteral } from './array-literal.js';

/**
 * PostgreSQL's text COPY format, for tables with a type the binary encoder does not know
 * (interval, tsvector, …). Values are the prepared parameters (vectors already as text).
 */

/** `\N`: NULL in text COPY. */
export const COPY_TEXT_NULL = '\\N';

/** Escapes a field for text COPY: backslash, newline, carriage return and tab. */
export function escapeCopyText(text: string): string {
  return text.replace(/[\\\n\r\t]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t',
  );
}

/** The text form of a prepared value (before COPY escaping). */
export function copyTextValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'bigint':
      return String(value);
    case 'boolean':
      return value ? 't' : 'f';
    default:
      break;
  }
  if (value instanceof Date) return formatTimestampParameter(value);
  if (value instanceof Uint8Array)
    return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
  if (Array.isArray(value)) return formatArrayLiteral(value);
  return JSON.stringify(value);
}

/** One row of text COPY: tab-separated escaped fields and a newline. */
export function copyTextRow(values: readonly unknown[]): string {
  let line = '';
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i];
    if (i > 0) line += '\t';
    line += value === null || value === undefined ? COPY_TEXT_NULL : escapeCopyText(copyTextValue(value));
  }
  return `${line}\n`;
}
