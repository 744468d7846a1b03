import { describe, expect, it } from 'vitest';
import { diffSchemas } from '../../src/migrate/diff/index.js';
import type { ColumnModel, SchemaModel, TableModel } from '../../src/model/index.js';
import { sqlType } from '../../src/model/index.js';
import {
  check,
  defineSchema,
  index,
  integer,
  sql,
  table,
  text,
  timestamptz,
  uuid,
  vector,
} from '../../src/schema/index.js';

function column(name: string, extra: Partial<ColumnModel> = {}): ColumnModel {
  return { kind: 'column', name, type: sqlType('text'), notNull: false, ...extra };
}

function single(columns: ColumnModel[], extra: Partial<TableModel> = {}): SchemaModel {
  return {
    kind: 'schemaModel',
    extensions: [],
    schemas: [],
    enums: [],
    sequences: [],
    tables: [
      {
        kind: 'table',
        schema: 'public',
        name: 't',
        columns,
        uniques: [],
        checks: [],
        foreignKeys: [],
        indexes: [],
        ...extra,
      },
    ],
  };
}

describe('diffSchemas normalisation: spelling variants give no diff', () => {
  it('finds nothing between a model and itself', () => {
    const model = defineSchema({
      docs: table(
        'docs',
        { id: uuid().primaryKey().defaultRandom(), at: timestamptz().defaultNow(), embedding: vector(3) },
        (t) => [
          index('docs_embedding_idx').using('hnsw', t.embedding.op('vector_cosine_ops')).with({ m: 16 }),
        ],
      ),
    }).model;
    expect(diffSchemas(model, model)).toEqual({ operations: [], warnings: [] });
  });

  it('reads defaults the way PostgreSQL prints them as the ones the DSL writes', () => {
    const printed = single([
      column('a', { default: "'x'::text" }),
      column('b', { type: sqlType('integer'), default: "'-1'::integer" }),
      column('c', { type: sqlType('timestamp with time zone'), default: 'CURRENT_TIMESTAMP' }),
      column('d', { type: sqlType('boolean'), default: "'t'::boolean" }),
      column('e', { default: 'NULL::text' }),
    ]);
    const written = single([
      column('a', { default: "'x'" }),
      column('b', { type: sqlType('integer'), default: '-1' }),
      column('c', { type: sqlType('timestamp with time zone'), default: 'now()' }),
      column('d', { type: sqlType('boolean'), default: 'true' }),
      column('e'),
    ]);
    expect(diffSchemas(printed, written).operations).toEqual([]);
  });

  it('ignores case, comments and redundant parentheses in expressions', () => {
    const a = defineSchema({
      t: table('t', { id: integer().primaryKey(), price: integer() }, () => [
        check('t_price_check', sql`((PRICE > 0))`),
      ]),
    }).model;
    const b = defineSchema({
      t: table('t', { id: integer().primaryKey(), price: integer() }, () => [
        check('t_price_check', sql`price /* positive */ > 0`),
      ]),
    }).model;
    expect(diffSchemas(a, b).operations).toEqual([]);
  });

  it('ignores identity and sequence options equal to what PostgreSQL picks by itself', () => {
    const identity = (sequence: Record<string, string>): ColumnModel =>
      column('id', {
        type: sqlType('integer'),
        notNull: true,
        identity: { kind: 'identity', always: true, sequence },
      });
    const printed = single([
      identity({ start: '1', increment: '1', minValue: '1', maxValue: '2147483647', cache: '1' }),
    ]);
    expect(diffSchemas(printed, single([identity({})])).operations).toEqual([]);
  });

  it('does not depend on the order of tables, constraints and indexes', () => {
    const build = (reverse: boolean) => {
      const t = table('t', { id: integer().primaryKey(), a: text().unique(), b: text().unique() }, (c) =>
        reverse
          ? [index('t_b_idx').on(c.b), index('t_a_idx').on(c.a)]
          : [index('t_a_idx').on(c.a), index('t_b_idx').on(c.b)],
      );
      const u = table('u', { id: integer().primaryKey() });
      return defineSchema(reverse ? { u, t } : { t, u }).model;
    };
    expect(diffSchemas(build(false), build(true)).operations).toEqual([]);
  });

  it('leaves tables it is told to ignore alone', () => {
    const withAudit = defineSchema({
      t: table('t', { id: integer() }),
      audit: table('audit', { id: integer() }),
    }).model;
    const without = defineSchema({ t: table('t', { id: integer() }) }).model;
    expect(diffSchemas(withAudit, without, { ignoreTables: ['audit'] }).operations).toEqual([]);
    expect(diffSchemas(withAudit, without).operations.map((op) => op.kind)).toEqual(['dropTable']);
  });

  it('still sees a real difference hidden behind a spelling', () => {
    const printed = single([column('a', { default: "'x'::text" })]);
    const written = single([column('a', { default: "'y'" })]);
    expect(diffSchemas(printed, written).operations).toEqual([
      {
        kind: 'setDefault',
        table: { schema: 'public', name: 't' },
        column: 'a',
        default: "'y'",
        previous: "'x'",
      },
    ]);
  });
});
