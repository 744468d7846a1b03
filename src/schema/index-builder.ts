import type { IndexMethod } from '../model/index.js';
import type { AnyColumn } from './column.js';
import type { IndexElementSpec, SqlExpression, SqlFragment } from './sql.js';
import { sqlText } from './sql.js';

/** What an index can be built on: a column, a column with options, or an expression. */
export type IndexElementInput = AnyColumn | IndexElementSpec | SqlExpression;

/** Index storage parameters (`m`, `ef_construction`, `lists`, `fillfactor`, ...). */
export type IndexParams = Readonly<Record<string, number | string | boolean>>;

export interface IndexSpec {
  readonly name?: string;
  readonly method: IndexMethod | (string & {});
  readonly unique: boolean;
  readonly nullsNotDistinct: boolean;
  readonly elements: readonly IndexElementSpec[];
  readonly include: readonly string[];
  readonly where?: string;
  readonly with: IndexParams;
  readonly concurrently: boolean;
  readonly comment?: string;
}

function toElement(input: IndexElementInput): IndexElementSpec {
  if ((input as SqlExpression).kind === 'sql')
    return { kind: 'indexExpression', expression: (input as SqlExpression).text };
  if ('kind' in input && (input.kind === 'indexColumn' || input.kind === 'indexExpression')) return input;
  return { kind: 'indexColumn', column: (input as AnyColumn).columnName };
}

/**
 * An index in a table's extras. Immutable; every method returns a new builder.
 *
 * @example
 * ```ts
 * import { index, table, text, vector, jsonb, boolean, sql } from 'strata/schema';
 * const chunks = table('chunks', { body: text(), metadata: jsonb(), active: boolean(), embedding: vector(1536) }, (t) => [
 *   index('chunks_embedding_idx').using('hnsw', t.embedding.op('vector_cosine_ops')).with({ m: 16, ef_construction: 64 }),
 *   index('chunks_metadata_idx').using('gin', t.metadata.op('jsonb_path_ops')),
 *   index('chunks_active_idx').on(t.body).where(sql`${t.active}`),
 * ]);
 * ```
 */
export class IndexBuilder {
  readonly kind = 'indexDef' as const;
  constructor(readonly spec: IndexSpec) {}

  private patch(patch: Partial<IndexSpec>): IndexBuilder {
    return new IndexBuilder({ ...this.spec, ...patch });
  }

  /** A B-tree index on these elements. */
  on(...elements: IndexElementInput[]): IndexBuilder {
    return this.patch({ elements: elements.map(toElement) });
  }

  /** An index with another access method: `hash`, `gin`, `gist`, `brin`, `hnsw`, `ivfflat`. */
  using(method: IndexMethod | (string & {}), ...elements: IndexElementInput[]): IndexBuilder {
    return this.patch({ method, elements: elements.map(toElement) });
  }

  unique(): IndexBuilder {
    return this.patch({ unique: true });
  }

  /** A unique index that treats NULLs as equal (PostgreSQL 15+). */
  nullsNotDistinct(): IndexBuilder {
    return this.patch({ nullsNotDistinct: true });
  }

  /** A partial index: only rows matching `predicate`. */
  where(predicate: string | SqlFragment): IndexBuilder {
    return this.patch({ where: sqlText(predicate) });
  }

  /** Covering columns (`INCLUDE`). */
  include(...columns: AnyColumn[]): IndexBuilder {
    return this.patch({ include: columns.map((c) => c.columnName) });
  }

  /** Storage parameters, e.g. `{ m: 16, ef_construction: 64 }` or `{ lists: 100 }`. */
  with(params: IndexParams): IndexBuilder {
    return this.patch({ with: { ...this.spec.with, ...params } });
  }

  /** Build it with `CREATE INDEX CONCURRENTLY` (migrations run it outside a transaction). */
  concurrently(): IndexBuilder {
    return this.patch({ concurrently: true });
  }

  comment(text: string): IndexBuilder {
    return this.patch({ comment: text });
  }
}

/** Starts an index definition; without a name it gets PostgreSQL's (`<table>_<columns>_idx`). */
export function index(name?: string): IndexBuilder {
  return new IndexBuilder({
    ...(name === undefined ? {} : { name }),
    method: 'btree',
    unique: false,
    nullsNotDistinct: false,
    elements: [],
    include: [],
    with: {},
    concurrently: false,
  });
}

/** `index(name).unique()`. */
export function uniqueIndex(name?: string): IndexBuilder {
  return index(name).unique();
}
