import { describe, expect, it } from 'vitest';
import {
  formatSqlType,
  normalizeTypeName,
  parseColumnType,
  parseSqlType,
} from '../../src/catalog/normalize.js';
import { decodeBuiltinTypmod, decodeExtensionTypmod } from '../../src/catalog/typmod.js';
import { isStrataError } from '../../src/errors/strata-error.js';
import { sqlType } from '../../src/model/sql-type.js';

describe('normalizeTypeName', () => {
  it.each([
    ['int', 'integer'],
    ['int4', 'integer'],
    ['INTEGER', 'integer'],
    ['int8', 'bigint'],
    ['int2', 'smallint'],
    ['float8', 'double precision'],
    ['float', 'double precision'],
    ['float4', 'real'],
    ['bool', 'boolean'],
    ['varchar', 'character varying'],
    ['char', 'character'],
    ['bpchar', 'character'],
    ['timestamptz', 'timestamp with time zone'],
    ['timestamp', 'timestamp without time zone'],
    ['timetz', 'time with time zone'],
    ['time', 'time without time zone'],
    ['decimal', 'numeric'],
    ['varbit', 'bit varying'],
    ['Timestamp  With Time   Zone', 'timestamp with time zone'],
    ['pg_catalog.int4', 'integer'],
  ])('spells %s the way format_type prints it: %s', (input, canonical) => {
    expect(normalizeTypeName(input)).toEqual({ name: canonical, serial: false });
  });

  it.each([
    ['serial', 'integer'],
    ['serial4', 'integer'],
    ['bigserial', 'bigint'],
    ['serial8', 'bigint'],
    ['smallserial', 'smallint'],
    ['SERIAL2', 'smallint'],
  ])('turns %s into %s with the serial flag', (input, canonical) => {
    expect(normalizeTypeName(input)).toEqual({ name: canonical, serial: true });
  });

  it('keeps extension and user types, lower-cased unless quoted', () => {
    expect(normalizeTypeName('Vector')).toEqual({ name: 'vector', serial: false });
    expect(normalizeTypeName('"Mood"')).toEqual({ name: 'Mood', serial: false });
  });

  it('keeps the internal "char" type apart from character', () => {
    expect(normalizeTypeName('"char"').name).toBe('"char"');
  });
});

describe('parseSqlType', () => {
  it.each([
    ['varchar(50)', sqlType('character varying', [50])],
    ['character varying', sqlType('character varying')],
    ['numeric(10, 2)', sqlType('numeric', [10, 2])],
    ['decimal(5)', sqlType('numeric', [5, 0])],
    ['numeric', sqlType('numeric')],
    ['vector(1536)', sqlType('vector', [1536])],
    ['halfvec(3072)', sqlType('halfvec', [3072])],
    ['sparsevec(30000)', sqlType('sparsevec', [30000])],
    ['text[]', sqlType('text', [], { arrayDims: 1 })],
    ['integer[][]', sqlType('integer', [], { arrayDims: 1 })],
    ['int[3]', sqlType('integer', [], { arrayDims: 1 })],
    ['int ARRAY', sqlType('integer', [], { arrayDims: 1 })],
    ['varchar(20)[]', sqlType('character varying', [20], { arrayDims: 1 })],
    ['timestamp(3) with time zone', sqlType('timestamp with time zone', [3])],
    ['timestamptz(6)', sqlType('timestamp with time zone', [6])],
    ['timestamp', sqlType('timestamp without time zone')],
    ['time(2) with time zone', sqlType('time with time zone', [2])],
    ['interval day to second(3)', sqlType('interval day to second', [3])],
    ['interval(2)', sqlType('interval', [2])],
    ['app.mood', sqlType('mood', [], { schema: 'app' })],
    ['app.mood[]', sqlType('mood', [], { schema: 'app', arrayDims: 1 })],
    ['"App"."Mood"', sqlType('Mood', [], { schema: 'App' })],
    ['pg_catalog.int8', sqlType('bigint')],
    ['double precision', sqlType('double precision')],
    ['bit varying(5)', sqlType('bit varying', [5])],
    ['jsonb', sqlType('jsonb')],
    ['uuid', sqlType('uuid')],
    ['tsvector', sqlType('tsvector')],
  ])('parses %s', (text, expected) => {
    expect(parseSqlType(text)).toEqual(expected);
  });

  it("applies PostgreSQL's implicit lengths: char is character(1), bit is bit(1), bpchar has none", () => {
    expect(parseSqlType('char')).toEqual(sqlType('character', [1]));
    expect(parseSqlType('character')).toEqual(sqlType('character', [1]));
    expect(parseSqlType('bit')).toEqual(sqlType('bit', [1]));
    expect(parseSqlType('bpchar')).toEqual(sqlType('character'));
  });

  it('turns float(p) into real up to 24 bits of precision and double precision above', () => {
    expect(parseSqlType('float(24)')).toEqual(sqlType('real'));
    expect(parseSqlType('float(25)')).toEqual(sqlType('double precision'));
  });

  it('reports serial types through parseColumnType', () => {
    expect(parseColumnType('bigserial')).toEqual({ type: sqlType('bigint'), serial: true });
    expect(parseColumnType('integer')).toEqual({ type: sqlType('integer'), serial: false });
  });

  it.each([
    ['', 'empty'],
    ['varchar(abc)', 'not an integer'],
    ['numeric(10', 'unbalanced'],
    ['a.b.c', 'at most two parts'],
    ['serial(3)', 'takes no modifiers'],
    ['float(60)', 'between 1 and 53'],
    ['numeric(1)(2)', 'more than one group'],
  ])('rejects %j with a StrataError saying why', (text, why) => {
    let caught: unknown;
    try {
      parseSqlType(text);
    } catch (error) {
      caught = error;
    }
    expect(isStrataError(caught, 'SCHEMA_INVALID')).toBe(true);
    expect((caught as Error).message).toContain(why);
  });
});

describe('formatSqlType', () => {
  it.each([
    [sqlType('character varying', [50]), 'character varying(50)'],
    [sqlType('numeric', [10, 2]), 'numeric(10,2)'],
    [sqlType('timestamp with time zone', [3]), 'timestamp(3) with time zone'],
    [sqlType('time without time zone'), 'time without time zone'],
    [sqlType('interval day to second', [3]), 'interval day to second(3)'],
    [sqlType('text', [], { arrayDims: 1 }), 'text[]'],
    [sqlType('mood', [], { schema: 'app' }), 'app.mood'],
    [sqlType('Mood', [], { schema: 'App', arrayDims: 1 }), '"App"."Mood"[]'],
    [sqlType('user', [], { schema: 'order' }), '"order"."user"'],
    [sqlType('vector', [1536]), 'vector(1536)'],
  ])('prints %j as format_type does: %s', (type, text) => {
    expect(formatSqlType(type)).toBe(text);
  });

  it('is the inverse of parseSqlType for canonical types', () => {
    const types = [
      sqlType('character', [1]),
      sqlType('numeric', [12, 4], { arrayDims: 1 }),
      sqlType('timestamp without time zone', [0]),
      sqlType('bit varying', [8]),
      sqlType('"char"'),
      sqlType('halfvec', [3072]),
      sqlType('status', [], { schema: 'billing' }),
    ];
    for (const type of types) expect(parseSqlType(formatSqlType(type))).toEqual(type);
  });
});

describe('typmod decoding', () => {
  it('subtracts the varlena header from character lengths', () => {
    expect(decodeBuiltinTypmod('character varying', 54)).toEqual({
      name: 'character varying',
      modifiers: [50],
    });
    expect(decodeBuiltinTypmod('character', 5)).toEqual({ name: 'character', modifiers: [1] });
  });

  it('unpacks numeric precision and scale, including a negative scale', () => {
    expect(decodeBuiltinTypmod('numeric', ((10 << 16) | 2) + 4).modifiers).toEqual([10, 2]);
    expect(decodeBuiltinTypmod('numeric', ((5 << 16) | (-2 & 0x7ff)) + 4).modifiers).toEqual([5, -2]);
  });

  it('keeps timestamp precision and bit lengths as stored', () => {
    expect(decodeBuiltinTypmod('timestamp with time zone', 3).modifiers).toEqual([3]);
    expect(decodeBuiltinTypmod('bit', 8).modifiers).toEqual([8]);
  });

  it('names interval field restrictions and keeps the precision apart', () => {
    expect(decodeBuiltinTypmod('interval', (7176 << 16) | 2)).toEqual({
      name: 'interval day to second',
      modifiers: [2],
    });
    expect(decodeBuiltinTypmod('interval', (0x7fff << 16) | 3)).toEqual({ name: 'interval', modifiers: [3] });
    expect(decodeBuiltinTypmod('interval', (4 << 16) | 0xffff)).toEqual({
      name: 'interval year',
      modifiers: [],
    });
  });

  it('has no modifiers for -1 and takes pgvector dimensions as they are', () => {
    expect(decodeBuiltinTypmod('numeric', -1).modifiers).toEqual([]);
    expect(decodeExtensionTypmod(1536)).toEqual([1536]);
    expect(decodeExtensionTypmod(-1)).toEqual([]);
  });
});
