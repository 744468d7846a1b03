import { contextGraph, type MigrationContext } from '../revisions/migration-context.js';
import { ancestorsOf, descendantsOf, type RevisionGraph } from '../revisions/revision-graph.js';
import { type RevisionInfo, revisionInfo } from '../revisions/revision-info.js';
import { parseRange, type ResolvedTarget, resolveTarget } from '../revisions/target.js';
import { findChecksumMismatches } from './verify-applied.js';
import { type AppliedRevision, currentRevisions, readAppliedRevisions } from './version-table.js';

/** One revision of `history`. */
export interface HistoryEntry {
  readonly kind: 'historyEntry';
  readonly revision: RevisionInfo;
  /** Recorded as applied (false when no database was given). */
  readonly applied: boolean;
  /** One of the database's current revisions. */
  readonly current: boolean;
  readonly appliedAt: Date | undefined;
  /** Applied, and the file was edited since. */
  readonly checksumChanged: boolean;
}

export interface HistoryResult {
  readonly kind: 'historyResult';
  readonly range: string;
  /** Newest first (children before parents), like `alembic history`. */
  readonly entries: readonly HistoryEntry[];
  /** The database's current revisions; undefined without a database. */
  readonly current: readonly string[] | undefined;
}

function inRange(graph: RevisionGraph, start: ResolvedTarget, end: ResolvedTarget): Set<string> {
  if (end.kind === 'base') return new Set();
  const upToEnd = ancestorsOf(graph, end.revisions);
  if (start.kind === 'base') return upToEnd;
  const fromStart = descendantsOf(graph, start.revisions);
  return new Set([...upToEnd].filter((id) => fromStart.has(id)));
}

/**
 * The revisions of the migrations folder, newest first, optionally limited to a range
 * `start:end` (targets as for upgrade; `current` names the database's revisions) and,
 * when `context.db` is given, marked applied / current.
 *
 * @example
 * ```ts
 * import type { Database } from 'strata';
 * import { history } from 'strata/migrate';
 *
 * declare const db: Database;
 * const { entries } = await history({ migrations: './migrations', db: db.executor }, { range: 'base:current' });
 * entries.filter((e) => e.current).map((e) => e.revision.revision); // ['3f2a9c1b7d4e']
 * ```
 */
export async function history(
  context: MigrationContext,
  options: { readonly range?: string } = {},
): Promise<HistoryResult> {
  const graph = await contextGraph(context);
  const applied: AppliedRevision[] = context.db ? await readAppliedRevisions(context.db) : [];
  const current = context.db ? currentRevisions(applied) : undefined;
  const text = options.range ?? 'base:heads';
  const range = parseRange(text.includes(':') ? text : `${text}:`);
  const start: ResolvedTarget = range.start ? resolveTarget(graph, range.start, current) : { kind: 'base' };
  const end: ResolvedTarget = range.end
    ? resolveTarget(graph, range.end, current)
    : graph.heads.length === 0
      ? { kind: 'base' }
      : { kind: 'revisions', revisions: graph.heads };
  const selected = inRange(graph, start, end);
  const byId = new Map(applied.map((row) => [row.revision, row]));
  const changed = new Set(findChecksumMismatches(graph, applied).map((m) => m.revision));
  const entries = [...graph.ordered]
    .reverse()
    .filter((s) => selected.has(s.revision))
    .map(
      (s): HistoryEntry => ({
        kind: 'historyEntry',
        revision: revisionInfo(graph, s.revision),
        applied: byId.has(s.revision),
        current: current?.includes(s.revision) ?? false,
        appliedAt: byId.get(s.revision)?.appliedAt,
        checksumChanged: changed.has(s.revision),
      }),
    );
  return { kind: 'historyResult', range: text, entries, current };
}
