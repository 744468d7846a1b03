import type { FastifySchema } from 'fastify';
import { describe, expect, it } from 'vitest';
import { documentChunks, documents } from '../../examples/documents/schema.js';
import { StrataError } from '../../src/errors/strata-error.js';
import {
  columnJsonSchema,
  fromJsonValue,
  tableHttpColumns,
  tableJsonSchemas,
  toJsonValue,
} from '../../src/http/index.js';
import { strictSchemaErrorFormatter, strictValidatorCompiler } from '../../src/http/request-validation.js';
import {
  bigint,
  bytea,
  date,
  integer,
  numeric,
  pgEnum,
  table,
  text,
  timestamptz,
  uuid,
  varchar,
  vector,
} from '../../src/schema/index.js';

const mood = pgEnum('http_mood', ['happy', 'sad']);
const samples = table('samples', {
  id: bigint().primaryKey().generatedAlwaysAsIdentity(),
  name: varchar(5).notNull(),
  age: integer(),
  price: numeric(6, 2),
  born: date(),
  seen_at: timestamptz(),
  feeling: mood(),
  photo: bytea(),
  owner: uuid().notNull(),
  embedding: vector(3),
  tags: text().array(),
});

type Validate = ((data: unknown) => boolean) & { errors?: unknown[] | null };

function validator(
  schema: unknown,
  httpPart: 'body' | 'querystring' | 'params',
): (data: unknown) => Error | undefined {
  const validate = strictValidatorCompiler({
    schema: schema as FastifySchema,
    method: 'POST',
    url: '/',
    httpPart,
  }) as Validate;
  return (data) => {
    if (validate(data)) return undefined;
    return strictSchemaErrorFormatter(validate.errors as never, httpPart);
  };
}

describe('JSON Schemas derived from a table', () => {
  it('a create body requires the NOT NULL columns without a default and refuses role and generated columns', () => {
    const schemas = tableJsonSchemas(tableHttpColumns(documents));
    expect(schemas.create.required).toEqual(['title', 'content']);
    expect(Object.keys(schemas.create.properties as object).sort()).toEqual(
      ['content', 'id', 'metadata', 'source', 'title'].sort(),
    );
    expect(schemas.create.additionalProperties).toBe(false);
  });

  it('an update body takes any writable column but the primary key, and at least one', () => {
    const schemas = tableJsonSchemas(tableHttpColumns(documents));
    expect(Object.keys(schemas.update.properties as object).sort()).toEqual([
      'content',
      'metadata',
      'source',
      'title',
    ]);
    expect(schemas.update.minProperties).toBe(1);
  });

  it('responses leave vector columns out unless asked for, and generated columns stay readable', () => {
    const plain = tableHttpColumns(documentChunks).response.map((c) => c.columnName);
    expect(plain).not.toContain('embedding');
    expect(plain).toContain('search_vector');
    const withVectors = tableHttpColumns(documentChunks, { vectors: ['embedding'] }).response.map(
      (c) => c.columnName,
    );
    expect(withVectors).toContain('embedding');
  });

  it('column types become JSON types: varchar length, enum labels, vector length, nullable columns accept null', () => {
    expect(columnJsonSchema(samples.columns.name)).toEqual({ type: 'string', maxLength: 5 });
    expect(columnJsonSchema(samples.columns.feeling)).toEqual({
      type: ['string', 'null'],
      enum: ['happy', 'sad', null],
    });
    expect(columnJsonSchema(samples.columns.embedding)).toMatchObject({
      type: ['array', 'null'],
      minItems: 3,
      maxItems: 3,
    });
    expect(columnJsonSchema(samples.columns.id, 'response')).toMatchObject({ type: 'string' });
  });

  it('a NOT NULL JSON column accepts any JSON value but null', () => {
    const update = validator(tableJsonSchemas(tableHttpColumns(documents)).update, 'body');
    expect(update({ metadata: { tags: ['a'] } })).toBeUndefined();
    expect(update({ metadata: 'text' })).toBeUndefined();
    expect((update({ metadata: null }) as StrataError).message).toBe(
      'Invalid request body: body.metadata must not be null.',
    );
  });

  it('names unknown columns in the options', () => {
    expect(() => tableHttpColumns(samples, { omit: ['nope'] })).toThrow(
      /omit option names "nope".*columns are: id, name/,
    );
  });
});

describe('request validation', () => {
  const schemas = tableJsonSchemas(tableHttpColumns(samples));
  const body = validator(schemas.create, 'body');

  it('accepts a body of the right types', () => {
    expect(
      body({
        name: 'ab',
        age: 3,
        price: '12.50',
        born: '2020-02-29',
        seen_at: '2024-05-01T10:00:00Z',
        feeling: null,
        photo: 'aGk=',
        owner: '0b7c1c2e-1f7e-4a53-9c1a-2f8d4b8a6e11',
        embedding: [1, 2, 3],
        tags: ['a', null],
      }),
    ).toBeUndefined();
  });

  it('refuses strings for numbers instead of coercing them, and names each problem', () => {
    const error = body({ name: 'ab', age: '3', owner: 'x' }) as StrataError;
    expect(error).toBeInstanceOf(StrataError);
    expect(error.code).toBe('VALUE_INVALID');
    expect(error.message).toContain('body.age must be a whole number or null');
    expect(error.message).toContain('body.owner must be a UUID');
  });

  it('refuses unknown fields and missing required ones, listing the known fields', () => {
    const error = body({ nam: 'x' }) as StrataError;
    expect(error.message).toContain('body.name is required');
    expect(error.message).toContain('body.owner is required');
    expect(error.message).toMatch(/body\.nam is not a known field \(known: name, age,/);
  });

  it('refuses text over the varchar length, out-of-range integers, wrong vector lengths and bad dates', () => {
    const error = body({
      name: 'toolong',
      age: 2 ** 31,
      owner: '0b7c1c2e-1f7e-4a53-9c1a-2f8d4b8a6e11',
      embedding: [1, 2],
      born: '2021-02-30',
      seen_at: '2024-05-01 10:00',
    }) as StrataError;
    expect(error.message).toContain('body.name must be at most 5 characters long');
    expect(error.message).toContain('body.age must be <= 2147483647');
    expect(error.message).toContain('body.embedding must have exactly 3 items');
    expect(error.message).toContain("body.born must be a calendar day written 'YYYY-MM-DD'");
    expect(error.message).toContain('body.seen_at must be an RFC 3339 date-time');
  });

  it('coerces path parameters, which are always text, to the key type', () => {
    const keyed = table('keyed', { id: integer().primaryKey() });
    const params = validator(tableJsonSchemas(tableHttpColumns(keyed)).params, 'params');
    const data = { id: '42' };
    expect(params(data)).toBeUndefined();
    expect(data.id).toBe(42);
    expect((params({ id: 'abc' }) as StrataError).message).toBe(
      'Invalid path: params.id must be a whole number.',
    );
  });
});

describe('JSON values', () => {
  it('request values become column values: instants to Dates, base64 to bytes', () => {
    expect(fromJsonValue({ kind: 'timestamp' }, '2024-05-01T10:00:00Z')).toEqual(
      new Date('2024-05-01T10:00:00Z'),
    );
    expect(fromJsonValue({ kind: 'bytea' }, 'aGk=')).toEqual(Buffer.from('hi'));
    expect(
      fromJsonValue({ kind: 'array', element: { kind: 'timestamp' } }, ['1970-01-01T00:00:00Z', null]),
    ).toEqual([new Date(0), null]);
  });

  it('row values become JSON: Dates to RFC 3339, bigints to strings, bytes to base64', () => {
    expect(
      toJsonValue({ a: new Date(0), b: 2n ** 60n, c: Buffer.from('hi'), d: [1n], e: { f: null } }),
    ).toEqual({
      a: '1970-01-01T00:00:00.000Z',
      b: '1152921504606846976',
      c: 'aGk=',
      d: ['1'],
      e: { f: null },
    });
  });
});
