import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { introspect } from '../../catalog/introspect.js';
import { normalizeSchemaModel } from '../../catalog/normalize.js';
import type { QueryResult, SqlExecutor } from '../../db/executor.js';
import { toSqlStatements } from '../../ddl/to-sql.js';
import { StrataError } from '../../errors/strata-error.js';
import type { SchemaModel } from '../../model/schema-model.js';
import type { TableModel } from '../../model/table.js';

/** An empty database to try DDL in, and how to let it go. */
export interface ScratchDatabase extends SqlExecutor {
  close(): Promise<void>;
}

/** Makes a fresh, empty scratch database each time it is called. */
export type ScratchDatabaseFactory = () => Promise<ScratchDatabase>;

/**
 * An in-memory PGlite (PostgreSQL 18) with pgvector. Extensions other than `vector` are not
 * available in it: pass a factory for a scratch database on a server for those.
 */
export async function pgliteScratchDatabase(): Promise<ScratchDatabase> {
  const db = await PGlite.create({ extensions: { vector } });
  return {
    backend: 'pglite',
    async query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      const result = await db.query<R>(sql, params as unknown[]);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
    async exec(sql: string): Promise<void> {
      await db.exec(sql);
    },
    async close(): Promise<void> {
      await db.close();
    },
  };
}

/** Hints only the DSL knows (`renamedFrom`, `concurrently`, enum `renamedValues`), put back on the model read from the scratch database. */
function restoreHints(read: SchemaModel, written: SchemaModel): SchemaModel {
  const byName = new Map(written.tables.map((table) => [`${table.schema}.${table.name}`, table]));
  const tables = read.tables.map((table): TableModel => {
    const source = byName.get(`${table.schema}.${table.name}`);
    if (source === undefined) return table;
    const columnHints = new Map(source.columns.map((column) => [column.name, column.renamedFrom]));
    const concurrent = new Set(
      source.indexes.filter((index) => index.concurrently === true).map((i) => i.name),
    );
    return {
      ...table,
      columns: table.columns.map((column) => {
        const renamedFrom = columnHints.get(column.name);
        return renamedFrom === undefined ? column : { ...column, renamedFrom };
      }),
      indexes: table.indexes.map((index) =>
        concurrent.has(index.name) ? { ...index, concurrently: true } : index,
      ),
      ...(source.renamedFrom === undefined ? {} : { renamedFrom: source.renamedFrom }),
    };
  });
  const enumHints = new Map(
    written.enums.flatMap((e) =>
      e.renamedValues ? [[`${e.schema}.${e.name}`, e.renamedValues] as const] : [],
    ),
  );
  const enums = read.enums.map((e) => {
    const renamedValues = enumHints.get(`${e.schema}.${e.name}`);
    return renamedValues === undefined ? e : { ...e, renamedValues };
  });
  return { ...read, enums, tables };
}

/**
 * The model as PostgreSQL spells it: its DDL is applied to an empty scratch database, which is
 * read back. Expressions come back the way the catalog prints them (`price > 0` as
 * `(price > (0)::numeric)`), so comparing the result with a live database finds no difference
 * where there is none. DSL hints (`renamedFrom`, `concurrently`) are kept. By default the scratch
 * database is an in-memory PGlite with pgvector; pass a factory for one on your server when the
 * model needs other extensions or when the live database is an older PostgreSQL.
 *
 * @example
 * ```ts
 * import type { Database } from 'strata';
 * import { introspect } from 'strata/catalog';
 * import { canonicalizeModel, diffSchemas } from 'strata/migrate';
 * import type { Schema } from 'strata/schema';
 *
 * declare const db: Database;
 * declare const schema: Schema; // the project's defineSchema()
 * const target = await canonicalizeModel(schema.model);
 * const diff = diffSchemas(await introspect(db.executor), target);
 * ```
 */
export async function canonicalizeModel(
  model: SchemaModel,
  createScratch: ScratchDatabaseFactory = pgliteScratchDatabase,
): Promise<SchemaModel> {
  const db = await createScratch();
  try {
    for (const statement of toSqlStatements(model)) {
      try {
        await db.exec(statement);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new StrataError(
          'SCHEMA_INVALID',
          `The schema's DDL fails in a scratch database: ${reason}. Fix the schema (or, for an extension PGlite lacks, pass a scratch database on your server). Statement: ${statement}`,
          { statement },
          { cause: error },
        );
      }
    }
    return restoreHints(normalizeSchemaModel(await introspect(db)), model);
  } finally {
    await db.close();
  }
}
