/**
 * A column's type as PostgreSQL knows it, in canonical form (see `src/catalog/normalize.ts`):
 * built-in names are the ones `format_type` prints without modifiers (`integer`,
 * `character varying`, `timestamp with time zone`), extension and user types keep
 * their own name (`vector`, `halfvec`), user types carry their schema.
 */
export interface SqlType {
  readonly kind: 'sqlType';
  /** Canonical name, e.g. `character varying`, `numeric`, `vector`, `mood`. */
  readonly name: string;
  /** Schema of a user-defined type (enums); undefined for built-in and extension types. */
  readonly schema?: string;
  /** Type modifiers: `varchar(50)` → [50], `numeric(10,2)` → [10, 2], `vector(3)` → [3]. */
  readonly modifiers: readonly number[];
  /** 0 for a scalar, 1 for an array (PostgreSQL does not enforce the number of dimensions). */
  readonly arrayDims: number;
}

/** Builds a canonical SqlType value. */
export function sqlType(
  name: string,
  modifiers: readonly number[] = [],
  options: { arrayDims?: number; schema?: string } = {},
): SqlType {
  return {
    kind: 'sqlType',
    name,
    modifiers,
    arrayDims: options.arrayDims ?? 0,
    ...(options.schema === undefined ? {} : { schema: options.schema }),
  };
}
