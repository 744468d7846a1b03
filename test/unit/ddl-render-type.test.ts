import { describe, expect, it } from 'vitest';
import { renderType } from '../../src/ddl/index.js';
import { isStrataError } from '../../src/errors/strata-error.js';
import { sqlType } from '../../src/model/index.js';

describe('renderType', () => {
  it.each([
    [sqlType('text'), 'text'],
    [sqlType('double precision'), 'double precision'],
    [sqlType('character varying', [50]), 'character varying(50)'],
    [sqlType('character', [2]), 'character(2)'],
    [sqlType('numeric', [10, 2]), 'numeric(10,2)'],
    [sqlType('bit', [8]), 'bit(8)'],
    [sqlType('vector', [1536]), 'vector(1536)'],
    [sqlType('halfvec', [3072]), 'halfvec(3072)'],
    [sqlType('interval', [3]), 'interval(3)'],
    [sqlType('"char"'), '"char"'],
  ])('renders %o as %s', (type, sql) => {
    expect(renderType(type)).toBe(sql);
  });

  it.each([
    [sqlType('timestamp with time zone', [3]), 'timestamp(3) with time zone'],
    [sqlType('timestamp without time zone', [0]), 'timestamp(0) without time zone'],
    [sqlType('time with time zone', [6]), 'time(6) with time zone'],
    [sqlType('time without time zone'), 'time without time zone'],
  ])('puts the precision of %o before the time zone words', (type, sql) => {
    expect(renderType(type)).toBe(sql);
  });

  it('appends [] to arrays, after the modifiers and time zone words', () => {
    expect(renderType(sqlType('integer', [], { arrayDims: 1 }))).toBe('integer[]');
    expect(renderType(sqlType('numeric', [10, 2], { arrayDims: 1 }))).toBe('numeric(10,2)[]');
    expect(renderType(sqlType('timestamp with time zone', [3], { arrayDims: 1 }))).toBe(
      'timestamp(3) with time zone[]',
    );
  });

  it('qualifies user-defined types outside public and quotes their names when needed', () => {
    expect(renderType(sqlType('mood', [], { schema: 'public', arrayDims: 1 }))).toBe('mood[]');
    expect(renderType(sqlType('mood', [], { schema: 'app' }))).toBe('app.mood');
    expect(renderType(sqlType('Mood', [], { schema: 'app' }))).toBe('app."Mood"');
    expect(renderType(sqlType('user', [], { schema: 'public' }))).toBe('"user"');
  });

  it.each(['varchar(50)', 'Mood', 'text; drop table users', 'timestamp  with time zone', ''])(
    'rejects %j as a type name without a schema',
    (name) => {
      let error: unknown;
      try {
        renderType(sqlType(name));
      } catch (caught) {
        error = caught;
      }
      expect(isStrataError(error, 'SCHEMA_INVALID')).toBe(true);
    },
  );

  it('rejects modifiers that are not whole numbers and negative array dimensions', () => {
    expect(() => renderType(sqlType('numeric', [10.5]))).toThrow(/whole numbers/);
    expect(() => renderType(sqlType('integer', [], { arrayDims: -1 }))).toThrow(/arrayDims/);
  });
});
