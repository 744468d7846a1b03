import { StrataError } from '../../errors/strata-error.js';
import { contextGraph, type MigrationContext } from '../revisions/migration-context.js';
import { ancestorsOf, inGraphOrder, type RevisionGraph } from '../revisions/revision-graph.js';
import { parseRange, parseTarget, type ResolvedTarget, resolveTarget } from '../revisions/target.js';
import { withMigrationLock } from './advisory-lock.js';
import { executeStep, type RunProgress, type StepResult } from './execute-step.js';
import { type MigrationSession, requireMigrationSession } from './migration-session.js';
import { renderOfflineScript } from './offline-sql.js';
import { planDowngrade, planUpgrade } from './plan.js';
import { type MigrationDirection, type PreparedStep, prepareStep } from './prepare-step.js';
import { timeoutSetting, withSessionSetting } from './session-setting.js';
import {
  type ChecksumMismatch,
  checksumMismatchError,
  findChecksumMismatches,
  findUnknownRevisions,
  unknownRevisionsError,
} from './verify-applied.js';
import {
  applyVersionChange,
  currentRevisions,
  ensureVersionTable,
  readAppliedRevisions,
  updateChecksum,
} from './version-table.js';

/** Options of `upgrade` and `downgrade`. */
export interface RunOptions {
  /**
   * Return the SQL script instead of running it. The target may then be a range `FROM:TO`;
   * without FROM, an upgrade starts at base (or at the database's current revisions when
   * `context.db` is given). Needs no connection.
   */
  readonly sql?: boolean;
  /** Give up waiting for another process's migration lock after this long (MIGRATION_LOCK_TIMEOUT). Default: wait. */
  readonly lockTimeoutMs?: number;
  /** PostgreSQL `statement_timeout` for the migrations' statements. Default: the server's. */
  readonly statementTimeoutMs?: number;
  /** Record the new checksum of edited applied migrations instead of failing with MIGRATION_CHECKSUM_MISMATCH. */
  readonly acceptChecksumChanges?: boolean;
  /**
   * Called after every online run, once the lock is released, whether migrations ran or not
   * (another process may have run them) and also after a failure: the connection layer
   * refreshes its type parsers here, e.g. once `CREATE EXTENSION vector` ran.
   */
  readonly onAfterRun?: () => Promise<void>;
}

/** What an online `upgrade` / `downgrade` did. */
export interface RunResult {
  readonly kind: 'runResult';
  readonly direction: MigrationDirection;
  readonly target: string;
  /** Current revisions before the run (empty = base). */
  readonly from: readonly string[];
  /** Current revisions after the run. */
  readonly to: readonly string[];
  /** The migrations run, in order; empty when already there. */
  readonly steps: readonly StepResult[];
  /** Edited applied migrations whose new checksum was recorded (`acceptChecksumChanges`). */
  readonly acceptedChecksums: readonly ChecksumMismatch[];
}

/** The SQL an `upgrade` / `downgrade` would run (`sql: true`). */
export interface OfflineSqlResult {
  readonly kind: 'offlineSql';
  readonly direction: MigrationDirection;
  readonly range: string;
  readonly from: readonly string[];
  readonly to: readonly string[];
  /** Revisions the script applies (or reverts), in order. */
  readonly revisions: readonly string[];
  readonly script: string;
}

/** A context whose database is a MigrationSession. */
export type SessionContext = MigrationContext & { readonly db: MigrationSession };

function revisionsOf(target: ResolvedTarget): string[] {
  return target.kind === 'base' ? [] : [...target.revisions];
}

/** Revisions of `applied` that no other applied revision builds on. */
function headsWithin(graph: RevisionGraph, applied: ReadonlySet<string>): string[] {
  const parents = new Set([...applied].flatMap((id) => graph.byRevision.get(id)?.parents ?? []));
  return inGraphOrder(
    graph,
    [...applied].filter((id) => !parents.has(id)),
  );
}

async function prepareAll(
  scripts: readonly { revision: string }[],
  graph: RevisionGraph,
  direction: MigrationDirection,
): Promise<PreparedStep[]> {
  const steps: PreparedStep[] = [];
  for (const { revision } of scripts)
    steps.push(await prepareStep(graph.byRevision.get(revision)!, direction));
  return steps;
}

async function offline(
  context: MigrationContext,
  graph: RevisionGraph,
  direction: MigrationDirection,
  text: string,
): Promise<OfflineSqlResult> {
  const range = parseRange(text);
  const dbCurrent = context.db ? currentRevisions(await readAppliedRevisions(context.db)) : undefined;
  let start: string[];
  if (range.start) start = revisionsOf(resolveTarget(graph, range.start, dbCurrent));
  else if (dbCurrent !== undefined) start = inGraphOrder(graph, dbCurrent);
  else if (direction === 'up') start = [];
  else {
    throw new StrataError(
      'USAGE',
      `Offline downgrade "${text}" needs the revision to start from, as FROM:TO (e.g. "head:base" or "head:-1"), or a database to read it from`,
      { range: text },
    );
  }
  if (!range.end && direction === 'down') {
    throw new StrataError(
      'USAGE',
      `Offline downgrade "${text}" needs a target after the colon, e.g. "${text}base"`,
      {
        range: text,
      },
    );
  }
  // A relative end (`+2`, `-1`) counts from the start of the range.
  const end = resolveTarget(graph, range.end ?? parseTarget('head'), start);
  const applied = ancestorsOf(graph, start);
  const plan =
    direction === 'up'
      ? planUpgrade(graph, applied, end)
      : planDowngrade(graph, applied, end, range.end?.text ?? text);
  const steps = await prepareAll(plan, graph, direction);
  const after = new Set(applied);
  for (const s of plan) {
    if (direction === 'up') after.add(s.revision);
    else after.delete(s.revision);
  }
  return {
    kind: 'offlineSql',
    direction,
    range: text,
    from: start,
    to: headsWithin(graph, after),
    revisions: plan.map((s) => s.revision),
    script: renderOfflineScript(steps, { direction, range: text }),
  };
}

async function online(
  context: MigrationContext,
  graph: RevisionGraph,
  direction: MigrationDirection,
  text: string,
  options: RunOptions,
): Promise<RunResult> {
  const command = direction === 'up' ? 'upgrade' : 'downgrade';
  if (text.includes(':')) {
    throw new StrataError(
      'USAGE',
      `${command}("${text}"): ranges FROM:TO are only for offline SQL (sql: true)`,
      {
        target: text,
      },
    );
  }
  const target = parseTarget(text);
  const session = requireMigrationSession(context.db, command);
  const statementTimeout = timeoutSetting('statementTimeoutMs', options.statementTimeoutMs);
  const progress: RunProgress = { committedParts: 0 };
  let result: RunResult;
  try {
    result = await withMigrationLock(session, options.lockTimeoutMs, async () => {
      // Only under the lock: two concurrent CREATE TABLE IF NOT EXISTS can still collide.
      if (direction === 'up') await ensureVersionTable(session);
      const applied = await readAppliedRevisions(session);
      const unknown = findUnknownRevisions(graph, applied);
      if (unknown.length > 0) throw unknownRevisionsError(graph, unknown);
      const mismatches = findChecksumMismatches(graph, applied);
      if (mismatches.length > 0 && !options.acceptChecksumChanges) throw checksumMismatchError(mismatches);
      for (const m of mismatches) {
        await applyVersionChange(session, updateChecksum(m.revision, m.actual, m.fileName));
      }

      const from = inGraphOrder(graph, currentRevisions(applied));
      const resolved = resolveTarget(graph, target, from);
      const appliedSet = new Set(applied.map((row) => row.revision));
      const plan =
        direction === 'up'
          ? planUpgrade(graph, appliedSet, resolved)
          : planDowngrade(graph, appliedSet, resolved, text);
      const prepared = await prepareAll(plan, graph, direction);
      const steps = await withSessionSetting(session, 'statement_timeout', statementTimeout, async () => {
        const done: StepResult[] = [];
        for (const step of prepared) done.push(await executeStep(session, step, progress));
        return done;
      });
      const to = inGraphOrder(graph, currentRevisions(await readAppliedRevisions(session)));
      return { kind: 'runResult', direction, target: text, from, to, steps, acceptedChecksums: mismatches };
    });
  } catch (error) {
    if (options.onAfterRun) {
      try {
        await options.onAfterRun();
      } catch {
        // The run's own failure is the one to report.
      }
    }
    throw error;
  }
  if (options.onAfterRun) await options.onAfterRun();
  return result;
}

/**
 * Upgrades the database to `target` (default `head`): `head`, `heads`, a revision id or
 * prefix, `+N`, `REV+N`, `LABEL@head`. Each migration runs in its own transaction
 * under the migration lock; a failure leaves the database at the last good revision.
 * With `sql: true`, returns the SQL script instead (no connection needed).
 *
 * @example
 * ```ts
 * import { openMigrationSession, upgrade } from 'strata/migrate';
 *
 * const session = await openMigrationSession(process.env.DATABASE_URL!);
 * const result = await upgrade({ migrations: './migrations', db: session }, 'head');
 * result.steps.map((s) => s.revision); // ['a1b2c3d4e5f6', '3f2a9c1b7d4e']
 * const offline = await upgrade({ migrations: './migrations' }, 'base:head', { sql: true });
 * offline.script; // '-- Strata offline upgrade base:head …'
 * ```
 */
export function upgrade(
  context: MigrationContext,
  target: string,
  options: RunOptions & { readonly sql: true },
): Promise<OfflineSqlResult>;
export function upgrade(
  context: SessionContext,
  target?: string,
  options?: RunOptions & { readonly sql?: false },
): Promise<RunResult>;
export async function upgrade(
  context: MigrationContext,
  target = 'head',
  options: RunOptions = {},
): Promise<RunResult | OfflineSqlResult> {
  const graph = await contextGraph(context);
  if (options.sql) return offline(context, graph, 'up', target);
  return online(context, graph, 'up', target, options);
}

/**
 * Downgrades the database to `target`: `-N`, `REV-N`, a revision id or prefix (the
 * revisions after it are reverted), or `base` (everything is reverted).
 * With `sql: true` and a range `FROM:TO`, returns the SQL script instead.
 *
 * @example
 * ```ts
 * import { downgrade, openMigrationSession } from 'strata/migrate';
 *
 * const session = await openMigrationSession(process.env.DATABASE_URL!);
 * await downgrade({ migrations: './migrations', db: session }, '-1');
 * const offline = await downgrade({ migrations: './migrations' }, 'head:base', { sql: true });
 * ```
 */
export function downgrade(
  context: MigrationContext,
  target: string,
  options: RunOptions & { readonly sql: true },
): Promise<OfflineSqlResult>;
export function downgrade(
  context: SessionContext,
  target: string,
  options?: RunOptions & { readonly sql?: false },
): Promise<RunResult>;
export async function downgrade(
  context: MigrationContext,
  target: string,
  options: RunOptions = {},
): Promise<RunResult | OfflineSqlResult> {
  const graph = await contextGraph(context);
  if (options.sql) return offline(context, graph, 'down', target);
  return online(context, graph, 'down', target, options);
}
