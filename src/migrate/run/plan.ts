import { StrataError } from '../../errors/strata-error.js';
import type { MigrationScript } from '../revisions/migration-script.js';
import {
  ancestorsOf,
  descendantsOf,
  describeRevision,
  type RevisionGraph,
} from '../revisions/revision-graph.js';
import type { ResolvedTarget } from '../revisions/target.js';

/**
 * Migrations to apply to reach `target` from the `applied` set: every ancestor of the
 * target (and the target) not applied yet, parents first. A target already behind the
 * database gives nothing to do.
 */
export function planUpgrade(
  graph: RevisionGraph,
  applied: ReadonlySet<string>,
  target: ResolvedTarget,
): MigrationScript[] {
  if (target.kind === 'base') return [];
  const needed = ancestorsOf(graph, target.revisions);
  return graph.ordered.filter((s) => needed.has(s.revision) && !applied.has(s.revision));
}

/**
 * The revisions a downgrade (or stamp) to `target` takes back, before intersecting with
 * what is applied; undefined means all of them. A target reached by stepping down (`-N`,
 * `LABEL@-N`) takes back the revision stepped over last and its descendants; a named
 * revision, everything after it.
 */
export function revertedBy(graph: RevisionGraph, target: ResolvedTarget): Set<string> | undefined {
  if (target.steppedOver !== undefined) return descendantsOf(graph, [target.steppedOver]);
  if (target.kind === 'base') return undefined;
  return descendantsOf(graph, target.revisions, false);
}

/**
 * Migrations to undo to go back to `target`, children first (see `revertedBy`).
 * A named target must be applied: a downgrade does not go forward.
 */
export function planDowngrade(
  graph: RevisionGraph,
  applied: ReadonlySet<string>,
  target: ResolvedTarget,
  targetText: string,
): MigrationScript[] {
  if (target.kind === 'revisions' && target.steppedOver === undefined) {
    const missing = target.revisions.filter((id) => !applied.has(id));
    if (missing.length > 0) {
      throw new StrataError(
        'USAGE',
        `Cannot downgrade to "${targetText}": ${missing.map((id) => describeRevision(graph, id)).join(', ')} is not applied, so it lies ahead of the database; use upgrade() to go forward`,
        { target: targetText, notApplied: missing },
      );
    }
  }
  const reverted = revertedBy(graph, target);
  return [...graph.ordered]
    .reverse()
    .filter((s) => applied.has(s.revision) && (reverted === undefined || reverted.has(s.revision)));
}
