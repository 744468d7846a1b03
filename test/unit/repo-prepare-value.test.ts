import { describe, expect, it } from 'vitest';
import { StrataError } from '../../src/errors/strata-error.js';
import { formatArrayLiteral } from '../../src/query/array-literal.js';
import { makeBulkValuePreparer, makeValuePreparer, stringifyJson } from '../../src/query/prepare-value.js';
import type { ValueKind } from '../../src/schema/index.js';

const target = { table: 'docs', column: 'field' };

function prepare(kind: ValueKind, value: unknown, options = {}): unknown {
  return makeValuePreparer(kind, target, options)(value);
}

function rejects(kind: ValueKind, value: unknown, fragment: string, options = {}): StrataError {
  let error: unknown;
  try {
    prepare(kind, value, options);
  } catch (e) {
    error = e;
  }
  expect(error, `${JSON.stringify(kind)} ${String(value)}`).toBeInstanceOf(StrataError);
  const strata = error as StrataError;
  expect(strata.code).toBe('VALUE_INVALID');
  expect(strata.message).toContain('docs.field');
  expect(strata.message).toContain(fragment);
  expect(strata.details).toMatchObject({ table: 'docs', column: 'field' });
  return strata;
}

describe('numbers', () => {
  it('integers must be whole and within the column type', () => {
    const int2: ValueKind = { kind: 'integer', min: -32768, max: 32767 };
    expect(prepare(int2, -32768)).toBe(-32768);
    rejects(int2, 32768, 'outside');
    rejects(int2, 1.5, 'whole number');
    rejects(int2, '1', 'whole number');
    rejects(int2, Number.NaN, 'whole number');
  });

  it('bigint takes bigint, safe integers and digit strings, and refuses numbers past 2^53', () => {
    const kind: ValueKind = { kind: 'bigint' };
    expect(prepare(kind, 2n ** 62n)).toBe(2n ** 62n);
    expect(prepare(kind, 42)).toBe(42);
    expect(prepare(kind, '-9223372036854775808')).toBe(-(2n ** 63n));
    rejects(kind, 2 ** 53 + 2, 'precision');
    rejects(kind, 2n ** 63n, '64-bit');
    rejects(kind, '12abc', 'expected a bigint');
  });

  it('floats must be finite', () => {
    const kind: ValueKind = { kind: 'float' };
    expect(prepare(kind, -0.5)).toBe(-0.5);
    rejects(kind, Number.POSITIVE_INFINITY, 'finite');
    rejects(kind, Number.NaN, 'finite');
  });

  it('numeric keeps decimal text and checks the digits before the point against precision and scale', () => {
    const kind: ValueKind = { kind: 'numeric', precision: 6, scale: 2 };
    expect(prepare(kind, '9999.99')).toBe('9999.99');
    expect(prepare(kind, '0.000001')).toBe('0.000001');
    expect(prepare(kind, 12.5)).toBe('12.5');
    expect(prepare(kind, '9.99e3')).toBe('9.99e3');
    rejects(kind, '10000', 'more than 4 digits');
    rejects(kind, '1e4', 'more than 4 digits');
    rejects(kind, '12,5', 'not a decimal');
    rejects(kind, Number.POSITIVE_INFINITY, 'finite');
    expect(prepare({ kind: 'numeric' }, '123456789012345678901234567890.5')).toBe(
      '123456789012345678901234567890.5',
    );
  });
});

describe('text, identifiers and enums', () => {
  it('varchar(n) counts characters as PostgreSQL does, not UTF-16 units', () => {
    const kind: ValueKind = { kind: 'text', maxLength: 3 };
    expect(prepare(kind, '😀😀😀')).toBe('😀😀😀');
    const error = rejects(kind, 'abcd', 'at most 3');
    expect(error.details).toMatchObject({ maxLength: 3, length: 4 });
    rejects({ kind: 'text' }, 'a\u0000b', 'NUL');
  });

  it('uuid must be a UUID, enum one of its values', () => {
    expect(prepare({ kind: 'uuid' }, 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11')).toBe(
      'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11',
    );
    rejects({ kind: 'uuid' }, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1', 'not a UUID');
    rejects({ kind: 'uuid' }, "1' OR '1'='1", 'not a UUID');
    rejects({ kind: 'enum', values: ['draft', 'published'] }, 'Draft', 'draft, published');
  });

  it('dates are calendar days, times times of day, timestamps valid Dates', () => {
    expect(prepare({ kind: 'date' }, '2024-02-29')).toBe('2024-02-29');
    rejects({ kind: 'date' }, '2023-02-29', 'calendar day');
    rejects({ kind: 'date' }, '2024-13-01', 'calendar day');
    expect(prepare({ kind: 'time' }, '23:59:59.999999')).toBe('23:59:59.999999');
    rejects({ kind: 'time' }, '24:01', 'time of day');
    rejects({ kind: 'timestamp' }, new Date('nope'), 'invalid');
    rejects({ kind: 'timestamp' }, '2024-01-01', 'expected a Date');
  });
});

describe('JSON', () => {
  it('writes JSON text; bigint members become numbers when exact', () => {
    expect(prepare({ kind: 'json' }, { a: [1, 'x', null], b: 2n })).toBe('{"a":[1,"x",null],"b":2}');
    expect(prepare({ kind: 'json' }, 'plain')).toBe('"plain"');
    rejects({ kind: 'json' }, { big: 2n ** 60n }, 'string');
    rejects({ kind: 'json' }, { bad: Number.NaN }, 'NaN');
    rejects({ kind: 'json' }, { nul: 'a\u0000' }, 'NUL');
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    rejects({ kind: 'json' }, cycle, 'cannot be written as JSON');
  });

  it('stringifyJson names the column too', () => {
    expect(() => stringifyJson(undefined, target)).toThrow(/docs\.field/);
  });
});

describe('vectors', () => {
  it('vector: exact dimensions, finite elements, formatted as pgvector text', () => {
    const kind: ValueKind = { kind: 'vector', dimensions: 3 };
    expect(prepare(kind, [1, -0.5, 3e-7])).toBe('[1,-0.5,3e-7]');
    expect(prepare(kind, new Float32Array([1, 2, 3]))).toBe('[1,2,3]');
    expect(rejects(kind, [1, 2], 'expected 3 dimensions').details).toMatchObject({ expected: 3, actual: 2 });
    expect(rejects(kind, [1, Number.NaN, 3], 'element 1').details).toMatchObject({ index: 1 });
    rejects(kind, [1, Number.NEGATIVE_INFINITY, 3], 'finite');
    rejects(kind, [1, '2', 3], 'element 1');
    rejects({ kind: 'vector' }, [], '1 to 16000');
  });

  it('halfvec refuses elements beyond the half-precision range', () => {
    rejects({ kind: 'halfvec', dimensions: 2 }, [65505, 0], 'half-precision');
    expect(prepare({ kind: 'halfvec', dimensions: 2 }, [65504, -65504])).toBe('[65504,-65504]');
  });

  it('sparsevec is normalised (sorted, zeros dropped) and limited by an HNSW index when there is one', () => {
    const kind: ValueKind = { kind: 'sparsevec', dimensions: 10 };
    expect(prepare(kind, { dimensions: 10, indices: [9, 0, 4], values: [2, 1, 0] })).toBe('{1:1,10:2}/10');
    rejects(kind, { dimensions: 11, indices: [], values: [] }, 'expected 10 dimensions');
    rejects(kind, { dimensions: 10, indices: [10], values: [1] }, 'outside 0..9');
    rejects(kind, { dimensions: 10, indices: [1, 1], values: [1, 2] }, 'twice');
    rejects(kind, { dimensions: 10, indices: [1], values: [Number.NaN] }, 'finite');
    const many = { dimensions: 10, indices: [0, 1, 2], values: [1, 1, 1] };
    expect(rejects(kind, many, 'HNSW', { maxSparseNonZero: 2 }).details).toMatchObject({
      nonZero: 3,
      maxNonZero: 2,
    });
  });

  it('for bulk loads vectors stay numbers and sparse vectors come out normalised', () => {
    const dense = makeBulkValuePreparer({ kind: 'vector', dimensions: 2 }, target);
    const input = [1, 2];
    expect(dense(input)).toBe(input);
    expect(() => dense([1, Number.NaN])).toThrow(StrataError);
    const sparse = makeBulkValuePreparer({ kind: 'sparsevec' }, target);
    expect(sparse({ dimensions: 5, indices: [3, 1], values: [2, 0] })).toEqual({
      dimensions: 5,
      indices: [3],
      values: [2],
    });
  });

  it('bit needs exactly n bits', () => {
    expect(prepare({ kind: 'bit', length: 4 }, '1010')).toBe('1010');
    rejects({ kind: 'bit', length: 4 }, '101', 'exactly 4 bits');
    rejects({ kind: 'bit', length: 4 }, '10a0', '0s and 1s');
  });
});

describe('arrays', () => {
  it('checks every element and sends PostgreSQL array text, NULLs and nesting included', () => {
    const kind: ValueKind = { kind: 'array', element: { kind: 'text', maxLength: 5 } };
    expect(prepare(kind, ['a', null, 'b"c', 'd\\e'])).toBe('{"a",NULL,"b\\"c","d\\\\e"}');
    expect(
      prepare({ kind: 'array', element: { kind: 'integer', min: 0, max: 9 } }, [
        [1, 2],
        [3, 4],
      ]),
    ).toBe('{{"1","2"},{"3","4"}}');
    rejects(kind, ['ok', 'too long'], 'at most 5');
    rejects(kind, 'not an array', 'expected an array');
    expect(prepare({ kind: 'array', element: { kind: 'json' } }, [{ a: 1 }, [2]])).toBe(
      '{"{\\"a\\":1}","[2]"}',
    );
  });

  it('array literals quote every element, so commas and braces stay inside it', () => {
    expect(formatArrayLiteral(['{x}', 'a,b', ''])).toBe('{"{x}","a,b",""}');
    expect(formatArrayLiteral([new Date('2024-01-01T00:00:00Z'), new Uint8Array([1])])).toBe(
      '{"2024-01-01T00:00:00.000Z","\\\\x01"}',
    );
  });
});
