import { StrataError } from '../errors/strata-error.js';

/** Part of a file: `length` bytes from `offset` (both in bytes, from 0). */
export interface ByteRange {
  readonly offset: number;
  /** Default: up to the end of the file. */
  readonly length?: number;
}

/** A range checked against a file's size: `offset + length <= size`. */
export interface ResolvedRange {
  readonly kind: 'byteRange';
  readonly offset: number;
  readonly length: number;
}

/** The part of one chunk a read needs: bytes `[from, from + length)` of chunk `index`. */
export interface ChunkSlice {
  readonly kind: 'chunkSlice';
  readonly index: number;
  readonly from: number;
  readonly length: number;
}

function isWholeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/**
 * Checks a requested range against a file of `size` bytes; no range means the whole file.
 * A range that reaches past the end is refused rather than cut short, so a caller never
 * receives fewer bytes than it asked for without knowing.
 *
 * @example
 * ```ts
 * resolveRange({ offset: 10 }, 100); // { kind: 'byteRange', offset: 10, length: 90 }
 * resolveRange({ offset: 90, length: 20 }, 100); // throws FILE_INVALID
 * ```
 */
export function resolveRange(range: ByteRange | undefined, size: number): ResolvedRange {
  if (range === undefined) return { kind: 'byteRange', offset: 0, length: size };
  const { offset, length } = range;
  if (!isWholeNumber(offset)) {
    throw new StrataError(
      'FILE_INVALID',
      `A range offset must be a whole number of bytes (0 or more); got ${String(offset)}.`,
      {
        range,
      },
    );
  }
  if (length !== undefined && !isWholeNumber(length)) {
    throw new StrataError(
      'FILE_INVALID',
      `A range length must be a whole number of bytes (0 or more); got ${String(length)}.`,
      {
        range,
      },
    );
  }
  if (offset > size) {
    throw new StrataError(
      'FILE_INVALID',
      `The range starts at byte ${offset}, past the end of the ${size}-byte file: start at ${size} or earlier.`,
      { range, size },
    );
  }
  const resolvedLength = length ?? size - offset;
  if (offset + resolvedLength > size) {
    throw new StrataError(
      'FILE_INVALID',
      `The range ${offset}..${offset + resolvedLength} reaches past the end of the ${size}-byte file: ` +
        `ask for at most ${size - offset} bytes from offset ${offset}, or leave the length out to read to the end.`,
      { range, size },
    );
  }
  return { kind: 'byteRange', offset, length: resolvedLength };
}

/**
 * The chunk slices that make up a range of a blob stored in pieces of `chunkSize` bytes
 * (every piece full but the last), in order.
 *
 * @example
 * ```ts
 * chunkSlices({ kind: 'byteRange', offset: 3, length: 4 }, 4);
 * // [{ index: 0, from: 3, length: 1 }, { index: 1, from: 0, length: 3 }] (with kind 'chunkSlice')
 * ```
 */
export function chunkSlices(range: ResolvedRange, chunkSize: number): ChunkSlice[] {
  if (range.length === 0) return [];
  const end = range.offset + range.length;
  const first = Math.floor(range.offset / chunkSize);
  const last = Math.floor((end - 1) / chunkSize);
  const slices: ChunkSlice[] = [];
  for (let index = first; index <= last; index += 1) {
    const chunkStart = index * chunkSize;
    const from = Math.max(range.offset, chunkStart) - chunkStart;
    const to = Math.min(end, chunkStart + chunkSize) - chunkStart;
    slices.push({ kind: 'chunkSlice', index, from, length: to - from });
  }
  return slices;
}
