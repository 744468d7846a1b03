import { StrataError } from '../../errors/strata-error.js';
import { VECTOR_TYPES } from '../../model/pgvector.js';

/**
 * A pgvector `sparsevec` value: only the non-zero elements, with 0-based `indices` in
 * ascending order (pgvector's text form is 1-based: `{1:1,3:2}/5`).
 */
export interface SparseVector {
  readonly kind: 'sparseVector';
  readonly dimensions: number;
  readonly indices: readonly number[];
  readonly values: readonly number[];
}

/** pgvector's limit on stored non-zero elements of one sparsevec. */
export const SPARSEVEC_MAX_NON_ZERO = 16_000;

/**
 * Builds a validated `SparseVector`: indices are sorted, zero values dropped (pgvector does
 * not store them either, so the value equals what the database gives back).
 *
 * @example
 * ```ts
 * const v = sparseVector({ dimensions: 5, indices: [0, 2], values: [1, 2] });
 * formatSparseVectorText(v); // '{1:1,3:2}/5'
 * ```
 */
export function sparseVector(input: {
  readonly dimensions: number;
  readonly indices: readonly number[];
  readonly values: readonly number[];
}): SparseVector {
  const { dimensions, indices, values } = input;
  const maxDims = VECTOR_TYPES.sparsevec.maxStoredDims;
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > maxDims) {
    throw new StrataError(
      'VALUE_INVALID',
      `A sparse vector needs an integer number of dimensions between 1 and ${maxDims}; got ${dimensions}.`,
      { dimensions },
    );
  }
  if (indices.length !== values.length) {
    throw new StrataError(
      'VALUE_INVALID',
      `A sparse vector needs one value per index; got ${indices.length} indices and ${values.length} values.`,
    );
  }
  const entries: Array<[number, number]> = [];
  for (let i = 0; i < indices.length; i += 1) {
    const index = indices[i]!;
    const value = values[i]!;
    if (!Number.isInteger(index) || index < 0 || index >= dimensions) {
      throw new StrataError(
        'VALUE_INVALID',
        `Sparse vector index ${index} is outside 0..${dimensions - 1} (indices are 0-based).`,
        { index },
      );
    }
    if (!Number.isFinite(value)) {
      throw new StrataError(
        'VALUE_INVALID',
        `Sparse vector value at index ${index} is ${value}: pgvector only stores finite numbers.`,
        { index },
      );
    }
    if (value !== 0) entries.push([index, value]);
  }
  entries.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < entries.length; i += 1) {
    if (entries[i]![0] === entries[i - 1]![0]) {
      throw new StrataError('VALUE_INVALID', `Sparse vector index ${entries[i]![0]} appears twice.`, {
        index: entries[i]![0],
      });
    }
  }
  if (entries.length > SPARSEVEC_MAX_NON_ZERO) {
    throw new StrataError(
      'VALUE_INVALID',
      `A sparse vector stores at most ${SPARSEVEC_MAX_NON_ZERO} non-zero elements; got ${entries.length}.`,
    );
  }
  return Object.freeze({
    kind: 'sparseVector',
    dimensions,
    indices: Object.freeze(entries.map((e) => e[0])),
    values: Object.freeze(entries.map((e) => e[1])),
  });
}

/** Whether a value is a `SparseVector` (used to format query parameters). */
export function isSparseVector(value: unknown): value is SparseVector {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'sparseVector';
}

/**
 * Parses pgvector's text form of a `sparsevec` (`{1:1,3:2}/5`, 1-based) into a `SparseVector`
 * (0-based).
 *
 * @example
 * ```ts
 * parseSparseVectorText('{1:1,3:2}/5'); // { kind: 'sparseVector', dimensions: 5, indices: [0, 2], values: [1, 2] }
 * ```
 */
export function parseSparseVectorText(text: string): SparseVector {
  const match = /^\s*\{([^}]*)\}\s*\/\s*(\d+)\s*$/.exec(text);
  if (!match) {
    throw new StrataError(
      'VALUE_INVALID',
      `Not a sparsevec literal (expected "{1:1,3:2}/5"): ${text.slice(0, 60)}`,
    );
  }
  const body = match[1]!.trim();
  const indices: number[] = [];
  const values: number[] = [];
  if (body !== '') {
    for (const pair of body.split(',')) {
      const colon = pair.indexOf(':');
      const index = Number(pair.slice(0, colon));
      const value = Number(pair.slice(colon + 1));
      if (colon < 0 || !Number.isInteger(index) || Number.isNaN(value)) {
        throw new StrataError(
          'VALUE_INVALID',
          `Malformed sparsevec element "${pair}" in ${text.slice(0, 60)}`,
        );
      }
      indices.push(index - 1);
      values.push(value);
    }
  }
  return sparseVector({ dimensions: Number(match[2]), indices, values });
}

/**
 * Formats a `SparseVector` as pgvector's text form for a query parameter. Query parameters
 * that are `SparseVector` values are formatted automatically; this is for building SQL by hand.
 *
 * @example
 * ```ts
 * formatSparseVectorText(sparseVector({ dimensions: 5, indices: [0, 2], values: [1, 2] })); // '{1:1,3:2}/5'
 * ```
 */
export function formatSparseVectorText(vector: SparseVector): string {
  const checked = sparseVector(vector);
  const parts = checked.indices.map((index, i) => `${index + 1}:${checked.values[i]}`);
  return `{${parts.join(',')}}/${checked.dimensions}`;
}
