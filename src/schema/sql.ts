import { quoteIdent } from '../ddl/quote.js';

/** A piece of SQL written by the user: an expression for a default, a check, a predicate or an index. */
export interface SqlFragment {
  readonly kind: 'sql';
  readonly text: string;
}

/** Anything that can stand for a column inside a `sql` template: it renders as the quoted column name. */
export interface ColumnReference {
  readonly columnName: string;
}

function isColumnReference(value: unknown): value is ColumnReference {
  return (
    typeof value === 'object' && value !== null && typeof (value as ColumnReference).columnName === 'string'
  );
}

function isSqlFragment(value: unknown): value is SqlFragment {
  return typeof value === 'object' && value !== null && (value as SqlFragment).kind === 'sql';
}

/**
 * Tagged template for SQL expressions in the schema DSL. Interpolated columns become
 * quoted identifiers, interpolated fragments are inlined, and nothing else may be
 * interpolated: values belong in `.default(value)`, where they are rendered as literals.
 *
 * @example
 * ```ts
 * import { sql, table, text, vector, index } from 'strata/schema';
 * const docs = table('docs', { title: text(), embedding: vector(3072) }, (t) => [
 *   index('docs_embedding_half_idx').using('hnsw', sql`(${t.embedding})::halfvec(3072)`.op('halfvec_cosine_ops')),
 * ]);
 * ```
 */
export function sql(
  strings: TemplateStringsArray,
  ...values: readonly (ColumnReference | SqlFragment)[]
): SqlExpression {
  let text = strings[0] ?? '';
  values.forEach((value, i) => {
    if (isColumnReference(value)) text += quoteIdent(value.columnName);
    else if (isSqlFragment(value)) text += value.text;
    else throw new TypeError('sql`…` accepts only columns and sql fragments; pass values through .default()');
    text += strings[i + 1] ?? '';
  });
  return new SqlExpression(text);
}

/** Raw SQL text as a fragment, for expressions kept in strings. */
sql.raw = (text: string): SqlExpression => new SqlExpression(text);

/** A SQL expression that can also be used as an index element (`.op()`, `.desc()`, ...). */
export class SqlExpression implements SqlFragment {
  readonly kind = 'sql' as const;
  constructor(readonly text: string) {}

  /** Use this expression in an index with an operator class. */
  op(opclass: string): IndexElementSpec {
    return { kind: 'indexExpression', expression: this.text, opclass };
  }
  asc(): IndexElementSpec {
    return { kind: 'indexExpression', expression: this.text, order: 'asc' };
  }
  desc(): IndexElementSpec {
    return { kind: 'indexExpression', expression: this.text, order: 'desc' };
  }
}

/** An index element before its table is known (columns are referenced by name). */
export type IndexElementSpec =
  | {
      readonly kind: 'indexColumn';
      readonly column: string;
      readonly opclass?: string;
      readonly order?: 'asc' | 'desc';
      readonly nulls?: 'first' | 'last';
      readonly collation?: string;
    }
  | {
      readonly kind: 'indexExpression';
      readonly expression: string;
      readonly opclass?: string;
      readonly order?: 'asc' | 'desc';
      readonly nulls?: 'first' | 'last';
      readonly collation?: string;
    };

/** Text of a string or fragment. */
export function sqlText(value: string | SqlFragment): string {
  return typeof value === 'string' ? value : value.text;
}
