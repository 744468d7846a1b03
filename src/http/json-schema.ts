import type { AnyColumn } from '../schema/column.js';
import type { ValueKind } from '../schema/value-kind.js';
import { assertNever } from '../util/assert-never.js';

/** A JSON Schema (draft-07 vocabulary, which OpenAPI 3.1 and Ajv both read), as a plain value. */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** Which way a value crosses HTTP: in a request (what a client may send) or in a response (what it gets). */
export type JsonDirection = 'request' | 'response';

const NUMERIC_PATTERN = '^[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?$';
const INT8_PATTERN = '^-?\\d{1,19}$';
const TIME_PATTERN =
  '^(?:[01]\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d(?:\\.\\d{1,6})?)?$|^24:00(?::00(?:\\.0{1,6})?)?$';
const BASE64_PATTERN = '^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$';

/**
 * The JSON Schema of a column's values as they travel in JSON, derived from its value kind:
 * instants are RFC 3339 strings, `bytea` is base64, 64-bit integers are strings (a JSON number
 * loses precision past 2^53; requests may also send a safe integer), vectors are arrays of
 * numbers of the declared length. Nullable columns accept `null`.
 *
 * @example
 * ```ts
 * import { table, varchar, uuid } from 'strata/schema';
 * const users = table('users', { id: uuid().primaryKey(), name: varchar(80).notNull() });
 * columnJsonSchema(users.columns.name); // { type: 'string', maxLength: 80 }
 * ```
 */
export function columnJsonSchema(column: AnyColumn, direction: JsonDirection = 'request'): JsonSchema {
  const spec = column.spec;
  const base = valueKindJsonSchema(spec.valueKind, {
    direction,
    bigintAsNumber: spec.mode === 'number',
  });
  const described = spec.comment === undefined ? base : { ...base, description: spec.comment };
  if (!(spec.notNull || spec.primaryKey)) return nullable(described);
  // A schema without a type (JSON columns) accepts null too, which a NOT NULL column refuses.
  return 'type' in described ? described : { ...described, not: { type: 'null' } };
}

export interface ValueKindSchemaOptions {
  readonly direction: JsonDirection;
  /** A `bigint({ mode: 'number' })` column: its values are JSON numbers both ways. */
  readonly bigintAsNumber?: boolean;
}

/** The JSON Schema of one value kind (see `columnJsonSchema`). */
export function valueKindJsonSchema(kind: ValueKind, options: ValueKindSchemaOptions): JsonSchema {
  switch (kind.kind) {
    case 'integer':
      return { type: 'integer', minimum: kind.min, maximum: kind.max };
    case 'bigint':
      if (options.bigintAsNumber) return { type: 'integer' };
      return options.direction === 'response'
        ? { type: 'string', pattern: INT8_PATTERN, description: 'A 64-bit integer, as a decimal string.' }
        : {
            type: ['string', 'integer'],
            pattern: INT8_PATTERN,
            description: 'A 64-bit integer: a decimal string, or a JSON number up to 2^53.',
          };
    case 'float':
      return { type: 'number' };
    case 'numeric':
      return options.direction === 'response'
        ? { type: 'string', pattern: NUMERIC_PATTERN, description: numericDescription(kind) }
        : { type: ['string', 'number'], pattern: NUMERIC_PATTERN, description: numericDescription(kind) };
    case 'boolean':
      return { type: 'boolean' };
    case 'text':
      return kind.maxLength === undefined
        ? { type: 'string' }
        : { type: 'string', maxLength: kind.maxLength };
    case 'uuid':
      return { type: 'string', format: 'uuid' };
    case 'timestamp':
      return { type: 'string', format: 'date-time' };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'time':
      return { type: 'string', pattern: TIME_PATTERN, description: 'A time of day, HH:MM[:SS[.ffffff]].' };
    case 'interval':
      return { type: 'string', minLength: 1, description: "A PostgreSQL interval, e.g. '1 day 02:00:00'." };
    case 'json':
      return { description: 'Any JSON value.' };
    case 'bytea':
      return { type: 'string', pattern: BASE64_PATTERN, contentEncoding: 'base64' };
    case 'enum':
      return { type: 'string', enum: [...kind.values] };
    case 'vector':
    case 'halfvec':
      return {
        type: 'array',
        items: { type: 'number' },
        ...(kind.dimensions === undefined
          ? { minItems: 1 }
          : { minItems: kind.dimensions, maxItems: kind.dimensions }),
      };
    case 'sparsevec':
      return {
        type: 'object',
        required: ['dimensions', 'indices', 'values'],
        additionalProperties: false,
        properties: {
          dimensions:
            kind.dimensions === undefined
              ? { type: 'integer', minimum: 1 }
              : { type: 'integer', const: kind.dimensions },
          indices: { type: 'array', items: { type: 'integer', minimum: 0 } },
          values: { type: 'array', items: { type: 'number' } },
        },
        description: 'A sparse vector: 0-based indices of the non-zero elements and their values.',
      };
    case 'bit':
      return kind.length === undefined
        ? { type: 'string', pattern: '^[01]*$' }
        : { type: 'string', pattern: '^[01]*$', minLength: kind.length, maxLength: kind.length };
    case 'tsvector':
      return { type: 'string' };
    case 'array':
      return { type: 'array', items: nullable(valueKindJsonSchema(kind.element, options)) };
    default:
      return assertNever(kind, 'value kind');
  }
}

function numericDescription(kind: Extract<ValueKind, { kind: 'numeric' }>): string {
  if (kind.precision === undefined) return 'An exact decimal number, as a string.';
  return `An exact decimal number, numeric(${kind.precision}, ${kind.scale ?? 0}), as a string.`;
}

/** The same schema, also accepting `null`. */
export function nullable(schema: JsonSchema): JsonSchema {
  if (!('type' in schema)) return schema; // accepts anything already, null included
  if (Array.isArray(schema.enum))
    return { ...schema, type: withNull(schema.type), enum: [...schema.enum, null] };
  return { ...schema, type: withNull(schema.type) };
}

function withNull(type: unknown): unknown {
  if (Array.isArray(type)) return type.includes('null') ? type : [...type, 'null'];
  return type === 'null' ? type : [type, 'null'];
}
