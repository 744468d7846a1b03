import type { VectorTypeName } from '../model/pgvector.js';
import { parseArrayText } from './codecs/array-text.js';
import { parseByteaText } from './codecs/bytea-text.js';
import { parseSparseVectorText } from './codecs/sparsevec-text.js';
import { parseTimestampText } from './codecs/timestamp-text.js';
import { parseVectorText } from './codecs/vector-text.js';

/** Turns PostgreSQL's text form of one value into its JavaScript value. */
export type TextParser = (text: string) => unknown;

/** pgvector types with a text codec (`bit` is built in and read as a string of 0/1). */
type ParsedVectorType = Exclude<VectorTypeName, 'bit'>;

const identity: TextParser = (text) => text;
const parseBool: TextParser = (text) => text === 't' || text === 'true';
const parseInteger: TextParser = (text) => Number.parseInt(text, 10);
const parseFloatText: TextParser = (text) => Number.parseFloat(text);
const parseInt8: TextParser = (text) => BigInt(text);
const parseJson: TextParser = (text) => JSON.parse(text);

/**
 * Parsers of built-in types, by OID (fixed for built-ins). Every type not listed, on both
 * backends, stays the string PostgreSQL printed: numeric keeps its precision, a date stays
 * `YYYY-MM-DD` with no time-zone shift, interval/money/uuid/inet stay text.
 */
const BUILT_IN_PARSERS: ReadonlyMap<number, TextParser> = new Map<number, TextParser>([
  [16, parseBool], // bool
  [17, parseByteaText], // bytea
  [20, parseInt8], // int8
  [21, parseInteger], // int2
  [23, parseInteger], // int4
  [26, parseInteger], // oid
  [114, parseJson], // json
  [700, parseFloatText], // float4
  [701, parseFloatText], // float8
  [1082, identity], // date
  [1114, parseTimestampText], // timestamp
  [1184, parseTimestampText], // timestamptz
  [1560, identity], // bit
  [1562, identity], // varbit
  [1700, identity], // numeric
  [3802, parseJson], // jsonb
]);

const VECTOR_PARSERS: Readonly<Record<ParsedVectorType, TextParser>> = {
  vector: parseVectorText,
  halfvec: parseVectorText,
  sparsevec: parseSparseVectorText,
};

/**
 * Every type that has an array type, with pgvector's types flagged. Array types are not
 * fixed for extension and user types, so arrays are parsed from this list on both backends.
 */
const TYPE_CATALOG_SQL = `
select t.oid::int8 as oid, t.typname::text as name, t.typarray::int8 as array_oid,
       t.typdelim::text as delimiter, (x.extname is not null) as from_vector
from pg_catalog.pg_type t
left join pg_catalog.pg_depend d
  on d.classid = 'pg_catalog.pg_type'::regclass and d.objid = t.oid and d.deptype = 'e'
left join pg_catalog.pg_extension x on x.oid = d.refobjid and x.extname = 'vector'
where t.typarray <> 0`;

interface TypeCatalogRow {
  readonly oid: unknown;
  readonly name: string;
  readonly array_oid: unknown;
  readonly delimiter: string;
  readonly from_vector: boolean;
}

/**
 * The value parsers of one database. Built-in types are known up front; pgvector's types
 * and all array types are read from `pg_type` by `load` (at connect, and again through
 * `Database.refreshTypes()` after `CREATE EXTENSION vector` or `CREATE TYPE`).
 */
export class TypeRegistry {
  #parsers = new Map<number, TextParser>(BUILT_IN_PARSERS);
  #vectorOids = new Map<ParsedVectorType, number>();
  #pgliteParsers: Record<number, TextParser> = Object.fromEntries(BUILT_IN_PARSERS);

  /** The parser for a type; undefined means "keep the text". */
  parserFor(oid: number): TextParser | undefined {
    return this.#parsers.get(oid);
  }

  /** All parsers as the plain object PGlite's `parsers` query option takes. */
  get pgliteParsers(): Readonly<Record<number, TextParser>> {
    return this.#pgliteParsers;
  }

  /** OID of a pgvector type in this database, once the extension exists and types were loaded. */
  vectorTypeOid(name: ParsedVectorType): number | undefined {
    return this.#vectorOids.get(name);
  }

  /** Reads pgvector's types and every array type from `pg_type`, replacing what was known. */
  async load(query: (sql: string) => Promise<{ readonly rows: readonly unknown[] }>): Promise<void> {
    const { rows } = await query(TYPE_CATALOG_SQL);
    const parsers = new Map<number, TextParser>(BUILT_IN_PARSERS);
    const vectorOids = new Map<ParsedVectorType, number>();
    const catalog = rows as readonly TypeCatalogRow[];
    for (const row of catalog) {
      if (row.from_vector && isParsedVectorType(row.name)) {
        vectorOids.set(row.name, Number(row.oid));
        parsers.set(Number(row.oid), VECTOR_PARSERS[row.name]);
      }
    }
    for (const row of catalog) {
      const element = parsers.get(Number(row.oid)) ?? identity;
      const delimiter = row.delimiter;
      parsers.set(Number(row.array_oid), (text) => parseArrayText(text, element, delimiter));
    }
    this.#parsers = parsers;
    this.#vectorOids = vectorOids;
    this.#pgliteParsers = Object.fromEntries(parsers);
  }
}

function isParsedVectorType(name: string): name is ParsedVectorType {
  return name === 'vector' || name === 'halfvec' || name === 'sparsevec';
}
