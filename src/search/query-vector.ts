import { type DistanceMetric, VECTOR_TYPES } from '../model/pgvector.js';
import { describe, searchInvalid } from './search-invalid.js';
import type { VectorColumn } from './vector-column.js';

/** A sparse query vector: 0-based indices of its non-zero elements and their values. */
export interface SparseQueryVector {
  readonly dimensions: number;
  readonly indices: readonly number[];
  readonly values: readonly number[];
}

/**
 * A query vector: numbers for `vector`/`halfvec` (also a typed array), numbers or a
 * `SparseQueryVector` for `sparsevec`, a string of `0`/`1` for `bit`.
 */
export type QueryVector = readonly number[] | Float32Array | Float64Array | SparseQueryVector | string;

/** Largest finite half-precision value; pgvector refuses larger halfvec elements. */
const HALF_MAX = 65504;
/** Largest finite single-precision value: pgvector stores and compares float32. */
const FLOAT_MAX = 3.4028234663852886e38;

/**
 * An element as pgvector will hold it: pgvector parses every element to single precision, so
 * nine significant digits of the float32 value are exact, and much faster to write than the
 * seventeen digits of the double (which pgvector would round to the same float32 anyway).
 *
 * @example
 * ```ts
 * formatElement(0.1); // '0.100000001' (the float32 nearest to 0.1)
 * formatElement(3); // '3'
 * ```
 */
export function formatElement(value: number): string {
  return Number.isInteger(value) && Math.abs(value) < 16_777_216
    ? String(value)
    : Math.fround(value).toPrecision(9);
}

/** What a query vector is checked against: the column, and the metric it is compared with. */
export interface QueryVectorTarget {
  readonly column: VectorColumn;
  /** The column's name as messages show it (`document_chunks.embedding`). */
  readonly label: string;
  readonly metric: DistanceMetric;
}

/**
 * Checks a query vector against its column and formats it as pgvector's text literal, for a
 * parameter cast to the column's type. SEARCH_INVALID, before the database is asked, for the
 * wrong dimension, NaN or ±Infinity, a zero vector under cosine (or Jaccard) distance, and the wrong shape.
 *
 * @example
 * ```ts
 * import type { VectorColumn } from 'strata/search';
 *
 * const column: VectorColumn = { kind: 'vectorColumn', name: 'embedding', type: 'vector', dimensions: 3 };
 * formatQueryVector([1, 2, 0.1], { column, label: 'items.embedding', metric: 'cosine' });
 * // '[1,2,0.100000001]': each element as the float32 pgvector stores
 * ```
 */
export function formatQueryVector(value: unknown, target: QueryVectorTarget): string {
  switch (target.column.type) {
    case 'vector':
    case 'halfvec':
      return formatDense(value, target);
    case 'sparsevec':
      return formatSparse(value, target);
    case 'bit':
      return formatBits(value, target);
  }
}

function isNumberList(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || value instanceof Float32Array || value instanceof Float64Array;
}

function checkLength(length: number, target: QueryVectorTarget, unit = 'dimensions'): void {
  const { dimensions, type } = target.column;
  if (dimensions !== undefined && length !== dimensions) {
    throw searchInvalid(
      `The query vector has ${length} ${unit} but ${target.label} is ${type}(${dimensions}): ` +
        `embed the query with the same model (and dimensions) as the stored vectors.`,
      { column: target.label, expected: dimensions, got: length },
    );
  }
  const max = VECTOR_TYPES[type].maxStoredDims;
  if (length < 1 || length > max) {
    throw searchInvalid(`The query vector has ${length} ${unit}; ${type} takes 1 to ${max}.`, {
      column: target.label,
      got: length,
    });
  }
}

function zeroUnderCosine(target: QueryVectorTarget): never {
  throw searchInvalid(
    `The query vector is all zeros: it has no direction, so its ${target.metric} distance to every row of ` +
      `${target.label} is NaN. Check the embedding of the query.`,
    { column: target.label, metric: target.metric },
  );
}

function formatDense(value: unknown, target: QueryVectorTarget): string {
  if (!isNumberList(value)) {
    throw searchInvalid(
      `${target.label} is ${target.column.type}: the query vector must be an array of numbers; got ${describe(value)}.`,
      { column: target.label },
    );
  }
  checkLength(value.length, target);
  const limit = target.column.type === 'halfvec' ? HALF_MAX : FLOAT_MAX;
  const parts = new Array<string>(value.length);
  let nonZero = false;
  for (let i = 0; i < value.length; i += 1) {
    const element = value[i];
    if (typeof element !== 'number' || !Number.isFinite(element)) {
      throw searchInvalid(
        `Element ${i} of the query vector is ${describe(element)}: pgvector only compares finite numbers ` +
          '(check the embedding for NaN).',
        { column: target.label, index: i },
      );
    }
    if (Math.abs(element) > limit) {
      throw searchInvalid(
        `Element ${i} of the query vector (${element}) is beyond ${limit === HALF_MAX ? 'half' : 'single'} precision ` +
          `(±${limit}) for ${target.label}.`,
        { column: target.label, index: i },
      );
    }
    if (element !== 0) nonZero = true;
    parts[i] = formatElement(element);
  }
  if (!nonZero && target.metric === 'cosine') zeroUnderCosine(target);
  return `[${parts.join(',')}]`;
}

function formatSparse(value: unknown, target: QueryVectorTarget): string {
  if (isNumberList(value)) {
    checkLength(value.length, target);
    const indices: number[] = [];
    const values: number[] = [];
    for (let i = 0; i < value.length; i += 1) {
      const element = value[i];
      if (typeof element !== 'number' || !Number.isFinite(element)) {
        throw searchInvalid(`Element ${i} of the query vector is ${describe(element)}: use finite numbers.`, {
          column: target.label,
          index: i,
        });
      }
      if (element !== 0) {
        indices.push(i);
        values.push(element);
      }
    }
    return sparseText({ dimensions: value.length, indices, values }, target);
  }
  if (
    typeof value !== 'object' ||
    value === null ||
    typeof (value as SparseQueryVector).dimensions !== 'number' ||
    !Array.isArray((value as SparseQueryVector).indices) ||
    !Array.isArray((value as SparseQueryVector).values)
  ) {
    throw searchInvalid(
      `${target.label} is sparsevec: the query vector must be { dimensions, indices, values } or an array of ` +
        `numbers; got ${describe(value)}.`,
      { column: target.label },
    );
  }
  const sparse = value as SparseQueryVector;
  if (!Number.isInteger(sparse.dimensions)) {
    throw searchInvalid(`The query vector's dimensions must be a whole number; got ${sparse.dimensions}.`);
  }
  checkLength(sparse.dimensions, target);
  if (sparse.indices.length !== sparse.values.length) {
    throw searchInvalid(
      `The sparse query vector has ${sparse.indices.length} indices and ${sparse.values.length} values; ` +
        'give one value per index.',
      { column: target.label },
    );
  }
  const order = sparse.indices.map((_, i) => i).sort((a, b) => sparse.indices[a]! - sparse.indices[b]!);
  const indices: number[] = [];
  const values: number[] = [];
  for (const i of order) {
    const index = sparse.indices[i]!;
    const element = sparse.values[i]!;
    if (!Number.isInteger(index) || index < 0 || index >= sparse.dimensions) {
      throw searchInvalid(
        `Sparse index ${describe(index)} is outside 0..${sparse.dimensions - 1} (indices are 0-based).`,
        { column: target.label },
      );
    }
    if (indices.length > 0 && indices[indices.length - 1] === index) {
      throw searchInvalid(`Sparse index ${index} appears twice in the query vector.`, {
        column: target.label,
      });
    }
    if (typeof element !== 'number' || !Number.isFinite(element)) {
      throw searchInvalid(`The value at sparse index ${index} is ${describe(element)}: use finite numbers.`, {
        column: target.label,
        index,
      });
    }
    if (element !== 0) {
      indices.push(index);
      values.push(element);
    }
  }
  return sparseText({ dimensions: sparse.dimensions, indices, values }, target);
}

function sparseText(vector: SparseQueryVector, target: QueryVectorTarget): string {
  const max = 16_000;
  if (vector.indices.length > max) {
    throw searchInvalid(
      `The sparse query vector has ${vector.indices.length} non-zero elements; sparsevec takes ${max}.`,
      {
        column: target.label,
      },
    );
  }
  if (vector.indices.length === 0 && target.metric === 'cosine') zeroUnderCosine(target);
  const body = vector.indices.map((index, i) => `${index + 1}:${formatElement(vector.values[i]!)}`).join(',');
  return `{${body}}/${vector.dimensions}`;
}

function formatBits(value: unknown, target: QueryVectorTarget): string {
  if (typeof value !== 'string' || !/^[01]*$/.test(value)) {
    throw searchInvalid(
      `${target.label} is bit: the query must be a string of 0 and 1 (e.g. "1011"); got ${describe(value)}.`,
      { column: target.label },
    );
  }
  checkLength(value.length, target, 'bits');
  if (!value.includes('1') && target.metric === 'jaccard') zeroUnderCosine(target);
  return value;
}
