/**
 * A throwaway Strata project for CLI tests: a temp folder with strata.config.ts, a schema
 * module importing the repo's DSL by absolute path, a migrations folder, and a stand-in
 * `strata` package in node_modules (so generated migrations, which import from 'strata', load
 * as they would in a user's project). The CLI runs in-process through `main()`.
 *
 * The project's database is an embedded PGlite folder on the `pglite` backend (an in-memory
 * test database cannot be named on a command line) and a fresh server database on `server`.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { main } from '../../src/cli/main.js';
import type { QueryResult, SqlExecutor } from '../../src/db/executor.js';
import { openTestDatabase, type TestDatabase, testBackend } from '../support/backend.js';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** Absolute path of a module in src/, for the generated files' imports. */
export function srcModule(path: string): string {
  return join(SRC, path);
}

/** What one CLI invocation printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** A database a test can reach both from the CLI (as `source`) and directly. */
export interface ProjectDb {
  /** How the CLI names it: a postgres:// URL, or `pglite:` + an absolute folder. */
  readonly source: string;
  /** The URL to put in strata.config.ts, or undefined for the embedded folder. */
  readonly url: string | undefined;
  readonly dataDir: string | undefined;
  /** Runs `fn` on a connection to it (a PGlite folder is opened for the call and closed after). */
  use<T>(fn: (db: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

function pgliteExecutor(db: PGlite): SqlExecutor {
  return {
    backend: 'pglite',
    async query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      const result = await db.query<R>(sql, params as unknown[]);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
    async exec(sql: string): Promise<void> {
      await db.exec(sql);
    },
  };
}

/**
 * A database for the CLI on the current backend: a PGlite folder in a temp folder of its own,
 * or a fresh server database from `openTestDatabase()`. `close()` removes it.
 */
export async function openProjectDb(): Promise<ProjectDb> {
  if (testBackend() === 'pglite') {
    const folder = await mkdtemp(join(tmpdir(), 'strata-cli-db-'));
    const dataDir = join(folder, 'db');
    return {
      source: `pglite:${dataDir}`,
      url: undefined,
      dataDir,
      async use(fn) {
        await mkdir(dataDir, { recursive: true });
        const db = await PGlite.create(dataDir, { extensions: { vector } });
        try {
          return await fn(pgliteExecutor(db));
        } finally {
          await db.close();
        }
      },
      close: () => rm(folder, { recursive: true, force: true }),
    };
  }
  const testDb: TestDatabase = await openTestDatabase();
  return {
    source: testDb.url!,
    url: testDb.url,
    dataDir: undefined,
    use: (fn) => fn(testDb),
    close: () => testDb.close(),
  };
}

/** A temp project folder; `run` calls the CLI in it. */
export interface CliProject {
  readonly dir: string;
  readonly migrations: string;
  run(...args: string[]): Promise<CliRun>;
  /** Replaces the schema module's body (imports of the DSL are added). */
  writeSchema(body: string): Promise<void>;
  /** Names of the migration files, sorted. */
  migrationFiles(): Promise<string[]>;
  readMigration(fileName: string): Promise<string>;
  writeMigration(fileName: string, source: string): Promise<void>;
  removeMigration(fileName: string): Promise<void>;
  cleanup(): Promise<void>;
}

/** What schema bodies may use, imported from the repo's DSL. */
const DSL_NAMES =
  'check, defineSchema, index, integer, numeric, pgEnum, sql, table, text, timestamptz, uniqueIndex, vector';
const DSL_IMPORT = `import { ${DSL_NAMES} } from '${srcModule('schema/index.ts')}';\n`;

/** The header of a hand-written migration file in a project (imports from the stand-in package). */
export const MIGRATION_IMPORT = "import { defineMigration } from 'strata';\n";

/**
 * Creates a project folder whose config names `db` as its database (the embedded default
 * `.strata/db` without one). `migrations` may point at another folder.
 */
export async function createCliProject(
  options: { readonly db?: ProjectDb; readonly migrations?: string } = {},
): Promise<CliProject> {
  const dir = await mkdtemp(join(tmpdir(), 'strata-cli-'));
  const migrations = options.migrations ?? join(dir, 'migrations');
  const { db } = options;
  const database =
    db?.url !== undefined ? `{ url: '${db.url}' }` : `{ dataDir: '${db?.dataDir ?? '.strata/db'}' }`;
  await writeFile(
    join(dir, 'strata.config.ts'),
    `export default {\n  schema: './schema.ts',\n  migrations: '${migrations}',\n  database: ${database},\n};\n`,
  );
  await mkdir(migrations, { recursive: true });
  const pkg = join(dir, 'node_modules', 'strata');
  await mkdir(pkg, { recursive: true });
  await writeFile(
    join(pkg, 'package.json'),
    '{ "name": "strata", "type": "module", "exports": { ".": "./index.ts" } }\n',
  );
  await writeFile(
    join(pkg, 'index.ts'),
    `export { defineMigration } from '${srcModule('migrate/revisions/index.ts')}';\n`,
  );
  await writeFile(join(dir, 'schema.ts'), `${DSL_IMPORT}export const schema = defineSchema({});\n`);
  // The config's url must be what the CLI uses: DATABASE_URL would win over it.
  const savedUrl = process.env.DATABASE_URL;
  delete process.env.DATABASE_URL;
  return {
    dir,
    migrations,
    async run(...args) {
      let out = '';
      let err = '';
      const code = await main(
        ['node', 'strata', ...args],
        {
          out: (text) => {
            out += text.endsWith('\n') ? text : `${text}\n`;
          },
          err: (text) => {
            err += text.endsWith('\n') ? text : `${text}\n`;
          },
        },
        dir,
      );
      return { code, out, err };
    },
    writeSchema: (body) => writeFile(join(dir, 'schema.ts'), `${DSL_IMPORT}${body}`),
    async migrationFiles() {
      if (!existsSync(migrations)) return [];
      return (await readdir(migrations)).filter((name) => name.endsWith('.ts')).sort();
    },
    readMigration: (fileName) => readFile(join(migrations, fileName), 'utf8'),
    writeMigration: (fileName, source) => writeFile(join(migrations, fileName), source),
    removeMigration: (fileName) => rm(join(migrations, fileName)),
    async cleanup() {
      if (savedUrl !== undefined) process.env.DATABASE_URL = savedUrl;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Names of the tables in `public` (without the version table), sorted. */
export async function publicTables(db: SqlExecutor): Promise<string[]> {
  const result = await db.query<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'strata_migrations' ORDER BY tablename",
  );
  return result.rows.map((row) => row.name);
}

/** Names of the columns of a table, in order. */
export async function columnsOf(db: SqlExecutor, table: string): Promise<string[]> {
  const result = await db.query<{ name: string }>(
    'SELECT attname AS name FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum',
    [table],
  );
  return result.rows.map((row) => row.name);
}
