import type { SqlExecutor } from '../db/executor.js';
import type { ColumnModel, IdentityModel } from '../model/column.js';
import { type SqlType, sqlType } from '../model/sql-type.js';
import {
  type CatalogScope,
  collationName,
  extensionMember,
  groupByTable,
  queryCatalog,
  unexpectedCatalogValue,
} from './catalog-query.js';
import { isSequenceDataType, normalizeSequenceOptions } from './normalize.js';
import { ownedByColumn, serialColumnDrawsFrom } from './serial-sequence.js';
import { decodeBuiltinTypmod, decodeExtensionTypmod } from './typmod.js';

/** Where a column's (element) type comes from, which decides how it is named. */
type TypeOrigin = 'builtin' | 'extension' | 'user';

interface ColumnRow {
  readonly schema_name: string;
  readonly table_name: string;
  readonly column_name: string;
  readonly not_null: boolean;
  readonly identity: string;
  readonly generated: string;
  readonly typmod: number;
  readonly type_origin: TypeOrigin;
  readonly type_name: string;
  readonly type_schema: string;
  readonly is_array: boolean;
  readonly default_expr: string | null;
  readonly generated_expr: string | null;
  readonly collation: string | null;
  readonly is_serial: boolean;
  readonly seq_type: string | null;
  readonly seq_start: string | null;
  readonly seq_increment: string | null;
  readonly seq_min: string | null;
  readonly seq_max: string | null;
  readonly seq_cache: string | null;
  readonly seq_cycle: boolean | null;
}

const COLUMNS_SQL = `
select t.nspname as schema_name, t.relname as table_name, a.attname::text as column_name,
  a.attnotnull as not_null, a.attidentity::text as identity, a.attgenerated::text as generated,
  a.atttypmod as typmod,
  case
    when et.typnamespace = 'pg_catalog'::regnamespace then 'builtin'
    when ${extensionMember('pg_type', 'et.oid')} then 'extension'
    else 'user'
  end as type_origin,
  case when et.typnamespace = 'pg_catalog'::regnamespace then format_type(et.oid, null) else et.typname::text end
    as type_name,
  etn.nspname::text as type_schema,
  (bt.oid <> et.oid) as is_array,
  case when a.attgenerated = '' then pg_get_expr(ad.adbin, ad.adrelid, true) end as default_expr,
  case when a.attgenerated <> '' then pg_get_expr(ad.adbin, ad.adrelid, true) end as generated_expr,
  case when co.oid is not null then ${collationName('co', 'con')} end as collation,
  exists (
    select 1 from pg_depend d
    where d.refobjid = a.attrelid and d.refobjsubid = a.attnum and ${ownedByColumn('d')}
      and ${serialColumnDrawsFrom('a', 'd.objid')}
  ) as is_serial,
  ids.seq_type, ids.seq_start, ids.seq_increment, ids.seq_min, ids.seq_max, ids.seq_cache, ids.seq_cycle
from scoped_table t
join pg_attribute a on a.attrelid = t.oid and a.attnum > 0 and not a.attisdropped
join pg_type bt on bt.oid = a.atttypid
join pg_type et on et.oid = case
    when bt.typtype = 'b' and bt.typsubscript = 'pg_catalog.array_subscript_handler'::regproc then bt.typelem
    else bt.oid
  end
join pg_namespace etn on etn.oid = et.typnamespace
left join pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum
left join pg_collation co on co.oid = a.attcollation and a.attcollation <> 0 and a.attcollation <> bt.typcollation
left join pg_namespace con on con.oid = co.collnamespace
left join lateral (
  select format_type(s.seqtypid, null) as seq_type, s.seqstart::text as seq_start,
    s.seqincrement::text as seq_increment, s.seqmin::text as seq_min, s.seqmax::text as seq_max,
    s.seqcache::text as seq_cache, s.seqcycle as seq_cycle
  from pg_depend d
  join pg_sequence s on s.seqrelid = d.objid
  where d.classid = 'pg_class'::regclass and d.refclassid = 'pg_class'::regclass
    and d.refobjid = a.attrelid and d.refobjsubid = a.attnum and d.deptype = 'i'
  limit 1
) ids on a.attidentity <> ''
order by t.nspname, t.relname, a.attnum`;

function columnType(row: ColumnRow): SqlType {
  const arrayDims = row.is_array ? 1 : 0;
  const byOrigin: Record<TypeOrigin, () => SqlType> = {
    builtin: () => {
      const decoded = decodeBuiltinTypmod(row.type_name, row.typmod);
      return sqlType(decoded.name, decoded.modifiers, { arrayDims });
    },
    extension: () => sqlType(row.type_name, decodeExtensionTypmod(row.typmod), { arrayDims }),
    user: () =>
      sqlType(row.type_name, decodeExtensionTypmod(row.typmod), { arrayDims, schema: row.type_schema }),
  };
  const decode = byOrigin[row.type_origin];
  if (decode === undefined) {
    throw unexpectedCatalogValue('type origin', row.type_origin, {
      table: row.table_name,
      column: row.column_name,
    });
  }
  return decode();
}

function identity(row: ColumnRow): IdentityModel | undefined {
  if (row.identity === '') return undefined;
  if (row.identity !== 'a' && row.identity !== 'd') {
    throw unexpectedCatalogValue('identity kind', row.identity, {
      table: row.table_name,
      column: row.column_name,
    });
  }
  const dataType = row.seq_type ?? '';
  if (!isSequenceDataType(dataType)) {
    throw unexpectedCatalogValue('identity sequence type', row.seq_type, {
      table: row.table_name,
      column: row.column_name,
    });
  }
  return {
    kind: 'identity',
    always: row.identity === 'a',
    sequence: normalizeSequenceOptions(
      {
        ...(row.seq_start === null ? {} : { start: row.seq_start }),
        ...(row.seq_increment === null ? {} : { increment: row.seq_increment }),
        ...(row.seq_min === null ? {} : { minValue: row.seq_min }),
        ...(row.seq_max === null ? {} : { maxValue: row.seq_max }),
        ...(row.seq_cache === null ? {} : { cache: row.seq_cache }),
        cycle: row.seq_cycle === true,
      },
      dataType,
    ),
  };
}

function toColumn(row: ColumnRow): ColumnModel {
  const identityModel = identity(row);
  // PostgreSQL 18's virtual generated columns ('v') land here too: the model has no way to tell them apart yet.
  const generated = row.generated !== '' && row.generated_expr !== null ? row.generated_expr : undefined;
  const defaultExpr = row.is_serial || row.default_expr === null ? undefined : row.default_expr;
  return {
    kind: 'column',
    name: row.column_name,
    type: columnType(row),
    notNull: row.not_null,
    ...(defaultExpr === undefined ? {} : { default: defaultExpr }),
    ...(row.is_serial ? { serial: true } : {}),
    ...(identityModel === undefined ? {} : { identity: identityModel }),
    ...(generated === undefined ? {} : { generated: { kind: 'generated', expression: generated } }),
    ...(row.collation === null ? {} : { collation: row.collation }),
  };
}

/**
 * Columns of every table in scope, in `attnum` order, keyed by `tableKey(schema, table)`.
 * Types are canonical SqlTypes (arrays as their element type with `arrayDims` 1), defaults
 * and generation expressions as `pg_get_expr` prints them, identity options only where they
 * differ from PostgreSQL's defaults, collations only where they differ from the type's.
 * A serial column is `serial: true` without a default. Comments are attached by `introspect`.
 *
 * @example
 * ```ts
 * import type { Database } from 'strata';
 * import { catalogScope, readColumns, tableKey } from 'strata/catalog';
 *
 * declare const db: Database;
 * const scope = catalogScope({});
 * const columns = await readColumns(db.executor, scope);
 * columns.get(tableKey('public', 'users'))?.[0]; // { kind: 'column', name: 'id', type: sqlType('integer'), notNull: true, serial: true }
 * ```
 */
export async function readColumns(
  executor: SqlExecutor,
  scope: CatalogScope,
): Promise<Map<string, ColumnModel[]>> {
  const rows = await queryCatalog<ColumnRow>(executor, scope, 'columns', COLUMNS_SQL);
  const byTable = new Map<string, ColumnModel[]>();
  for (const [key, tableRows] of groupByTable(rows)) byTable.set(key, tableRows.map(toColumn));
  return byTable;
}
