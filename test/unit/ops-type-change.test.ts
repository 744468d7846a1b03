import { describe, expect, it } from 'vitest';
import { needsUsing, typeChangeRisk, usingCast, usingIfNeeded } from '../../src/migrate/ops/index.js';
import { sqlType } from '../../src/model/index.js';

const text = sqlType('text');
const mood = sqlType('mood', [], { schema: 'public' });
const level = sqlType('level', [], { schema: 'app' });

describe('needsUsing', () => {
  it('leaves conversions PostgreSQL makes by itself to the assignment cast', () => {
    expect(needsUsing(sqlType('integer'), sqlType('bigint'))).toBe(false);
    expect(needsUsing(sqlType('bigint'), sqlType('numeric', [10, 2]))).toBe(false);
    expect(needsUsing(text, sqlType('character varying', [20]))).toBe(false);
    expect(needsUsing(sqlType('timestamp without time zone'), sqlType('timestamp with time zone'))).toBe(
      false,
    );
    expect(needsUsing(sqlType('vector', [3]), sqlType('vector', [4]))).toBe(false);
    expect(needsUsing(mood, text)).toBe(false);
    expect(needsUsing(sqlType('integer'), text)).toBe(false);
  });

  it('asks for a cast where the data needs one', () => {
    expect(needsUsing(text, sqlType('integer'))).toBe(true);
    expect(needsUsing(text, sqlType('uuid'))).toBe(true);
    expect(needsUsing(text, mood)).toBe(true);
    expect(needsUsing(mood, level)).toBe(true);
    expect(needsUsing(sqlType('integer'), sqlType('integer', [], { arrayDims: 1 }))).toBe(true);
  });
});

describe('usingCast', () => {
  it('casts directly, or through text between two user-defined types', () => {
    expect(usingCast('qty', text, sqlType('integer'))).toBe('qty::integer');
    expect(usingCast('status', mood, level)).toBe('status::text::app.level');
    expect(
      usingCast(
        'tags',
        sqlType('mood', [], { schema: 'public', arrayDims: 1 }),
        sqlType('level', [], { schema: 'app', arrayDims: 1 }),
      ),
    ).toBe('tags::text[]::app.level[]');
    expect(usingCast('user', text, sqlType('uuid'))).toBe('"user"::uuid');
  });

  it('gives no cast when none is needed', () => {
    expect(usingIfNeeded('n', sqlType('integer'), sqlType('bigint'))).toBeUndefined();
  });
});

describe('typeChangeRisk', () => {
  it('accepts widenings', () => {
    expect(typeChangeRisk(sqlType('smallint'), sqlType('integer'))).toBe(false);
    expect(typeChangeRisk(sqlType('integer'), sqlType('numeric'))).toBe(false);
    expect(typeChangeRisk(sqlType('character varying', [20]), sqlType('character varying', [100]))).toBe(
      false,
    );
    expect(typeChangeRisk(sqlType('character varying', [20]), text)).toBe(false);
    expect(typeChangeRisk(sqlType('numeric', [8, 2]), sqlType('numeric', [12, 4]))).toBe(false);
    expect(typeChangeRisk(sqlType('real'), sqlType('double precision'))).toBe(false);
    expect(typeChangeRisk(sqlType('date'), sqlType('timestamp with time zone'))).toBe(false);
    expect(typeChangeRisk(mood, text)).toBe(false);
  });

  it('explains narrowings and conversions that can fail', () => {
    expect(typeChangeRisk(sqlType('bigint'), sqlType('integer'))).toMatch(
      /narrows bigint to integer: values out of range/,
    );
    expect(typeChangeRisk(text, sqlType('character varying', [5]))).toMatch(/longer values/);
    expect(typeChangeRisk(sqlType('numeric', [12, 4]), sqlType('numeric', [12, 2]))).toMatch(/rounded/);
    expect(typeChangeRisk(sqlType('double precision'), sqlType('integer'))).toMatch(/fractions are rounded/);
    expect(
      typeChangeRisk(sqlType('timestamp with time zone'), sqlType('timestamp without time zone')),
    ).toMatch(/time zone/);
    expect(typeChangeRisk(sqlType('vector', [3]), sqlType('vector', [4]))).toMatch(
      /unless the table is empty/,
    );
    expect(typeChangeRisk(text, sqlType('uuid'))).toMatch(/do not convert/);
    expect(typeChangeRisk(sqlType('json'), sqlType('jsonb'))).toMatch(/duplicate keys/);
  });
});
