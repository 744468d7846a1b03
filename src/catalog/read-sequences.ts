import type { SqlExecutor } from '../db/executor.js';
import type { SequenceModel } from '../model/schema-model.js';
import { type CatalogScope, extensionMember, queryCatalog, unexpectedCatalogValue } from './catalog-query.js';
import { isSequenceDataType, normalizeSequenceOptions } from './normalize.js';
import { sortBySchemaAndName } from './order.js';
import { ownedByColumn, serialColumnDrawsFrom } from './serial-sequence.js';

interface SequenceRow {
  readonly schema_name: string;
  readonly name: string;
  readonly data_type: string;
  readonly start: string;
  readonly increment: string;
  readonly min_value: string;
  readonly max_value: string;
  readonly cache: string;
  readonly cycle: boolean;
}

/**
 * Free-standing sequences in scope, by schema then name, with the options that differ
 * from PostgreSQL's defaults. Sequences behind an identity column, or owned by the
 * serial column that draws from them, belong to that column and are left out; so are
 * extensions' sequences.
 *
 * @example
 * ```ts
 * import type { Database } from 'strata';
 * import { catalogScope, readSequences } from 'strata/catalog';
 *
 * declare const db: Database;
 * const scope = catalogScope({});
 * await readSequences(db.executor, scope); // [{ kind: 'sequence', schema: 'public', name: 'invoice_no', dataType: 'bigint', start: '1000' }]
 * ```
 */
export async function readSequences(executor: SqlExecutor, scope: CatalogScope): Promise<SequenceModel[]> {
  const rows = await queryCatalog<SequenceRow>(
    executor,
    scope,
    'sequences',
    `select n.nspname as schema_name, c.relname::text as name, format_type(s.seqtypid, null) as data_type,
       s.seqstart::text as start, s.seqincrement::text as increment, s.seqmin::text as min_value,
       s.seqmax::text as max_value, s.seqcache::text as cache, s.seqcycle as cycle
     from pg_class c
     join scoped_namespace n on n.oid = c.relnamespace
     join pg_sequence s on s.seqrelid = c.oid
     where c.relkind = 'S'
       and not ${extensionMember('pg_class', 'c.oid')}
       and not exists (
         select 1 from pg_depend d
         where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'i'
       )
       and not exists (
         select 1 from pg_depend d
         join pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid
         where d.objid = c.oid and ${ownedByColumn('d')} and ${serialColumnDrawsFrom('a', 'c.oid')}
       )`,
  );
  return sortBySchemaAndName(
    rows.map((row): SequenceModel => {
      const dataType = row.data_type;
      if (!isSequenceDataType(dataType)) {
        throw unexpectedCatalogValue('sequence type', dataType, {
          schema: row.schema_name,
          sequence: row.name,
        });
      }
      return {
        kind: 'sequence',
        schema: row.schema_name,
        name: row.name,
        dataType,
        ...normalizeSequenceOptions(
          {
            start: row.start,
            increment: row.increment,
            minValue: row.min_value,
            maxValue: row.max_value,
            cache: row.cache,
            cycle: row.cycle,
          },
          dataType,
        ),
      };
    }),
  );
}
