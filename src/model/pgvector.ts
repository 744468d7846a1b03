/**
 * pgvector's facts (extension 0.8.x) in one place: vector types, the limits on what
 * they can store and index, distance operators and the operator classes each index
 * method accepts. Validation, search and the catalog reader all read from here.
 */

export type VectorTypeName = 'vector' | 'halfvec' | 'sparsevec' | 'bit';
export type VectorIndexMethod = 'hnsw' | 'ivfflat';
export type DistanceMetric = 'l2' | 'ip' | 'cosine' | 'l1' | 'hamming' | 'jaccard';

export interface VectorTypeFacts {
  /** Largest dimension the type can store. */
  readonly maxStoredDims: number;
  /** Largest dimension (for sparsevec: non-zero elements) an HNSW or IVFFlat index accepts. */
  readonly maxIndexedDims: number;
  /** What the limit counts, for error messages. */
  readonly limitUnit: 'dimensions' | 'non-zero elements';
  /** Metrics the type supports, with their operator. */
  readonly metrics: Readonly<Partial<Record<DistanceMetric, string>>>;
  /** Operator classes per index method; a metric missing here cannot be indexed by that method. */
  readonly opclasses: Readonly<Record<VectorIndexMethod, Readonly<Partial<Record<DistanceMetric, string>>>>>;
}

/** Distance operator per metric. */
export const DISTANCE_OPERATORS: Readonly<Record<DistanceMetric, string>> = {
  l2: '<->',
  ip: '<#>',
  cosine: '<=>',
  l1: '<+>',
  hamming: '<~>',
  jaccard: '<%>',
};

export const VECTOR_TYPES: Readonly<Record<VectorTypeName, VectorTypeFacts>> = {
  vector: {
    maxStoredDims: 16000,
    maxIndexedDims: 2000,
    limitUnit: 'dimensions',
    metrics: { l2: '<->', ip: '<#>', cosine: '<=>', l1: '<+>' },
    opclasses: {
      hnsw: { l2: 'vector_l2_ops', ip: 'vector_ip_ops', cosine: 'vector_cosine_ops', l1: 'vector_l1_ops' },
      ivfflat: { l2: 'vector_l2_ops', ip: 'vector_ip_ops', cosine: 'vector_cosine_ops' },
    },
  },
  halfvec: {
    maxStoredDims: 16000,
    maxIndexedDims: 4000,
    limitUnit: 'dimensions',
    metrics: { l2: '<->', ip: '<#>', cosine: '<=>', l1: '<+>' },
    opclasses: {
      hnsw: {
        l2: 'halfvec_l2_ops',
        ip: 'halfvec_ip_ops',
        cosine: 'halfvec_cosine_ops',
        l1: 'halfvec_l1_ops',
      },
      ivfflat: { l2: 'halfvec_l2_ops', ip: 'halfvec_ip_ops', cosine: 'halfvec_cosine_ops' },
    },
  },
  sparsevec: {
    maxStoredDims: 1_000_000_000,
    maxIndexedDims: 1000,
    limitUnit: 'non-zero elements',
    metrics: { l2: '<->', ip: '<#>', cosine: '<=>', l1: '<+>' },
    opclasses: {
      hnsw: {
        l2: 'sparsevec_l2_ops',
        ip: 'sparsevec_ip_ops',
        cosine: 'sparsevec_cosine_ops',
        l1: 'sparsevec_l1_ops',
      },
      ivfflat: {},
    },
  },
  bit: {
    maxStoredDims: 83_886_080,
    maxIndexedDims: 64000,
    limitUnit: 'dimensions',
    metrics: { hamming: '<~>', jaccard: '<%>' },
    opclasses: {
      hnsw: { hamming: 'bit_hamming_ops', jaccard: 'bit_jaccard_ops' },
      ivfflat: { hamming: 'bit_hamming_ops' },
    },
  },
};

/** Default opclass per method when none is given (HNSW has none). */
export const DEFAULT_VECTOR_OPCLASS: Readonly<
  Record<VectorIndexMethod, Partial<Record<VectorTypeName, string>>>
> = {
  hnsw: {},
  ivfflat: { vector: 'vector_l2_ops' },
};

/** Index storage parameters, their defaults and ranges. */
export const VECTOR_INDEX_PARAMS: Readonly<
  Record<
    VectorIndexMethod,
    Readonly<Record<string, { readonly default: number; readonly min: number; readonly max: number }>>
  >
> = {
  hnsw: { m: { default: 16, min: 2, max: 100 }, ef_construction: { default: 64, min: 4, max: 1000 } },
  ivfflat: { lists: { default: 100, min: 1, max: 32768 } },
};

/** Whether `name` is one of pgvector's types. */
export function isVectorType(name: string): name is VectorTypeName {
  return name === 'vector' || name === 'halfvec' || name === 'sparsevec';
}

/** The metric an opclass implements, with its type and method, or undefined when it is not pgvector's. */
export function describeVectorOpclass(
  opclass: string,
): { type: VectorTypeName; metric: DistanceMetric; methods: VectorIndexMethod[] } | undefined {
  for (const [type, facts] of Object.entries(VECTOR_TYPES) as [VectorTypeName, VectorTypeFacts][]) {
    for (const method of ['hnsw', 'ivfflat'] as const) {
      for (const [metric, name] of Object.entries(facts.opclasses[method]) as [DistanceMetric, string][]) {
        if (name === opclass) {
          const methods = (['hnsw', 'ivfflat'] as const).filter(
            (m) => facts.opclasses[m][metric] === opclass,
          );
          return { type, metric, methods };
        }
      }
    }
  }
  return undefined;
}
