/**
 * Decoding of `pg_attribute.atttypmod` into the modifiers of a SqlType. Each built-in
 * type packs its modifiers differently (see PostgreSQL's `*typmodout` functions); types
 * from extensions (pgvector's `vector(n)`, `halfvec(n)`, `sparsevec(n)`) store the
 * number itself.
 */

/** VARHDRSZ: character and numeric typmods carry the varlena header size. */
const VARHDRSZ = 4;

/** `interval` field restrictions, by the bitmask PostgreSQL stores in the upper half of the typmod. */
const INTERVAL_FIELDS: Readonly<Record<number, string>> = {
  4: 'year',
  2: 'month',
  8: 'day',
  1024: 'hour',
  2048: 'minute',
  4096: 'second',
  6: 'year to month',
  1032: 'day to hour',
  3080: 'day to minute',
  7176: 'day to second',
  3072: 'hour to minute',
  7168: 'hour to second',
  6144: 'minute to second',
};
const INTERVAL_FULL_RANGE = 0x7fff;
const INTERVAL_FULL_PRECISION = 0xffff;

/** A decoded type: the name may gain interval fields (`interval day to second`). */
export interface DecodedType {
  readonly name: string;
  readonly modifiers: readonly number[];
}

/**
 * Decodes the typmod of a built-in type (`name` as `format_type(oid, NULL)` prints it).
 *
 * @example
 * ```ts
 * decodeBuiltinTypmod('character varying', 54); // { name: 'character varying', modifiers: [50] }
 * decodeBuiltinTypmod('numeric', 655366);       // { name: 'numeric', modifiers: [10, 2] }
 * ```
 */
export function decodeBuiltinTypmod(name: string, typmod: number): DecodedType {
  if (typmod < 0) return { name, modifiers: [] };
  switch (name) {
    case 'character varying':
    case 'character':
      return { name, modifiers: [typmod - VARHDRSZ] };
    case 'numeric': {
      const packed = typmod - VARHDRSZ;
      const precision = (packed >> 16) & 0xffff;
      // PostgreSQL 15+ allows a negative scale, stored as an 11-bit two's complement.
      const scale = ((packed & 0x7ff) ^ 1024) - 1024;
      return { name, modifiers: [precision, scale] };
    }
    case 'interval': {
      const precision = typmod & 0xffff;
      const range = (typmod >> 16) & 0x7fff;
      const fields = range === INTERVAL_FULL_RANGE ? undefined : INTERVAL_FIELDS[range];
      return {
        name: fields === undefined ? name : `interval ${fields}`,
        modifiers: precision === INTERVAL_FULL_PRECISION ? [] : [precision],
      };
    }
    default:
      // timestamp(p), time(p), bit(n), bit varying(n) store the number as is.
      return { name, modifiers: [typmod] };
  }
}

/**
 * Decodes the typmod of an extension or user-defined type: pgvector (and most
 * extensions with one modifier) store the number itself.
 *
 * @example
 * ```ts
 * decodeExtensionTypmod(1536); // [1536]
 * ```
 */
export function decodeExtensionTypmod(typmod: number): readonly number[] {
  return typmod < 0 ? [] : [typmod];
}
