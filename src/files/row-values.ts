import { StrataError } from '../errors/strata-error.js';

/**
 * Column values as any executor returns them: a `Session` parses `bytea` to a `Buffer` and
 * `int8` to a `bigint`, bare `pg` gives a `Buffer` and a string, PGlite a `Uint8Array` and a
 * number. These read every form.
 */
export function bytesValue(value: unknown, what: string): Buffer {
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (typeof value === 'string' && value.startsWith('\\x')) return Buffer.from(value.slice(2), 'hex');
  throw new StrataError('DATABASE_ERROR', `Expected bytes for ${what}, got ${typeof value}.`);
}

export function numberValue(value: unknown, what: string): number {
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'bigint' || typeof value === 'string'
        ? Number(value)
        : Number.NaN;
  if (!Number.isSafeInteger(number)) {
    throw new StrataError('DATABASE_ERROR', `Expected a whole number for ${what}, got ${String(value)}.`);
  }
  return number;
}

export function dateValue(value: unknown, what: string): Date {
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;
  if (date === undefined || Number.isNaN(date.getTime())) {
    throw new StrataError('DATABASE_ERROR', `Expected a timestamp for ${what}, got ${String(value)}.`);
  }
  return date;
}
