import type { SqlExecutor } from '../db/executor.js';
import { type CatalogScope, queryCatalog } from './catalog-query.js';
import { sortBySchemaAndName } from './order.js';

/** A table the catalog holds, before its columns, constraints and indexes are attached. */
export interface CatalogTableRef {
  readonly schema: string;
  readonly name: string;
}

/**
 * Tables in scope, by schema then name: ordinary and partitioned tables (not their
 * partitions), without extensions' tables, excluded tables and Strata's version table.
 *
 * @example
 * ```ts
 * import type { Database } from 'strata';
 * import { catalogScope, readTables } from 'strata/catalog';
 *
 * declare const db: Database;
 * const scope = catalogScope({});
 * await readTables(db.executor, scope); // [{ schema: 'app', name: 'documents' }, { schema: 'public', name: 'users' }]
 * ```
 */
export async function readTables(executor: SqlExecutor, scope: CatalogScope): Promise<CatalogTableRef[]> {
  const rows = await queryCatalog<{ readonly schema_name: string; readonly name: string }>(
    executor,
    scope,
    'tables',
    'select nspname as schema_name, relname as name from scoped_table',
  );
  return sortBySchemaAndName(rows.map((row) => ({ schema: row.schema_name, name: row.name })));
}
