import { describe, expect, it } from 'vitest';
import { isStrataError } from '../../src/errors/strata-error.js';
import type { DistanceMetric, VectorTypeName } from '../../src/model/pgvector.js';
import { seededRandom } from '../../src/search/clustered-vectors.js';
import { formatQueryVector } from '../../src/search/query-vector.js';

function target(type: VectorTypeName, dimensions: number | undefined, metric: DistanceMetric = 'l2') {
  return { column: { kind: 'vectorColumn' as const, name: 'e', type, dimensions }, label: 't.e', metric };
}

function refusal(value: unknown, t: ReturnType<typeof target>): string {
  try {
    formatQueryVector(value, t);
  } catch (error) {
    if (isStrataError(error, 'SEARCH_INVALID')) return error.message;
    throw error;
  }
  throw new Error('expected SEARCH_INVALID');
}

describe('query vectors', () => {
  it('format numbers and typed arrays as pgvector literals, each element as the float32 pgvector holds', () => {
    expect(formatQueryVector([1, -2.5, 3e-8], target('vector', 3))).toBe('[1,-2.50000000,2.99999989e-8]');
    expect(formatQueryVector(new Float32Array([0.5, 0.25]), target('halfvec', 2))).toBe(
      '[0.500000000,0.250000000]',
    );
  });

  it('write elements that read back as exactly the float32 of the given number', () => {
    const random = seededRandom(9);
    const values = Array.from({ length: 2000 }, (_, i) => (random() * 2 - 1) * 10 ** ((i % 20) - 10));
    const text = formatQueryVector(values, target('vector', values.length));
    const parsed = text.slice(1, -1).split(',').map(Number);
    parsed.forEach((x, i) => {
      expect(Math.fround(x)).toBe(Math.fround(values[i]!));
    });
  });

  it('refuse elements beyond single precision', () => {
    expect(refusal([1e39, 1], target('vector', 2))).toMatch(/beyond single precision/);
  });

  it('take any length for a column declared without dimensions', () => {
    expect(formatQueryVector([1, 2, 3, 4, 5], target('vector', undefined))).toBe('[1,2,3,4,5]');
    expect(refusal([], target('vector', undefined))).toMatch(/has 0 dimensions; vector takes 1 to 16000/);
  });

  it('refuse halfvec elements beyond half precision', () => {
    expect(refusal([70000, 1], target('halfvec', 2))).toMatch(/beyond half precision/);
  });

  it('refuse the zero vector only where it has no distance (cosine)', () => {
    expect(formatQueryVector([0, 0], target('vector', 2, 'l2'))).toBe('[0,0]');
    expect(refusal([0, 0], target('vector', 2, 'cosine'))).toMatch(/all zeros/);
  });

  it('write sparse vectors 1-based, sorted, without zeros; dense arrays are accepted too', () => {
    expect(
      formatQueryVector({ dimensions: 5, indices: [3, 0], values: [2, 1] }, target('sparsevec', 5)),
    ).toBe('{1:1,4:2}/5');
    expect(formatQueryVector([0, 1.5, 0, 0, -1], target('sparsevec', 5))).toBe('{2:1.50000000,5:-1}/5');
  });

  it('refuse sparse vectors with repeated indices, mismatched lists or the wrong dimension', () => {
    expect(refusal({ dimensions: 5, indices: [1, 1], values: [1, 2] }, target('sparsevec', 5))).toMatch(
      /appears twice/,
    );
    expect(refusal({ dimensions: 5, indices: [1], values: [1, 2] }, target('sparsevec', 5))).toMatch(
      /1 indices and 2 values/,
    );
    expect(refusal({ dimensions: 6, indices: [1], values: [1] }, target('sparsevec', 5))).toMatch(
      /sparsevec\(5\)/,
    );
    expect(refusal({ dimensions: 5, indices: [1], values: [Number.NaN] }, target('sparsevec', 5))).toMatch(
      /NaN/,
    );
  });

  it("take bit strings of the column's length, and refuse all-zero bits under Jaccard", () => {
    expect(formatQueryVector('0110', target('bit', 4, 'hamming'))).toBe('0110');
    expect(formatQueryVector('0000', target('bit', 4, 'hamming'))).toBe('0000');
    expect(refusal('0000', target('bit', 4, 'jaccard'))).toMatch(/all zeros/);
  });

  it('never echo the vector in the message', () => {
    const message = refusal([0.123456, 0.654321], target('vector', 3));
    expect(message).not.toContain('0.123456');
  });
});
