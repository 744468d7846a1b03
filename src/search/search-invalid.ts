import { StrataError } from '../errors/strata-error.js';

/**
 * A SEARCH_INVALID error: the search was refused before the database was asked. The
 * message names what was wrong and how to fix it; query vectors are never echoed.
 */
export function searchInvalid(message: string, details: Record<string, unknown> = {}): StrataError {
  return new StrataError('SEARCH_INVALID', message, details);
}

/** Checks that `value` is a whole number in `[min, max]`; `name` is how the caller spelled the option. */
export function checkInteger(name: string, value: unknown, min: number, max: number, hint = ''): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw searchInvalid(
      `${name} must be a whole number from ${min} to ${max}; got ${describe(value)}.${hint ? ` ${hint}` : ''}`,
      { option: name, min, max },
    );
  }
  return value;
}

/** Checks that `value` is a finite number in `[min, max]`. */
export function checkNumber(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw searchInvalid(`${name} must be a number from ${min} to ${max}; got ${describe(value)}.`, {
      option: name,
      min,
      max,
    });
  }
  return value;
}

/** A short description of a value for a message (never a whole vector). */
export function describe(value: unknown): string {
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'string')
    return value.length > 40 ? `a string of ${value.length} characters` : JSON.stringify(value);
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}
