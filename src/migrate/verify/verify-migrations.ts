import { introspect } from '../../catalog/introspect.js';
import { isStrataError } from '../../errors/strata-error.js';
import type { SchemaModel } from '../../model/schema-model.js';
import { type ObjectDifference, openScratchSession, schemaDifferences } from '../compare/index.js';
import { loadMigrations, type RevisionGraph } from '../revisions/index.js';
import { downgrade, type RunResult, upgrade } from '../run/index.js';

/** The three passes of `verifyMigrations`. */
export type VerifyPhase = 'upgrade' | 'downgrade' | 'upgradeAgain';

/**
 * How a step went: `recorded` (first upgrade: its catalog became the reference), `matched`
 * (the catalog is the reference's), `mismatch`, or `failed` (the migration threw).
 */
export type VerifyOutcome = 'recorded' | 'matched' | 'mismatch' | 'failed';

/** One migration run by `verifyMigrations`, and what the catalog looked like after it. */
export interface VerifyStep {
  readonly kind: 'verifyStep';
  readonly phase: VerifyPhase;
  /** The revision applied (upgrade phases) or reverted (downgrade). */
  readonly revision: string;
  readonly message: string;
  /** The database's current revisions after the step; empty at base. */
  readonly at: readonly string[];
  readonly outcome: VerifyOutcome;
  /** For `mismatch`: every object that is not as the reference has it. */
  readonly differences: readonly ObjectDifference[];
  /** For `failed`: the error the migration threw. */
  readonly error?: { readonly code: string | undefined; readonly message: string };
}

/** What `verifyMigrations` found. */
export interface VerifyResult {
  readonly kind: 'verifyResult';
  /** Every step ran and matched its reference. */
  readonly ok: boolean;
  /** The scratch database the migrations ran in. */
  readonly database: string;
  /** The revisions, in the order they were applied. */
  readonly revisions: readonly string[];
  readonly steps: readonly VerifyStep[];
}

/** Options of `verifyMigrations`. */
export interface VerifyOptions {
  /**
   * A `postgres://` server to verify on: a scratch database is created there and dropped
   * afterwards (needs CREATEDB). Default: an in-memory PGlite.
   */
  readonly url?: string;
}

function failure(error: unknown): VerifyStep['error'] {
  return {
    code: isStrataError(error) ? error.code : undefined,
    message: error instanceof Error ? error.message : String(error),
  };
}

/**
 * Checks that a migration history is consistent, in an empty scratch database: upgrades to
 * head one revision at a time, downgrades to base one revision at a time, then upgrades again,
 * reading the catalog after every step. The catalog after the first upgrade to each revision
 * is that revision's reference; the downgrade and the second upgrade must reproduce it exactly
 * (tables, columns, constraints, indexes, enums, sequences, extensions, comments; column order
 * aside), and at base the database must be as empty as it started. A `down` that does not undo
 * its `up` shows as a mismatch naming the objects that differ. Stops at a migration that fails.
 *
 * @example
 * ```ts
 * const result = await verifyMigrations({ migrations: './migrations' });
 * for (const step of result.steps.filter((s) => s.outcome === 'mismatch')) {
 *   console.log(step.phase, step.revision, step.differences.map((d) => d.message));
 * }
 * ```
 */
export async function verifyMigrations(
  context: { readonly migrations: string | RevisionGraph },
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  const graph =
    typeof context.migrations === 'string' ? await loadMigrations(context.migrations) : context.migrations;
  const order = graph.ordered;
  const scratch = await openScratchSession(
    options.url === undefined ? {} : { url: options.url, prefix: 'strata_verify' },
  );
  const steps: VerifyStep[] = [];
  try {
    const migration = { migrations: graph, db: scratch.session };
    const base = await introspect(scratch.session);
    const references: SchemaModel[] = [];

    /** Runs one step; false when it threw (the database is then in no known state, so verify stops). */
    const step = async (
      phase: VerifyPhase,
      index: number,
      run: () => Promise<RunResult>,
      expected: SchemaModel | undefined,
    ): Promise<boolean> => {
      const script = order[index]!;
      const common = {
        kind: 'verifyStep',
        phase,
        revision: script.revision,
        message: script.message,
      } as const;
      let result: RunResult;
      try {
        result = await run();
      } catch (error) {
        steps.push({ ...common, at: [], outcome: 'failed', differences: [], error: failure(error) });
        return false;
      }
      const actual = await introspect(scratch.session);
      if (expected === undefined) {
        references[index] = actual;
        steps.push({ ...common, at: result.to, outcome: 'recorded', differences: [] });
        return true;
      }
      const differences = schemaDifferences(expected, actual);
      const outcome = differences.length === 0 ? 'matched' : 'mismatch';
      steps.push({ ...common, at: result.to, outcome, differences });
      return true;
    };

    let going = true;
    for (let i = 0; going && i < order.length; i += 1) {
      const revision = order[i]!.revision;
      going = await step('upgrade', i, () => upgrade(migration, revision), undefined);
    }
    for (let i = order.length - 1; going && i >= 0; i -= 1) {
      // REV-1 reverts REV (and what descends from it, already reverted) and nothing else.
      const target = `${order[i]!.revision}-1`;
      going = await step(
        'downgrade',
        i,
        () => downgrade(migration, target),
        i === 0 ? base : references[i - 1],
      );
    }
    for (let i = 0; going && i < order.length; i += 1) {
      const revision = order[i]!.revision;
      going = await step('upgradeAgain', i, () => upgrade(migration, revision), references[i]);
    }
  } finally {
    await scratch.close();
  }
  return {
    kind: 'verifyResult',
    ok: steps.every((s) => s.outcome === 'recorded' || s.outcome === 'matched'),
    database: scratch.description,
    revisions: order.map((s) => s.revision),
    steps,
  };
}
