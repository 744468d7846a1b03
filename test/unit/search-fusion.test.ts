import { describe, expect, it } from 'vitest';
import { isStrataError } from '../../src/errors/strata-error.js';
import { fuseRankings, resolveFusion } from '../../src/search/fusion.js';

const vector = [
  { key: 'a', score: 0.1 },
  { key: 'b', score: 0.2 },
  { key: 'c', score: 0.5 },
];
const text = [
  { key: 'c', score: 0.9 },
  { key: 'd', score: 0.6 },
  { key: 'a', score: 0.3 },
];

describe('reciprocal rank fusion', () => {
  it('sums 1 / (60 + rank) over the lists a key appears in', () => {
    const fused = fuseRankings(vector, text);
    const byKey = new Map(fused.map((f) => [f.key, f]));
    expect(byKey.get('a')!.fusedScore).toBe(1 / 61 + 1 / 63);
    expect(byKey.get('c')!.fusedScore).toBe(1 / 63 + 1 / 61);
    expect(byKey.get('b')!.fusedScore).toBe(1 / 62);
    expect(byKey.get('d')!.fusedScore).toBe(1 / 62);
  });

  it('ranks keys found by both sides first, ties in the order of the vector list, then the text list', () => {
    expect(fuseRankings(vector, text).map((f) => f.key)).toEqual(['a', 'c', 'b', 'd']);
  });

  it("keeps each side's rank and raw score, and null where a side did not find the key", () => {
    const d = fuseRankings(vector, text).find((f) => f.key === 'd')!;
    expect(d).toEqual({
      key: 'd',
      fusedScore: 1 / 62,
      vectorRank: null,
      vectorDistance: null,
      textRank: 2,
      textScore: 0.6,
    });
  });

  it('takes another k and weights', () => {
    const fused = fuseRankings(vector, text, { kind: 'rrf', k: 0, vectorWeight: 2, textWeight: 1 });
    expect(fused.find((f) => f.key === 'a')!.fusedScore).toBe(2 / 1 + 1 / 3);
    expect(fused[0]!.key).toBe('a');
  });
});

describe('weighted score fusion', () => {
  it('adds 0.7 × the min-max normalised vector score and 0.3 × the normalised text score', () => {
    const fused = fuseRankings(vector, text, { kind: 'weighted' });
    const byKey = new Map(fused.map((f) => [f.key, f.fusedScore]));
    // Vector: distance 0.1 → 1, 0.2 → 0.75, 0.5 → 0. Text: 0.9 → 1, 0.6 → 0.5, 0.3 → 0.
    expect(byKey.get('a')).toBeCloseTo(0.7 * 1 + 0.3 * 0, 12);
    expect(byKey.get('b')).toBeCloseTo(0.7 * 0.75, 12);
    expect(byKey.get('c')).toBeCloseTo(0.7 * 0 + 0.3 * 1, 12);
    expect(byKey.get('d')).toBeCloseTo(0.3 * 0.5, 12);
    expect(fused.map((f) => f.key)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('scores a side whose candidates are all equal as 1', () => {
    const fused = fuseRankings([{ key: 'x', score: 0.4 }], [{ key: 'x', score: 0.2 }], { kind: 'weighted' });
    expect(fused[0]!.fusedScore).toBeCloseTo(1, 12);
  });
});

describe('fusion options', () => {
  it('default to RRF with k = 60, and 0.7 / 0.3 for weighted fusion', () => {
    expect(resolveFusion(undefined)).toEqual({ kind: 'rrf', k: 60, vectorWeight: 1, textWeight: 1 });
    expect(resolveFusion({ kind: 'weighted' })).toEqual({
      kind: 'weighted',
      vectorWeight: 0.7,
      textWeight: 0.3,
    });
  });

  it('refuse negative weights and a fractional k', () => {
    for (const fusion of [
      { kind: 'rrf', k: 1.5 },
      { kind: 'weighted', textWeight: -1 },
    ] as const) {
      let error: unknown;
      try {
        resolveFusion(fusion);
      } catch (e) {
        error = e;
      }
      expect(isStrataError(error, 'SEARCH_INVALID')).toBe(true);
    }
  });
});
