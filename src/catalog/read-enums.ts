import type { SqlExecutor } from '../db/executor.js';
import type { EnumModel } from '../model/schema-model.js';
import { type CatalogScope, extensionMember, queryCatalog } from './catalog-query.js';
import { sortBySchemaAndName } from './order.js';

interface EnumRow {
  readonly schema_name: string;
  readonly name: string;
  readonly labels: string[];
}

/**
 * Enum types in scope (not those of extensions), by schema then name, each with its
 * labels in their sort order (`enumsortorder`, which `ALTER TYPE ... ADD VALUE BEFORE` respects).
 *
 * @example
 * ```ts
 * import type { Database } from 'strata';
 * import { catalogScope, readEnums } from 'strata/catalog';
 *
 * declare const db: Database;
 * const scope = catalogScope({});
 * await readEnums(db.executor, scope); // [{ kind: 'enum', schema: 'app', name: 'mood', values: ['sad', 'ok', 'happy'] }]
 * ```
 */
export async function readEnums(executor: SqlExecutor, scope: CatalogScope): Promise<EnumModel[]> {
  const rows = await queryCatalog<EnumRow>(
    executor,
    scope,
    'enum types',
    `select n.nspname as schema_name, ty.typname::text as name,
       array(select e.enumlabel::text from pg_enum e where e.enumtypid = ty.oid order by e.enumsortorder) as labels
     from pg_type ty
     join scoped_namespace n on n.oid = ty.typnamespace
     where ty.typtype = 'e' and not ${extensionMember('pg_type', 'ty.oid')}`,
  );
  return sortBySchemaAndName(
    rows.map(
      (row): EnumModel => ({ kind: 'enum', schema: row.schema_name, name: row.name, values: row.labels }),
    ),
  );
}
