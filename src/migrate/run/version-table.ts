import type { SqlExecutor } from '../../db/executor.js';
import { StrataError } from '../../errors/strata-error.js';
import type { MigrationScript } from '../revisions/migration-script.js';

/** The table that records applied migrations: one row per applied revision. */
export const VERSION_TABLE = 'public.strata_migrations';

/** DDL of the version table (idempotent). */
export const CREATE_VERSION_TABLE = `CREATE TABLE IF NOT EXISTS ${VERSION_TABLE} (
  revision text PRIMARY KEY,
  parents text[] NOT NULL DEFAULT '{}',
  message text NOT NULL DEFAULT '',
  file text NOT NULL,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  execution_ms integer,
  stamped boolean NOT NULL DEFAULT false
)`;

/** A row of the version table. */
export interface AppliedRevision {
  readonly kind: 'appliedRevision';
  readonly revision: string;
  readonly parents: readonly string[];
  readonly message: string;
  /** File name when it was applied. */
  readonly fileName: string;
  /** Checksum of the file when it was applied (or stamped). */
  readonly checksum: string;
  readonly appliedAt: Date;
  /** How long the migration took; null when stamped or applied by an offline script. */
  readonly executionMs: number | null;
  /** Recorded by `stamp`, nothing ran. */
  readonly stamped: boolean;
}

/** Whether the version table exists (never creates it). */
export async function versionTableExists(db: SqlExecutor): Promise<boolean> {
  const result = await db.query<{ present: boolean }>(
    `SELECT to_regclass('${VERSION_TABLE}') IS NOT NULL AS present`,
  );
  return result.rows[0]?.present === true;
}

export async function ensureVersionTable(db: SqlExecutor): Promise<void> {
  await db.exec(CREATE_VERSION_TABLE);
}

interface VersionRow {
  revision: string;
  parents: string[] | null;
  message: string;
  file: string;
  checksum: string;
  applied_at: Date | string;
  execution_ms: number | null;
  stamped: boolean;
}

/** Every row of the version table; empty when the table does not exist. */
export async function readAppliedRevisions(db: SqlExecutor): Promise<AppliedRevision[]> {
  if (!(await versionTableExists(db))) return [];
  const result = await db.query<VersionRow>(
    `SELECT revision, parents, message, file, checksum, applied_at, execution_ms, stamped FROM ${VERSION_TABLE} ORDER BY applied_at, revision`,
  );
  return result.rows.map((row) => ({
    kind: 'appliedRevision',
    revision: row.revision,
    parents: row.parents ?? [],
    message: row.message,
    fileName: row.file,
    checksum: row.checksum,
    appliedAt: row.applied_at instanceof Date ? row.applied_at : new Date(row.applied_at),
    executionMs: row.execution_ms,
    stamped: row.stamped,
  }));
}

/**
 * The database's current revisions: applied revisions that no other applied revision
 * names as a parent (one per branch). Empty at base.
 */
export function currentRevisions(applied: readonly AppliedRevision[]): string[] {
  const parents = new Set(applied.flatMap((row) => row.parents));
  return applied.filter((row) => !parents.has(row.revision)).map((row) => row.revision);
}

/** One change to the version table, as a parameterised statement. */
export interface VersionChange {
  readonly sql: string;
  readonly params: readonly unknown[];
}

export function insertVersionRow(
  script: MigrationScript,
  executionMs: number | null,
  stamped: boolean,
): VersionChange {
  return {
    sql: `INSERT INTO ${VERSION_TABLE} (revision, parents, message, file, checksum, execution_ms, stamped) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    params: [
      script.revision,
      [...script.parents],
      script.message,
      script.fileName,
      script.checksum,
      executionMs,
      stamped,
    ],
  };
}

export function deleteVersionRow(revision: string): VersionChange {
  return { sql: `DELETE FROM ${VERSION_TABLE} WHERE revision = $1`, params: [revision] };
}

export function updateChecksum(revision: string, checksum: string, fileName: string): VersionChange {
  return {
    sql: `UPDATE ${VERSION_TABLE} SET checksum = $2, file = $3 WHERE revision = $1`,
    params: [revision, checksum, fileName],
  };
}

/**
 * Runs a version-table change and checks it touched exactly one row: anything else means
 * the table was changed behind the runner's back.
 */
export async function applyVersionChange(db: SqlExecutor, change: VersionChange): Promise<void> {
  const result = await db.query(change.sql, change.params);
  if (result.rowCount !== 1) {
    throw new StrataError(
      'MIGRATION_FAILED',
      `The version table ${VERSION_TABLE} changed ${result.rowCount} rows instead of 1 for revision ${String(change.params[0])}: was it modified by someone else during the run?`,
      { revision: change.params[0], statement: change.sql, rowCount: result.rowCount },
    );
  }
}

/** A SQL string literal (standard_conforming_strings, the default since PostgreSQL 9.1). */
export function sqlLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `INSERT` of a version row with literals, for offline scripts. */
export function insertVersionRowSql(script: MigrationScript): string {
  const parents =
    script.parents.length === 0
      ? "'{}'::text[]"
      : `ARRAY[${script.parents.map(sqlLiteral).join(', ')}]::text[]`;
  return `INSERT INTO ${VERSION_TABLE} (revision, parents, message, file, checksum) VALUES (${sqlLiteral(script.revision)}, ${parents}, ${sqlLiteral(script.message)}, ${sqlLiteral(script.fileName)}, ${sqlLiteral(script.checksum)});`;
}

/** `DELETE` of a version row with literals, for offline scripts. */
export function deleteVersionRowSql(revision: string): string {
  return `DELETE FROM ${VERSION_TABLE} WHERE revision = ${sqlLiteral(revision)};`;
}
