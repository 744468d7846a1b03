import { StrataError } from '../../errors/strata-error.js';
import { createOperationsApi, renderOperation } from '../ops/index.js';
import type { MigrationScript } from '../revisions/migration-script.js';
import { mustRunOutsideTransaction } from './outside-transaction.js';
import { errorMessage } from './sql-state.js';

export type MigrationDirection = 'up' | 'down';

/** A run of statements inside one transaction, or one statement on its own. */
export type StepPart =
  | { readonly kind: 'transaction'; readonly statements: readonly string[] }
  | {
      readonly kind: 'outsideTransaction';
      readonly statement: string;
      /** `statement`: PostgreSQL refuses it in a transaction; `migration`: the migration is `transactional: false`. */
      readonly reason: 'statement' | 'migration';
    };

/**
 * How a step runs: `transaction` (one transaction, the default), `split` (transactions
 * around statements that must run outside one) or `autocommit` (a `transactional: false`
 * migration, statement by statement).
 */
export type StepMode = 'transaction' | 'split' | 'autocommit';

/** One migration in one direction, rendered to SQL and cut into the parts it runs as. */
export interface PreparedStep {
  readonly kind: 'preparedStep';
  readonly direction: MigrationDirection;
  readonly script: MigrationScript;
  readonly parts: readonly StepPart[];
  readonly statements: readonly string[];
  readonly mode: StepMode;
}

function cutIntoParts(
  script: MigrationScript,
  statements: readonly { sql: string; transactional: boolean }[],
): StepPart[] {
  if (!script.transactional) {
    return statements.map((s) => ({ kind: 'outsideTransaction', statement: s.sql, reason: 'migration' }));
  }
  const parts: StepPart[] = [];
  let pending: string[] = [];
  for (const statement of statements) {
    if (statement.transactional) {
      pending.push(statement.sql);
      continue;
    }
    if (pending.length > 0) parts.push({ kind: 'transaction', statements: pending });
    pending = [];
    parts.push({ kind: 'outsideTransaction', statement: statement.sql, reason: 'statement' });
  }
  if (pending.length > 0) parts.push({ kind: 'transaction', statements: pending });
  return parts;
}

function modeOf(script: MigrationScript, parts: readonly StepPart[]): StepMode {
  if (!script.transactional) return 'autocommit';
  return parts.some((p) => p.kind === 'outsideTransaction') ? 'split' : 'transaction';
}

/**
 * Records a migration's operations (`up` or `down`), renders them to SQL and cuts the SQL
 * into transaction parts. Runs no SQL. Throws IRREVERSIBLE for a missing `down`, and
 * MIGRATION_FAILED (with the cause) when the migration's function or rendering throws.
 */
export async function prepareStep(
  script: MigrationScript,
  direction: MigrationDirection,
): Promise<PreparedStep> {
  const fn = direction === 'up' ? script.up : script.down;
  if (fn === undefined) {
    throw new StrataError(
      'IRREVERSIBLE',
      `Migration ${script.revision} (${script.fileName}) has no down(), so it cannot be downgraded: write a down() or stamp() past it`,
      { revision: script.revision, file: script.fileName },
    );
  }
  let rendered: { sql: string; transactional: boolean }[];
  try {
    const recorder = createOperationsApi();
    await fn(recorder.api);
    rendered = recorder.operations().flatMap((operation) => renderOperation(operation));
  } catch (error) {
    // op.irreversible(reason) keeps its own code: the user must stamp past it, not debug it.
    const code =
      error instanceof StrataError && error.code === 'IRREVERSIBLE' ? 'IRREVERSIBLE' : 'MIGRATION_FAILED';
    throw new StrataError(
      code,
      `Migration ${script.revision} (${script.fileName}): ${direction}() failed before any SQL ran: ${errorMessage(error)}`,
      { revision: script.revision, file: script.fileName, direction },
      { cause: error },
    );
  }
  const statements = rendered
    .map((s) => ({ sql: s.sql.trim(), transactional: s.transactional && !mustRunOutsideTransaction(s.sql) }))
    .filter((s) => s.sql !== '' && s.sql !== ';');
  const parts = cutIntoParts(script, statements);
  return {
    kind: 'preparedStep',
    direction,
    script,
    parts,
    statements: statements.map((s) => s.sql),
    mode: modeOf(script, parts),
  };
}
