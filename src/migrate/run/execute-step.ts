import { StrataError } from '../../errors/strata-error.js';
import type { MigrationSession } from './migration-session.js';
import type { MigrationDirection, PreparedStep, StepMode } from './prepare-step.js';
import { errorMessage, sqlState } from './sql-state.js';
import {
  applyVersionChange,
  deleteVersionRow,
  insertVersionRow,
  type VersionChange,
} from './version-table.js';

/** What running one migration did. */
export interface StepResult {
  readonly kind: 'stepResult';
  readonly revision: string;
  readonly direction: MigrationDirection;
  readonly message: string;
  readonly fileName: string;
  readonly mode: StepMode;
  readonly statementCount: number;
  readonly durationMs: number;
  /** Anything the caller should know about how it ran (split transactions, autocommit). */
  readonly notes: readonly string[];
}

/** Counts committed parts across a run, so the runner knows whether anything changed. */
export interface RunProgress {
  committedParts: number;
}

function shorten(sql: string, max = 200): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function notesOf(step: PreparedStep): string[] {
  const outside = step.parts.filter((p) => p.kind === 'outsideTransaction');
  if (step.mode === 'autocommit') {
    return [
      `transactional: false: ${step.statements.length} statement(s) ran one by one, each committed on its own`,
    ];
  }
  if (step.mode === 'split') {
    return [
      `split into ${step.parts.length} parts: ${outside.length} statement(s) ran outside the migration's transaction because PostgreSQL refuses them inside one`,
      ...outside.map((p) => `outside a transaction: ${shorten(p.statement, 120)}`),
    ];
  }
  return [];
}

async function rollback(session: MigrationSession): Promise<void> {
  try {
    await session.exec('ROLLBACK');
  } catch {
    // The connection may be gone; the server rolls back an open transaction on disconnect.
  }
}

/**
 * Runs a prepared migration on the session: each transaction part between BEGIN and
 * COMMIT, other statements on their own, and the version-table change in the last
 * transaction so the row appears exactly when the migration is complete.
 * Throws MIGRATION_FAILED naming the revision and statement, with the database error as cause.
 */
export async function executeStep(
  session: MigrationSession,
  step: PreparedStep,
  progress: RunProgress,
): Promise<StepResult> {
  const { script, direction } = step;
  const started = performance.now();
  const versionChange = (): VersionChange =>
    direction === 'up'
      ? insertVersionRow(script, Math.round(performance.now() - started), false)
      : deleteVersionRow(script.revision);
  const total = step.statements.length;
  let index = 0;
  let committed = 0;

  const fail = (statement: string, position: number | undefined, error: unknown): StrataError => {
    const where =
      position === undefined ? statement : `statement ${position} of ${total}: ${shorten(statement)}`;
    const outcome =
      committed === 0
        ? 'it was rolled back and the database is at the revision(s) before it'
        : `${committed} part(s) of it ran outside one transaction and stay committed, but revision ${script.revision} is not recorded: finish or undo them by hand before running again`;
    return new StrataError(
      'MIGRATION_FAILED',
      `Migration ${script.revision} (${script.fileName}) failed ${direction === 'up' ? 'upgrading' : 'downgrading'} at ${where}: ${errorMessage(error)}; ${outcome}`,
      {
        revision: script.revision,
        file: script.fileName,
        direction,
        statement,
        statementIndex: position,
        sqlState: sqlState(error),
        committedParts: committed,
        mode: step.mode,
      },
      { cause: error },
    );
  };

  const runTransaction = async (statements: readonly string[], withVersion: boolean): Promise<void> => {
    await session.exec('BEGIN');
    for (const statement of statements) {
      index += 1;
      try {
        await session.exec(statement);
      } catch (error) {
        await rollback(session);
        throw fail(statement, index, error);
      }
    }
    if (withVersion) {
      const change = versionChange();
      try {
        await applyVersionChange(session, change);
      } catch (error) {
        await rollback(session);
        throw fail(change.sql, undefined, error);
      }
    }
    try {
      await session.exec('COMMIT');
    } catch (error) {
      // A deferred constraint can fail at COMMIT; the transaction is gone either way.
      await rollback(session);
      throw fail('COMMIT', undefined, error);
    }
    committed += 1;
    progress.committedParts += 1;
  };

  const parts = step.parts;
  for (const [i, part] of parts.entries()) {
    if (part.kind === 'transaction') {
      await runTransaction(part.statements, i === parts.length - 1);
      continue;
    }
    index += 1;
    try {
      await session.exec(part.statement);
    } catch (error) {
      throw fail(part.statement, index, error);
    }
    committed += 1;
    progress.committedParts += 1;
  }
  if (parts.at(-1)?.kind !== 'transaction') await runTransaction([], true);

  return {
    kind: 'stepResult',
    revision: script.revision,
    direction,
    message: script.message,
    fileName: script.fileName,
    mode: step.mode,
    statementCount: total,
    durationMs: Math.round(performance.now() - started),
    notes: notesOf(step),
  };
}
