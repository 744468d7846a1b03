import { StrataError } from '../../errors/strata-error.js';
import type { MigrationScript } from './migration-script.js';

/**
 * The revisions of a migrations folder and how they connect. Immutable; built once per
 * command by `buildRevisionGraph` (which rejects duplicates, missing parents and cycles).
 */
export interface RevisionGraph {
  readonly kind: 'revisionGraph';
  /** Folder the scripts were loaded from; undefined for a graph built in memory. */
  readonly directory: string | undefined;
  /** Every script, parents before children; ties in file-name order (file names start with their date). */
  readonly ordered: readonly MigrationScript[];
  readonly byRevision: ReadonlyMap<string, MigrationScript>;
  /** Children of each revision, in `ordered` order. */
  readonly children: ReadonlyMap<string, readonly string[]>;
  /** Revisions without children, in `ordered` order. */
  readonly heads: readonly string[];
  /** Revisions without parents, in `ordered` order. */
  readonly bases: readonly string[];
  /** Branch label → the revision that declares it. */
  readonly labels: ReadonlyMap<string, string>;
}

function invalid(message: string, details: Record<string, unknown>): StrataError {
  return new StrataError('MIGRATION_INVALID', message, details);
}

function compareScripts(a: MigrationScript, b: MigrationScript): number {
  if (a.fileName !== b.fileName) return a.fileName < b.fileName ? -1 : 1;
  return a.revision < b.revision ? -1 : a.revision > b.revision ? 1 : 0;
}

/** One cycle among `remaining` (scripts Kahn's algorithm could not order), as a path a → b → … → a. */
function findCycle(remaining: ReadonlyMap<string, MigrationScript>): string[] {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): string[] | undefined => {
    state.set(id, 'visiting');
    stack.push(id);
    for (const parent of remaining.get(id)?.parents ?? []) {
      if (!remaining.has(parent)) continue;
      if (state.get(parent) === 'visiting') return [...stack.slice(stack.indexOf(parent)), parent];
      if (state.get(parent) === undefined) {
        const cycle = visit(parent);
        if (cycle) return cycle;
      }
    }
    stack.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const id of remaining.keys()) {
    if (state.get(id) === undefined) {
      const cycle = visit(id);
      // Walking parents gives child → parent; a cycle reads more naturally parent → child.
      if (cycle) return cycle.reverse();
    }
  }
  return [...remaining.keys()];
}

/** Suggests the full id when a parent was written as a prefix of an existing revision. */
function missingParentHint(parent: string, byRevision: ReadonlyMap<string, MigrationScript>): string {
  const matches = [...byRevision.keys()].filter((id) => id.startsWith(parent));
  if (matches.length === 1) return ` (parents must be full ids: did you mean "${matches[0]}"?)`;
  return '; add the missing migration file or fix the parent id';
}

/**
 * Builds the revision graph of a set of migration scripts.
 * Throws MIGRATION_INVALID for a duplicate revision id, a parent no script defines,
 * a cycle, or a branch label used twice.
 *
 * @example
 * ```ts
 * import { buildRevisionGraph, loadMigrationScripts } from 'strata/migrate';
 *
 * const graph = buildRevisionGraph(await loadMigrationScripts('migrations'));
 * graph.heads; // ['3f2a9c1b7d4e']
 * ```
 */
export function buildRevisionGraph(scripts: readonly MigrationScript[], directory?: string): RevisionGraph {
  const sorted = [...scripts].sort(compareScripts);
  const byRevision = new Map<string, MigrationScript>();
  for (const script of sorted) {
    const existing = byRevision.get(script.revision);
    if (existing) {
      throw invalid(
        `Revision ${script.revision} is defined twice, in ${existing.fileName} and ${script.fileName}; give one of them a new revision id`,
        { revision: script.revision, files: [existing.fileName, script.fileName] },
      );
    }
    byRevision.set(script.revision, script);
  }
  const labels = new Map<string, string>();
  for (const script of sorted) {
    for (const parent of script.parents) {
      if (!byRevision.has(parent)) {
        throw invalid(
          `Migration ${script.fileName} (revision ${script.revision}) names parent ${parent}, which no migration file defines${missingParentHint(parent, byRevision)}`,
          { revision: script.revision, file: script.fileName, parent },
        );
      }
    }
    for (const label of script.branchLabels) {
      const owner = labels.get(label);
      if (owner !== undefined || byRevision.has(label)) {
        const other = owner === undefined ? label : owner;
        throw invalid(
          `Branch label "${label}" of ${script.fileName} is already used by revision ${other}; branch labels must be unique and differ from revision ids`,
          { label, revision: script.revision, file: script.fileName },
        );
      }
      labels.set(label, script.revision);
    }
  }

  const children = new Map<string, string[]>(sorted.map((s) => [s.revision, []]));
  const pendingParents = new Map<string, number>();
  for (const script of sorted) {
    pendingParents.set(script.revision, new Set(script.parents).size);
    for (const parent of new Set(script.parents)) children.get(parent)?.push(script.revision);
  }
  // Kahn's algorithm, always taking the earliest ready file so the order is stable.
  const ordered: MigrationScript[] = [];
  const ready = sorted.filter((s) => s.parents.length === 0);
  while (ready.length > 0) {
    ready.sort(compareScripts);
    const next = ready.shift()!;
    ordered.push(next);
    for (const child of children.get(next.revision) ?? []) {
      const left = (pendingParents.get(child) ?? 0) - 1;
      pendingParents.set(child, left);
      if (left === 0) ready.push(byRevision.get(child)!);
    }
  }
  if (ordered.length < sorted.length) {
    const placed = new Set(ordered.map((s) => s.revision));
    const remaining = new Map(sorted.filter((s) => !placed.has(s.revision)).map((s) => [s.revision, s]));
    const cycle = findCycle(remaining);
    const files = cycle.slice(0, -1).map((id) => remaining.get(id)?.fileName ?? id);
    throw invalid(
      `Migration revisions form a cycle: ${cycle.join(' → ')} (files ${files.join(', ')}); a revision cannot descend from itself, fix the parents`,
      { cycle, files },
    );
  }
  const position = new Map(ordered.map((s, i) => [s.revision, i]));
  const byPosition = (a: string, b: string) => (position.get(a) ?? 0) - (position.get(b) ?? 0);
  for (const list of children.values()) list.sort(byPosition);
  return {
    kind: 'revisionGraph',
    directory,
    ordered,
    byRevision,
    children,
    heads: ordered.filter((s) => (children.get(s.revision) ?? []).length === 0).map((s) => s.revision),
    bases: ordered.filter((s) => s.parents.length === 0).map((s) => s.revision),
    labels,
  };
}

/** The script of a revision known to be in the graph. */
export function scriptOf(graph: RevisionGraph, revision: string): MigrationScript {
  const script = graph.byRevision.get(revision);
  if (!script) {
    throw new StrataError('REVISION_NOT_FOUND', `Revision ${revision} is not in the migrations folder`, {
      revision,
    });
  }
  return script;
}

function walk(
  start: readonly string[],
  next: (id: string) => readonly string[],
  inclusive: boolean,
): Set<string> {
  const seen = new Set<string>();
  const queue = inclusive ? [...start] : start.flatMap(next);
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    queue.push(...next(id));
  }
  return seen;
}

/** Every ancestor of `revisions` (and the revisions themselves when `inclusive`). */
export function ancestorsOf(
  graph: RevisionGraph,
  revisions: readonly string[],
  inclusive = true,
): Set<string> {
  return walk(revisions, (id) => graph.byRevision.get(id)?.parents ?? [], inclusive);
}

/** Every descendant of `revisions` (and the revisions themselves when `inclusive`). */
export function descendantsOf(
  graph: RevisionGraph,
  revisions: readonly string[],
  inclusive = true,
): Set<string> {
  return walk(revisions, (id) => graph.children.get(id) ?? [], inclusive);
}

/** `revisions` sorted in the graph's topological order; ids not in the graph go last, by id. */
export function inGraphOrder(graph: RevisionGraph, revisions: Iterable<string>): string[] {
  const position = new Map(graph.ordered.map((s, i) => [s.revision, i]));
  return [...revisions].sort((a, b) => {
    const pa = position.get(a) ?? Number.MAX_SAFE_INTEGER;
    const pb = position.get(b) ?? Number.MAX_SAFE_INTEGER;
    return pa !== pb ? pa - pb : a < b ? -1 : a > b ? 1 : 0;
  });
}

/** `id (message)` for messages. */
export function describeRevision(graph: RevisionGraph, id: string): string {
  const script = graph.byRevision.get(id);
  return script ? `${id} (${script.message || script.fileName})` : id;
}
