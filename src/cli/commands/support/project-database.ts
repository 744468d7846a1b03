import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { connect } from '../../../db/connect.js';
import { redactUrl } from '../../../db/connection-target.js';
import type { Database } from '../../../db/database.js';
import { StrataError } from '../../../errors/strata-error.js';
import { type MigrationSession, openMigrationSession } from '../../../migrate/run/index.js';
import type { ResolvedConfig } from '../../../project/config.js';

/** The database an online command works on: a migration session and a `Database` on it. */
export interface ProjectDatabase {
  /** One connection for the lock and the migrations (the PGlite instance itself when embedded). */
  readonly session: MigrationSession;
  /** The connection layer's view of the same database; its type parsers are refreshed after runs. */
  readonly database: Database;
  /** What it is, for messages (passwords hidden). */
  readonly description: string;
  close(): Promise<void>;
}

/** Where an online command goes: `--url`, else DATABASE_URL, else the config's url, else its embedded folder. */
type Where =
  | { readonly kind: 'server'; readonly url: string }
  | { readonly kind: 'pglite'; readonly dataDir: string | undefined };

function where(config: ResolvedConfig, url: string | undefined, cwd: string): Where {
  // loadConfig already puts DATABASE_URL before the config's url.
  const text = (url ?? config.database.url)?.trim();
  if (text === undefined || text === '') return { kind: 'pglite', dataDir: config.database.dataDir };
  if (/^postgres(ql)?:\/\//i.test(text)) return { kind: 'server', url: text };
  if (/^memory:(\/\/)?$/i.test(text)) return { kind: 'pglite', dataDir: undefined };
  if (/^pglite:/i.test(text) && text.length > 'pglite:'.length) {
    return { kind: 'pglite', dataDir: resolve(cwd, text.slice('pglite:'.length)) };
  }
  throw new StrataError(
    'USAGE',
    `"${redactUrl(text)}" is not a database URL: use postgres://user@host/db for a server, pglite:PATH for an embedded database folder, or memory:// for a throwaway one`,
    { url: redactUrl(text) },
  );
}

async function openPglite(dataDir: string | undefined): Promise<ProjectDatabase> {
  let pglite: PGlite;
  try {
    if (dataDir === undefined) pglite = await PGlite.create({ extensions: { vector } });
    else {
      await mkdir(dataDir, { recursive: true });
      pglite = await PGlite.create(dataDir, { extensions: { vector } });
    }
  } catch (error) {
    throw new StrataError(
      'CONNECTION_FAILED',
      `Could not open the embedded database in ${dataDir ?? 'memory'}: ${(error as Error).message}. Check that the folder is writable and not used by another process.`,
      { dataDir },
      { cause: error },
    );
  }
  try {
    // PGlite has one connection: the session and the Database share the instance.
    const database = await connect({ pglite });
    const session = await openMigrationSession(pglite);
    return {
      session,
      database,
      description:
        dataDir === undefined ? 'an in-memory PGlite database' : `the embedded database in ${dataDir}`,
      async close() {
        await database.close();
        await pglite.close();
      },
    };
  } catch (error) {
    await pglite.close().catch(() => undefined);
    throw error;
  }
}

async function openServer(url: string): Promise<ProjectDatabase> {
  const database = await connect({ url });
  let session: MigrationSession;
  try {
    // A dedicated connection: the advisory lock belongs to a session, not to a pool.
    session = await openMigrationSession(url);
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
  return {
    session,
    database,
    description: redactUrl(url),
    async close() {
      try {
        await session.close();
      } finally {
        await database.close();
      }
    },
  };
}

/**
 * Opens the project's database for an online command: `url` (the `--url` option) if given, else
 * DATABASE_URL, else `database.url` of strata.config.ts, else the embedded PGlite in
 * `database.dataDir`.
 */
export function openProjectDatabase(
  config: ResolvedConfig,
  url: string | undefined,
  cwd: string,
): Promise<ProjectDatabase> {
  const target = where(config, url, cwd);
  return target.kind === 'server' ? openServer(target.url) : openPglite(target.dataDir);
}

/** Runs `fn` on the project's database and closes it afterwards. */
export async function withProjectDatabase<T>(
  config: ResolvedConfig,
  url: string | undefined,
  cwd: string,
  fn: (db: ProjectDatabase) => Promise<T>,
): Promise<T> {
  const db = await openProjectDatabase(config, url, cwd);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}
