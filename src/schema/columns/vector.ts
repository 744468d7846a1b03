import { sqlType } from '../../model/index.js';
import { type Column, column } from '../column.js';

/** A sparse vector: 0-based indices of the non-zero elements and their values. */
export interface SparseVector {
  readonly dimensions: number;
  readonly indices: readonly number[];
  readonly values: readonly number[];
}

function dims(dimensions: number | undefined): number[] {
  return dimensions === undefined ? [] : [dimensions];
}

/** pgvector `vector(n)`: single-precision, up to 16,000 dimensions (2,000 indexable). */
export function vector(dimensions?: number): Column<number[], false, false, false> {
  return column(sqlType('vector', dims(dimensions)), {
    kind: 'vector',
    ...(dimensions === undefined ? {} : { dimensions }),
  });
}

/** pgvector `halfvec(n)`: half-precision, up to 16,000 dimensions (4,000 indexable). */
export function halfvec(dimensions?: number): Column<number[], false, false, false> {
  return column(sqlType('halfvec', dims(dimensions)), {
    kind: 'halfvec',
    ...(dimensions === undefined ? {} : { dimensions }),
  });
}

/** pgvector `sparsevec(n)`: up to 16,000 non-zero elements (1,000 indexable by HNSW). */
export function sparsevec(dimensions?: number): Column<SparseVector, false, false, false> {
  return column(sqlType('sparsevec', dims(dimensions)), {
    kind: 'sparsevec',
    ...(dimensions === undefined ? {} : { dimensions }),
  });
}
