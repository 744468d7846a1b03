import type { SqlExecutor } from '../db/executor.js';
import { type CatalogScope, queryCatalog } from './catalog-query.js';
import { compareNames } from './order.js';

/**
 * The schemas in scope other than `public` (which every database has), by name,
 * including empty ones.
 *
 * @example
 * ```ts
 * import type { Database } from 'strata';
 * import { catalogScope, readSchemas } from 'strata/catalog';
 *
 * declare const db: Database;
 * const scope = catalogScope({});
 * await readSchemas(db.executor, scope); // ['app', 'audit']
 * ```
 */
export async function readSchemas(executor: SqlExecutor, scope: CatalogScope): Promise<string[]> {
  const rows = await queryCatalog<{ readonly name: string }>(
    executor,
    scope,
    'schemas',
    `select nspname as name from scoped_namespace where nspname <> 'public'`,
  );
  return rows.map((row) => row.name).sort(compareNames);
}
