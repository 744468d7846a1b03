import { StrataError } from '../../errors/strata-error.js';

/**
 * Parses pgvector's text form of a `vector` or `halfvec` (`[1,2.5,-3]`).
 *
 * @example
 * ```ts
 * parseVectorText('[1,2,3]'); // [1, 2, 3]
 * ```
 */
export function parseVectorText(text: string): number[] {
  const trimmed = text.trim();
  if (!trimmed.startsWith('[') || !trimmed.endsWith(']')) {
    throw new StrataError('VALUE_INVALID', `Not a vector literal (expected "[1,2,3]"): ${preview(trimmed)}`);
  }
  const body = trimmed.slice(1, -1).trim();
  if (body === '') return [];
  return body.split(',').map((part, index) => {
    const value = Number(part);
    if (part.trim() === '' || Number.isNaN(value)) {
      throw new StrataError('VALUE_INVALID', `Vector element ${index} is not a number: "${part}"`, { index });
    }
    return value;
  });
}

/**
 * Formats numbers as a `vector`/`halfvec` literal for a query parameter (`$1::vector`).
 * pgvector rejects NaN and ±Infinity and empty vectors, so they fail here, with the element named.
 *
 * @example
 * ```ts
 * import { type Database, formatVectorText } from 'strata/db';
 *
 * declare const db: Database;
 * await db.executor.query('insert into items (embedding) values ($1)', [formatVectorText([1, 2, 3])]);
 * ```
 */
export function formatVectorText(values: ArrayLike<number>): string {
  if (values.length === 0) {
    throw new StrataError('VALUE_INVALID', 'A vector needs at least one dimension; got an empty list.');
  }
  const parts = new Array<string>(values.length);
  for (let index = 0; index < values.length; index += 1) {
    const value = values[index];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new StrataError(
        'VALUE_INVALID',
        `Vector element ${index} is ${String(value)}: pgvector only stores finite numbers.`,
        { index },
      );
    }
    parts[index] = String(value);
  }
  return `[${parts.join(',')}]`;
}

function preview(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
