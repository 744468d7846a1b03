import { describe, expect, it } from 'vitest';
import { isStrataError, type StrataError } from '../../src/errors/strata-error.js';
import {
  buildRevisionGraph,
  parseRange,
  parseTarget,
  type ResolvedTarget,
  type RevisionGraph,
  resolveRevision,
  resolveTarget,
  toMigrationScript,
} from '../../src/migrate/revisions/index.js';

const A = 'a1b2c3d4e5f6';
const B = 'b7c8d9e0f1a2';
const C1 = 'c3c3c3000001';
const C2 = 'c3c3c3000002';
const D1 = 'd4d4d4000001';
const M = 'e5e5e5000001';

function script(n: number, revision: string, parents: string[], branchLabels: string[] = []) {
  return toMigrationScript(
    { revision, parents, branchLabels, message: `rev ${revision}`, up: () => {} },
    `/m/2026010${n}_0900_${revision}.ts`,
    'sum',
  );
}

/** a → b → { c1 (billing) → c2, d1 (search) } */
const branched: RevisionGraph = buildRevisionGraph([
  script(1, A, []),
  script(2, B, [A]),
  script(3, C1, [B], ['billing']),
  script(4, C2, [C1]),
  script(5, D1, [B], ['search']),
]);
/** The same, with c2 and d1 merged by m. */
const merged: RevisionGraph = buildRevisionGraph([...branched.ordered, script(6, M, [C2, D1])]);

function resolve(graph: RevisionGraph, text: string, current?: string[]): ResolvedTarget {
  return resolveTarget(graph, parseTarget(text), current);
}

function failure(fn: () => unknown): StrataError {
  try {
    fn();
  } catch (error) {
    if (isStrataError(error)) return error;
    throw error;
  }
  throw new Error('expected a StrataError');
}

const revs = (...ids: string[]): ResolvedTarget => ({ kind: 'revisions', revisions: ids });
const stepped = (over: string, ...ids: string[]): ResolvedTarget =>
  ids.length === 0
    ? { kind: 'base', steppedOver: over }
    : { kind: 'revisions', revisions: ids, steppedOver: over };

describe('target syntax', () => {
  it('parses keywords, revisions, branch heads and relative steps', () => {
    expect(parseTarget('head').anchor).toEqual({ kind: 'head' });
    expect(parseTarget('heads').anchor).toEqual({ kind: 'heads' });
    expect(parseTarget('base').anchor).toEqual({ kind: 'base' });
    expect(parseTarget('+2')).toMatchObject({ anchor: { kind: 'current' }, offset: 2 });
    expect(parseTarget('-1')).toMatchObject({ anchor: { kind: 'current' }, offset: -1 });
    expect(parseTarget('3f2a+3')).toMatchObject({ anchor: { kind: 'revision', ref: '3f2a' }, offset: 3 });
    expect(parseTarget('billing@head')).toMatchObject({
      anchor: { kind: 'branchHead', ref: 'billing' },
      offset: 0,
    });
  });

  it('rejects malformed targets with USAGE and the accepted forms', () => {
    for (const text of ['', 'a b', '+x', 'heads+1', 'a@tail']) {
      const error = failure(() => parseTarget(text));
      expect(error.code).toBe('USAGE');
    }
    expect(failure(() => parseTarget('a@tail')).message).toContain('LABEL@head');
  });

  it('parses ranges with either side optional', () => {
    expect(parseRange('base:head')).toMatchObject({
      start: { anchor: { kind: 'base' } },
      end: { anchor: { kind: 'head' } },
    });
    expect(parseRange(':a1b2').start).toBeUndefined();
    expect(parseRange('a1b2:').end).toBeUndefined();
    expect(parseRange('head')).toMatchObject({ start: undefined, end: { anchor: { kind: 'head' } } });
    expect(failure(() => parseRange('a:b:c')).code).toBe('USAGE');
  });
});

describe('revision references', () => {
  it('resolves a unique prefix to the full id', () => {
    expect(resolveRevision(branched, 'a1b2')).toBe(A);
    expect(resolveRevision(branched, B)).toBe(B);
  });

  it('fails with REVISION_AMBIGUOUS listing every candidate of an ambiguous prefix', () => {
    const error = failure(() => resolveRevision(branched, 'c3c3'));
    expect(error.code).toBe('REVISION_AMBIGUOUS');
    expect(error.details.candidates).toEqual([C1, C2]);
    expect(error.message).toContain(C1);
    expect(error.message).toContain(C2);
  });

  it('fails with REVISION_NOT_FOUND for an unknown revision', () => {
    const error = failure(() => resolveRevision(branched, 'ffff'));
    expect(error.code).toBe('REVISION_NOT_FOUND');
    expect(error.message).toContain('"ffff"');
  });

  it('resolves a branch label to the revision that declares it', () => {
    expect(resolveRevision(branched, 'billing')).toBe(C1);
  });
});

describe('resolving targets', () => {
  it('fails on head with several heads, naming them', () => {
    const error = failure(() => resolve(branched, 'head', []));
    expect(error.code).toBe('MULTIPLE_HEADS');
    expect(error.details.heads).toEqual([C2, D1]);
    expect(error.message).toContain(C2);
    expect(error.message).toContain(D1);
  });

  it('resolves head once the branches are merged, and heads to every head', () => {
    expect(resolve(merged, 'head', [])).toEqual(revs(M));
    expect(resolve(branched, 'heads', [])).toEqual(revs(C2, D1));
  });

  it('resolves LABEL@head to the head of that branch', () => {
    expect(resolve(branched, 'billing@head', [])).toEqual(revs(C2));
    expect(resolve(branched, 'search@head', [])).toEqual(revs(D1));
    expect(failure(() => resolve(branched, `${B}@head`, [])).code).toBe('MULTIPLE_HEADS');
  });

  it('steps forward from the current revision and from base', () => {
    expect(resolve(branched, '+1', [A])).toEqual(revs(B));
    expect(resolve(branched, '+2', [])).toEqual(revs(B));
    expect(resolve(branched, `${C1}+1`, [])).toEqual(revs(C2));
    expect(resolve(branched, 'base+1', [C2])).toEqual(revs(A));
  });

  it('steps backward, reaching base exactly and refusing to go below it', () => {
    expect(resolve(branched, '-1', [C2])).toEqual(stepped(C2, C1));
    expect(resolve(branched, `${C2}-3`, [])).toEqual(stepped(B, A));
    expect(resolve(branched, `${C2}-4`, [])).toEqual(stepped(A));
    expect(failure(() => resolve(branched, `${C2}-5`, [])).code).toBe('REVISION_NOT_FOUND');
  });

  it('steps back from a merge onto all its parents, but not further without a name', () => {
    expect(resolve(merged, '-1', [M])).toEqual(stepped(M, C2, D1));
    const error = failure(() => resolve(merged, '-2', [M]));
    expect(error.code).toBe('REVISION_AMBIGUOUS');
    expect(error.details.candidates).toEqual([C2, D1]);
  });

  it('steps along one branch with LABEL@-N and LABEL@+N while several branches are current', () => {
    expect(resolve(branched, 'search@-1', [C2, D1])).toEqual(stepped(D1, B));
    expect(resolve(branched, 'billing@-2', [C2, D1])).toEqual(stepped(C1, B));
    expect(resolve(branched, 'billing@+1', [C1, D1])).toEqual(revs(C2));
    // Not applied yet: the branch starts after the labelled revision's parent.
    expect(resolve(branched, 'billing@+2', [D1])).toEqual(revs(C2));
    expect(failure(() => resolve(branched, 'billing@-1', [D1])).code).toBe('USAGE');
    expect(failure(() => parseTarget('billing@')).code).toBe('USAGE');
  });

  it('refuses to step forward through a branch point, listing the children', () => {
    const error = failure(() => resolve(branched, '+1', [B]));
    expect(error.code).toBe('REVISION_AMBIGUOUS');
    expect(error.details.candidates).toEqual([C1, D1]);
  });

  it('refuses to step past the head', () => {
    const error = failure(() => resolve(merged, 'head+1', []));
    expect(error.code).toBe('REVISION_NOT_FOUND');
    expect(error.message).toContain('goes past the head');
  });

  it('needs a single current revision for a relative step', () => {
    const error = failure(() => resolve(branched, '+1', [C2, D1]));
    expect(error.code).toBe('MULTIPLE_HEADS');
    expect(error.details.heads).toEqual([C2, D1]);
  });

  it('needs the current revision for relative targets, and says how to give a start instead', () => {
    const error = failure(() => resolve(branched, '+1', undefined));
    expect(error.code).toBe('USAGE');
    expect(error.message).toContain('base:+1');
  });
});
