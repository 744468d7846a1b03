import { describe, expect, it } from 'vitest';
import { binaryEncoderFor, CopyBuffer, floatToHalf } from '../../src/query/copy-binary.js';
import { copyTextRow, escapeCopyText } from '../../src/query/copy-text.js';

function encode(type: Parameters<typeof binaryEncoderFor>[0], value: unknown): Buffer {
  const out = new CopyBuffer(16);
  binaryEncoderFor(type)!(out, value);
  return out.take();
}

/** Reads numeric's binary form (PostgreSQL's numeric_send layout). */
function readNumeric(bytes: Buffer): {
  ndigits: number;
  weight: number;
  sign: number;
  dscale: number;
  digits: number[];
} {
  const ndigits = bytes.readInt16BE(0);
  return {
    ndigits,
    weight: bytes.readInt16BE(2),
    sign: bytes.readUInt16BE(4),
    dscale: bytes.readInt16BE(6),
    digits: Array.from({ length: ndigits }, (_, i) => bytes.readInt16BE(8 + 2 * i)),
  };
}

/** The decimal value a numeric's base-10000 digits stand for. */
function numericValue(n: ReturnType<typeof readNumeric>): number {
  const magnitude = n.digits.reduce((sum, digit, i) => sum + digit * 10_000 ** (n.weight - i), 0);
  return n.sign === 0x4000 ? -magnitude : magnitude;
}

describe('binary COPY encoders', () => {
  it('numeric: base-10000 digits, weight, sign and display scale', () => {
    for (const text of ['12345.678', '-0.0001', '1e3', '100000000', '0.5', '-98765432109876.54321']) {
      const n = readNumeric(encode({ name: 'numeric', typtype: 'b' }, text));
      expect(numericValue(n)).toBeCloseTo(Number(text), 6);
      expect(n.digits.every((d) => d >= 0 && d < 10_000)).toBe(true);
      if (n.ndigits > 0) {
        expect(n.digits[0]).not.toBe(0);
        expect(n.digits.at(-1)).not.toBe(0);
      }
    }
    expect(readNumeric(encode({ name: 'numeric', typtype: 'b' }, '12345.678')).dscale).toBe(3);
    expect(readNumeric(encode({ name: 'numeric', typtype: 'b' }, '0.000'))).toMatchObject({
      ndigits: 0,
      sign: 0,
      dscale: 3,
    });
  });

  it('halfvec elements round to nearest even half precision', () => {
    // IEEE 754 binary16 bit patterns.
    expect(floatToHalf(1)).toBe(0x3c00);
    expect(floatToHalf(-2)).toBe(0xc000);
    expect(floatToHalf(65504)).toBe(0x7bff);
    expect(floatToHalf(2 ** -24)).toBe(0x0001);
    expect(floatToHalf(2 ** -14)).toBe(0x0400);
    expect(floatToHalf(0)).toBe(0);
    // 1 + 2^-11 lies halfway between 1 and the next half; ties go to the even mantissa (1).
    expect(floatToHalf(1 + 2 ** -11)).toBe(0x3c00);
    expect(floatToHalf(1 + 3 * 2 ** -11)).toBe(0x3c02);
  });

  it('vector: int16 dimensions, int16 0, big-endian float32s', () => {
    const bytes = encode({ name: 'vector', typtype: 'b' }, [1.5, -2]);
    expect(bytes.readInt16BE(0)).toBe(2);
    expect(bytes.readInt16BE(2)).toBe(0);
    expect([bytes.readFloatBE(4), bytes.readFloatBE(8)]).toEqual([1.5, -2]);
  });

  it('sparsevec: dimensions, non-zero count, 0, then indices and values', () => {
    const bytes = encode(
      { name: 'sparsevec', typtype: 'b' },
      { dimensions: 9, indices: [2, 7], values: [0.5, 4] },
    );
    expect([0, 4, 8, 12, 16].map((at) => bytes.readInt32BE(at))).toEqual([9, 2, 0, 2, 7]);
    expect([bytes.readFloatBE(20), bytes.readFloatBE(24)]).toEqual([0.5, 4]);
  });

  it('timestamps count microseconds from 2000-01-01, dates days', () => {
    const at = new Date('2000-01-02T00:00:00.001Z');
    expect(encode({ name: 'timestamptz', typtype: 'b' }, at).readBigInt64BE(0)).toBe(86_400_001_000n);
    expect(
      encode({ name: 'timestamptz', typtype: 'b' }, new Date('1999-12-31T23:59:59Z')).readBigInt64BE(0),
    ).toBe(-1_000_000n);
    expect(encode({ name: 'date', typtype: 'b' }, '2000-03-01').readInt32BE(0)).toBe(60);
    expect(encode({ name: 'date', typtype: 'b' }, '0999-12-31').readInt32BE(0)).toBeLessThan(-365_000);
    expect(encode({ name: 'time', typtype: 'b' }, '01:00:00.5').readBigInt64BE(0)).toBe(3_600_500_000n);
  });

  it('arrays carry dimensions, a NULL flag and the element type OID', () => {
    const type = { name: '_int4', typtype: 'b', element: { name: 'int4', typtype: 'b', oid: 23 } };
    const bytes = encode(type, [
      [1, 2],
      [3, null],
    ]);
    expect([0, 4, 8, 12, 16, 20, 24].map((at) => bytes.readInt32BE(at))).toEqual([2, 1, 23, 2, 1, 2, 1]);
    expect(() => encode(type, [[1, 2], [3]])).toThrow(/rectangular/);
    expect(encode(type, []).readInt32BE(0)).toBe(0);
  });

  it('types without an encoder are reported, so the load falls back to text COPY', () => {
    expect(binaryEncoderFor({ name: 'interval', typtype: 'b' })).toBeUndefined();
    expect(
      binaryEncoderFor({
        name: '_tsvector',
        typtype: 'b',
        element: { name: 'tsvector', typtype: 'b', oid: 3614 },
      }),
    ).toBeUndefined();
    expect(binaryEncoderFor({ name: 'mood', typtype: 'e' })).toBeDefined();
  });

  it('a buffer grows past its chunk size and hands out what was written', () => {
    const out = new CopyBuffer(4);
    out.utf8('héllo wörld');
    out.int32(7);
    const chunk = out.take();
    expect(chunk.subarray(0, chunk.length - 4).toString('utf8')).toBe('héllo wörld');
    expect(chunk.readInt32BE(chunk.length - 4)).toBe(7);
    expect(out.length).toBe(0);
  });
});

describe('text COPY', () => {
  it('escapes backslashes, tabs and line breaks, and writes NULL as \\N', () => {
    expect(escapeCopyText('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyTextRow(['x', null, 3, true, new Uint8Array([1, 2])])).toBe('x\t\\N\t3\tt\t\\\\x0102\n');
  });
});
