import { StrataError } from '../errors/strata-error.js';
import type { IndexElement, IndexModel } from '../model/index-model.js';
import { assertNever } from '../util/assert-never.js';
import { type ObjectName, qualifiedIdent, quoteIdent, quoteIdentList, quoteLiteral } from './quote.js';

/** A storage parameter name: `fillfactor`, `m`, `ef_construction`, `lists`. */
const PARAMETER_NAME = /^[a-z_][a-z0-9_]*$/;
/** Values PostgreSQL reads bare: numbers and words such as `on`/`off`; anything else is quoted. */
const BARE_PARAMETER_VALUE = /^(?:-?\d+(?:\.\d+)?|[a-z_][a-z0-9_]*)$/;

const ORDER_SQL: Readonly<Record<NonNullable<IndexElement['order']>, string>> = { asc: 'ASC', desc: 'DESC' };
const NULLS_SQL: Readonly<Record<NonNullable<IndexElement['nulls']>, string>> = {
  first: 'NULLS FIRST',
  last: 'NULLS LAST',
};

export interface CreateIndexOptions {
  /**
   * Build with `CREATE INDEX CONCURRENTLY` (no write lock, but not inside a transaction).
   * Defaults to the index's own `concurrently`.
   */
  readonly concurrently?: boolean;
  readonly ifNotExists?: boolean;
}

export interface DropIndexOptions {
  readonly concurrently?: boolean;
  readonly ifExists?: boolean;
  readonly cascade?: boolean;
}

/**
 * One element of an index's key list: a column or a parenthesised expression, then COLLATE,
 * operator class, ASC/DESC and NULLS FIRST/LAST.
 *
 * @example
 * ```ts
 * renderIndexElement({ kind: 'indexColumn', column: 'created_at', order: 'desc', nulls: 'last' });
 * // created_at DESC NULLS LAST
 * renderIndexElement({ kind: 'indexExpression', expression: '(embedding)::halfvec(1536)', opclass: 'halfvec_cosine_ops' });
 * // ((embedding)::halfvec(1536)) halfvec_cosine_ops
 * ```
 */
export function renderIndexElement(element: IndexElement): string {
  const parts = [elementKey(element)];
  if (element.collation !== undefined) parts.push(`COLLATE ${quoteIdent(element.collation)}`);
  if (element.opclass !== undefined) parts.push(quoteIdent(element.opclass));
  if (element.order !== undefined) parts.push(ORDER_SQL[element.order]);
  if (element.nulls !== undefined) parts.push(NULLS_SQL[element.nulls]);
  return parts.join(' ');
}

function elementKey(element: IndexElement): string {
  switch (element.kind) {
    case 'indexColumn':
      return quoteIdent(element.column);
    case 'indexExpression':
      if (element.expression.trim() === '') {
        throw new StrataError(
          'SCHEMA_INVALID',
          'An index expression is empty; write the SQL expression to index.',
          {},
        );
      }
      return `(${element.expression})`;
    default:
      return assertNever(element, 'index element kind');
  }
}

/**
 * The inside of `WITH (...)`, parameters in the model's order.
 *
 * @example
 * ```ts
 * renderStorageParameters({ m: '16', ef_construction: '64' }); // m = 16, ef_construction = 64
 * ```
 */
export function renderStorageParameters(parameters: Readonly<Record<string, string>>): string {
  return Object.entries(parameters)
    .map(([name, value]) => {
      if (!PARAMETER_NAME.test(name)) {
        throw new StrataError(
          'SCHEMA_INVALID',
          `Storage parameter name ${JSON.stringify(name)} is not valid; use a lower-case name such as fillfactor or ef_construction.`,
          { parameter: name },
        );
      }
      return `${name} = ${BARE_PARAMETER_VALUE.test(value) ? value : quoteLiteral(value)}`;
    })
    .join(', ');
}

/**
 * `CREATE INDEX`. The index lives in its table's schema, so its own name is never qualified here.
 *
 * @example
 * ```ts
 * renderCreateIndex({ schema: 'public', name: 'chunks' }, {
 *   kind: 'index', name: 'chunks_embedding_idx', method: 'hnsw', unique: false, nullsNotDistinct: false,
 *   elements: [{ kind: 'indexColumn', column: 'embedding', opclass: 'vector_cosine_ops' }],
 *   include: [], with: { m: '16', ef_construction: '64' },
 * });
 * // CREATE INDEX chunks_embedding_idx ON chunks USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64);
 * ```
 */
export function renderCreateIndex(
  table: ObjectName,
  index: IndexModel,
  options: CreateIndexOptions = {},
): string {
  if (index.elements.length === 0) {
    throw new StrataError(
      'SCHEMA_INVALID',
      `Index ${index.name} has no columns or expressions; give it at least one.`,
      {
        index: index.name,
      },
    );
  }
  if (index.nullsNotDistinct && !index.unique) {
    throw new StrataError(
      'SCHEMA_INVALID',
      `Index ${index.name} is NULLS NOT DISTINCT but not unique; NULLS NOT DISTINCT only means something on a unique index.`,
      { index: index.name },
    );
  }
  const where = index.where?.trim();
  if (where === '') {
    throw new StrataError(
      'SCHEMA_INVALID',
      `Index ${index.name} has an empty WHERE predicate; remove it or write one.`,
      {
        index: index.name,
      },
    );
  }
  const concurrently = options.concurrently ?? index.concurrently ?? false;
  const parameters = renderStorageParameters(index.with);
  const parts: (string | undefined)[] = [
    index.unique ? 'CREATE UNIQUE INDEX' : 'CREATE INDEX',
    concurrently ? 'CONCURRENTLY' : undefined,
    options.ifNotExists === true ? 'IF NOT EXISTS' : undefined,
    quoteIdent(index.name),
    `ON ${qualifiedIdent(table.schema, table.name)}`,
    `USING ${quoteIdent(index.method)}`,
    `(${index.elements.map(renderIndexElement).join(', ')})`,
    index.include.length === 0 ? undefined : `INCLUDE (${quoteIdentList(index.include)})`,
    index.nullsNotDistinct ? 'NULLS NOT DISTINCT' : undefined,
    parameters === '' ? undefined : `WITH (${parameters})`,
    where === undefined ? undefined : `WHERE ${index.where}`,
  ];
  return `${parts.filter((part) => part !== undefined).join(' ')};`;
}

/**
 * `DROP INDEX`, schema-qualified (an index is found through its schema, not its table).
 *
 * @example
 * ```ts
 * renderDropIndex({ schema: 'app', name: 'tasks_status_idx' }, { concurrently: true, ifExists: true });
 * // DROP INDEX CONCURRENTLY IF EXISTS app.tasks_status_idx;
 * ```
 */
export function renderDropIndex(index: ObjectName, options: DropIndexOptions = {}): string {
  if (options.concurrently === true && options.cascade === true) {
    throw new StrataError(
      'USAGE',
      `DROP INDEX CONCURRENTLY cannot CASCADE (index ${index.name}); drop the dependent objects first or drop without CONCURRENTLY.`,
      { index: index.name },
    );
  }
  const parts: (string | undefined)[] = [
    'DROP INDEX',
    options.concurrently === true ? 'CONCURRENTLY' : undefined,
    options.ifExists === true ? 'IF EXISTS' : undefined,
    qualifiedIdent(index.schema, index.name),
    options.cascade === true ? 'CASCADE' : undefined,
  ];
  return `${parts.filter((part) => part !== undefined).join(' ')};`;
}
