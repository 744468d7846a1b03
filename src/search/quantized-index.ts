import { type DistanceMetric, VECTOR_TYPES } from '../model/pgvector.js';
import type { AnyColumn } from '../schema/column.js';
import { type IndexElementSpec, sql } from '../schema/sql.js';
import { searchInvalid } from './search-invalid.js';

function dimensionsOf(column: AnyColumn, given: number | undefined, max: number): number {
  const declared = column.spec.type.modifiers[0];
  const dimensions = given ?? declared;
  if (dimensions === undefined || !Number.isInteger(dimensions) || dimensions < 1 || dimensions > max) {
    throw searchInvalid(
      `${column.columnName}: a quantised index needs the column's dimensions (1 to ${max}); ` +
        (dimensions === undefined
          ? 'declare them, e.g. vector(3072), or pass dimensions.'
          : `got ${dimensions}.`),
    );
  }
  if (declared !== undefined && dimensions !== declared) {
    throw searchInvalid(
      `${column.columnName} has ${declared} dimensions; the index cast must keep them all (got ${dimensions}).`,
    );
  }
  return dimensions;
}

/**
 * The element of a half-precision expression index, `((col)::halfvec(D)) halfvec_<metric>_ops`:
 * half the index size, up to 4,000 dimensions. Search it with `quantization: { kind: 'halfvec' }`.
 *
 * @example
 * ```ts
 * import { vectorSearch } from 'strata/search';
 * import { index, table, uuidPrimaryKey, vector } from 'strata/schema';
 *
 * const docs = table('docs', { id: uuidPrimaryKey(), embedding: vector(3072) }, (t) => [
 *   index('docs_embedding_half_idx').using('hnsw', halfvecIndexElement(t.embedding, 'cosine')),
 * ]);
 * const search = vectorSearch(docs, 'embedding', { metric: 'cosine', quantization: { kind: 'halfvec' } });
 * ```
 */
export function halfvecIndexElement(
  column: AnyColumn,
  metric: Exclude<DistanceMetric, 'hamming' | 'jaccard'>,
  options: { readonly dimensions?: number } = {},
): IndexElementSpec {
  if (column.spec.valueKind.kind !== 'vector') {
    throw searchInvalid(`${column.columnName}: half-precision indexes are for vector columns.`);
  }
  const dimensions = dimensionsOf(column, options.dimensions, VECTOR_TYPES.halfvec.maxIndexedDims);
  const opclass = VECTOR_TYPES.halfvec.opclasses.hnsw[metric];
  if (opclass === undefined) throw searchInvalid(`halfvec has no HNSW operator class for ${metric}.`);
  return sql`(${column})::halfvec(${sql.raw(String(dimensions))})`.op(opclass);
}

/**
 * The element of a binary-quantised index, `(binary_quantize(col)::bit(D)) bit_hamming_ops`
 * (or `bit_jaccard_ops`): 1 bit per dimension. Search it with `quantization: { kind: 'binary' }`,
 * which re-ranks the candidates on the full vectors.
 *
 * @example
 * ```ts
 * import { vectorSearch } from 'strata/search';
 * import { index, table, uuidPrimaryKey, vector } from 'strata/schema';
 *
 * const docs = table('docs', { id: uuidPrimaryKey(), embedding: vector(1536) }, (t) => [
 *   index('docs_embedding_bq_idx').using('hnsw', binaryIndexElement(t.embedding)),
 * ]);
 * const search = vectorSearch(docs, 'embedding', { metric: 'cosine', quantization: { kind: 'binary' } });
 * ```
 */
export function binaryIndexElement(
  column: AnyColumn,
  options: { readonly metric?: 'hamming' | 'jaccard'; readonly dimensions?: number } = {},
): IndexElementSpec {
  const kind = column.spec.valueKind.kind;
  if (kind !== 'vector' && kind !== 'halfvec') {
    throw searchInvalid(`${column.columnName}: binary quantisation is for vector and halfvec columns.`);
  }
  const dimensions = dimensionsOf(column, options.dimensions, VECTOR_TYPES.bit.maxIndexedDims);
  const opclass = VECTOR_TYPES.bit.opclasses.hnsw[options.metric ?? 'hamming']!;
  return sql`binary_quantize(${column})::bit(${sql.raw(String(dimensions))})`.op(opclass);
}
