/**
 * PostgreSQL's binary COPY format (`COPY … FROM STDIN WITH (FORMAT BINARY)`): a header, then
 * per row an int16 field count and per field an int32 length (-1 for NULL) and the type's
 * binary "send" form, then an int16 -1 trailer. Encoders exist for the types repositories
 * write; a table with any other type is loaded with text COPY instead.
 */

/** `PGCOPY\n\377\r\n\0`, flags 0, header extension length 0. */
export const COPY_BINARY_HEADER: Buffer = Buffer.from([
  0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0,
]);

/** The file trailer: a field count of -1. */
export const COPY_BINARY_TRAILER: Buffer = Buffer.from([0xff, 0xff]);

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
let scratch = new Float32Array(2048);
let scratchBytes = Buffer.from(scratch.buffer);

const POSTGRES_EPOCH_MS = Date.UTC(2000, 0, 1);
const DAY_MS = 86_400_000;
const TWO_32 = 2 ** 32;
const INFINITY_MS = 8.64e15;

/**
 * A growing byte buffer that hands out filled chunks: rows are written into it and `take()`
 * returns what was written, so a COPY stream gets large writes without per-field copies.
 */
export class CopyBuffer {
  #buffer: Buffer;
  #position = 0;
  readonly #chunkSize: number;

  constructor(chunkSize = 1 << 20) {
    this.#chunkSize = chunkSize;
    this.#buffer = Buffer.allocUnsafe(chunkSize);
  }

  /** Bytes written since the last `take()`. */
  get length(): number {
    return this.#position;
  }

  /** The bytes written so far, as a chunk to send; the buffer starts afresh. */
  take(): Buffer {
    const chunk = this.#buffer.subarray(0, this.#position);
    this.#buffer = Buffer.allocUnsafe(Math.max(this.#chunkSize, this.#buffer.length));
    this.#position = 0;
    return chunk;
  }

  ensure(bytes: number): void {
    if (this.#position + bytes <= this.#buffer.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.#buffer.length * 2, this.#position + bytes));
    this.#buffer.copy(next, 0, 0, this.#position);
    this.#buffer = next;
  }

  int16(value: number): void {
    this.ensure(2);
    this.#buffer.writeInt16BE(value, this.#position);
    this.#position += 2;
  }

  uint16(value: number): void {
    this.ensure(2);
    this.#buffer.writeUInt16BE(value, this.#position);
    this.#position += 2;
  }

  int32(value: number): void {
    this.ensure(4);
    this.#buffer.writeInt32BE(value, this.#position);
    this.#position += 4;
  }

  uint32(value: number): void {
    this.ensure(4);
    this.#buffer.writeUInt32BE(value, this.#position);
    this.#position += 4;
  }

  /** A whole number as int64 (exact up to 2^53). */
  int64(value: number): void {
    this.ensure(8);
    const high = Math.floor(value / TWO_32);
    this.#buffer.writeInt32BE(high, this.#position);
    this.#buffer.writeUInt32BE(value - high * TWO_32, this.#position + 4);
    this.#position += 8;
  }

  bigint64(value: bigint): void {
    this.ensure(8);
    this.#buffer.writeBigInt64BE(value, this.#position);
    this.#position += 8;
  }

  float32(value: number): void {
    this.ensure(4);
    this.#buffer.writeFloatBE(value, this.#position);
    this.#position += 4;
  }

  float64(value: number): void {
    this.ensure(8);
    this.#buffer.writeDoubleBE(value, this.#position);
    this.#position += 8;
  }

  byte(value: number): void {
    this.ensure(1);
    this.#buffer[this.#position] = value;
    this.#position += 1;
  }

  bytes(value: Uint8Array): void {
    this.ensure(value.length);
    this.#buffer.set(value, this.#position);
    this.#position += value.length;
  }

  utf8(value: string): void {
    this.ensure(value.length * 3);
    this.#position += this.#buffer.write(value, this.#position, 'utf8');
  }

  /** Starts a field: reserves its length word, returns where it is. */
  beginField(): number {
    this.ensure(4);
    const at = this.#position;
    this.#position += 4;
    return at;
  }

  /** Ends a field: writes its length into the reserved word. */
  endField(at: number): void {
    this.#buffer.writeInt32BE(this.#position - at - 4, at);
  }

  /**
   * A vector body: float32s, big-endian. On little-endian machines the numbers are converted
   * by a Float32Array in one native call and byte-swapped with `swap32`, several times faster
   * than one `writeFloatBE` per element.
   */
  float32s(values: ArrayLike<number>): void {
    const n = values.length;
    this.ensure(n * 4);
    if (LITTLE_ENDIAN) {
      if (scratch.length < n) {
        scratch = new Float32Array(n);
        scratchBytes = Buffer.from(scratch.buffer);
      }
      scratch.set(values as ArrayLike<number>);
      const bytes = scratchBytes.subarray(0, n * 4);
      bytes.swap32();
      this.#buffer.set(bytes, this.#position);
      this.#position += n * 4;
      return;
    }
    const buffer = this.#buffer;
    let at = this.#position;
    for (let i = 0; i < n; i += 1) {
      buffer.writeFloatBE(values[i]!, at);
      at += 4;
    }
    this.#position = at;
  }
}

/** Writes a non-null value's binary form (without the length word). */
export type BinaryEncoder = (out: CopyBuffer, value: unknown) => void;

/** A column's type as the catalog describes it. */
export interface PgTypeInfo {
  /** `typname`: `int4`, `varchar`, `vector`, `_text`, … */
  readonly name: string;
  /** `typtype`: `b` base, `e` enum, `d` domain, … */
  readonly typtype: string;
  /** Element type of an array type. */
  readonly element?: PgTypeInfo & { readonly oid: number };
}

const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);

/**
 * A number as IEEE half precision bits, rounding to nearest even like pgvector's conversion
 * from `real`.
 */
export function floatToHalf(value: number): number {
  F32[0] = value;
  const bits = U32[0]!;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  let mantissa = bits & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa === 0 ? 0 : 0x200);
  const e = exponent - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mantissa |= 0x800000;
    const shift = 14 - e;
    let half = mantissa >>> shift;
    const rest = mantissa & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    if (rest > halfway || (rest === halfway && (half & 1) === 1)) half += 1;
    return sign | half;
  }
  let half = (e << 10) | (mantissa >>> 13);
  const rest = mantissa & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && (half & 1) === 1)) half += 1;
  return sign | half;
}

function encodeNumeric(out: CopyBuffer, value: unknown): void {
  const text = String(value).trim();
  if (text === 'NaN') {
    out.int16(0);
    out.int16(0);
    out.uint16(0xc000);
    out.int16(0);
    return;
  }
  const negative = text.startsWith('-');
  const unsigned = text.replace(/^[+-]/, '');
  const [mantissa = '', exponentText] = unsigned.split(/[eE]/);
  const point = mantissa.indexOf('.');
  let digits = mantissa.replace('.', '');
  let position = (point < 0 ? mantissa.length : point) + Number(exponentText ?? 0);
  if (position < 0) {
    digits = '0'.repeat(-position) + digits;
    position = 0;
  }
  if (position > digits.length) digits += '0'.repeat(position - digits.length);
  const whole = digits.slice(0, position);
  const fraction = digits.slice(position);
  const dscale = fraction.length;
  const wholePadded = '0'.repeat((4 - (whole.length % 4)) % 4) + whole;
  const fractionPadded = fraction + '0'.repeat((4 - (fraction.length % 4)) % 4);
  const groups: number[] = [];
  for (let i = 0; i < wholePadded.length; i += 4) groups.push(Number(wholePadded.slice(i, i + 4)));
  let weight = groups.length - 1;
  for (let i = 0; i < fractionPadded.length; i += 4) groups.push(Number(fractionPadded.slice(i, i + 4)));
  let start = 0;
  while (start < groups.length && groups[start] === 0) {
    start += 1;
    weight -= 1;
  }
  let end = groups.length;
  while (end > start && groups[end - 1] === 0) end -= 1;
  const kept = groups.slice(start, end);
  out.int16(kept.length);
  out.int16(kept.length === 0 ? 0 : weight);
  out.uint16(negative && kept.length > 0 ? 0x4000 : 0);
  out.int16(dscale);
  for (const group of kept) out.int16(group);
}

function encodeTimestamp(out: CopyBuffer, value: unknown): void {
  const ms = (value as Date).getTime();
  if (ms >= INFINITY_MS) out.bigint64(0x7fffffffffffffffn);
  else if (ms <= -INFINITY_MS) out.bigint64(-0x8000000000000000n);
  else out.int64((ms - POSTGRES_EPOCH_MS) * 1000);
}

function encodeDate(out: CopyBuffer, value: unknown): void {
  const text = value as string;
  if (text === 'infinity' || text === '-infinity') {
    out.int32(text === 'infinity' ? 0x7fffffff : -0x80000000);
    return;
  }
  const date = new Date(0);
  date.setUTCFullYear(Number(text.slice(0, 4)), Number(text.slice(5, 7)) - 1, Number(text.slice(8, 10)));
  out.int32(Math.round((date.getTime() - POSTGRES_EPOCH_MS) / DAY_MS));
}

function encodeTime(out: CopyBuffer, value: unknown): void {
  const [h = '0', m = '0', s = '0'] = (value as string).split(':');
  const [whole = '0', fraction = ''] = s.split('.');
  const micros =
    Number(h) * 3_600_000_000 +
    Number(m) * 60_000_000 +
    Number(whole) * 1_000_000 +
    Number(fraction.padEnd(6, '0').slice(0, 6) || '0');
  out.int64(micros);
}

function encodeUuid(out: CopyBuffer, value: unknown): void {
  out.bytes(Buffer.from((value as string).replaceAll('-', ''), 'hex'));
}

function encodeBits(out: CopyBuffer, value: unknown): void {
  const bits = value as string;
  out.int32(bits.length);
  const bytes = new Uint8Array(Math.ceil(bits.length / 8));
  for (let i = 0; i < bits.length; i += 1) if (bits.charCodeAt(i) === 49) bytes[i >> 3]! |= 0x80 >> (i & 7);
  out.bytes(bytes);
}

function encodeVector(out: CopyBuffer, value: unknown): void {
  const values = value as ArrayLike<number>;
  out.int16(values.length);
  out.int16(0);
  out.float32s(values);
}

function encodeHalfvec(out: CopyBuffer, value: unknown): void {
  const values = value as ArrayLike<number>;
  out.int16(values.length);
  out.int16(0);
  for (let i = 0; i < values.length; i += 1) out.uint16(floatToHalf(values[i]!));
}

function encodeSparsevec(out: CopyBuffer, value: unknown): void {
  const v = value as { dimensions: number; indices: readonly number[]; values: readonly number[] };
  out.int32(v.dimensions);
  out.int32(v.indices.length);
  out.int32(0);
  for (const index of v.indices) out.int32(index);
  out.float32s(v.values);
}

function encodeInteger(bytes: 2 | 4): BinaryEncoder {
  return bytes === 2
    ? (out, value) => out.int16(value as number)
    : (out, value) => out.int32(value as number);
}

function encodeInt8(out: CopyBuffer, value: unknown): void {
  if (typeof value === 'bigint') out.bigint64(value);
  else out.int64(value as number);
}

const encodeText: BinaryEncoder = (out, value) => out.utf8(value as string);

const SCALAR_ENCODERS: Readonly<Record<string, BinaryEncoder>> = {
  bool: (out, value) => out.byte(value ? 1 : 0),
  int2: encodeInteger(2),
  int4: encodeInteger(4),
  int8: encodeInt8,
  float4: (out, value) => out.float32(value as number),
  float8: (out, value) => out.float64(value as number),
  numeric: encodeNumeric,
  text: encodeText,
  varchar: encodeText,
  bpchar: encodeText,
  name: encodeText,
  json: encodeText,
  jsonb: (out, value) => {
    out.byte(1);
    out.utf8(value as string);
  },
  bytea: (out, value) => out.bytes(value as Uint8Array),
  uuid: encodeUuid,
  timestamptz: encodeTimestamp,
  timestamp: encodeTimestamp,
  date: encodeDate,
  time: encodeTime,
  bit: encodeBits,
  varbit: encodeBits,
  vector: encodeVector,
  halfvec: encodeHalfvec,
  sparsevec: encodeSparsevec,
};

function scalarEncoder(type: PgTypeInfo): BinaryEncoder | undefined {
  if (type.typtype === 'e') return encodeText;
  return Object.hasOwn(SCALAR_ENCODERS, type.name) ? SCALAR_ENCODERS[type.name] : undefined;
}

/** Shape of a (possibly nested) JavaScript array: its dimensions and elements in row-major order. */
function flatten(value: readonly unknown[], elementIsArray: boolean): { dims: number[]; items: unknown[] } {
  if (elementIsArray) return { dims: value.length === 0 ? [] : [value.length], items: [...value] };
  const dims: number[] = [];
  let level: unknown = value;
  while (Array.isArray(level)) {
    dims.push(level.length);
    if (level.length === 0) break;
    level = level[0];
  }
  if (dims.includes(0)) return { dims: [], items: [] };
  const items: unknown[] = [];
  const walk = (node: unknown, depth: number): void => {
    if (depth === dims.length) {
      items.push(node);
      return;
    }
    if (!Array.isArray(node) || node.length !== dims[depth]) {
      throw new TypeError('a multi-dimensional array must be rectangular (every sub-array the same length)');
    }
    for (const child of node) walk(child, depth + 1);
  };
  walk(value, 0);
  return { dims, items };
}

const ARRAY_VALUED_ELEMENTS = new Set(['vector', 'halfvec', 'json', 'jsonb']);

/**
 * The binary encoder of a column type, or undefined when Strata has none (the load then
 * uses text COPY).
 *
 * @example
 * ```ts
 * const encode = binaryEncoderFor({ name: 'vector', typtype: 'b' })!;
 * const out = new CopyBuffer();
 * encode(out, [1, 2, 3]); // int16 3, int16 0, three big-endian float32s
 * ```
 */
export function binaryEncoderFor(type: PgTypeInfo): BinaryEncoder | undefined {
  const element = type.element;
  if (element === undefined) return scalarEncoder(type);
  const encodeElement = scalarEncoder(element);
  if (encodeElement === undefined) return undefined;
  const elementIsArray = ARRAY_VALUED_ELEMENTS.has(element.name);
  return (out, value) => {
    const { dims, items } = flatten(value as readonly unknown[], elementIsArray);
    const hasNull = items.some((item) => item === null || item === undefined);
    out.int32(dims.length);
    out.int32(hasNull ? 1 : 0);
    out.uint32(element.oid);
    for (const size of dims) {
      out.int32(size);
      out.int32(1);
    }
    for (const item of items) {
      if (item === null || item === undefined) out.int32(-1);
      else {
        const at = out.beginField();
        encodeElement(out, item);
        out.endField(at);
      }
    }
  };
}
