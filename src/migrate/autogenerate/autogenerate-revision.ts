import { describeOperation, renderOperationsAsCode } from '../ops/index.js';
import {
  contextGraph,
  type NewRevisionOptions,
  type NewRevisionResult,
  newRevision,
} from '../revisions/index.js';
import { type AutogenerateContext, detectSchemaChanges, type SchemaChanges } from './detect-changes.js';

/** Options of `autogenerateRevision`: those of `newRevision`, without the code it renders itself. */
export type AutogenerateOptions = Omit<NewRevisionOptions, 'up' | 'down' | 'warnings'>;

/** The migration file autogenerate wrote, and the changes it holds. */
export interface AutogenerateResult {
  readonly kind: 'autogenerateResult';
  readonly revision: NewRevisionResult;
  readonly changes: SchemaChanges;
}

const NOTHING = '// No schema changes were detected.';

/** The review notes written at the top of the file. */
export function migrationWarnings(changes: SchemaChanges): string[] {
  return [
    ...changes.destructive.map((w) => `DESTRUCTIVE: ${w.reason}.`),
    ...changes.renameHints.map((w) => w.message),
    ...changes.manualSteps.map((w) => w.message),
    ...changes.irreversible.map(
      (op) => `The downgrade cannot undo "${describeOperation(op.operation)}": ${op.reason}.`,
    ),
  ];
}

/**
 * Writes a new migration whose `up` makes the database match the project's schema and whose
 * `down` undoes it (see `detectSchemaChanges`). Destructive operations are flagged in
 * comments, and the warnings (destructive operations, possible renames, what the downgrade
 * cannot undo) are written at the top of the file for review. With no changes, the file is
 * an empty revision. Refuses with DATABASE_NOT_AT_HEAD unless the database is at head.
 *
 * @example
 * ```ts
 * import { openMigrationSession } from 'strata/migrate';
 * import type { Schema } from 'strata/schema';
 *
 * declare const schema: Schema; // the project's defineSchema()
 * const session = await openMigrationSession(process.env.DATABASE_URL!);
 * const result = await autogenerateRevision(
 *   { migrations: './migrations', db: session, model: schema.model, renames: { columns: { 'posts.title': 'headline' } } },
 *   { message: 'rename title' },
 * );
 * result.revision.fileName; // '20261122_1104_3f2a9c1b7d4e_rename_title.ts'
 * result.changes.operations; // [{ kind: 'renameColumn', … }]
 * ```
 */
export async function autogenerateRevision(
  context: AutogenerateContext,
  options: AutogenerateOptions,
): Promise<AutogenerateResult> {
  const graph = await contextGraph(context);
  const changes = await detectSchemaChanges({ ...context, migrations: graph }, 'autogenerate');
  const empty = changes.operations.length === 0;
  const revision = await newRevision(
    { migrations: typeof context.migrations === 'string' ? context.migrations : graph },
    {
      ...options,
      up: empty ? NOTHING : renderOperationsAsCode(changes.operations),
      down: empty ? NOTHING : renderOperationsAsCode(changes.downOperations),
      warnings: migrationWarnings(changes),
    },
  );
  return { kind: 'autogenerateResult', revision, changes };
}
