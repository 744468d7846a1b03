import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { introspect } from '../../src/catalog/introspect.js';
import {
  implicitConstraintName,
  implicitIndexName,
  implicitSequenceName,
  quoteIdentifier,
} from '../../src/catalog/normalize.js';
import type { SchemaModel } from '../../src/model/schema-model.js';
import type { TableModel } from '../../src/model/table.js';
import { openTestDatabase, type TestDatabase } from '../support/backend.js';

const q = quoteIdentifier;
const LONG_TABLE = `orders_${'x'.repeat(50)}`; // 57 bytes
const LONG_COLUMN = `customer_reference_${'y'.repeat(40)}`; // 59 bytes
const WIDE_TABLE = 'счёт_'.repeat(6).slice(0, -1); // Cyrillic: two bytes a letter
const WIDE_COLUMN = 'получатель_'.repeat(3).slice(0, -1);

/** Index expressions, each naming its index in its own way. */
const INDEX_EXPRESSIONS = [
  '(a + b)::integer',
  'a::text',
  'c::varchar(10)',
  'coalesce(a, b)',
  'case when a > 0 then 1 else 0 end',
  "d->>'k'",
  'e[1]',
  'lower(c) collate "C"',
  'cast(a as bigint)',
  'pg_catalog.upper(c)',
  'nullif(a, 0)',
  'greatest(a, b)',
  'array[a, b]',
  'trim(c)',
  'substring(c from 1 for 2)',
  '(case when a > 0 then 1 end)::bigint',
  'lower(c)::text',
  "('x' || c)::text",
  '-a',
  'a::double precision',
  "(d->'k')",
  "d -> 'k'",
];

/** Tables whose constraints and indexes PostgreSQL names by itself. */
const DDL = `
create table t (
  a integer primary key,
  b integer,
  c text,
  unique (a, b),
  check (a > 0),
  check (b > 0),
  check (a > b)
);
alter table t add check (a < 1000000);
alter table t add check (a > -1);
create index on t (b, c);
create index on t (lower(c), b) include (a);
create index on t (lower(c), upper(c));
create index on t (b, c);

create table ${q(LONG_TABLE)} (
  id serial primary key,
  ${q(LONG_COLUMN)} integer references t (a),
  other integer,
  unique (${q(LONG_COLUMN)}, other)
);
create index on ${q(LONG_TABLE)} (${q(LONG_COLUMN)}, other);

create table ${q(WIDE_TABLE)} (
  id integer primary key,
  ${q(WIDE_COLUMN)} integer references t (a) check (${q(WIDE_COLUMN)} > 0),
  unique (${q(WIDE_COLUMN)})
);
create index on ${q(WIDE_TABLE)} (${q(WIDE_COLUMN)});
`;

describe("implicit names match PostgreSQL's", () => {
  let db: TestDatabase;
  let model: SchemaModel;
  const table = (name: string): TableModel => {
    const found = model.tables.find((t) => t.name === name);
    if (found === undefined) throw new Error(`no table ${name}`);
    return found;
  };
  const constraintNames = (t: TableModel): string[] =>
    [t.primaryKey, ...t.uniques, ...t.checks, ...t.foreignKeys].flatMap((c) =>
      c === undefined ? [] : [c.name],
    );

  beforeAll(async () => {
    db = await openTestDatabase();
    await db.exec(DDL);
    model = await introspect(db);
  });
  afterAll(async () => {
    await db.close();
  });

  it('for primary keys, unique constraints and checks, numbering repeats', () => {
    const taken = new Set<string>();
    const next = (columns: string[], kind: 'primaryKey' | 'unique' | 'check'): string => {
      const name = implicitConstraintName('t', columns, kind, taken);
      taken.add(name);
      return name;
    };
    // In the order PostgreSQL creates them: inline constraints, then each ALTER TABLE.
    const expected = [
      next(['a'], 'primaryKey'),
      next(['a', 'b'], 'unique'),
      next(['a'], 'check'),
      next(['b'], 'check'),
      next(['a', 'b'], 'check'),
      next(['a'], 'check'),
      next(['a'], 'check'),
    ];
    expect(constraintNames(table('t')).sort()).toEqual(expected.sort());
    expect(expected).toContain('t_a_check2');
  });

  it('for indexes on columns, expressions and INCLUDE columns, numbering repeats', () => {
    const taken = new Set<string>(['t_pkey', 't_a_b_key']);
    const next = (elements: Parameters<typeof implicitIndexName>[1]): string => {
      const name = implicitIndexName('t', elements, taken);
      taken.add(name);
      return name;
    };
    const lower = { kind: 'indexExpression', expression: 'lower(c)' } as const;
    const upper = { kind: 'indexExpression', expression: 'upper(c)' } as const;
    const expected = [next(['b', 'c']), next([lower, 'b', 'a']), next([lower, upper]), next(['b', 'c'])];
    expect(table('t').indexes.map((i) => i.name)).toEqual([...expected].sort());
    expect(expected).toEqual(['t_b_c_idx', 't_lower_b_a_idx', 't_lower_upper_idx', 't_b_c_idx1']);
  });

  it('for expression indexes, named as FigureIndexColname names them', async () => {
    await db.exec(
      `create table u (a integer, b integer, c text, d jsonb, e integer[]);
       ${INDEX_EXPRESSIONS.map((expression) => `create index on u ((${expression}));`).join('\n')}`,
    );
    const created = await introspect(db, { schemas: ['public'] });
    const taken = new Set<string>();
    const expected = INDEX_EXPRESSIONS.map((expression) => {
      const name = implicitIndexName('u', [{ kind: 'indexExpression', expression }], taken);
      taken.add(name);
      return name;
    });
    const actual = created.tables.find((t) => t.name === 'u')?.indexes.map((i) => i.name);
    expect(actual).toEqual([...expected].sort());
    expect(expected).toContain('u_expr_idx');
    expect(expected).toContain('u_int4_idx');
  });

  it('for long names cut to 63 bytes', () => {
    const long = table(LONG_TABLE);
    expect(long.primaryKey?.name).toBe(implicitConstraintName(LONG_TABLE, ['id'], 'primaryKey'));
    expect(long.uniques[0]?.name).toBe(implicitConstraintName(LONG_TABLE, [LONG_COLUMN, 'other'], 'unique'));
    expect(long.foreignKeys[0]?.name).toBe(implicitConstraintName(LONG_TABLE, [LONG_COLUMN], 'foreignKey'));
    expect(long.indexes[0]?.name).toBe(implicitIndexName(LONG_TABLE, [LONG_COLUMN, 'other']));
    for (const name of constraintNames(long)) expect(Buffer.byteLength(name)).toBeLessThanOrEqual(63);
  });

  it('for multi-byte names, cut on character boundaries', () => {
    const wide = table(WIDE_TABLE);
    expect(wide.primaryKey?.name).toBe(implicitConstraintName(WIDE_TABLE, ['id'], 'primaryKey'));
    expect(wide.uniques[0]?.name).toBe(implicitConstraintName(WIDE_TABLE, [WIDE_COLUMN], 'unique'));
    expect(wide.checks[0]?.name).toBe(implicitConstraintName(WIDE_TABLE, [WIDE_COLUMN], 'check'));
    expect(wide.foreignKeys[0]?.name).toBe(implicitConstraintName(WIDE_TABLE, [WIDE_COLUMN], 'foreignKey'));
    expect(wide.indexes[0]?.name).toBe(implicitIndexName(WIDE_TABLE, [WIDE_COLUMN]));
  });

  it('for the sequence of a serial column', async () => {
    const result = await db.query<{ sequence: string }>('select pg_get_serial_sequence($1, $2) as sequence', [
      q(LONG_TABLE),
      'id',
    ]);
    expect(result.rows[0]?.sequence).toBe(`public.${implicitSequenceName(LONG_TABLE, 'id')}`);
  });
});
