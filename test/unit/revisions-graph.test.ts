import { describe, expect, it } from 'vitest';
import { isStrataError } from '../../src/errors/strata-error.js';
import {
  ancestorsOf,
  buildRevisionGraph,
  descendantsOf,
  type MigrationScript,
  toMigrationScript,
} from '../../src/migrate/revisions/index.js';

/** A script built in memory; `file` decides the tie-break order. */
function script(revision: string, parents: string[], extra: Record<string, unknown> = {}): MigrationScript {
  const file = (extra.file as string | undefined) ?? `/virtual/${revision}.ts`;
  const { file: _file, ...rest } = extra;
  return toMigrationScript(
    { revision, parents, message: `m ${revision}`, up: () => {}, ...rest },
    file,
    'sum',
  );
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('revision graph', () => {
  it('orders revisions parents first, breaking ties by file name', () => {
    const graph = buildRevisionGraph([
      script('d', ['b', 'c'], { file: '/m/4_d.ts' }),
      script('c', ['a'], { file: '/m/2_c.ts' }),
      script('b', ['a'], { file: '/m/3_b.ts' }),
      script('a', [], { file: '/m/1_a.ts' }),
    ]);
    expect(graph.ordered.map((s) => s.revision)).toEqual(['a', 'c', 'b', 'd']);
    expect(graph.heads).toEqual(['d']);
    expect(graph.bases).toEqual(['a']);
    expect(graph.children.get('a')).toEqual(['c', 'b']);
  });

  it('keeps a revision after all its parents even when its file sorts first', () => {
    const graph = buildRevisionGraph([
      script('child', ['parent'], { file: '/m/1_child.ts' }),
      script('parent', [], { file: '/m/2_parent.ts' }),
    ]);
    expect(graph.ordered.map((s) => s.revision)).toEqual(['parent', 'child']);
  });

  it('reports every head of a branched history', () => {
    const graph = buildRevisionGraph([script('a', []), script('b', ['a']), script('c', ['a'])]);
    expect(graph.heads).toEqual(['b', 'c']);
    expect([...descendantsOf(graph, ['a'], false)].sort()).toEqual(['b', 'c']);
    expect([...ancestorsOf(graph, ['c'])].sort()).toEqual(['a', 'c']);
  });

  it('rejects a parent that no file defines, suggesting the full id of a prefix', () => {
    const error = thrown(() => buildRevisionGraph([script('a1b2c3d4e5f6', []), script('ffff', ['a1b2'])]));
    expect(isStrataError(error, 'MIGRATION_INVALID')).toBe(true);
    expect((error as Error).message).toContain('names parent a1b2, which no migration file defines');
    expect((error as Error).message).toContain('did you mean "a1b2c3d4e5f6"');
  });

  it('rejects a cycle and names the revisions in it', () => {
    const error = thrown(() =>
      buildRevisionGraph([script('a', []), script('b', ['a', 'd']), script('c', ['b']), script('d', ['c'])]),
    );
    expect(isStrataError(error, 'MIGRATION_INVALID')).toBe(true);
    const cycle = (error as { details: { cycle: string[] } }).details.cycle;
    expect(new Set(cycle)).toEqual(new Set(['b', 'c', 'd']));
    expect(cycle[0]).toBe(cycle.at(-1));
    expect((error as Error).message).toMatch(/cycle: [bcd] → [bcd] → [bcd] → [bcd]/);
  });

  it('rejects a revision id defined by two files, naming both', () => {
    const error = thrown(() =>
      buildRevisionGraph([script('a', [], { file: '/m/1_a.ts' }), script('a', [], { file: '/m/2_copy.ts' })]),
    );
    expect(isStrataError(error, 'MIGRATION_INVALID')).toBe(true);
    expect((error as Error).message).toContain('1_a.ts and 2_copy.ts');
  });

  it('rejects a branch label used twice', () => {
    const error = thrown(() =>
      buildRevisionGraph([
        script('a', []),
        script('b', ['a'], { branchLabels: ['billing'] }),
        script('c', ['a'], { branchLabels: ['billing'] }),
      ]),
    );
    expect(isStrataError(error, 'MIGRATION_INVALID')).toBe(true);
    expect((error as Error).message).toContain('Branch label "billing"');
  });

  it('rejects malformed definitions, naming the file and the field', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ revision: 'a-b', message: 'x', up: () => {} }, 'may only contain letters, digits and "_"'],
      [{ revision: 'head', message: 'x', up: () => {} }, 'reserved word'],
      [{ revision: 'a', message: 'x' }, 'up must be a function'],
      [
        { revision: 'a', message: 'x', up: () => {}, transactional: 'no' },
        'transactional must be true or false',
      ],
      [{ revision: 'a', message: 'x', up: () => {}, parent: 'b' }, 'unknown option "parent"'],
      [{ revision: 'a', parents: ['a'], message: 'x', up: () => {} }, 'lists itself as a parent'],
    ];
    for (const [definition, message] of cases) {
      const error = thrown(() => toMigrationScript(definition, '/m/20260101_0900_a_x.ts', 'sum'));
      expect(isStrataError(error, 'MIGRATION_INVALID')).toBe(true);
      expect((error as Error).message).toContain('20260101_0900_a_x.ts');
      expect((error as Error).message).toContain(message);
    }
  });
});
