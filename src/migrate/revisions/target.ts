import { StrataError } from '../../errors/strata-error.js';
import { resolveRevision } from './resolve-revision.js';
import { ancestorsOf, descendantsOf, describeRevision, type RevisionGraph } from './revision-graph.js';

/** Where a target starts before any `+N` / `-N`. */
export type TargetAnchor =
  /** The database's current revision(s) (`+2`, `-1`, `current`). */
  | { readonly kind: 'current' }
  | { readonly kind: 'base' }
  /** The single head; fails with MULTIPLE_HEADS when there are several. */
  | { readonly kind: 'head' }
  | { readonly kind: 'heads' }
  /** `LABEL@head`: the head of the branch that starts at a labelled (or named) revision. */
  | { readonly kind: 'branchHead'; readonly ref: string }
  /** `LABEL@-1`, `LABEL@+1`: the database's current revision on that branch. */
  | { readonly kind: 'branchCurrent'; readonly ref: string }
  /** A revision id, unique prefix or branch label. */
  | { readonly kind: 'revision'; readonly ref: string };

/** A parsed target such as `head`, `+2`, `3f2a-1`, `docs@head` or `docs@-1`. */
export interface RevisionTarget {
  readonly kind: 'revisionTarget';
  readonly text: string;
  readonly anchor: TargetAnchor;
  /** Steps to move from the anchor: positive towards the heads, negative towards base. */
  readonly offset: number;
}

/**
 * A target resolved against a graph (and the database's state): base, or a set of full
 * revision ids. `steppedOver` is set when the target was reached by stepping down (`-N`):
 * the last revision stepped over. A downgrade then reverts that revision and what
 * descends from it, and leaves the destination's other branches alone.
 */
export type ResolvedTarget =
  | { readonly kind: 'base'; readonly steppedOver?: string }
  | { readonly kind: 'revisions'; readonly revisions: readonly string[]; readonly steppedOver?: string };

const TARGET_PATTERN = /^(?:(?<word>[A-Za-z0-9_]+)(?<at>@(?:head)?)?)?(?:(?<sign>[+-])(?<steps>\d+))?$/;

const TARGET_HELP =
  'use head, heads, base, current, a revision id or unique prefix, a branch label, LABEL@head, LABEL@-N, +N, -N, REV+N or REV-N';

function usage(text: string, why: string): StrataError {
  return new StrataError('USAGE', `Target "${text}" is not valid: ${why}`, { target: text });
}

/**
 * Parses target syntax (no graph needed). Throws USAGE on malformed text.
 *
 * @example
 * ```ts
 * parseTarget('3f2a+2'); // { kind: 'revisionTarget', anchor: { kind: 'revision', ref: '3f2a' }, offset: 2, ... }
 * ```
 */
export function parseTarget(text: string): RevisionTarget {
  const trimmed = text.trim();
  const groups = TARGET_PATTERN.exec(trimmed)?.groups;
  if (!groups || trimmed === '') throw usage(text, TARGET_HELP);
  const offset = groups.steps === undefined ? 0 : Number(groups.steps) * (groups.sign === '-' ? -1 : 1);
  const word = groups.word;
  let anchor: TargetAnchor;
  if (word === undefined || word === 'current') anchor = { kind: 'current' };
  else if (groups.at === '@head') anchor = { kind: 'branchHead', ref: word };
  else if (groups.at === '@') {
    if (groups.steps === undefined) throw usage(text, `write ${word}@head, ${word}@-N or ${word}@+N`);
    anchor = { kind: 'branchCurrent', ref: word };
  } else if (word === 'base' || word === 'head' || word === 'heads') anchor = { kind: word };
  else anchor = { kind: 'revision', ref: word };
  if (anchor.kind === 'heads' && offset !== 0)
    throw usage(text, '"heads" cannot take +N/-N, name one head instead');
  return { kind: 'revisionTarget', text: trimmed, anchor, offset };
}

/** A `start:end` range (either side may be empty). */
export interface RevisionRange {
  readonly kind: 'revisionRange';
  readonly start: RevisionTarget | undefined;
  readonly end: RevisionTarget | undefined;
}

/**
 * Parses `start:end`, `start:` or `:end`. Without a colon the text is a single end target.
 *
 * @example
 * ```ts
 * parseRange('base:3f2a'); // start: base, end: 3f2a
 * ```
 */
export function parseRange(text: string): RevisionRange {
  const parts = text.split(':');
  if (parts.length > 2) {
    throw new StrataError(
      'USAGE',
      `Range "${text}" is not valid: write start:end, e.g. base:head or 3f2a:+2`,
      {
        range: text,
      },
    );
  }
  const [first, second] = parts;
  const side = (value: string | undefined) =>
    value === undefined || value.trim() === '' ? undefined : parseTarget(value);
  if (second === undefined) return { kind: 'revisionRange', start: undefined, end: side(first) };
  return { kind: 'revisionRange', start: side(first), end: side(second) };
}

function revisions(list: readonly string[], steppedOver?: string): ResolvedTarget {
  const over = steppedOver === undefined ? {} : { steppedOver };
  return list.length === 0 ? { kind: 'base', ...over } : { kind: 'revisions', revisions: list, ...over };
}

function multipleHeads(graph: RevisionGraph, heads: readonly string[], what: string): StrataError {
  return new StrataError(
    'MULTIPLE_HEADS',
    `${what} has several heads: ${heads.map((id) => describeRevision(graph, id)).join(', ')}; name one of them (or LABEL@head), use "heads", or merge them with merge()`,
    { heads },
  );
}

function requireCurrent(target: RevisionTarget, current: readonly string[] | undefined): readonly string[] {
  if (current !== undefined) return current;
  throw new StrataError(
    'USAGE',
    `Target "${target.text}" is relative to the database's current revision, which is not known without a database: give a start as a range, e.g. "base:${target.text}"`,
    { target: target.text },
  );
}

function resolveAnchor(
  graph: RevisionGraph,
  target: RevisionTarget,
  current: readonly string[] | undefined,
): ResolvedTarget {
  const anchor = target.anchor;
  switch (anchor.kind) {
    case 'current':
      return revisions(requireCurrent(target, current));
    case 'base':
      return { kind: 'base' };
    case 'head':
      if (graph.heads.length > 1) throw multipleHeads(graph, graph.heads, 'The migration history');
      return revisions(graph.heads);
    case 'heads':
      return revisions(graph.heads);
    case 'branchHead': {
      const start = resolveRevision(graph, anchor.ref);
      const reachable = descendantsOf(graph, [start]);
      const heads = graph.heads.filter((id) => reachable.has(id));
      if (heads.length > 1) throw multipleHeads(graph, heads, `Branch ${anchor.ref}`);
      return revisions(heads);
    }
    case 'branchCurrent': {
      const start = resolveRevision(graph, anchor.ref);
      const onBranch = descendantsOf(graph, [start]);
      const here = requireCurrent(target, current).filter((id) => onBranch.has(id));
      if (here.length > 1) {
        throw new StrataError(
          'MULTIPLE_HEADS',
          `The database is at several revisions on branch ${anchor.ref} (${here.join(', ')}): name one of them, e.g. ${here[0]}${target.offset < 0 ? '-' : '+'}${Math.abs(target.offset)}`,
          { heads: here, target: target.text },
        );
      }
      if (here.length === 1) return revisions(here);
      // The branch is not applied yet: it starts right after the labelled revision's parents.
      const parents = graph.byRevision.get(start)?.parents ?? [];
      const applied = ancestorsOf(graph, requireCurrent(target, current));
      if (target.offset < 0 || !parents.every((p) => applied.has(p))) {
        throw new StrataError(
          'USAGE',
          `Target "${target.text}": branch ${anchor.ref} is not applied, so there is no current revision on it to move from`,
          { target: target.text },
        );
      }
      return revisions(parents);
    }
    case 'revision':
      return revisions([resolveRevision(graph, anchor.ref)]);
  }
}

function stepUp(
  graph: RevisionGraph,
  target: RevisionTarget,
  from: string | null,
  branch: string | undefined,
): string {
  let next = from === null ? graph.bases : (graph.children.get(from) ?? []);
  if (branch !== undefined) {
    // LABEL@+N stays on the labelled branch.
    const onBranch = descendantsOf(graph, [branch]);
    next = next.filter((id) => onBranch.has(id));
  }
  const name = from ?? 'base';
  if (next.length === 0) {
    throw new StrataError(
      'REVISION_NOT_FOUND',
      `Target "${target.text}" goes past the head: ${name} has no revision after it`,
      {
        target: target.text,
        revision: from,
      },
    );
  }
  if (next.length > 1) {
    throw new StrataError(
      'REVISION_AMBIGUOUS',
      `Target "${target.text}" is ambiguous: ${from === null ? 'there are several base revisions' : `${name} has several children`} (${next.map((id) => describeRevision(graph, id)).join(', ')}); name the revision or use LABEL@head`,
      { target: target.text, candidates: next },
    );
  }
  return next[0]!;
}

function stepDown(
  graph: RevisionGraph,
  target: RevisionTarget,
  from: string | null,
  last: boolean,
): ResolvedTarget {
  if (from === null) {
    throw new StrataError('REVISION_NOT_FOUND', `Target "${target.text}" goes below base`, {
      target: target.text,
    });
  }
  const parents = graph.byRevision.get(from)?.parents ?? [];
  if (parents.length > 1 && !last) {
    throw new StrataError(
      'REVISION_AMBIGUOUS',
      `Target "${target.text}" is ambiguous: ${describeRevision(graph, from)} is a merge of ${parents.join(', ')}; name the revision to go to`,
      { target: target.text, candidates: parents },
    );
  }
  return revisions(parents, from);
}

/**
 * Resolves a target against the graph. `current` is the database's current revisions
 * (empty at base), or undefined when there is no database (offline SQL): targets relative
 * to it then fail with USAGE.
 * Throws MULTIPLE_HEADS, REVISION_AMBIGUOUS or REVISION_NOT_FOUND with the candidates.
 *
 * @example
 * ```ts
 * import { loadMigrations, parseTarget, resolveTarget } from 'strata/migrate';
 *
 * const graph = await loadMigrations('./migrations');
 * resolveTarget(graph, parseTarget('+1'), ['a1b2c3d4e5f6']); // { kind: 'revisions', revisions: ['3f2a9c1b7d4e'] }
 * ```
 */
export function resolveTarget(
  graph: RevisionGraph,
  target: RevisionTarget,
  current: readonly string[] | undefined,
): ResolvedTarget {
  let resolved = resolveAnchor(graph, target, current);
  if (target.offset === 0) return resolved;
  if (resolved.kind === 'revisions' && resolved.revisions.length > 1) {
    const what = target.anchor.kind === 'current' ? 'The database' : `Target "${target.text}"`;
    throw new StrataError(
      'MULTIPLE_HEADS',
      `${what} is at several revisions (${resolved.revisions.map((id) => describeRevision(graph, id)).join(', ')}): a relative step needs one; write REV+N, REV-N or LABEL@-N`,
      { heads: resolved.revisions, target: target.text },
    );
  }
  const branch =
    target.anchor.kind === 'branchCurrent' ? resolveRevision(graph, target.anchor.ref) : undefined;
  const steps = Math.abs(target.offset);
  for (let i = 0; i < steps; i += 1) {
    const from = resolved.kind === 'base' ? null : resolved.revisions[0]!;
    resolved =
      target.offset > 0
        ? revisions([stepUp(graph, target, from, branch)])
        : stepDown(graph, target, from, i === steps - 1);
  }
  return resolved;
}
