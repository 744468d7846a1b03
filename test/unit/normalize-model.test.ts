import { describe, expect, it } from 'vitest';
import { normalizeSchemaModel } from '../../src/catalog/normalize.js';
import type { SchemaModel } from '../../src/model/schema-model.js';
import { sqlType } from '../../src/model/sql-type.js';
import type { TableModel } from '../../src/model/table.js';

function table(overrides: Partial<TableModel>): TableModel {
  return {
    kind: 'table',
    schema: 'public',
    name: 't',
    columns: [],
    uniques: [],
    checks: [],
    foreignKeys: [],
    indexes: [],
    ...overrides,
  };
}

function model(tables: TableModel[]): SchemaModel {
  return { kind: 'schemaModel', extensions: [], schemas: [], enums: [], sequences: [], tables };
}

/** The same table as PostgreSQL prints it and as a schema author writes it. */
const printed = table({
  columns: [
    { kind: 'column', name: 'state', type: sqlType('text'), notNull: true, default: "'open'::text" },
    { kind: 'column', name: 'note', type: sqlType('text'), notNull: false, default: 'NULL::text' },
    {
      kind: 'column',
      name: 'id',
      type: sqlType('bigint'),
      notNull: true,
      identity: { kind: 'identity', always: true, sequence: { start: '5' } },
    },
  ],
  checks: [{ kind: 'check', name: 'b_check', expression: '(length(state) > 0)', notValid: false }],
  indexes: [
    {
      kind: 'index',
      name: 'z_idx',
      method: 'hnsw',
      unique: false,
      nullsNotDistinct: false,
      elements: [
        { kind: 'indexExpression', expression: '(embedding)::halfvec(3)', opclass: 'halfvec_l2_ops' },
      ],
      include: [],
      where: '(state = ANY (ARRAY[1, 2]))',
      with: {},
    },
    {
      kind: 'index',
      name: 'a_idx',
      method: 'btree',
      unique: false,
      nullsNotDistinct: false,
      elements: [],
      include: [],
      with: {},
    },
  ],
});

const written = table({
  columns: [
    { kind: 'column', name: 'state', type: sqlType('text'), notNull: true, default: "'open'" },
    { kind: 'column', name: 'note', type: sqlType('text'), notNull: false },
    {
      kind: 'column',
      name: 'id',
      type: sqlType('bigint'),
      notNull: true,
      identity: { kind: 'identity', always: true, sequence: { start: '5', increment: '1', cycle: false } },
    },
  ],
  checks: [{ kind: 'check', name: 'b_check', expression: 'LENGTH(state) > 0', notValid: false }],
  indexes: [
    {
      kind: 'index',
      name: 'a_idx',
      method: 'btree',
      unique: false,
      nullsNotDistinct: false,
      elements: [],
      include: [],
      with: {},
    },
    {
      kind: 'index',
      name: 'z_idx',
      method: 'hnsw',
      unique: false,
      nullsNotDistinct: false,
      elements: [{ kind: 'indexExpression', expression: 'embedding::halfvec(3)', opclass: 'halfvec_l2_ops' }],
      include: [],
      where: 'state = any(array[1, 2])',
      with: {},
    },
  ],
});

describe('normalizeSchemaModel', () => {
  it("makes PostgreSQL's spelling and the author's deep-equal", () => {
    expect(normalizeSchemaModel(model([printed]))).toStrictEqual(normalizeSchemaModel(model([written])));
  });

  it('still tells different tables apart', () => {
    const other = { ...written, checks: [{ ...written.checks[0]!, expression: 'length(state) > 1' }] };
    expect(normalizeSchemaModel(model([printed]))).not.toStrictEqual(normalizeSchemaModel(model([other])));
  });

  it('sorts tables by schema and name, and indexes by name', () => {
    const normalized = normalizeSchemaModel(
      model([table({ schema: 'b', name: 'a' }), table({ schema: 'a', name: 'z' }), printed]),
    );
    expect(normalized.tables.map((t) => `${t.schema}.${t.name}`)).toEqual(['a.z', 'b.a', 'public.t']);
    expect(normalized.tables[2]?.indexes.map((i) => i.name)).toEqual(['a_idx', 'z_idx']);
  });

  it('is idempotent', () => {
    const once = normalizeSchemaModel(model([printed]));
    expect(normalizeSchemaModel(once)).toStrictEqual(once);
  });
});
