import { introspect } from '../../catalog/introspect.js';
import type { SqlExecutor } from '../../db/executor.js';
import { StrataError } from '../../errors/strata-error.js';
import type { SchemaModel } from '../../model/schema-model.js';
import {
  canonicalizeModel,
  type DestructiveWarning,
  type DiffRenames,
  type DiffWarning,
  diffSchemas,
  type ManualStepWarning,
  type RenameHint,
  type ScratchDatabaseFactory,
} from '../diff/index.js';
import {
  type IrreversibleOperation,
  invertOperations,
  isIrreversible,
  type MigrationOperation,
} from '../ops/index.js';
import { contextGraph, type MigrationContext, type RevisionGraph } from '../revisions/index.js';
import { current } from '../run/index.js';

/** What autogenerate compares: the project's schema model with a database that is at head. */
export interface AutogenerateContext {
  /** The migrations folder (or its graph): the database must be at its heads. */
  readonly migrations: MigrationContext['migrations'];
  readonly db: SqlExecutor;
  /** The project's schema (`schema.model`), as the DSL builds it. */
  readonly model: SchemaModel;
  /** Renames the differ may not guess (also declared with `renamedFrom` in the schema). */
  readonly renames?: DiffRenames;
  /** Tables to leave alone on both sides: `name` or `schema.name`. */
  readonly ignoreTables?: readonly string[];
  /** Where the model is canonicalised (default: an in-memory PGlite; see `scratchDatabasesOn`). */
  readonly scratch?: ScratchDatabaseFactory;
}

/** The difference between the project's schema and the database, ready to be written as a migration. */
export interface SchemaChanges {
  readonly kind: 'schemaChanges';
  /** The database's current revisions (its heads). */
  readonly revisions: readonly string[];
  /** What `up` does: turns the database into the schema. */
  readonly operations: readonly MigrationOperation[];
  /** What `down` does: each operation inverted, in reverse order. */
  readonly downOperations: readonly (MigrationOperation | IrreversibleOperation)[];
  readonly warnings: readonly DiffWarning[];
  readonly destructive: readonly DestructiveWarning[];
  readonly renameHints: readonly RenameHint[];
  readonly manualSteps: readonly ManualStepWarning[];
  /** Operations the downgrade cannot undo. */
  readonly irreversible: readonly IrreversibleOperation[];
  /** Renames given in `context.renames` that match no table or column (as `old=new`). */
  readonly unusedRenames: readonly string[];
}

function qualified(schema: string, name: string, given: string): boolean {
  return given === name || given === `${schema}.${name}`;
}

/** The renames asked for that no rename operation performs (a typo, or the rename already ran). */
function unusedRenames(
  renames: DiffRenames | undefined,
  operations: readonly MigrationOperation[],
): string[] {
  const unused: string[] = [];
  for (const [old, name] of Object.entries(renames?.tables ?? {})) {
    const used = operations.some(
      (op) => op.kind === 'renameTable' && op.to === name && qualified(op.schema, op.from, old),
    );
    if (!used) unused.push(`${old}=${name}`);
  }
  for (const [old, name] of Object.entries(renames?.columns ?? {})) {
    const used = operations.some(
      (op) =>
        op.kind === 'renameColumn' &&
        op.to === name &&
        qualified(op.table.schema, `${op.table.name}.${op.from}`, old),
    );
    if (!used) unused.push(`${old}=${name}`);
  }
  return unused;
}

function notAtHead(
  graph: RevisionGraph,
  state: Awaited<ReturnType<typeof current>>,
  command: string,
): StrataError {
  const at = state.revisions.length === 0 ? 'base' : state.revisions.map((r) => r.revision).join(', ');
  const heads = graph.heads.length === 0 ? 'base' : graph.heads.join(', ');
  const unknown =
    state.unknown.length === 0
      ? ''
      : ` It has revisions no migration file defines: ${state.unknown.join(', ')}.`;
  const pending =
    state.pending.length === 0
      ? ''
      : ` Pending: ${state.pending.join(', ')}; run "strata upgrade heads" first.`;
  return new StrataError(
    'DATABASE_NOT_AT_HEAD',
    `${command} compares the schema with a database at the head of the migrations, but the database is at ${at} and the head is ${heads}.${pending}${unknown}`,
    { current: state.revisions.map((r) => r.revision), heads: graph.heads, pending: state.pending },
  );
}

/**
 * Compares the project's schema with the database and returns the operations that would make
 * the database match it, with their inverse and the warnings (destructive operations, possible
 * renames, manual steps). The schema is canonicalised in a scratch database first, so that
 * expressions are spelled as the catalog spells them. Refuses with DATABASE_NOT_AT_HEAD unless
 * the database is at the heads of the migrations: otherwise the pending migrations would be
 * generated again. Changes nothing.
 *
 * @example
 * ```ts
 * import { openMigrationSession } from 'strata/migrate';
 * import type { Schema } from 'strata/schema';
 *
 * declare const schema: Schema; // the project's defineSchema()
 * const db = await openMigrationSession(process.env.DATABASE_URL!);
 * const changes = await detectSchemaChanges({ migrations: './migrations', db, model: schema.model });
 * changes.operations.length; // 0 when the database matches the schema
 * ```
 */
export async function detectSchemaChanges(
  context: AutogenerateContext,
  command = 'autogenerate',
): Promise<SchemaChanges> {
  const graph = await contextGraph(context);
  const state = await current({ migrations: graph, db: context.db });
  if (!state.upToDate || state.unknown.length > 0) throw notAtHead(graph, state, command);
  const live = await introspect(context.db);
  const target = await canonicalizeModel(context.model, context.scratch);
  const diff = diffSchemas(live, target, {
    ...(context.renames === undefined ? {} : { renames: context.renames }),
    ...(context.ignoreTables === undefined ? {} : { ignoreTables: context.ignoreTables }),
  });
  const downOperations = invertOperations(diff.operations);
  return {
    kind: 'schemaChanges',
    revisions: state.revisions.map((r) => r.revision),
    operations: diff.operations,
    downOperations,
    warnings: diff.warnings,
    destructive: diff.warnings.filter((w): w is DestructiveWarning => w.kind === 'destructive'),
    renameHints: diff.warnings.filter((w): w is RenameHint => w.kind === 'possibleRename'),
    manualSteps: diff.warnings.filter((w): w is ManualStepWarning => w.kind === 'manualStep'),
    irreversible: downOperations.filter(isIrreversible),
    unusedRenames: unusedRenames(context.renames, diff.operations),
  };
}
