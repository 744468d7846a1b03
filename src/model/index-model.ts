/** Index access methods Strata knows about; others are kept as written. */
export type IndexMethod = 'btree' | 'hash' | 'gin' | 'gist' | 'brin' | 'spgist' | 'hnsw' | 'ivfflat';

interface IndexElementBase {
  /** Operator class, e.g. `vector_cosine_ops`, `jsonb_path_ops`; undefined for the default. */
  readonly opclass?: string;
  readonly order?: 'asc' | 'desc';
  readonly nulls?: 'first' | 'last';
  readonly collation?: string;
}

export interface IndexColumnElement extends IndexElementBase {
  readonly kind: 'indexColumn';
  readonly column: string;
}

export interface IndexExpressionElement extends IndexElementBase {
  readonly kind: 'indexExpression';
  /** SQL expression without the surrounding parentheses, e.g. `(embedding)::halfvec(3072)`. */
  readonly expression: string;
}

export type IndexElement = IndexColumnElement | IndexExpressionElement;

export interface IndexModel {
  readonly kind: 'index';
  readonly name: string;
  readonly method: IndexMethod | (string & {});
  readonly unique: boolean;
  readonly nullsNotDistinct: boolean;
  readonly elements: readonly IndexElement[];
  readonly include: readonly string[];
  /** Partial index predicate, without `WHERE`. */
  readonly where?: string;
  /** Storage parameters (`m`, `ef_construction`, `lists`, `fillfactor`), values as PostgreSQL stores them. */
  readonly with: Readonly<Record<string, string>>;
  /** Build with CREATE INDEX CONCURRENTLY (a DSL instruction; never read from a catalog). */
  readonly concurrently?: boolean;
  readonly comment?: string;
}
