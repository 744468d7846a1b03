/**
 * Strata: a TypeScript data layer for PostgreSQL + pgvector.
 *
 * The root entry point holds what almost every app uses; each area has its own subpath:
 * `strata/schema`, `strata/db`, `strata/migrate`, `strata/catalog`, `strata/ddl`, `strata/repo`,
 * `strata/search`, `strata/embed`, `strata/ingest`, `strata/files`, `strata/configuration`, `strata/http`.
 *
 * @example
 * ```ts
 * import { connect, StrataError } from 'strata';
 * import { defineSchema, table, text, uuidPrimaryKey, type DatabaseOf } from 'strata/schema';
 *
 * const notes = table('notes', { id: uuidPrimaryKey(), body: text().notNull() });
 * const schema = defineSchema({ notes });
 * const db = await connect<DatabaseOf<typeof schema>>({ url: 'memory://' });
 * try {
 *   await db.transaction(async (tx) => {
 *     await tx.kysely.selectFrom('notes').selectAll().execute();
 *   });
 * } catch (error) {
 *   if (error instanceof StrataError) console.error(error.code, error.details);
 * } finally {
 *   await db.close();
 * }
 * ```
 */
export { type ConnectOptions, connect, type Database, type Session, withRetry } from './db/index.js';
export { isStrataError, StrataError, type StrataErrorCode, type StrataErrorDetails } from './errors/index.js';
export { defineMigration } from './migrate/revisions/index.js';
export { defineConfig, type StrataConfig } from './project/index.js';
