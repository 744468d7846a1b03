/**
 * How values of a column are checked before they reach the database and how they
 * cross the wire. Derived from the column type by the DSL; repositories dispatch on it.
 */
export type ValueKind =
  | { readonly kind: 'integer'; readonly min: number; readonly max: number }
  | { readonly kind: 'bigint' }
  | { readonly kind: 'float' }
  | { readonly kind: 'numeric'; readonly precision?: number; readonly scale?: number }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'text'; readonly maxLength?: number }
  | { readonly kind: 'uuid' }
  | { readonly kind: 'timestamp' }
  | { readonly kind: 'date' }
  | { readonly kind: 'time' }
  | { readonly kind: 'interval' }
  | { readonly kind: 'json' }
  | { readonly kind: 'bytea' }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'vector'; readonly dimensions?: number }
  | { readonly kind: 'halfvec'; readonly dimensions?: number }
  | { readonly kind: 'sparsevec'; readonly dimensions?: number }
  | { readonly kind: 'bit'; readonly length?: number }
  | { readonly kind: 'tsvector' }
  | { readonly kind: 'array'; readonly element: ValueKind };

export type ValueKindName = ValueKind['kind'];
