import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import pg from 'pg';
import { redactUrl } from '../../db/connection-target.js';
import { StrataError } from '../../errors/strata-error.js';
import type { ScratchDatabase, ScratchDatabaseFactory } from '../diff/index.js';
import { type MigrationSession, openMigrationSession } from '../run/index.js';

/** An empty database made for one job (verify, building a schema from migrations), gone once closed. */
export interface ScratchSession {
  readonly kind: 'scratchSession';
  /** One connection to it, usable by the migration runner. */
  readonly session: MigrationSession;
  /** What it is, for reports: "in-memory PGlite" or "scratch database strata_scratch_… on host". */
  readonly description: string;
  /** Closes the connection and, on a server, drops the database. */
  close(): Promise<void>;
}

/** Options of `openScratchSession`. */
export interface ScratchOptions {
  /**
   * A `postgres://` URL of a server to create the scratch database on (the user needs the
   * CREATEDB privilege); it is dropped on close. Default: an in-memory PGlite with pgvector.
   */
  readonly url?: string;
  /** Prefix of the scratch database's name on a server. Default `strata_scratch`. */
  readonly prefix?: string;
}

async function openPglite(): Promise<ScratchSession> {
  const pglite = await PGlite.create({ extensions: { vector } });
  const session = await openMigrationSession(pglite);
  return {
    kind: 'scratchSession',
    session,
    description: 'an in-memory PGlite database',
    close: () => pglite.close(),
  };
}

function databaseUrl(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

function quoteName(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function openServer(url: string, prefix: string): Promise<ScratchSession> {
  if (!/^postgres(ql)?:\/\//i.test(url)) {
    throw new StrataError(
      'USAGE',
      `A scratch database can only be created on a PostgreSQL server (postgres://…), not on ${redactUrl(url)}; leave the URL out for an in-memory PGlite`,
      { url: redactUrl(url) },
    );
  }
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url, application_name: 'strata-scratch' });
  admin.on('error', () => {});
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${quoteName(name)}`);
  } catch (error) {
    await admin.end().catch(() => undefined);
    throw new StrataError(
      'CONNECTION_FAILED',
      `Could not create the scratch database ${name} on ${redactUrl(url)}: ${(error as Error).message}. The user needs the CREATEDB privilege; without a URL an in-memory PGlite is used instead.`,
      { url: redactUrl(url), database: name },
      { cause: error },
    );
  }
  const drop = async () => {
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${quoteName(name)} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  };
  let session: MigrationSession;
  try {
    session = await openMigrationSession(databaseUrl(url, name));
  } catch (error) {
    await drop().catch(() => undefined);
    throw error;
  }
  const host = new URL(url).host;
  return {
    kind: 'scratchSession',
    session,
    description: `the scratch database ${name} on ${host}`,
    async close() {
      try {
        await session.close();
      } finally {
        await drop();
      }
    },
  };
}

/**
 * Opens an empty scratch database: an in-memory PGlite by default, or a new database on the
 * server of `options.url`, dropped again by `close()`.
 *
 * @example
 * ```ts
 * import { upgrade } from 'strata/migrate';
 *
 * const scratch = await openScratchSession({ url: 'postgres://postgres@localhost/postgres' });
 * try {
 *   await upgrade({ migrations: './migrations', db: scratch.session }, 'head');
 * } finally {
 *   await scratch.close();
 * }
 * ```
 */
export function openScratchSession(options: ScratchOptions = {}): Promise<ScratchSession> {
  return options.url === undefined
    ? openPglite()
    : openServer(options.url, options.prefix ?? 'strata_scratch');
}

/**
 * A `canonicalizeModel` scratch factory that makes its databases on a server, so that the
 * model is spelled by the same PostgreSQL version as the database it is compared with.
 *
 * @example
 * ```ts
 * import { canonicalizeModel } from 'strata/migrate';
 * import type { Schema } from 'strata/schema';
 *
 * declare const schema: Schema; // the project's defineSchema()
 * const target = await canonicalizeModel(schema.model, scratchDatabasesOn(process.env.DATABASE_URL!));
 * ```
 */
export function scratchDatabasesOn(url: string): ScratchDatabaseFactory {
  return async (): Promise<ScratchDatabase> => {
    const scratch = await openScratchSession({ url });
    const { session } = scratch;
    return {
      backend: session.backend,
      query: (sql, params) => session.query(sql, params),
      exec: (sql) => session.exec(sql),
      close: () => scratch.close(),
    };
  };
}
