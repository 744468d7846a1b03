/**
 * The end-to-end check every before/after schema pair goes through, on the backend of the
 * vitest project: the `after` model is canonicalised in the test database itself (so the
 * spelling PostgreSQL gives it is that server's), then `before` is created and filled, diffed
 * to `after`, upgraded, compared, and downgraded back to exactly what it was.
 */
import { expect } from 'vitest';
import { introspect } from '../../src/catalog/introspect.js';
import { normalizeSchemaModel } from '../../src/catalog/normalize.js';
import { toSqlStatements } from '../../src/ddl/to-sql.js';
import { canonicalizeModel, type ScratchDatabase } from '../../src/migrate/diff/canonicalize-model.js';
import { diffSchemas } from '../../src/migrate/diff/diff-schemas.js';
import type { DiffOptions, DiffWarning } from '../../src/migrate/diff/diff-types.js';
import {
  createOperationsApi,
  type IrreversibleOperation,
  invertOperations,
  isIrreversible,
  type MigrationOperation,
  type OperationKind,
  type RenderedStatement,
  renderOperations,
  renderOperationsAsCode,
} from '../../src/migrate/ops/index.js';
import type { SchemaModel } from '../../src/model/index.js';
import type { TestDatabase } from '../support/backend.js';

/** A query and the rows it must return. */
export interface RowCheck {
  readonly sql: string;
  readonly rows: readonly Record<string, unknown>[];
}

export interface MigrationPair {
  readonly name: string;
  readonly before: SchemaModel;
  readonly after: SchemaModel;
  readonly options?: DiffOptions;
  /** Rows inserted once `before` exists. */
  readonly seed?: string;
  /** Data that must still be there after the upgrade. */
  readonly afterUpgrade?: RowCheck;
  /** Data that must be there again after the downgrade. */
  readonly afterDowngrade?: RowCheck;
  /** Operation kinds the diff must contain (others may come with them). */
  readonly expect: readonly OperationKind[];
  /** Operation kinds the diff must not contain (e.g. no drop where a rename is declared). */
  readonly forbid?: readonly OperationKind[];
  /** Warning kinds the diff must give (exactly this set). */
  readonly warnings?: readonly DiffWarning['kind'][];
  /**
   * A generated column in the middle of its table changes: PostgreSQL before 17 can only drop and add
   * it again, so it ends up last both ways. Compare columns by name (the differ ignores column order).
   */
  readonly movesColumns?: boolean;
}

/** Drops everything a pair may have created: every user schema (public is made again) and extension. */
export async function resetDatabase(db: TestDatabase): Promise<void> {
  await db.exec(`
    DO $$
    DECLARE r record;
    BEGIN
      FOR r IN SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' LOOP
        EXECUTE format('DROP EXTENSION %I CASCADE', r.extname);
      END LOOP;
      FOR r IN SELECT nspname FROM pg_namespace
        WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
          AND nspname NOT LIKE 'pg\\_temp\\_%' AND nspname NOT LIKE 'pg\\_toast\\_temp\\_%' LOOP
        EXECUTE format('DROP SCHEMA %I CASCADE', r.nspname);
      END LOOP;
    END $$;
    CREATE SCHEMA public;
  `);
}

/** The test database as a scratch database: reset on each use, never closed. */
function scratchOf(db: TestDatabase): () => Promise<ScratchDatabase> {
  return async () => {
    await resetDatabase(db);
    return {
      backend: db.backend,
      query: (sql, params) => db.query(sql, params),
      exec: (sql) => db.exec(sql),
      close: async () => {},
    };
  };
}

async function read(db: TestDatabase): Promise<SchemaModel> {
  return normalizeSchemaModel(await introspect(db));
}

/** Runs statements as the runner does: consecutive transactional ones in one transaction, the others alone. */
export async function runStatements(
  db: TestDatabase,
  statements: readonly RenderedStatement[],
): Promise<void> {
  let batch: string[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await db.exec(`BEGIN;\n${batch.join('\n')}\nCOMMIT;`);
    batch = [];
  };
  for (const statement of statements) {
    if (statement.transactional) {
      batch.push(statement.sql);
      continue;
    }
    await flush();
    await db.exec(statement.sql);
  }
  await flush();
}

function withoutHints(model: SchemaModel): SchemaModel {
  return {
    ...model,
    tables: model.tables.map(({ renamedFrom: _table, ...table }) => ({
      ...table,
      columns: table.columns.map(({ renamedFrom: _column, ...column }) => column),
      indexes: table.indexes.map(({ concurrently: _index, ...index }) => index),
    })),
  };
}

function columnsByName(model: SchemaModel): SchemaModel {
  return {
    ...model,
    tables: model.tables.map((table) => ({
      ...table,
      columns: [...table.columns].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    })),
  };
}

function reversible(ops: readonly (MigrationOperation | IrreversibleOperation)[]): MigrationOperation[] {
  const stuck = ops.filter(isIrreversible);
  expect(stuck.map((op) => op.reason)).toEqual([]);
  return ops.filter((op): op is MigrationOperation => !isIrreversible(op));
}

/** The operations a migration file written by `renderOperationsAsCode` records when it runs. */
function replay(code: string): readonly MigrationOperation[] {
  const recorder = createOperationsApi();
  new Function('op', code)(recorder.api);
  return recorder.operations();
}

async function checkRows(db: TestDatabase, check: RowCheck | undefined): Promise<void> {
  if (check === undefined) return;
  const result = await db.query(check.sql);
  expect(result.rows).toEqual(check.rows);
}

/**
 * Upgrade and downgrade one pair end to end; fails with the step that went wrong.
 */
export async function checkPair(db: TestDatabase, pair: MigrationPair): Promise<void> {
  const target = await canonicalizeModel(pair.after, scratchOf(db));

  await resetDatabase(db);
  for (const statement of toSqlStatements(pair.before)) await db.exec(statement);
  if (pair.seed !== undefined) await db.exec(pair.seed);
  const initial = await read(db);

  const diff = diffSchemas(initial, target, pair.options);
  const kinds = diff.operations.map((op) => op.kind);
  expect(kinds).toEqual(expect.arrayContaining([...pair.expect]));
  for (const kind of pair.forbid ?? []) expect(kinds).not.toContain(kind);
  expect([...new Set(diff.warnings.map((warning) => warning.kind))].sort()).toEqual(
    [...new Set(pair.warnings ?? [])].sort(),
  );
  expect(replay(renderOperationsAsCode(diff.operations))).toEqual(diff.operations);

  await runStatements(db, renderOperations(diff.operations));
  const upgraded = await read(db);
  expect(diffSchemas(upgraded, target, pair.options).operations).toEqual([]);
  const expected = withoutHints(target);
  if (pair.movesColumns === true) expect(columnsByName(upgraded)).toEqual(columnsByName(expected));
  else expect(upgraded).toEqual(expected);
  await checkRows(db, pair.afterUpgrade);

  const down = reversible(invertOperations(diff.operations));
  expect(replay(renderOperationsAsCode(down))).toEqual(down);
  await runStatements(db, renderOperations(down));
  const downgraded = await read(db);
  if (pair.movesColumns === true) expect(columnsByName(downgraded)).toEqual(columnsByName(initial));
  else expect(downgraded).toEqual(initial);
  await checkRows(db, pair.afterDowngrade);
}
