import { StrataError } from '../../errors/strata-error.js';
import { contextGraph } from '../revisions/migration-context.js';
import { ancestorsOf, inGraphOrder, scriptOf } from '../revisions/revision-graph.js';
import { parseTarget, type ResolvedTarget, resolveTarget } from '../revisions/target.js';
import { withMigrationLock } from './advisory-lock.js';
import { requireMigrationSession } from './migration-session.js';
import { revertedBy } from './plan.js';
import type { SessionContext } from './run-migrations.js';
import {
  type AppliedRevision,
  applyVersionChange,
  currentRevisions,
  deleteVersionRow,
  ensureVersionTable,
  insertVersionRow,
  readAppliedRevisions,
} from './version-table.js';

/** What `stamp` changed in the version table. */
export interface StampResult {
  readonly kind: 'stampResult';
  readonly target: string;
  readonly from: readonly string[];
  readonly to: readonly string[];
  /** Revisions now recorded as applied (marked `stamped`), parents first. */
  readonly added: readonly string[];
  /** Revisions no longer recorded as applied. */
  readonly removed: readonly string[];
}

function revisionsOf(target: ResolvedTarget): string[] {
  return target.kind === 'base' ? [] : [...target.revisions];
}

/**
 * Applied rows to forget: those in `viaGraph`, plus rows no file defines that descend from
 * them or from `seeds` according to the parents recorded in the table.
 */
function appliedAfter(
  applied: readonly AppliedRevision[],
  seeds: readonly string[],
  viaGraph: Set<string>,
): Set<string> {
  const after = new Set(applied.map((row) => row.revision).filter((id) => viaGraph.has(id)));
  const reached = new Set([...seeds, ...after]);
  for (let changed = true; changed; ) {
    changed = false;
    for (const row of applied) {
      if (!reached.has(row.revision) && row.parents.some((p) => reached.has(p))) {
        reached.add(row.revision);
        after.add(row.revision);
        changed = true;
      }
    }
  }
  return after;
}

/**
 * Sets the database's recorded revision to `target` without running any migration:
 * the target and its ancestors become applied, what was applied after it is forgotten,
 * unrelated branches stay. `stamp('base')` clears the version table. Creates the
 * version table if needed; takes the migration lock.
 *
 * @example
 * ```ts
 * import { openMigrationSession, stamp } from 'strata/migrate';
 *
 * const session = await openMigrationSession(process.env.DATABASE_URL!);
 * // The schema was created by hand; record it as being at the current head.
 * await stamp({ migrations: './migrations', db: session }, 'head');
 * ```
 */
export async function stamp(
  context: SessionContext,
  target: string,
  options: { readonly lockTimeoutMs?: number } = {},
): Promise<StampResult> {
  const graph = await contextGraph(context);
  if (target.includes(':')) {
    throw new StrataError('USAGE', `stamp("${target}"): give one target, not a range`, { target });
  }
  const parsed = parseTarget(target);
  const session = requireMigrationSession(context.db, 'stamp');
  return withMigrationLock(session, options.lockTimeoutMs, async () => {
    await ensureVersionTable(session);
    const applied = await readAppliedRevisions(session);
    const from = inGraphOrder(graph, currentRevisions(applied));
    const resolved = resolveTarget(graph, parsed, from);
    const appliedIds = new Set(applied.map((row) => row.revision));
    let removed: string[];
    let added: string[];
    const reverted = revertedBy(graph, resolved);
    if (reverted === undefined) {
      removed = [...appliedIds];
      added = [];
    } else {
      const seeds = resolved.steppedOver !== undefined ? [resolved.steppedOver] : revisionsOf(resolved);
      removed = [...appliedAfter(applied, seeds, reverted)];
      added = inGraphOrder(
        graph,
        [...ancestorsOf(graph, revisionsOf(resolved))].filter((id) => !appliedIds.has(id)),
      );
    }
    removed = inGraphOrder(graph, removed).reverse();
    await session.exec('BEGIN');
    try {
      for (const id of removed) await applyVersionChange(session, deleteVersionRow(id));
      for (const id of added)
        await applyVersionChange(session, insertVersionRow(scriptOf(graph, id), null, true));
      await session.exec('COMMIT');
    } catch (error) {
      await session.exec('ROLLBACK').catch(() => undefined);
      throw error;
    }
    const to = inGraphOrder(graph, currentRevisions(await readAppliedRevisions(session)));
    return { kind: 'stampResult', target, from, to, added, removed };
  });
}
