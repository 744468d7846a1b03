import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { introspect } from '../../src/catalog/introspect.js';
import {
  normalizeDefault,
  parseColumnType,
  parseSqlType,
  quoteIdentifier,
} from '../../src/catalog/normalize.js';
import type { ColumnModel } from '../../src/model/column.js';
import { openTestDatabase, type TestDatabase } from '../support/backend.js';

/** Types as people write them in a schema; each must read back as parseSqlType reads the text. */
const DECLARED_TYPES = [
  'int',
  'int4',
  'int8',
  'bigint',
  'int2',
  'float8',
  'double precision',
  'float4',
  'float(10)',
  'float(40)',
  'bool',
  'varchar(50)',
  'character varying',
  'char',
  'char(3)',
  'bpchar',
  'text',
  'numeric',
  'numeric(10,2)',
  'decimal(5)',
  'numeric(5, -2)',
  'timestamptz',
  'timestamptz(3)',
  'timestamp',
  'timestamp(0) without time zone',
  'timetz',
  'time(2)',
  'interval',
  'interval(3)',
  'interval day to second(2)',
  'interval year to month',
  'date',
  'uuid',
  'jsonb',
  'json',
  'bytea',
  'tsvector',
  'inet',
  '"char"',
  'bit',
  'bit(8)',
  'varbit',
  'bit varying(16)',
  'vector',
  'vector(3)',
  'halfvec(4)',
  'sparsevec(5)',
  'text[]',
  'int[]',
  'varchar(20)[]',
  'numeric(8,3)[]',
  'app.mood',
  'app.mood[]',
  'app."Weird Type"',
];

/** [column type, default as the DSL writes it]: PostgreSQL's spelling must normalise to the same text. */
const DEFAULTS: readonly (readonly [string, string])[] = [
  ['text', "'draft'"],
  ['varchar(20)', "'draft'"],
  ['char(5)', "'ab'"],
  ['app.mood', "'happy'"],
  ['jsonb', "'{}'"],
  ['json', `'{"a": 1}'`],
  ['integer', '0'],
  ['integer', '-1'],
  ['bigint', '-9000000000'],
  ['smallint', '7'],
  ['numeric(3,1)', '-1'],
  ['numeric(10,2)', '12.5'],
  ['double precision', '1.5'],
  ['real', '-0.25'],
  ['boolean', 'true'],
  ['boolean', 'false'],
  ['timestamptz', 'now()'],
  ['timestamptz', 'CURRENT_TIMESTAMP'],
  ['timestamp', 'now()'],
  ['uuid', 'gen_random_uuid()'],
  ['text[]', "'{}'"],
  ['date', "'2020-01-01'"],
  ['interval', "'1 day'"],
  ['text', 'NULL'],
];

describe('column types and defaults read back as written', () => {
  let db: TestDatabase;
  let typed: readonly ColumnModel[];
  let defaulted: readonly ColumnModel[];

  beforeAll(async () => {
    db = await openTestDatabase();
    const typedColumns = DECLARED_TYPES.map((type, i) => `c${i} ${type}`).join(',\n  ');
    const defaultColumns = DEFAULTS.map(([type, value], i) => `d${i} ${type} default ${value}`).join(',\n  ');
    await db.exec(`
      create extension if not exists vector;
      create schema app;
      create type app.mood as enum ('sad', 'happy');
      create type app.${quoteIdentifier('Weird Type')} as enum ('x');
      create table typed (\n  ${typedColumns}\n);
      create table defaulted (\n  ${defaultColumns}\n);
      create table serials (a serial, b bigserial, c smallserial);
    `);
    const model = await introspect(db);
    typed = model.tables.find((t) => t.name === 'typed')?.columns ?? [];
    defaulted = model.tables.find((t) => t.name === 'defaulted')?.columns ?? [];
  });
  afterAll(async () => {
    await db.close();
  });

  it.each(DECLARED_TYPES.map((type, i) => [type, i] as const))('%s', (type, i) => {
    expect(typed[i]?.type).toEqual(parseSqlType(type));
  });

  it.each(DEFAULTS.map(([type, value], i) => [type, value, i] as const))(
    '%s default %s',
    (type, value, i) => {
      const column = defaulted[i];
      expect(column?.type).toEqual(parseSqlType(type));
      const sqlTypeOfColumn = parseSqlType(type);
      expect(normalizeDefault(column?.default, sqlTypeOfColumn)).toBe(
        normalizeDefault(value, sqlTypeOfColumn),
      );
    },
  );

  it('reads serial, bigserial and smallserial as parseColumnType reads them', async () => {
    const model = await introspect(db);
    const serials = model.tables.find((t) => t.name === 'serials')?.columns ?? [];
    for (const [i, declared] of ['serial', 'bigserial', 'smallserial'].entries()) {
      const parsed = parseColumnType(declared);
      expect(serials[i]).toStrictEqual({
        kind: 'column',
        name: ['a', 'b', 'c'][i],
        type: parsed.type,
        notNull: true,
        serial: parsed.serial,
      });
    }
    expect(model.sequences).toEqual([]);
  });
});
