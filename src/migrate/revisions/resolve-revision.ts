import { StrataError } from '../../errors/strata-error.js';
import { describeRevision, type RevisionGraph } from './revision-graph.js';

/**
 * The full revision id `ref` names: an exact id, a branch label, or a unique prefix of an id.
 * Throws REVISION_AMBIGUOUS listing the candidates when a prefix matches several, and
 * REVISION_NOT_FOUND when nothing matches.
 *
 * @example
 * ```ts
 * import { loadMigrations, resolveRevision } from 'strata/migrate';
 *
 * const graph = await loadMigrations('./migrations');
 * resolveRevision(graph, '3f2a'); // '3f2a9c1b7d4e'
 * ```
 */
export function resolveRevision(graph: RevisionGraph, ref: string): string {
  if (graph.byRevision.has(ref)) return ref;
  const labelled = graph.labels.get(ref);
  if (labelled !== undefined) return labelled;
  const candidates = graph.ordered.map((s) => s.revision).filter((id) => id.startsWith(ref));
  if (candidates.length === 1) return candidates[0]!;
  if (candidates.length > 1) {
    throw new StrataError(
      'REVISION_AMBIGUOUS',
      `Revision prefix "${ref}" matches ${candidates.length} revisions: ${candidates.map((id) => describeRevision(graph, id)).join(', ')}; give more characters`,
      { ref, candidates },
    );
  }
  const where = graph.directory ? ` in ${graph.directory}` : '';
  throw new StrataError(
    'REVISION_NOT_FOUND',
    `No revision "${ref}"${where}: it is neither a revision id, a unique id prefix nor a branch label (see history())`,
    { ref },
  );
}
