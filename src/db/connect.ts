import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import type { KyselyConfig } from 'kysely';
import { StrataError } from '../errors/strata-error.js';
import { assertNever } from '../util/assert-never.js';
import {
  type ConnectionTarget,
  redactUrl,
  resolveConnectionTarget,
  type TargetOptions,
} from './connection-target.js';
import { type Database, StrataDatabase } from './database.js';
import { PGliteDriver } from './pglite-dialect.js';
import { type PoolOptions, type ResolvedPoolOptions, resolvePoolOptions } from './pool-options.js';
import { PostgresPoolDriver } from './postgres-pool-driver.js';
import type { EmptySchema } from './session.js';
import type { StrataDriver } from './strata-driver.js';
import { TypeRegistry } from './type-registry.js';

/** Options of `connect()`. Give at most one of `url`, `dataDir` and `pglite`. */
export interface ConnectOptions extends TargetOptions {
  /**
   * `postgres://…`/`postgresql://…` for a server, `memory://` for a throwaway in-memory PGlite.
   * Default: the `DATABASE_URL` environment variable, else an embedded PGlite in `dataDir`.
   */
  readonly url?: string;
  /** Folder of the embedded PGlite database, relative to the working directory. Default `.strata/db`. */
  readonly dataDir?: string;
  /** An open PGlite instance to use (with pgvector loaded if you need vectors); `close()` leaves it open. */
  readonly pglite?: PGlite;
  /** Pool settings of the server backend; see `PoolOptions` for the defaults. */
  readonly pool?: PoolOptions;
  /** Kysely plugins (e.g. `CamelCasePlugin`), used by `db.kysely` and every transaction's `kysely`. */
  readonly plugins?: KyselyConfig['plugins'];
  /** Kysely query logging. */
  readonly log?: KyselyConfig['log'];
}

/**
 * Connects to a PostgreSQL server (pooled) or opens an embedded PGlite database with pgvector,
 * and reads the type OIDs it needs to parse values (pgvector's are per database).
 *
 * Values come back the same on both backends: int8 → `bigint`, numeric → string,
 * date → `'YYYY-MM-DD'`, timestamp/timestamptz → `Date` (timestamp read as UTC),
 * bytea → `Buffer`, json/jsonb → parsed, vector/halfvec → `number[]`, sparsevec →
 * `SparseVector`, bit → string of 0 and 1, arrays of these → arrays.
 * PostgreSQL errors become `StrataError`s (`UNIQUE_VIOLATION`, `DEADLOCK`, …; see `wrapDatabaseError`).
 *
 * @example
 * ```ts
 * import { connect } from 'strata';
 *
 * interface DB {
 *   users: { id: string; email: string };
 * }
 * const db = await connect<DB>();                                   // embedded, in ./.strata/db
 * const test = await connect({ url: 'memory://' });                 // embedded, in memory
 * const prod = await connect({ url: process.env.DATABASE_URL, pool: { max: 20, statementTimeoutMs: 5000 } });
 * ```
 */
export async function connect<DB = EmptySchema>(options: ConnectOptions = {}): Promise<Database<DB>> {
  const target = resolveConnectionTarget(options);
  const pool = resolvePoolOptions(options.pool);
  const registry = new TypeRegistry();
  const driver = await openDriver(target, pool, registry);
  const kyselyOptions = {
    ...(options.plugins === undefined ? {} : { plugins: options.plugins }),
    ...(options.log === undefined ? {} : { log: options.log }),
  };
  const db = new StrataDatabase<DB>(driver, registry, kyselyOptions);
  try {
    await db.refreshTypes();
  } catch (error) {
    await db.close().catch(() => undefined);
    if (error instanceof StrataError && error.code === 'CONNECTION_FAILED') {
      throw new StrataError(
        'CONNECTION_FAILED',
        `Could not connect to ${describeTarget(target)}: ${error.message}`,
        { ...error.details, target: describeTarget(target) },
        { cause: error },
      );
    }
    throw error;
  }
  return db;
}

async function openDriver(
  target: ConnectionTarget,
  pool: ResolvedPoolOptions,
  registry: TypeRegistry,
): Promise<StrataDriver> {
  const parsers = () => registry.pgliteParsers;
  switch (target.kind) {
    case 'postgres':
      return new PostgresPoolDriver({ url: target.url, pool, parserFor: (oid) => registry.parserFor(oid) });
    case 'pgliteInstance':
      return new PGliteDriver({ pglite: target.pglite, parsers });
    case 'pgliteMemory':
      return new PGliteDriver({ pglite: await openPGlite(target), parsers, closeOnDestroy: true });
    case 'pgliteDirectory':
      return new PGliteDriver({ pglite: await openPGlite(target), parsers, closeOnDestroy: true });
    default:
      return assertNever(target, 'connection target');
  }
}

async function openPGlite(
  target: ConnectionTarget & { kind: 'pgliteMemory' | 'pgliteDirectory' },
): Promise<PGlite> {
  try {
    if (target.kind === 'pgliteMemory') return await PGlite.create({ extensions: { vector } });
    await mkdir(target.dataDir, { recursive: true });
    return await PGlite.create(target.dataDir, { extensions: { vector } });
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new StrataError(
      'CONNECTION_FAILED',
      `Could not open ${describeTarget(target)}: ${reason}. ` +
        (target.kind === 'pgliteDirectory'
          ? 'Check that the folder is writable, is not used by another process, and holds a PGlite database.'
          : ''),
      { target: describeTarget(target) },
      { cause },
    );
  }
}

function describeTarget(target: ConnectionTarget): string {
  switch (target.kind) {
    case 'postgres':
      return `the PostgreSQL server at ${redactUrl(target.url)} (from the ${target.source})`;
    case 'pgliteInstance':
      return 'the given PGlite instance';
    case 'pgliteMemory':
      return 'an in-memory PGlite database';
    case 'pgliteDirectory':
      return `the embedded PGlite database in ${target.dataDir}`;
    default:
      return assertNever(target, 'connection target');
  }
}
