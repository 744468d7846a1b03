import { contextGraph, type MigrationContext } from './migration-context.js';
import { type RevisionGraph, scriptOf } from './revision-graph.js';

/** A revision as commands report it. */
export interface RevisionInfo {
  readonly kind: 'revisionInfo';
  readonly revision: string;
  readonly parents: readonly string[];
  readonly children: readonly string[];
  readonly message: string;
  readonly fileName: string;
  readonly branchLabels: readonly string[];
  readonly transactional: boolean;
  readonly isHead: boolean;
  readonly isBase: boolean;
  /** Has several parents. */
  readonly isMerge: boolean;
  /** Has several children. */
  readonly isBranchPoint: boolean;
}

/** The RevisionInfo of a revision in the graph. */
export function revisionInfo(graph: RevisionGraph, revision: string): RevisionInfo {
  const script = scriptOf(graph, revision);
  const children = graph.children.get(revision) ?? [];
  return {
    kind: 'revisionInfo',
    revision,
    parents: script.parents,
    children,
    message: script.message,
    fileName: script.fileName,
    branchLabels: script.branchLabels,
    transactional: script.transactional,
    isHead: children.length === 0,
    isBase: script.parents.length === 0,
    isMerge: script.parents.length > 1,
    isBranchPoint: children.length > 1,
  };
}

/**
 * The heads of the migrations folder (revisions nothing builds on yet).
 *
 * @example
 * ```ts
 * (await heads({ migrations: './migrations' })).map((h) => h.revision); // ['3f2a9c1b7d4e']
 * ```
 */
export async function heads(context: MigrationContext): Promise<RevisionInfo[]> {
  const graph = await contextGraph(context);
  return graph.heads.map((id) => revisionInfo(graph, id));
}

/**
 * The branch points of the migrations folder: revisions with several children.
 *
 * @example
 * ```ts
 * (await branches({ migrations: './migrations' }))[0]?.children; // ['b1…', 'c1…']
 * ```
 */
export async function branches(context: MigrationContext): Promise<RevisionInfo[]> {
  const graph = await contextGraph(context);
  return graph.ordered
    .filter((s) => (graph.children.get(s.revision) ?? []).length > 1)
    .map((s) => revisionInfo(graph, s.revision));
}
