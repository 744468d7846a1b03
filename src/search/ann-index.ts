import {
  DEFAULT_VECTOR_OPCLASS,
  type DistanceMetric,
  describeVectorOpclass,
  type VectorIndexMethod,
} from '../model/pgvector.js';
import type { IndexSpec } from '../schema/index-builder.js';
import type { AnyTable } from '../schema/table.js';
import type { VectorColumn } from './vector-column.js';

/**
 * What an ANN index is built on, relative to the searched column: the column itself, its
 * half-precision cast `(col)::halfvec(D)`, or its binary quantisation `binary_quantize(col)::bit(D)`.
 */
export type AnnIndexTarget =
  | { readonly kind: 'column' }
  | { readonly kind: 'halfvec'; readonly dimensions: number }
  | { readonly kind: 'binary'; readonly dimensions: number };

/** An HNSW or IVFFlat index the table declares over the searched column (or an expression of it). */
export interface AnnIndex {
  readonly kind: 'annIndex';
  /** Index name; undefined when the DSL leaves naming to PostgreSQL. */
  readonly name: string | undefined;
  readonly method: VectorIndexMethod;
  readonly metric: DistanceMetric;
  readonly opclass: string;
  readonly target: AnnIndexTarget;
  /** Partial index predicate: the planner uses the index only when the query's filter implies it. */
  readonly where: string | undefined;
  /** Storage parameters (`m`, `ef_construction`, `lists`). */
  readonly params: Readonly<Record<string, string>>;
}

/** Lower-cases and drops quotes, parentheses and blanks, so `("Embedding")::halfvec(3)` reads `embedding::halfvec3`. */
function squash(text: string): string {
  return text.replace(/["()\s]/g, '').toLowerCase();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** What an index element is built on, when it is the column or one of the quantisation casts of it. */
function targetOf(element: IndexSpec['elements'][number], column: string): AnnIndexTarget | undefined {
  if (element.kind === 'indexColumn') return element.column === column ? { kind: 'column' } : undefined;
  const text = squash(element.expression);
  const name = escapeRegExp(squash(column));
  const half = new RegExp(`^${name}::halfvec(\\d+)$`).exec(text);
  if (half) return { kind: 'halfvec', dimensions: Number(half[1]) };
  const binary = new RegExp(`^binary_quantize${name}::bit(\\d+)$`).exec(text);
  if (binary) return { kind: 'binary', dimensions: Number(binary[1]) };
  return undefined;
}

/**
 * The ANN indexes a DSL table declares over `column`: on the column itself or on its
 * half-precision or binary-quantised cast. Indexes created outside the schema are not known here.
 *
 * @example
 * ```ts
 * import { describeVectorColumn } from 'strata/search';
 * import { index, table, uuidPrimaryKey, vector } from 'strata/schema';
 *
 * const chunks = table('chunks', { id: uuidPrimaryKey(), embedding: vector(384) }, (t) => [
 *   index('chunks_embedding_idx').using('hnsw', t.embedding.op('vector_cosine_ops')),
 * ]);
 * annIndexesOf(chunks, describeVectorColumn(chunks, 'embedding'))[0]?.metric; // 'cosine'
 * ```
 */
export function annIndexesOf(table: AnyTable, column: VectorColumn): readonly AnnIndex[] {
  const found: AnnIndex[] = [];
  for (const extra of table.extras()) {
    if (extra.kind !== 'indexDef') continue;
    const spec = extra.spec;
    const method =
      spec.method === 'hnsw' || spec.method === 'ivfflat' ? (spec.method as VectorIndexMethod) : undefined;
    if (method === undefined) continue;
    const [element] = spec.elements;
    if (element === undefined || spec.elements.length !== 1) continue;
    const target = targetOf(element, column.name);
    if (target === undefined) continue;
    const indexedType =
      target.kind === 'column' ? column.type : target.kind === 'halfvec' ? 'halfvec' : 'bit';
    const opclass = element.opclass ?? DEFAULT_VECTOR_OPCLASS[method][indexedType];
    const described = opclass === undefined ? undefined : describeVectorOpclass(opclass);
    if (opclass === undefined || described === undefined || described.type !== indexedType) continue;
    found.push({
      kind: 'annIndex',
      name: spec.name,
      method,
      metric: described.metric,
      opclass,
      target,
      where: spec.where,
      params: Object.fromEntries(Object.entries(spec.with).map(([key, value]) => [key, String(value)])),
    });
  }
  return found;
}

/** How an index is called in messages. */
export function describeIndex(index: AnnIndex): string {
  const label = index.method === 'hnsw' ? 'HNSW' : 'IVFFlat';
  return `${label} index ${index.name ?? '(unnamed)'} (${index.opclass})`;
}
