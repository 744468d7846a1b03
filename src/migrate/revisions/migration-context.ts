import type { SqlExecutor } from '../../db/executor.js';
import { loadMigrations } from './load-migrations.js';
import type { RevisionGraph } from './revision-graph.js';

/**
 * What every migration command works on: the migrations (a folder, or a graph already
 * loaded from one) and, for commands that look at the database, a connection.
 * `upgrade`, `downgrade` and `stamp` need a `MigrationSession` (one dedicated connection,
 * see `openMigrationSession`); `current` and `history` accept any executor.
 *
 * @example
 * ```ts
 * import { type MigrationContext, openMigrationSession } from 'strata/migrate';
 *
 * const db = await openMigrationSession(process.env.DATABASE_URL!);
 * const context: MigrationContext = { migrations: './migrations', db };
 * ```
 */
export interface MigrationContext {
  readonly migrations: string | RevisionGraph;
  readonly db?: SqlExecutor;
}

/** The graph of a context, loading the folder if needed. */
export async function contextGraph(context: MigrationContext): Promise<RevisionGraph> {
  return typeof context.migrations === 'string' ? loadMigrations(context.migrations) : context.migrations;
}
