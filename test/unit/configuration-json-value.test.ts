import { describe, expect, it } from 'vitest';
import { jsonProblems } from '../../src/configuration/index.js';

describe('jsonProblems', () => {
  it('finds nothing wrong with plain JSON', () => {
    expect(jsonProblems({ a: [1, 'two', true, null, { b: -0.5 }], c: '' })).toEqual([]);
    expect(jsonProblems('just a string')).toEqual([]);
    expect(jsonProblems(Object.create(null))).toEqual([]);
  });

  it('names, by path, every value JSON would drop or change', () => {
    const value = {
      when: new Date(0),
      ratio: Number.POSITIVE_INFINITY,
      nested: { missing: undefined, list: [1, 2n, () => 1] },
      tags: new Set(['a']),
    };
    expect(jsonProblems(value)).toEqual([
      'when is a Date object: use an ISO string',
      'ratio is Infinity, which JSON cannot hold',
      'nested.missing is undefined, which JSON cannot hold',
      'nested.list[1] is a bigint, which JSON cannot hold',
      'nested.list[2] is a function, which JSON cannot hold',
      'tags is a Set object: use a plain object',
    ]);
  });

  it('reports a cycle instead of recursing forever', () => {
    const looped: { self?: unknown } = {};
    looped.self = looped;
    expect(jsonProblems(looped)).toEqual(['self refers back to itself']);
  });

  it('accepts the same object twice when it is not a cycle', () => {
    const shared = { x: 1 };
    expect(jsonProblems({ a: shared, b: shared })).toEqual([]);
  });

  it('speaks of the configuration itself when the root is wrong', () => {
    expect(jsonProblems(undefined)).toEqual(['the configuration is undefined, which JSON cannot hold']);
  });
});
