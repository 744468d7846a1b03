import type { SqlExecutor } from '../db/executor.js';
import type { SchemaModel } from '../model/schema-model.js';
import type { TableModel } from '../model/table.js';
import { assertSupportedServer, catalogScope, tableKey } from './catalog-query.js';
import { readColumns } from './read-columns.js';
import { readComments } from './read-comments.js';
import { readConstraints } from './read-constraints.js';
import { readEnums } from './read-enums.js';
import { readExtensions } from './read-extensions.js';
import { readIndexes } from './read-indexes.js';
import { readSchemas } from './read-schemas.js';
import { readSequences } from './read-sequences.js';
import { readTables } from './read-tables.js';

/** What `introspect` reads. */
export interface IntrospectOptions {
  /** Only these schemas (default: every schema that is not PostgreSQL's own nor an extension's). */
  readonly schemas?: readonly string[];
  /** Tables to leave out, as `name` (in any schema) or `schema.name`. `strata_migrations` always is. */
  readonly excludeTables?: readonly string[];
}

/**
 * Reads a live database into a SchemaModel, in the shape the schema DSL builds, so the
 * differ can compare the two. One query per kind of object, whatever the number of
 * tables. Extensions' objects and Strata's own version table are left out. Defaults,
 * checks, predicates and expressions are kept as PostgreSQL prints them: compare through
 * `normalizeSchemaModel` (or the normalize functions) to ignore spelling differences.
 *
 * Introspect runs several queries and takes no lock: run it inside a REPEATABLE READ
 * transaction when concurrent DDL is possible.
 *
 * @example
 * ```ts
 * import type { Database } from 'strata';
 * import { introspect } from 'strata/catalog';
 *
 * declare const db: Database;
 * const model = await introspect(db.executor, { schemas: ['public', 'app'] });
 * model.tables.map((table) => `${table.schema}.${table.name}`); // ['app.documents', 'public.users']
 * ```
 */
export async function introspect(
  executor: SqlExecutor,
  options: IntrospectOptions = {},
): Promise<SchemaModel> {
  const scope = catalogScope(options);
  await assertSupportedServer(executor, scope);
  // One after the other: a connection runs one query at a time (pg deprecates queueing on a client).
  const extensions = await readExtensions(executor, scope);
  const schemas = await readSchemas(executor, scope);
  const enums = await readEnums(executor, scope);
  const sequences = await readSequences(executor, scope);
  const tableRefs = await readTables(executor, scope);
  const columns = await readColumns(executor, scope);
  const constraints = await readConstraints(executor, scope);
  const indexes = await readIndexes(executor, scope);
  const comments = await readComments(executor, scope);

  const tables = tableRefs.map((ref): TableModel => {
    const key = tableKey(ref.schema, ref.name);
    const columnComments = comments.columns.get(key);
    const indexComments = comments.indexes.get(key);
    const tableConstraints = constraints.get(key);
    const tableComment = comments.tables.get(key);
    return {
      kind: 'table',
      schema: ref.schema,
      name: ref.name,
      columns: (columns.get(key) ?? []).map((column) => {
        const comment = columnComments?.get(column.name);
        return comment === undefined ? column : { ...column, comment };
      }),
      ...(tableConstraints?.primaryKey === undefined ? {} : { primaryKey: tableConstraints.primaryKey }),
      uniques: tableConstraints?.uniques ?? [],
      checks: tableConstraints?.checks ?? [],
      foreignKeys: tableConstraints?.foreignKeys ?? [],
      indexes: (indexes.get(key) ?? []).map((index) => {
        const comment = indexComments?.get(index.name);
        return comment === undefined ? index : { ...index, comment };
      }),
      ...(tableComment === undefined ? {} : { comment: tableComment }),
    };
  });

  return { kind: 'schemaModel', extensions, schemas, enums, sequences, tables };
}
