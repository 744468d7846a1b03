import type { SqlExecutor } from '../db/executor.js';
import type { ExtensionModel } from '../model/schema-model.js';
import { type CatalogScope, queryCatalog } from './catalog-query.js';
import { compareNames } from './order.js';

interface ExtensionRow {
  readonly name: string;
  readonly schema_name: string;
}

/**
 * Installed extensions, by name. `plpgsql` is left out: every database has it, no
 * schema declares it. Extensions are database-wide, so the scope's schemas do not filter them.
 *
 * @example
 * ```ts
 * import type { Database } from 'strata';
 * import { catalogScope, readExtensions } from 'strata/catalog';
 *
 * declare const db: Database;
 * const scope = catalogScope({});
 * await readExtensions(db.executor, scope); // [{ kind: 'extension', name: 'vector' }]
 * ```
 */
export async function readExtensions(executor: SqlExecutor, scope: CatalogScope): Promise<ExtensionModel[]> {
  const rows = await queryCatalog<ExtensionRow>(
    executor,
    scope,
    'extensions',
    `select e.extname::text as name, n.nspname::text as schema_name
     from pg_extension e
     join pg_namespace n on n.oid = e.extnamespace
     where e.extname <> 'plpgsql'`,
  );
  return rows
    .map(
      (row): ExtensionModel => ({
        kind: 'extension',
        name: row.name,
        ...(row.schema_name === 'public' ? {} : { schema: row.schema_name }),
      }),
    )
    .sort((a, b) => compareNames(a.name, b.name));
}
