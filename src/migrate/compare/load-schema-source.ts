import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { introspect } from '../../catalog/introspect.js';
import { connect } from '../../db/connect.js';
import { StrataError } from '../../errors/strata-error.js';
import type { SchemaModel } from '../../model/schema-model.js';
import type { ResolvedConfig } from '../../project/config.js';
import { loadSchema } from '../../project/load-schema.js';
import { assertNever } from '../../util/assert-never.js';
import { canonicalizeModel, type ScratchDatabaseFactory } from '../diff/index.js';
import { loadMigrations } from '../revisions/index.js';
import { upgrade } from '../run/index.js';
import type { SchemaSource } from './schema-source.js';
import { openScratchSession } from './scratch-session.js';

/** What `loadSchemaSource` needs besides the source. */
export interface SchemaSourceOptions {
  /** Folder relative paths (`pglite:./db`, `schema:src/schema.ts`) are resolved against. */
  readonly cwd: string;
  /** The project: its schema module and migrations folder. */
  readonly config: ResolvedConfig;
  /** Where the project schema is canonicalised (default: an in-memory PGlite). */
  readonly scratch?: ScratchDatabaseFactory;
  /** A server to build `migrations:REV` on, in a scratch database (default: an in-memory PGlite). */
  readonly scratchUrl?: string;
}

async function introspectDatabase(options: { url: string } | { dataDir: string }): Promise<SchemaModel> {
  const db = await connect(options);
  try {
    // One snapshot: introspect runs several queries.
    return await db.transaction((tx) => introspect(tx.executor), { isolationLevel: 'repeatable read' });
  } finally {
    await db.close();
  }
}

async function migrationsAt(
  config: ResolvedConfig,
  target: string,
  scratchUrl: string | undefined,
): Promise<SchemaModel> {
  const graph = await loadMigrations(config.migrations);
  const scratch = await openScratchSession(
    scratchUrl === undefined ? {} : { url: scratchUrl, prefix: 'strata_diff' },
  );
  try {
    await upgrade({ migrations: graph, db: scratch.session }, target);
    return await introspect(scratch.session);
  } finally {
    await scratch.close();
  }
}

/**
 * Reads the schema a source names: a live database is introspected, the project schema is
 * canonicalised (so that it is spelled as PostgreSQL prints it), and `migrations:REV` is
 * built by upgrading an empty scratch database to REV and introspecting it.
 *
 * @example
 * ```ts
 * import { loadConfig } from 'strata/project';
 *
 * const config = await loadConfig();
 * const model = await loadSchemaSource({ kind: 'migrations', target: 'head' }, { cwd: process.cwd(), config });
 * ```
 */
export async function loadSchemaSource(
  source: SchemaSource,
  options: SchemaSourceOptions,
): Promise<SchemaModel> {
  switch (source.kind) {
    case 'serverDatabase':
      return introspectDatabase({ url: source.url });
    case 'pgliteDirectory': {
      const dataDir = resolve(options.cwd, source.dataDir);
      if (!existsSync(dataDir)) {
        throw new StrataError(
          'USAGE',
          `pglite:${source.dataDir}: the folder ${dataDir} does not exist (an embedded database is created by its first upgrade)`,
          { dataDir },
        );
      }
      return introspectDatabase({ dataDir });
    }
    case 'projectSchema': {
      const file = source.file === undefined ? options.config.schema : resolve(options.cwd, source.file);
      const schema = await loadSchema(file);
      return canonicalizeModel(schema.model, options.scratch);
    }
    case 'migrations':
      return migrationsAt(options.config, source.target, options.scratchUrl);
    default:
      return assertNever(source, 'schema source');
  }
}
