import { SPARSEVEC_MAX_NON_ZERO } from '../db/codecs/sparsevec-text.js';
import { VECTOR_TYPES } from '../model/pgvector.js';
import type { ValueKind } from '../schema/value-kind.js';
import { formatArrayLiteral } from './array-literal.js';
import { describeValue, type ValueTarget, valueInvalid } from './value-error.js';

/**
 * Checks one non-null value against its column and turns it into the parameter both drivers
 * send the same way. Throws VALUE_INVALID naming the column. Built once per column, so the
 * write path does no reflection.
 */
export type PrepareValue = (value: unknown) => unknown;

/** What a column's checks need beyond its value kind. */
export interface PrepareOptions {
  /** Most non-zero elements a sparsevec may have: 1,000 when an HNSW index covers the column. */
  readonly maxSparseNonZero?: number;
}

const INT8_MIN = -(2n ** 63n);
const INT8_MAX = 2n ** 63n - 1n;
/** Largest finite half-precision float; pgvector refuses larger halfvec elements. */
const HALF_MAX = 65504;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(\.\d{1,6})?)?$|^24:00(?::00(?:\.0{1,6})?)?$/;
const NUMERIC = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER_TEXT = /^[+-]?\d+$/;
const BITS = /^[01]*$/;

type Factory<K extends ValueKind['kind']> = (
  kind: Extract<ValueKind, { kind: K }>,
  target: ValueTarget,
  options: PrepareOptions,
) => PrepareValue;

const FACTORIES: { readonly [K in ValueKind['kind']]: Factory<K> } = {
  integer: (kind, target) => (value) => {
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw valueInvalid(target, `expected a whole number, got ${describeValue(value)}.`);
    }
    if (value < kind.min || value > kind.max) {
      throw valueInvalid(target, `${value} is outside the column's range ${kind.min}..${kind.max}.`);
    }
    return value;
  },
  bigint: (_kind, target) => (value) => {
    let big: bigint;
    if (typeof value === 'bigint') big = value;
    else if (typeof value === 'number') {
      if (!Number.isSafeInteger(value)) {
        throw valueInvalid(
          target,
          Number.isInteger(value)
            ? `${value} is beyond 2^53 and may already have lost precision: pass a bigint (e.g. ${BigInt(value)}n).`
            : `expected a whole number, got ${describeValue(value)}.`,
        );
      }
      return value;
    } else if (typeof value === 'string' && INTEGER_TEXT.test(value)) big = BigInt(value);
    else throw valueInvalid(target, `expected a bigint, got ${describeValue(value)}.`);
    if (big < INT8_MIN || big > INT8_MAX)
      throw valueInvalid(target, `${big} does not fit in a 64-bit bigint.`);
    return big;
  },
  float: (_kind, target) => (value) => {
    if (typeof value !== 'number')
      throw valueInvalid(target, `expected a number, got ${describeValue(value)}.`);
    if (!Number.isFinite(value)) throw valueInvalid(target, `${value} is not a finite number.`);
    return value;
  },
  numeric: (kind, target) => {
    const maxIntegerDigits =
      kind.precision === undefined ? undefined : kind.precision - (kind.scale === undefined ? 0 : kind.scale);
    return (value) => {
      let text: string;
      if (typeof value === 'string') text = value.trim();
      else if (typeof value === 'number') {
        if (!Number.isFinite(value)) throw valueInvalid(target, `${value} is not a finite number.`);
        text = String(value);
      } else if (typeof value === 'bigint') text = value.toString();
      else throw valueInvalid(target, `expected a decimal string, got ${describeValue(value)}.`);
      if (!NUMERIC.test(text)) throw valueInvalid(target, `${describeValue(value)} is not a decimal number.`);
      if (maxIntegerDigits !== undefined && integerDigits(text) > maxIntegerDigits) {
        throw valueInvalid(
          target,
          `${describeValue(value)} has more than ${maxIntegerDigits} digits before the decimal point, ` +
            `the most numeric(${kind.precision}, ${kind.scale ?? 0}) holds.`,
        );
      }
      return text;
    };
  },
  boolean: (_kind, target) => (value) => {
    if (typeof value !== 'boolean')
      throw valueInvalid(target, `expected true or false, got ${describeValue(value)}.`);
    return value;
  },
  text: (kind, target) => {
    const max = kind.maxLength;
    return (value) => {
      if (typeof value !== 'string')
        throw valueInvalid(target, `expected a string, got ${describeValue(value)}.`);
      // PostgreSQL counts characters (code points), JavaScript UTF-16 units: only count when it may matter.
      if (max !== undefined && value.length > max) {
        const length = codePointLength(value);
        if (length > max) {
          throw valueInvalid(
            target,
            `the text is ${length} characters long; the column allows at most ${max}.`,
            {
              maxLength: max,
              length,
            },
          );
        }
      }
      if (value.includes('\0'))
        throw valueInvalid(target, 'the text contains a NUL character, which PostgreSQL cannot store.');
      return value;
    };
  },
  uuid: (_kind, target) => (value) => {
    if (typeof value !== 'string' || !UUID.test(value)) {
      throw valueInvalid(
        target,
        `${describeValue(value)} is not a UUID (expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).`,
      );
    }
    return value;
  },
  timestamp: (_kind, target) => (value) => {
    if (!(value instanceof Date)) throw valueInvalid(target, `expected a Date, got ${describeValue(value)}.`);
    if (Number.isNaN(value.getTime())) throw valueInvalid(target, 'the Date is invalid (its time is NaN).');
    return value;
  },
  date: (_kind, target) => (value) => {
    if (typeof value !== 'string') {
      throw valueInvalid(target, `expected a 'YYYY-MM-DD' string, got ${describeValue(value)}.`);
    }
    if (value === 'infinity' || value === '-infinity') return value;
    const m = DATE.exec(value);
    if (!m || !isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3]))) {
      throw valueInvalid(target, `${describeValue(value)} is not a calendar day written 'YYYY-MM-DD'.`);
    }
    return value;
  },
  time: (_kind, target) => (value) => {
    if (typeof value !== 'string' || !TIME.test(value)) {
      throw valueInvalid(
        target,
        `${describeValue(value)} is not a time of day written 'HH:MM[:SS[.ffffff]]'.`,
      );
    }
    return value;
  },
  interval: (_kind, target) => (value) => {
    if (typeof value !== 'string' || value.trim() === '') {
      throw valueInvalid(
        target,
        `expected an interval string such as '1 day 02:00:00', got ${describeValue(value)}.`,
      );
    }
    if (value.includes('\0')) throw valueInvalid(target, 'the interval contains a NUL character.');
    return value;
  },
  json: (_kind, target) => (value) => stringifyJson(value, target),
  bytea: (_kind, target) => (value) => {
    if (!(value instanceof Uint8Array))
      throw valueInvalid(target, `expected a Uint8Array or Buffer, got ${describeValue(value)}.`);
    return value;
  },
  enum: (kind, target) => {
    const allowed = new Set(kind.values);
    return (value) => {
      if (typeof value !== 'string' || !allowed.has(value)) {
        throw valueInvalid(
          target,
          `${describeValue(value)} is not one of the enum's values: ${kind.values.join(', ')}.`,
        );
      }
      return value;
    };
  },
  vector: (kind, target) => denseVector('vector', kind.dimensions, target),
  halfvec: (kind, target) => denseVector('halfvec', kind.dimensions, target),
  sparsevec: (kind, target, options) => (value) => formatSparse(value, kind.dimensions, target, options),
  bit: (kind, target) => (value) => {
    if (typeof value !== 'string' || !BITS.test(value)) {
      throw valueInvalid(target, `expected a string of 0s and 1s, got ${describeValue(value)}.`);
    }
    if (kind.length !== undefined && value.length !== kind.length) {
      throw valueInvalid(
        target,
        `bit(${kind.length}) needs exactly ${kind.length} bits; got ${value.length}.`,
      );
    }
    return value;
  },
  tsvector: (_kind, target) => (value) => {
    if (typeof value !== 'string')
      throw valueInvalid(target, `expected a tsvector string, got ${describeValue(value)}.`);
    return value;
  },
  array: (kind, target, options) => {
    const prepareArray = arrayElements(kind, target, options);
    return (value) => formatArrayLiteral(prepareArray(value) as unknown[]);
  },
};

/** Checks an array and its elements, returning the elements prepared (nested for more dimensions). */
function arrayElements(
  kind: Extract<ValueKind, { kind: 'array' }>,
  target: ValueTarget,
  options: PrepareOptions,
): PrepareValue {
  const element = makeValuePreparer(kind.element, target, options);
  const elementIsArray = ARRAY_VALUED.has(kind.element.kind);
  const prepareArray = (value: unknown): unknown => {
    if (!Array.isArray(value)) throw valueInvalid(target, `expected an array, got ${describeValue(value)}.`);
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i += 1) {
      const item: unknown = value[i];
      if (item === null || item === undefined) out[i] = null;
      // Nested arrays are the dimensions of a multi-dimensional array, unless an element is itself an array.
      else if (Array.isArray(item) && !elementIsArray) out[i] = prepareArray(item);
      else out[i] = element(item);
    }
    return out;
  };
  return prepareArray;
}

/** Element kinds whose JavaScript value is itself an array. */
const ARRAY_VALUED: ReadonlySet<ValueKind['kind']> = new Set(['vector', 'halfvec', 'json', 'array']);

/**
 * The checker and encoder of a column's values.
 *
 * @example
 * ```ts
 * const prepare = makeValuePreparer({ kind: 'vector', dimensions: 3 }, { table: 'docs', column: 'embedding' });
 * prepare([1, 2, 3]); // '[1,2,3]'
 * prepare([1, 2]); // throws VALUE_INVALID: docs.embedding: expected 3 dimensions, got 2
 * ```
 */
export function makeValuePreparer(
  kind: ValueKind,
  target: ValueTarget,
  options: PrepareOptions = {},
): PrepareValue {
  return (FACTORIES[kind.kind] as Factory<ValueKind['kind']>)(kind, target, options);
}

function denseVector(
  type: 'vector' | 'halfvec',
  dimensions: number | undefined,
  target: ValueTarget,
): PrepareValue {
  const check = denseVectorCheck(type, dimensions, target);
  return (value) => {
    const list = check(value);
    let text = '[';
    for (let i = 0; i < list.length; i += 1) text += i === 0 ? String(list[i]) : `,${list[i]}`;
    return `${text}]`;
  };
}

/** Checks a dense vector and returns it as it is (bulk loads encode it in binary). */
function denseVectorCheck(
  type: 'vector' | 'halfvec',
  dimensions: number | undefined,
  target: ValueTarget,
): (value: unknown) => ArrayLike<number> {
  const maxDims = VECTOR_TYPES[type].maxStoredDims;
  const limit = type === 'halfvec' ? HALF_MAX : Number.MAX_VALUE;
  return (value) => {
    if (!Array.isArray(value) && !(value instanceof Float32Array) && !(value instanceof Float64Array)) {
      throw valueInvalid(target, `expected an array of numbers, got ${describeValue(value)}.`);
    }
    const list = value as ArrayLike<unknown>;
    const n = list.length;
    if (dimensions !== undefined ? n !== dimensions : n < 1 || n > maxDims) {
      throw valueInvalid(
        target,
        dimensions !== undefined
          ? `expected ${dimensions} dimensions, got ${n}.`
          : `a ${type} has 1 to ${maxDims} dimensions, got ${n}.`,
        { expected: dimensions, actual: n },
      );
    }
    for (let i = 0; i < n; i += 1) {
      const x = list[i];
      // One comparison pair rejects NaN, ±Infinity, non-numbers and (for halfvec) out-of-range values.
      if (!((x as number) >= -limit && (x as number) <= limit) || typeof x !== 'number') {
        throw valueInvalid(
          target,
          typeof x === 'number' && Number.isFinite(x)
            ? `element ${i} is ${x}, beyond the largest half-precision value ±${HALF_MAX}.`
            : `element ${i} is ${describeValue(x)}; vectors hold finite numbers only (no NaN or Infinity).`,
          { index: i },
        );
      }
    }
    return list as ArrayLike<number>;
  };
}

/** A sparse vector checked and normalised: indices ascending, zeros dropped. */
interface NormalizedSparse {
  readonly dimensions: number;
  readonly indices: number[];
  readonly values: number[];
}

function formatSparse(
  value: unknown,
  dimensions: number | undefined,
  target: ValueTarget,
  options: PrepareOptions,
): string {
  const v = normalizeSparse(value, dimensions, target, options);
  let text = '{';
  for (let i = 0; i < v.indices.length; i += 1)
    text += `${i === 0 ? '' : ','}${v.indices[i]! + 1}:${v.values[i]}`;
  return `${text}}/${v.dimensions}`;
}

function normalizeSparse(
  value: unknown,
  dimensions: number | undefined,
  target: ValueTarget,
  options: PrepareOptions,
): NormalizedSparse {
  const v = value as { dimensions?: unknown; indices?: unknown; values?: unknown } | null;
  if (
    typeof v !== 'object' ||
    v === null ||
    typeof v.dimensions !== 'number' ||
    !Array.isArray(v.indices) ||
    !Array.isArray(v.values)
  ) {
    throw valueInvalid(target, 'expected a sparse vector { dimensions, indices, values }.');
  }
  const dims = v.dimensions;
  const indices = v.indices as unknown[];
  const values = v.values as unknown[];
  if (dimensions !== undefined && dims !== dimensions) {
    throw valueInvalid(target, `expected ${dimensions} dimensions, got ${dims}.`, {
      expected: dimensions,
      actual: dims,
    });
  }
  if (!Number.isInteger(dims) || dims < 1 || dims > VECTOR_TYPES.sparsevec.maxStoredDims) {
    throw valueInvalid(target, `a sparsevec needs a whole number of dimensions ≥ 1, got ${dims}.`);
  }
  if (indices.length !== values.length) {
    throw valueInvalid(
      target,
      `${indices.length} indices but ${values.length} values; give one value per index.`,
    );
  }
  const entries: Array<[number, number]> = [];
  for (let i = 0; i < indices.length; i += 1) {
    const index = indices[i];
    const x = values[i];
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= dims) {
      throw valueInvalid(
        target,
        `index ${describeValue(index)} is outside 0..${dims - 1} (indices are 0-based).`,
      );
    }
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      throw valueInvalid(
        target,
        `the value at index ${index} is ${describeValue(x)}; vectors hold finite numbers only.`,
      );
    }
    if (x !== 0) entries.push([index, x]);
  }
  entries.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < entries.length; i += 1) {
    if (entries[i]![0] === entries[i - 1]![0])
      throw valueInvalid(target, `index ${entries[i]![0]} appears twice.`);
  }
  const maxNonZero = options.maxSparseNonZero ?? SPARSEVEC_MAX_NON_ZERO;
  if (entries.length > maxNonZero) {
    throw valueInvalid(
      target,
      options.maxSparseNonZero === undefined
        ? `${entries.length} non-zero elements; a sparsevec stores at most ${maxNonZero}.`
        : `${entries.length} non-zero elements; the HNSW index on this column takes at most ${maxNonZero}.`,
      { nonZero: entries.length, maxNonZero },
    );
  }
  return { dimensions: dims, indices: entries.map((e) => e[0]), values: entries.map((e) => e[1]) };
}

/**
 * Like `makeValuePreparer`, but vectors stay numbers (checked, not formatted as text): for
 * bulk loads that encode them in binary.
 */
export function makeBulkValuePreparer(
  kind: ValueKind,
  target: ValueTarget,
  options: PrepareOptions = {},
): PrepareValue {
  switch (kind.kind) {
    case 'vector':
    case 'halfvec':
      return denseVectorCheck(kind.kind, kind.dimensions, target);
    case 'sparsevec':
      return (value) => normalizeSparse(value, kind.dimensions, target, options);
    case 'array':
      return arrayElements(kind, target, options);
    default:
      return makeValuePreparer(kind, target, options);
  }
}

/** JSON text for a json/jsonb parameter; bigint members become numbers, non-finite ones are refused. */
export function stringifyJson(value: unknown, target: ValueTarget): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value, (_key, member: unknown) => {
      if (typeof member === 'number' && !Number.isFinite(member)) {
        throw valueInvalid(target, `the JSON holds ${member}, which JSON cannot represent.`);
      }
      if (typeof member !== 'bigint') return member;
      if (member > BigInt(Number.MAX_SAFE_INTEGER) || member < BigInt(Number.MIN_SAFE_INTEGER)) {
        throw valueInvalid(
          target,
          `the JSON holds ${member}n, beyond what a JSON number keeps exactly: store it as a string.`,
        );
      }
      return Number(member);
    });
  } catch (error) {
    if (error instanceof Error && error.name === 'StrataError') throw error;
    throw valueInvalid(target, `the value cannot be written as JSON (${(error as Error).message}).`);
  }
  if (text === undefined) throw valueInvalid(target, `${describeValue(value)} cannot be written as JSON.`);
  // jsonb refuses the NUL escape; json would keep it, but one rule for both is simpler to explain.
  if (text.includes('\\u0000'))
    throw valueInvalid(target, 'the JSON holds a NUL character (\\u0000), which jsonb cannot store.');
  return text;
}

function integerDigits(text: string): number {
  const [mantissa = '', exponentText] = text.replace(/^[+-]/, '').split(/[eE]/);
  const point = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '');
  const leadingZeros = digits.length - digits.replace(/^0+/, '').length;
  if (leadingZeros === digits.length) return 0;
  const wholeDigits = (point < 0 ? mantissa.length : point) + Number(exponentText ?? 0) - leadingZeros;
  return Math.max(0, wholeDigits);
}

function codePointLength(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    // A high surrogate followed by a low one is one character.
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i += 1;
    }
    count += 1;
  }
  return count;
}

function isCalendarDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(2000, month, 0)).getUTCDate();
  const leap = month === 2 && day === 29;
  if (leap) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= days;
}
