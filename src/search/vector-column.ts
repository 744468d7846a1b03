import { VECTOR_TYPES, type VectorTypeName } from '../model/pgvector.js';
import type { AnyColumn } from '../schema/column.js';
import type { AnyTable } from '../schema/table.js';
import { searchInvalid } from './search-invalid.js';

/** The vector column a search runs on, as its table declares it. */
export interface VectorColumn {
  readonly kind: 'vectorColumn';
  readonly name: string;
  readonly type: VectorTypeName;
  /** Declared dimensions (`vector(384)` → 384; for `bit(n)`, n); undefined when the type has none. */
  readonly dimensions: number | undefined;
}

const VECTOR_KINDS: ReadonlySet<string> = new Set(['vector', 'halfvec', 'sparsevec', 'bit']);

/** The pgvector type of a column, or undefined when it holds something else. */
export function vectorTypeOf(column: AnyColumn): VectorTypeName | undefined {
  const kind = column.spec.valueKind.kind;
  return column.spec.type.arrayDims === 0 && VECTOR_KINDS.has(kind) ? (kind as VectorTypeName) : undefined;
}

/** Whether a column holds an embedding (vector, halfvec or sparsevec): such columns are never returned unless asked. */
export function isEmbeddingColumn(column: AnyColumn): boolean {
  const kind = column.spec.valueKind.kind;
  return kind === 'vector' || kind === 'halfvec' || kind === 'sparsevec';
}

/**
 * Looks up a searchable column of a DSL table; SEARCH_INVALID when it does not exist or is not
 * one of pgvector's types (`vector`, `halfvec`, `sparsevec`, or `bit` for Hamming/Jaccard).
 */
export function describeVectorColumn(table: AnyTable, name: string): VectorColumn {
  const column = (table.columns as Readonly<Record<string, AnyColumn>>)[name];
  if (column === undefined || !Object.hasOwn(table.columns, name)) {
    const vectors = Object.values(table.columns as Readonly<Record<string, AnyColumn>>)
      .filter((c) => vectorTypeOf(c) !== undefined)
      .map((c) => c.columnName);
    throw searchInvalid(
      `Table ${table.qualifiedName} has no column "${name}"` +
        (vectors.length > 0 ? `; its vector columns are: ${vectors.join(', ')}.` : ' and no vector column.'),
      { table: table.qualifiedName, column: name },
    );
  }
  const type = vectorTypeOf(column);
  if (type === undefined) {
    throw searchInvalid(
      `Column ${table.qualifiedName}.${name} is ${column.spec.type.name}${column.spec.type.arrayDims > 0 ? '[]' : ''}, ` +
        `not a vector: search needs a ${Object.keys(VECTOR_TYPES).join(', ')} column.`,
      { table: table.qualifiedName, column: name },
    );
  }
  return { kind: 'vectorColumn', name, type, dimensions: column.spec.type.modifiers[0] };
}
