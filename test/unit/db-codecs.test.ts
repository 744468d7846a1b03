import { describe, expect, it } from 'vitest';
import { parseArrayText } from '../../src/db/codecs/array-text.js';
import { parseByteaText } from '../../src/db/codecs/bytea-text.js';
import {
  formatSparseVectorText,
  isSparseVector,
  parseSparseVectorText,
  sparseVector,
} from '../../src/db/codecs/sparsevec-text.js';
import {
  formatTimestampParameter,
  INFINITY_DATE_MS,
  parseTimestampText,
} from '../../src/db/codecs/timestamp-text.js';
import { formatVectorText, parseVectorText } from '../../src/db/codecs/vector-text.js';
import { isStrataError } from '../../src/errors/strata-error.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isStrataError(error) ? error.code : 'not a StrataError';
  }
  return undefined;
}

describe('vector text codec', () => {
  it('parses pgvector output, including exponents and negative numbers', () => {
    expect(parseVectorText('[1,2.5,-3]')).toEqual([1, 2.5, -3]);
    expect(parseVectorText('[1e-07,-2.5e+10]')).toEqual([1e-7, -2.5e10]);
  });

  it('formats numbers and typed arrays so that parsing gives them back', () => {
    const values = [0.1, -2, 1e-7, 123456.789];
    expect(parseVectorText(formatVectorText(values))).toEqual(values);
    const floats = new Float32Array([0.5, 0.25]);
    expect(formatVectorText(floats)).toBe('[0.5,0.25]');
  });

  it('refuses NaN, Infinity and empty vectors, naming the element', () => {
    expect(codeOf(() => formatVectorText([1, Number.NaN]))).toBe('VALUE_INVALID');
    expect(() => formatVectorText([1, 2, Number.POSITIVE_INFINITY])).toThrow(/element 2/);
    expect(codeOf(() => formatVectorText([]))).toBe('VALUE_INVALID');
    expect(codeOf(() => parseVectorText('1,2'))).toBe('VALUE_INVALID');
    expect(codeOf(() => parseVectorText('[1,x]'))).toBe('VALUE_INVALID');
  });
});

describe('sparsevec text codec', () => {
  it('parses 1-based text into 0-based indices', () => {
    const v = parseSparseVectorText('{1:1,3:2}/5');
    expect(v).toEqual({ kind: 'sparseVector', dimensions: 5, indices: [0, 2], values: [1, 2] });
    expect(isSparseVector(v)).toBe(true);
    expect(parseSparseVectorText('{}/3')).toEqual({
      kind: 'sparseVector',
      dimensions: 3,
      indices: [],
      values: [],
    });
  });

  it('formats 0-based indices as 1-based text, sorted', () => {
    expect(formatSparseVectorText(sparseVector({ dimensions: 5, indices: [2, 0], values: [2, 1] }))).toBe(
      '{1:1,3:2}/5',
    );
  });

  it('drops zero values like pgvector does', () => {
    expect(sparseVector({ dimensions: 4, indices: [0, 1], values: [0, 3] }).indices).toEqual([1]);
  });

  it('refuses indices out of range or repeated, mismatched lengths and non-finite values', () => {
    expect(codeOf(() => sparseVector({ dimensions: 3, indices: [3], values: [1] }))).toBe('VALUE_INVALID');
    expect(codeOf(() => sparseVector({ dimensions: 3, indices: [-1], values: [1] }))).toBe('VALUE_INVALID');
    expect(codeOf(() => sparseVector({ dimensions: 3, indices: [1, 1], values: [1, 2] }))).toBe(
      'VALUE_INVALID',
    );
    expect(codeOf(() => sparseVector({ dimensions: 3, indices: [1], values: [] }))).toBe('VALUE_INVALID');
    expect(codeOf(() => sparseVector({ dimensions: 3, indices: [1], values: [Number.NaN] }))).toBe(
      'VALUE_INVALID',
    );
    expect(codeOf(() => sparseVector({ dimensions: 0, indices: [], values: [] }))).toBe('VALUE_INVALID');
    expect(codeOf(() => parseSparseVectorText('[1,2]'))).toBe('VALUE_INVALID');
  });
});

describe('array text parser', () => {
  it('parses flat, nested, quoted and NULL elements', () => {
    expect(parseArrayText('{1,2,NULL}', Number)).toEqual([1, 2, null]);
    expect(parseArrayText('{{1,2},{3,4}}', Number)).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(parseArrayText('{"a b","c\\"d","e\\\\f","NULL",""}', (s) => s)).toEqual([
      'a b',
      'c"d',
      'e\\f',
      'NULL',
      '',
    ]);
    expect(parseArrayText('{}', Number)).toEqual([]);
  });

  it('skips explicit bounds and honours another delimiter', () => {
    expect(parseArrayText('[0:1]={7,8}', Number)).toEqual([7, 8]);
    expect(parseArrayText('{(1,1),(0,0);(2,2),(1,1)}', (s) => s, ';')).toEqual([
      '(1,1),(0,0)',
      '(2,2),(1,1)',
    ]);
  });

  it('refuses malformed text', () => {
    expect(codeOf(() => parseArrayText('{1,2', Number))).toBe('VALUE_INVALID');
    expect(codeOf(() => parseArrayText('{1}x', Number))).toBe('VALUE_INVALID');
  });
});

describe('timestamp text parser', () => {
  it('applies the offset of a timestamptz, including minutes and seconds', () => {
    expect(parseTimestampText('2024-01-02 03:04:05.123456+02').toISOString()).toBe(
      '2024-01-02T01:04:05.123Z',
    );
    expect(parseTimestampText('2024-01-02 03:04:05+05:30').toISOString()).toBe('2024-01-01T21:34:05.000Z');
    expect(parseTimestampText('1850-01-01 00:00:00+00:53:28').toISOString()).toBe('1849-12-31T23:06:32.000Z');
    expect(parseTimestampText('2024-01-02 03:04:05-08').toISOString()).toBe('2024-01-02T11:04:05.000Z');
  });

  it('reads a timestamp without time zone as UTC', () => {
    expect(parseTimestampText('2024-06-30 23:59:59.5').toISOString()).toBe('2024-06-30T23:59:59.500Z');
  });

  it('reads every fraction length and offset form PostgreSQL prints, for random instants', () => {
    let seed = 7;
    const random = () => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
      return seed / 2 ** 32;
    };
    const pad = (value: number, width: number) => String(value).padStart(width, '0');
    for (let n = 0; n < 2000; n += 1) {
      const micros = Math.floor(random() * 1e6);
      const instant =
        Date.UTC(100 + Math.floor(random() * 9800), 0, 1) + Math.floor(random() * 365 * 86_400_000);
      // Offsets as PostgreSQL prints them: +HH, +HH:MM, +HH:MM:SS (LMT), either sign.
      const form = n % 3;
      const offsetSeconds =
        (random() < 0.5 ? -1 : 1) *
        (Math.floor(random() * 15) * 3600 + (form > 0 ? 1800 : 0) + (form > 1 ? 28 : 0));
      const local = new Date(instant + offsetSeconds * 1000);
      const digits = n % 7; // 0–6 fraction digits, trailing zeros dropped as PostgreSQL does
      const fraction =
        digits === 0
          ? ''
          : `.${pad(local.getUTCMilliseconds() * 1000 + (micros % 1000), 6).slice(0, digits)}`;
      const abs = Math.abs(offsetSeconds);
      const offset =
        `${offsetSeconds < 0 ? '-' : '+'}${pad(Math.floor(abs / 3600), 2)}` +
        (form > 0 ? `:${pad(Math.floor((abs % 3600) / 60), 2)}` : '') +
        (form > 1 ? `:${pad(abs % 60, 2)}` : '');
      const text =
        `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1, 2)}-${pad(local.getUTCDate(), 2)} ` +
        `${pad(local.getUTCHours(), 2)}:${pad(local.getUTCMinutes(), 2)}:${pad(local.getUTCSeconds(), 2)}${fraction}${offset}`;
      const millisShown = digits === 0 ? 0 : Math.floor(Number(`0${fraction}`) * 1000 + 1e-9);
      const expected = instant - local.getUTCMilliseconds() + millisShown;
      expect(parseTimestampText(text).getTime(), text).toBe(expected);
    }
  });

  it('reads years before 100 without the 1900s shift, and refuses malformed offsets', () => {
    expect(parseTimestampText('0099-12-31 23:59:59+00').getUTCFullYear()).toBe(99);
    expect(parseTimestampText('0100-01-01 00:00:00.5+00').toISOString()).toBe('0100-01-01T00:00:00.500Z');
    expect(codeOf(() => parseTimestampText('2024-01-02 03:04:05+'))).toBe('VALUE_INVALID');
    expect(codeOf(() => parseTimestampText('2024-01-02 03:04:05.+00'))).toBe('VALUE_INVALID');
    expect(codeOf(() => parseTimestampText('2024-01-02 03:04:05+00:3'))).toBe('VALUE_INVALID');
  });

  it('truncates microseconds, handles BC years, years past 9999 and infinity', () => {
    expect(parseTimestampText('2024-01-01 00:00:00.999999+00').getUTCMilliseconds()).toBe(999);
    expect(parseTimestampText('0044-03-15 12:00:00+00 BC').getUTCFullYear()).toBe(-43);
    expect(parseTimestampText('0012-05-06 00:00:00').getUTCFullYear()).toBe(12);
    expect(parseTimestampText('10000-01-01 00:00:00+00').getUTCFullYear()).toBe(10000);
    expect(parseTimestampText('infinity').getTime()).toBe(INFINITY_DATE_MS);
    expect(parseTimestampText('-infinity').getTime()).toBe(-INFINITY_DATE_MS);
  });

  it('formats parameters in UTC, infinity for the infinity dates, and refuses invalid dates', () => {
    expect(formatTimestampParameter(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)))).toBe(
      '2024-01-02T03:04:05.006Z',
    );
    expect(formatTimestampParameter(parseTimestampText('infinity'))).toBe('infinity');
    expect(formatTimestampParameter(parseTimestampText('-infinity'))).toBe('-infinity');
    expect(codeOf(() => formatTimestampParameter(new Date(Number.NaN)))).toBe('VALUE_INVALID');
    expect(codeOf(() => parseTimestampText('01/02/2024 03:04:05'))).toBe('VALUE_INVALID');
  });
});

describe('bytea text parser', () => {
  it('parses hex and escape output', () => {
    expect([...parseByteaText('\\x00ff10')]).toEqual([0, 255, 16]);
    expect([...parseByteaText('\\x')]).toEqual([]);
    expect([...parseByteaText('a\\000\\\\\\377')]).toEqual([97, 0, 92, 255]);
  });

  it('refuses malformed hex', () => {
    expect(codeOf(() => parseByteaText('\\x0'))).toBe('VALUE_INVALID');
  });
});
