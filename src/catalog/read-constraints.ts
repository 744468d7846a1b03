import type { SqlExecutor } from '../db/executor.js';
import type {
  CheckModel,
  ForeignKeyAction,
  ForeignKeyModel,
  PrimaryKeyModel,
  UniqueModel,
} from '../model/constraint.js';
import { type CatalogScope, groupByTable, queryCatalog, unexpectedCatalogValue } from './catalog-query.js';
import { sortByName } from './order.js';

/** The constraints of one table, in the shape TableModel keeps them. */
export interface TableConstraints {
  readonly primaryKey?: PrimaryKeyModel;
  readonly uniques: readonly UniqueModel[];
  readonly checks: readonly CheckModel[];
  readonly foreignKeys: readonly ForeignKeyModel[];
}

type ConstraintType = 'p' | 'u' | 'c' | 'f';

interface ConstraintRow {
  readonly schema_name: string;
  readonly table_name: string;
  readonly name: string;
  readonly type: ConstraintType;
  readonly columns: string[];
  readonly deferrable: boolean;
  readonly deferred: boolean;
  readonly validated: boolean;
  readonly check_expression: string | null;
  readonly nulls_not_distinct: boolean;
  readonly ref_schema: string | null;
  readonly ref_table: string | null;
  readonly ref_columns: string[];
  readonly on_update: string;
  readonly on_delete: string;
  readonly match_type: string;
}

/** pg_constraint.confupdtype / confdeltype. */
const ACTIONS: Readonly<Record<string, ForeignKeyAction>> = {
  a: 'no action',
  r: 'restrict',
  c: 'cascade',
  n: 'set null',
  d: 'set default',
};

/** pg_constraint.confmatchtype; PostgreSQL does not implement MATCH PARTIAL ('p'). */
const MATCH_TYPES: Readonly<Record<string, ForeignKeyModel['match']>> = { s: 'simple', f: 'full' };

// conparentid = 0 leaves out the per-partition copies PostgreSQL adds for a foreign key
// that references a partitioned table; contype 'n' (PostgreSQL 18's NOT NULL constraints)
// is carried by ColumnModel.notNull instead.
const CONSTRAINTS_SQL = `
select t.nspname as schema_name, t.relname as table_name, con.conname::text as name, con.contype::text as type,
  array(
    select a.attname::text from unnest(con.conkey) with ordinality as k(attnum, ord)
    join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum
    order by k.ord
  ) as columns,
  con.condeferrable as deferrable, con.condeferred as deferred, con.convalidated as validated,
  case when con.contype = 'c' then pg_get_expr(con.conbin, con.conrelid, true) end as check_expression,
  coalesce(ix.indnullsnotdistinct, false) as nulls_not_distinct,
  rn.nspname::text as ref_schema, rc.relname::text as ref_table,
  array(
    select a.attname::text from unnest(con.confkey) with ordinality as k(attnum, ord)
    join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.attnum
    order by k.ord
  ) as ref_columns,
  con.confupdtype::text as on_update, con.confdeltype::text as on_delete, con.confmatchtype::text as match_type
from scoped_table t
join pg_constraint con on con.conrelid = t.oid
left join pg_index ix on ix.indexrelid = con.conindid and con.contype = 'u'
left join pg_class rc on rc.oid = con.confrelid and con.contype = 'f'
left join pg_namespace rn on rn.oid = rc.relnamespace
where con.contype in ('p', 'u', 'c', 'f') and con.conparentid = 0
order by t.nspname, t.relname, con.conname`;

function lookup<V>(map: Readonly<Record<string, V>>, key: string, what: string, row: ConstraintRow): V {
  const value = map[key];
  if (value === undefined) {
    throw unexpectedCatalogValue(what, key, { table: row.table_name, constraint: row.name });
  }
  return value;
}

function foreignKey(row: ConstraintRow): ForeignKeyModel {
  return {
    kind: 'foreignKey',
    name: row.name,
    columns: row.columns,
    references: { schema: row.ref_schema ?? '', table: row.ref_table ?? '', columns: row.ref_columns },
    onDelete: lookup(ACTIONS, row.on_delete, 'foreign key action', row),
    onUpdate: lookup(ACTIONS, row.on_update, 'foreign key action', row),
    match: lookup(MATCH_TYPES, row.match_type, 'foreign key match type', row),
    deferrable: row.deferrable,
    initiallyDeferred: row.deferred,
    notValid: !row.validated,
  };
}

function tableConstraints(rows: readonly ConstraintRow[]): TableConstraints {
  let primaryKey: PrimaryKeyModel | undefined;
  const uniques: UniqueModel[] = [];
  const checks: CheckModel[] = [];
  const foreignKeys: ForeignKeyModel[] = [];
  const byType: Record<ConstraintType, (row: ConstraintRow) => void> = {
    p: (row) => {
      primaryKey = { kind: 'primaryKey', name: row.name, columns: row.columns };
    },
    u: (row) => {
      uniques.push({
        kind: 'unique',
        name: row.name,
        columns: row.columns,
        nullsNotDistinct: row.nulls_not_distinct,
        deferrable: row.deferrable,
        initiallyDeferred: row.deferred,
      });
    },
    c: (row) => {
      checks.push({
        kind: 'check',
        name: row.name,
        expression: row.check_expression ?? '',
        notValid: !row.validated,
      });
    },
    f: (row) => {
      foreignKeys.push(foreignKey(row));
    },
  };
  for (const row of rows) lookup(byType, row.type, 'constraint type', row)(row);
  return {
    ...(primaryKey === undefined ? {} : { primaryKey }),
    uniques: sortByName(uniques),
    checks: sortByName(checks),
    foreignKeys: sortByName(foreignKeys),
  };
}

/**
 * Primary keys, unique constraints (with NULLS NOT DISTINCT and deferrability), checks
 * (the expression as `pg_get_expr` prints it, without `CHECK (...)`) and foreign keys of
 * every table in scope, keyed by `tableKey(schema, table)`, each list by name.
 *
 * @example
 * ```ts
 * import type { Database } from 'strata';
 * import { catalogScope, readConstraints, tableKey } from 'strata/catalog';
 *
 * declare const db: Database;
 * const scope = catalogScope({});
 * const constraints = await readConstraints(db.executor, scope);
 * constraints.get(tableKey('public', 'posts'))?.foreignKeys[0]?.references; // { schema: 'public', table: 'users', columns: ['id'] }
 * ```
 */
export async function readConstraints(
  executor: SqlExecutor,
  scope: CatalogScope,
): Promise<Map<string, TableConstraints>> {
  const rows = await queryCatalog<ConstraintRow>(executor, scope, 'constraints', CONSTRAINTS_SQL);
  const byTable = new Map<string, TableConstraints>();
  for (const [key, tableRows] of groupByTable(rows)) byTable.set(key, tableConstraints(tableRows));
  return byTable;
}
