import { describe, expect, it } from 'vitest';
import { StrataError } from '../../src/errors/strata-error.js';
import { chunkSlices, resolveRange } from '../../src/files/index.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof StrataError ? error.code : 'not a StrataError';
  }
  return undefined;
}

describe('resolveRange', () => {
  it('reads the whole file when no range is given', () => {
    expect(resolveRange(undefined, 10)).toEqual({ kind: 'byteRange', offset: 0, length: 10 });
  });

  it('reads to the end when the length is left out', () => {
    expect(resolveRange({ offset: 4 }, 10)).toEqual({ kind: 'byteRange', offset: 4, length: 6 });
  });

  it('allows an empty range at the very end', () => {
    expect(resolveRange({ offset: 10, length: 0 }, 10)).toEqual({ kind: 'byteRange', offset: 10, length: 0 });
  });

  it('refuses ranges past the end instead of cutting them short', () => {
    expect(codeOf(() => resolveRange({ offset: 11 }, 10))).toBe('FILE_INVALID');
    expect(codeOf(() => resolveRange({ offset: 5, length: 6 }, 10))).toBe('FILE_INVALID');
  });

  it('refuses negative, fractional and non-numeric offsets and lengths', () => {
    for (const range of [
      { offset: -1 },
      { offset: 1.5 },
      { offset: 0, length: -2 },
      { offset: Number.NaN },
    ]) {
      expect(codeOf(() => resolveRange(range, 10))).toBe('FILE_INVALID');
    }
    expect(codeOf(() => resolveRange({ offset: '3' as unknown as number }, 10))).toBe('FILE_INVALID');
  });
});

describe('chunkSlices', () => {
  const range = (offset: number, length: number) => ({ kind: 'byteRange' as const, offset, length });
  const slice = (index: number, from: number, length: number) => ({
    kind: 'chunkSlice',
    index,
    from,
    length,
  });

  it('gives no slices for an empty range', () => {
    expect(chunkSlices(range(8, 0), 4)).toEqual([]);
  });

  it('reads inside one chunk from that chunk only', () => {
    expect(chunkSlices(range(5, 2), 4)).toEqual([slice(1, 1, 2)]);
  });

  it('splits a range at chunk boundaries', () => {
    expect(chunkSlices(range(3, 6), 4)).toEqual([slice(0, 3, 1), slice(1, 0, 4), slice(2, 0, 1)]);
  });

  it('takes whole chunks for a chunk-aligned range', () => {
    expect(chunkSlices(range(4, 8), 4)).toEqual([slice(1, 0, 4), slice(2, 0, 4)]);
  });

  it('ends inside a short last chunk', () => {
    // A 10-byte blob in 4-byte chunks: the last chunk holds bytes 8 and 9.
    expect(chunkSlices(range(7, 3), 4)).toEqual([slice(1, 3, 1), slice(2, 0, 2)]);
  });
});
