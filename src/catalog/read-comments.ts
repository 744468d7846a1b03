import type { SqlExecutor } from '../db/executor.js';
import { type CatalogScope, queryCatalog, tableKey, unexpectedCatalogValue } from './catalog-query.js';

/** What a comment is on. */
type CommentTarget = 'table' | 'column' | 'index';

interface CommentRow {
  readonly schema_name: string;
  readonly table_name: string;
  readonly target: CommentTarget;
  readonly object_name: string | null;
  readonly comment: string;
}

/** Comments of the tables in scope and of their columns and indexes. */
export interface CatalogComments {
  /** By `tableKey(schema, table)`. */
  readonly tables: ReadonlyMap<string, string>;
  /** By `tableKey(schema, table)`, then column name. */
  readonly columns: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** By `tableKey(schema, table)`, then index name. */
  readonly indexes: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

const COMMENTS_SQL = `
select t.nspname as schema_name, t.relname as table_name, 'table' as target, null::text as object_name,
  d.description as comment
from scoped_table t
join pg_description d on d.classoid = 'pg_class'::regclass and d.objoid = t.oid and d.objsubid = 0
union all
select t.nspname, t.relname, 'column', a.attname::text, d.description
from scoped_table t
join pg_description d on d.classoid = 'pg_class'::regclass and d.objoid = t.oid and d.objsubid > 0
join pg_attribute a on a.attrelid = t.oid and a.attnum = d.objsubid and not a.attisdropped
union all
select t.nspname, t.relname, 'index', ic.relname::text, d.description
from scoped_table t
join pg_index i on i.indrelid = t.oid
join pg_class ic on ic.oid = i.indexrelid
join pg_description d on d.classoid = 'pg_class'::regclass and d.objoid = i.indexrelid and d.objsubid = 0`;

function addNested(map: Map<string, Map<string, string>>, key: string, name: string, comment: string): void {
  const inner = map.get(key) ?? new Map<string, string>();
  inner.set(name, comment);
  map.set(key, inner);
}

/**
 * Comments (`COMMENT ON TABLE / COLUMN / INDEX`) of everything in scope, in one query.
 *
 * @example
 * ```ts
 * import type { Database } from 'strata';
 * import { catalogScope, readComments, tableKey } from 'strata/catalog';
 *
 * declare const db: Database;
 * const scope = catalogScope({});
 * const comments = await readComments(db.executor, scope);
 * comments.columns.get(tableKey('public', 'users'))?.get('email'); // 'Login name, unique'
 * ```
 */
export async function readComments(executor: SqlExecutor, scope: CatalogScope): Promise<CatalogComments> {
  const rows = await queryCatalog<CommentRow>(executor, scope, 'comments', COMMENTS_SQL);
  const tables = new Map<string, string>();
  const columns = new Map<string, Map<string, string>>();
  const indexes = new Map<string, Map<string, string>>();
  for (const row of rows) {
    const key = tableKey(row.schema_name, row.table_name);
    const byTarget: Record<CommentTarget, () => void> = {
      table: () => tables.set(key, row.comment),
      column: () => addNested(columns, key, row.object_name ?? '', row.comment),
      index: () => addNested(indexes, key, row.object_name ?? '', row.comment),
    };
    const add = byTarget[row.target];
    if (add === undefined)
      throw unexpectedCatalogValue('comment target', row.target, { table: row.table_name });
    add();
  }
  return { tables, columns, indexes };
}
