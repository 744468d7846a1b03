import type { SqlExecutor } from '../db/executor.js';
import type { IndexElement, IndexModel } from '../model/index-model.js';
import { type CatalogScope, collationName, groupByTable, queryCatalog } from './catalog-query.js';
import { unwrapParentheses } from './normalize.js';
import { sortByName } from './order.js';

interface IndexElementRow {
  readonly schema_name: string;
  readonly table_name: string;
  readonly index_name: string;
  readonly method: string;
  readonly is_unique: boolean;
  readonly nulls_not_distinct: boolean;
  readonly key_count: number;
  readonly predicate: string | null;
  readonly options: string[] | null;
  readonly position: number;
  readonly column_name: string | null;
  readonly expression: string | null;
  readonly opclass: string | null;
  readonly option: number | null;
  readonly collation: string | null;
}

/** pg_index.indoption bits. */
const INDOPTION_DESC = 1;
const INDOPTION_NULLS_FIRST = 2;

// One row per index column (key columns, then INCLUDE columns). indkey, indclass,
// indoption and indcollation are 0-based vectors; the last three cover key columns only.
// Indexes that back a primary key, unique or exclusion constraint belong to the constraint.
//
// Opclass: PostgreSQL picks the type's default opclass for the method when none is
// written, so only a non-default one is part of the definition (HNSW has no default).
// Collation: for a column, it is written when it differs from the column's; for an
// expression PostgreSQL compares it with the expression's collation, which the catalog
// does not store, so we look for the COLLATE clause pg_get_indexdef prints in that case.
const INDEXES_SQL = `
select t.nspname as schema_name, t.relname as table_name, ic.relname::text as index_name,
  am.amname::text as method, i.indisunique as is_unique, i.indnullsnotdistinct as nulls_not_distinct,
  i.indnkeyatts::int as key_count, pg_get_expr(i.indpred, i.indrelid, true) as predicate,
  ic.reloptions::text[] as options, k.pos::int as position, a.attname::text as column_name,
  case when i.indkey[k.pos - 1] = 0 then pg_get_indexdef(i.indexrelid, k.pos, true) end as expression,
  case when not oc.opcdefault then
    case when ocn.nspname in ('pg_catalog', 'public') then oc.opcname::text else ocn.nspname || '.' || oc.opcname end
  end as opclass,
  case when k.pos <= i.indnkeyatts then i.indoption[k.pos - 1]::int end as option,
  case when co.oid is not null and (
      (i.indkey[k.pos - 1] <> 0 and co.oid <> a.attcollation)
      or (i.indkey[k.pos - 1] = 0 and strpos(
        pg_get_indexdef(i.indexrelid, 0, true),
        pg_get_indexdef(i.indexrelid, k.pos, true) || ' COLLATE '
      ) > 0)
    ) then ${collationName('co', 'con')}
  end as collation
from scoped_table t
join pg_index i on i.indrelid = t.oid
join pg_class ic on ic.oid = i.indexrelid
join pg_am am on am.oid = ic.relam
cross join lateral generate_series(1, i.indnatts::int) as k(pos)
left join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[k.pos - 1] and i.indkey[k.pos - 1] <> 0
left join pg_opclass oc on k.pos <= i.indnkeyatts and oc.oid = i.indclass[k.pos - 1]
left join pg_namespace ocn on ocn.oid = oc.opcnamespace
left join pg_collation co on k.pos <= i.indnkeyatts and co.oid = i.indcollation[k.pos - 1]
left join pg_namespace con on con.oid = co.collnamespace
where not exists (
  select 1 from pg_constraint c
  where c.conindid = i.indexrelid and c.conrelid = i.indrelid and c.contype in ('p', 'u', 'x')
)
order by t.nspname, t.relname, ic.relname, k.pos`;

/** ASC and NULLS LAST are the defaults (NULLS FIRST with DESC): only departures are kept. */
function ordering(option: number | null): Pick<IndexElement, 'order' | 'nulls'> {
  if (option === null) return {};
  const desc = (option & INDOPTION_DESC) !== 0;
  const nullsFirst = (option & INDOPTION_NULLS_FIRST) !== 0;
  return {
    ...(desc ? { order: 'desc' as const } : {}),
    ...(desc && !nullsFirst ? { nulls: 'last' as const } : {}),
    ...(!desc && nullsFirst ? { nulls: 'first' as const } : {}),
  };
}

function element(row: IndexElementRow): IndexElement {
  const extras = {
    ...(row.opclass === null ? {} : { opclass: row.opclass }),
    ...ordering(row.option),
    ...(row.collation === null ? {} : { collation: row.collation }),
  };
  if (row.column_name !== null) return { kind: 'indexColumn', column: row.column_name, ...extras };
  // pg_get_indexdef wraps anything that is not a plain function call in parentheses; the model does not.
  return { kind: 'indexExpression', expression: unwrapParentheses(row.expression ?? ''), ...extras };
}

/** reloptions (`{m=16,ef_construction=64}`) as a record. */
function storageParameters(options: readonly string[] | null): Record<string, string> {
  const parameters: Record<string, string> = {};
  for (const option of options ?? []) {
    const eq = option.indexOf('=');
    if (eq === -1) parameters[option] = '';
    else parameters[option.slice(0, eq)] = option.slice(eq + 1);
  }
  return parameters;
}

function toIndex(rows: readonly IndexElementRow[]): IndexModel {
  const first = rows[0]!;
  return {
    kind: 'index',
    name: first.index_name,
    method: first.method,
    unique: first.is_unique,
    nullsNotDistinct: first.nulls_not_distinct,
    elements: rows.filter((row) => row.position <= first.key_count).map(element),
    include: rows.filter((row) => row.position > first.key_count).map((row) => row.column_name ?? ''),
    ...(first.predicate === null ? {} : { where: first.predicate }),
    with: storageParameters(first.options),
  };
}

/**
 * Indexes of every table in scope that are not the index of a primary key, unique or
 * exclusion constraint, keyed by `tableKey(schema, table)`, by name. Each keeps only what
 * its definition states: a non-default opclass, DESC / NULLS placement that differs from
 * the default, a collation other than the column's, INCLUDE columns, the partial-index
 * predicate and the storage parameters as stored. Comments are attached by `introspect`.
 *
 * @example
 * ```ts
 * import type { Database } from 'strata';
 * import { catalogScope, readIndexes, tableKey } from 'strata/catalog';
 *
 * declare const db: Database;
 * const scope = catalogScope({});
 * const indexes = await readIndexes(db.executor, scope);
 * indexes.get(tableKey('public', 'documents'))?.[0]; // { kind: 'index', method: 'hnsw', with: { m: '16' }, ... }
 * ```
 */
export async function readIndexes(
  executor: SqlExecutor,
  scope: CatalogScope,
): Promise<Map<string, IndexModel[]>> {
  const rows = await queryCatalog<IndexElementRow>(executor, scope, 'indexes', INDEXES_SQL);
  const byTable = new Map<string, IndexModel[]>();
  for (const [key, tableRows] of groupByTable(rows)) {
    const byIndex = new Map<string, IndexElementRow[]>();
    for (const row of tableRows) {
      const group = byIndex.get(row.index_name);
      if (group === undefined) byIndex.set(row.index_name, [row]);
      else group.push(row);
    }
    byTable.set(key, sortByName([...byIndex.values()].map(toIndex)));
  }
  return byTable;
}
