import { describe, expect, it } from 'vitest';
import { normalizeDefault } from '../../src/catalog/normalize.js';
import { sqlType } from '../../src/model/sql-type.js';

const text = sqlType('text');
const varchar = sqlType('character varying', [20]);
const mood = sqlType('mood', [], { schema: 'app' });
const integer = sqlType('integer');
const numeric = sqlType('numeric', [10, 2]);
const jsonb = sqlType('jsonb');
const boolean = sqlType('boolean');
const timestamptz = sqlType('timestamp with time zone');
const textArray = sqlType('text', [], { arrayDims: 1 });

/** Every spelling in a group must normalise to the same text. */
function expectSame(type: Parameters<typeof normalizeDefault>[1], spellings: readonly string[]): void {
  const results = spellings.map((spelling) => normalizeDefault(spelling, type));
  for (const result of results) expect(result).toBe(results[0]);
}

describe('normalizeDefault', () => {
  it("drops the cast PostgreSQL adds to a literal of the column's own type", () => {
    expectSame(text, ["'draft'", "'draft'::text"]);
    expectSame(varchar, [
      "'draft'",
      "'draft'::character varying",
      "'draft'::varchar",
      "'draft'::VARCHAR(20)",
    ]);
    expectSame(mood, ["'draft'", "'draft'::mood", "'draft'::app.mood"]);
    expectSame(jsonb, ["'{}'", "'{}'::jsonb"]);
    expectSame(textArray, ["'{}'", "'{}'::text[]"]);
    expect(normalizeDefault("'draft'::app.mood", mood)).toBe("'draft'");
  });

  it('keeps a cast to another type, because it changes the value', () => {
    expect(normalizeDefault("'1 day'::interval", text)).toBe("'1 day'::interval");
    expect(normalizeDefault("'draft'::other.mood", mood)).toBe("'draft'::other.mood");
  });

  it('spells numbers of numeric columns without quotes or parentheses', () => {
    expectSame(integer, ['0', "'0'::integer", "'0'"]);
    expectSame(integer, ['(-1)', "'-1'::integer", '-1', '- 1']);
    expect(normalizeDefault("'-1'::integer", integer)).toBe('-1');
    expect(normalizeDefault("'12.50'::numeric", numeric)).toBe('12.50');
  });

  it('keeps quoted digits of a text column quoted', () => {
    expect(normalizeDefault("'0'::text", text)).toBe("'0'");
  });

  it('spells booleans in lower case', () => {
    expectSame(boolean, ['true', 'TRUE', "'t'::boolean", "'yes'"]);
    expect(normalizeDefault('FALSE', boolean)).toBe('false');
  });

  it('treats now() and CURRENT_TIMESTAMP as the same default', () => {
    expectSame(timestamptz, [
      'now()',
      'NOW()',
      'CURRENT_TIMESTAMP',
      'current_timestamp',
      'transaction_timestamp()',
    ]);
    expect(normalizeDefault('CURRENT_TIMESTAMP', timestamptz)).toBe('now()');
  });

  it('leaves function calls as they are, lower-cased', () => {
    expect(normalizeDefault('gen_random_uuid()', sqlType('uuid'))).toBe('gen_random_uuid()');
    expect(normalizeDefault('GEN_RANDOM_UUID ( )', sqlType('uuid'))).toBe('gen_random_uuid()');
  });

  it('reads NULL, with or without a cast, as no default', () => {
    expect(normalizeDefault('NULL', text)).toBeUndefined();
    expect(normalizeDefault('NULL::text', text)).toBeUndefined();
    expect(normalizeDefault('null::character varying', varchar)).toBeUndefined();
    expect(normalizeDefault(undefined, text)).toBeUndefined();
  });

  it('removes redundant outer parentheses and whitespace but never touches literals', () => {
    expect(normalizeDefault("  ( ( 'Hello  World' ) )  ", text)).toBe("'Hello  World'");
    expect(normalizeDefault("'It''s'::text", text)).toBe("'It''s'");
    expect(normalizeDefault("'ABC'", text)).toBe("'ABC'");
  });

  it('is idempotent', () => {
    const samples: [string, Parameters<typeof normalizeDefault>[1]][] = [
      ["'draft'::app.mood", mood],
      ["'-1'::integer", integer],
      ['CURRENT_TIMESTAMP', timestamptz],
      ["nextval('t_id_seq'::regclass)", integer],
      ["(ARRAY['a', 'b'])::text[]", textArray],
    ];
    for (const [expr, type] of samples) {
      const once = normalizeDefault(expr, type);
      expect(normalizeDefault(once, type)).toBe(once);
    }
  });
});

describe('normalizeDefault on numeric columns', () => {
  it('reads a whole number cast to another numeric type as that number', () => {
    // PostgreSQL prints `numeric(3,1) DEFAULT -1` as '-1'::integer.
    expect(normalizeDefault("'-1'::integer", numeric)).toBe('-1');
    expect(normalizeDefault('-1', numeric)).toBe('-1');
  });

  it('reads a decimal cast to numeric, the type it has anyway, as that decimal', () => {
    // PostgreSQL prints `real DEFAULT -0.25` as '-0.25'::numeric.
    expect(normalizeDefault("'-0.25'::numeric", sqlType('real'))).toBe('-0.25');
    expect(normalizeDefault("'9000000000'::bigint", sqlType('bigint'))).toBe('9000000000');
  });

  it('keeps a fraction cast to an integer type, because the cast rounds it', () => {
    expect(normalizeDefault("'1.5'::integer", numeric)).toBe("'1.5'::integer");
  });
});
