/**
 * How the catalog readers query: every query covers the whole introspection scope at
 * once (never one query per table), starts from the same two CTEs that define that
 * scope, and turns a failure into a StrataError that names what was being read.
 */
import type { SqlExecutor } from '../db/executor.js';
import { StrataError } from '../errors/strata-error.js';

/** Strata's own version table: never part of a model, whatever schema it lives in. */
export const STRATA_VERSION_TABLE = 'strata_migrations';

/** The lowest PostgreSQL the readers support (`pg_index.indnullsnotdistinct` is new in 15). */
const MIN_SERVER_VERSION = 150000;

/** What part of the database the readers look at. */
export interface CatalogScope {
  readonly kind: 'catalogScope';
  /** Only these schemas; undefined means every schema that is not PostgreSQL's own. */
  readonly schemas: readonly string[] | undefined;
  /** Tables to leave out, as `name` (any schema) or `schema.name`; always has the version table. */
  readonly excludeTables: readonly string[];
}

function checkNames(value: unknown, option: string): readonly string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item === '')) {
    throw new StrataError(
      'CONFIG_INVALID',
      `introspect() option "${option}" must be an array of non-empty names, got ${JSON.stringify(value)}.`,
      { option },
    );
  }
  return value as string[];
}

/**
 * Builds the scope from introspect()'s options, checking them.
 *
 * @example
 * ```ts
 * catalogScope({ schemas: ['public', 'app'], excludeTables: ['audit.events'] });
 * ```
 */
export function catalogScope(options: {
  readonly schemas?: readonly string[];
  readonly excludeTables?: readonly string[];
}): CatalogScope {
  const schemas = checkNames(options.schemas, 'schemas');
  const excluded = checkNames(options.excludeTables, 'excludeTables') ?? [];
  return {
    kind: 'catalogScope',
    schemas: schemas === undefined ? undefined : [...schemas],
    excludeTables: [...new Set([STRATA_VERSION_TABLE, ...excluded])],
  };
}

/** SQL condition: the object `oid` of system catalog `catalog` belongs to an extension. */
export function extensionMember(catalog: string, oid: string): string {
  return `exists (select 1 from pg_depend e where e.classid = '${catalog}'::regclass and e.objid = ${oid} and e.deptype = 'e')`;
}

/**
 * `scoped_namespace` (oid, nspname): the schemas in scope, without PostgreSQL's own
 * (pg_catalog, information_schema, pg_toast*, pg_temp*) and without schemas an
 * extension created. `scoped_table` (oid, nspname, relname): their ordinary and
 * partitioned tables, without partitions (the parent carries the model), extension
 * tables and excluded tables. $1 is the schema list (or null), $2 the excluded tables.
 */
const SCOPE_CTES = `with scoped_namespace as (
  select n.oid, n.nspname::text as nspname
  from pg_namespace n
  where n.nspname <> 'information_schema'
    and n.nspname !~ '^pg_'
    and ($1::text[] is null or n.nspname = any ($1::text[]))
    and not ${extensionMember('pg_namespace', 'n.oid')}
), scoped_table as (
  select c.oid, n.nspname, c.relname::text as relname
  from pg_class c
  join scoped_namespace n on n.oid = c.relnamespace
  where c.relkind in ('r', 'p')
    and not c.relispartition
    and not (c.relname = any ($2::text[]) or (n.nspname || '.' || c.relname) = any ($2::text[]))
    and not ${extensionMember('pg_class', 'c.oid')}
)`;

/** SQL for a collation's name: bare when the default search path finds it, else schema-qualified. */
export function collationName(collation: string, namespace: string): string {
  return `case when ${namespace}.nspname in ('pg_catalog', 'public') then ${collation}.collname::text else ${namespace}.nspname || '.' || ${collation}.collname end`;
}

/** Key of a table in the readers' maps. */
export function tableKey(schema: string, name: string): string {
  return JSON.stringify([schema, name]);
}

/** Groups rows by table, keeping their order. */
export function groupByTable<R extends { readonly schema_name: string; readonly table_name: string }>(
  rows: readonly R[],
): Map<string, R[]> {
  const groups = new Map<string, R[]>();
  for (const row of rows) {
    const key = tableKey(row.schema_name, row.table_name);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [row]);
    else group.push(row);
  }
  return groups;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs one catalog query over the scope. `sql` may use the CTEs `scoped_namespace`
 * and `scoped_table`.
 *
 * @example
 * ```ts
 * import type { Database } from 'strata';
 * import { catalogScope } from 'strata/catalog';
 *
 * declare const db: Database;
 * const scope = catalogScope({ schemas: ['public'] });
 * const sql = 'select relname from scoped_table';
 * const rows = await queryCatalog<{ relname: string }>(db.executor, scope, 'tables', sql);
 * ```
 */
export async function queryCatalog<R>(
  executor: SqlExecutor,
  scope: CatalogScope,
  what: string,
  sql: string,
): Promise<R[]> {
  try {
    const result = await executor.query<R>(`${SCOPE_CTES}\n${sql}`, [
      scope.schemas ?? null,
      scope.excludeTables,
    ]);
    return result.rows;
  } catch (error) {
    throw new StrataError(
      'DATABASE_ERROR',
      `Reading ${what} from the PostgreSQL catalog failed: ${describe(error)}. Check that the connection is open and that the role may read pg_catalog.`,
      { catalog: what },
      { cause: error },
    );
  }
}

/** A value the catalog should never hold; a StrataError naming where it was found. */
export function unexpectedCatalogValue(
  what: string,
  value: unknown,
  details: Record<string, unknown>,
): StrataError {
  return new StrataError(
    'DATABASE_ERROR',
    `Unexpected ${what} ${JSON.stringify(value)} in the PostgreSQL catalog; Strata does not know how to model it.`,
    { ...details, value },
  );
}

/**
 * Fails with a clear message on PostgreSQL older than 15.
 *
 * @example
 * ```ts
 * import type { Database } from 'strata';
 * import { catalogScope } from 'strata/catalog';
 *
 * declare const db: Database;
 * await assertSupportedServer(db.executor, catalogScope({})); // resolves on 15, 16, 17, 18 and PGlite
 * ```
 */
export async function assertSupportedServer(executor: SqlExecutor, scope: CatalogScope): Promise<void> {
  const rows = await queryCatalog<{ version: number; text: string }>(
    executor,
    scope,
    'the server version',
    "select current_setting('server_version_num')::int as version, current_setting('server_version') as text",
  );
  const row = rows[0];
  if (row === undefined || row.version < MIN_SERVER_VERSION) {
    throw new StrataError(
      'DATABASE_ERROR',
      `Strata needs PostgreSQL 15 or newer to read a schema; this server is ${row?.text ?? 'unknown'}. Upgrade the server.`,
      { serverVersion: row?.text },
    );
  }
}
