/**
 * Two spellings of one schema give no diff: once PostgreSQL has read them (canonicalizeModel),
 * and between a database created from one and the other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { introspect } from '../../src/catalog/introspect.js';
import { toSqlStatements } from '../../src/ddl/to-sql.js';
import { isStrataError } from '../../src/errors/strata-error.js';
import { canonicalizeModel, diffSchemas } from '../../src/migrate/diff/index.js';
import type { SchemaModel } from '../../src/model/index.js';
import type { AnyColumn } from '../../src/schema/index.js';
import {
  check,
  defineSchema,
  index,
  integer,
  numeric,
  pgEnum,
  sql,
  table,
  text,
  timestamptz,
  vector,
} from '../../src/schema/index.js';
import type { BoundColumns, TableExtra } from '../../src/schema/table.js';
import { openTestDatabase, type TestDatabase, testBackend } from '../support/backend.js';
import { resetDatabase } from './migrate-pairs.harness.js';

const status = pgEnum('status', ['draft', 'live']);

/** A table `items (id integer PRIMARY KEY, ...columns)`. */
function items<C extends Record<string, AnyColumn>>(
  columns: C,
  extras?: (columns: BoundColumns<C>) => readonly TableExtra[],
): SchemaModel {
  return defineSchema({ items: table('items', { id: integer().primaryKey(), ...columns }, extras) }).model;
}

const VARIANTS: Record<string, [SchemaModel, SchemaModel]> = {
  'a check with and without parentheses and capitals': [
    items({ price: numeric(10, 2) }, (t) => [check('items_price_check', sql`${t.price} > 0`)]),
    items({ price: numeric(10, 2) }, () => [check('items_price_check', sql`((PRICE > 0::numeric))`)]),
  ],
  'IN (...) and = ANY (ARRAY[...])': [
    items({ code: text() }, (t) => [check('items_code_check', sql`${t.code} IN ('a', 'b')`)]),
    items({ code: text() }, (t) => [
      check('items_code_check', sql`${t.code} = ANY (ARRAY['a'::text, 'b'::text])`),
    ]),
  ],
  'defaults written as values, casts and CURRENT_TIMESTAMP': [
    items({ state: status().default('draft'), at: timestamptz().defaultNow(), n: integer().default(-1) }),
    items({
      state: status().defaultSql(sql`'draft'::status`),
      at: timestamptz().defaultSql(sql`CURRENT_TIMESTAMP`),
      n: integer().defaultSql(sql`'-1'::integer`),
    }),
  ],
  'a generated column with and without parentheses': [
    items({ p: integer(), g: integer().generatedAlwaysAs(sql`p * 2`) }),
    items({ p: integer(), g: integer().generatedAlwaysAs(sql`(P * 2)`) }),
  ],
  'index order, NULLS placement, default operator class and predicate spelling': [
    items({ at: timestamptz(), embedding: vector(3) }, (t) => [
      index('items_at_idx').on(t.at).where(sql`${t.at} IS NOT NULL`),
      index('items_embedding_idx').using('ivfflat', t.embedding).with({ lists: 5 }),
    ]),
    items({ at: timestamptz(), embedding: vector(3) }, (t) => [
      index('items_at_idx').on(t.at.asc('last')).where(sql`(at is not null)`),
      index('items_embedding_idx').using('ivfflat', t.embedding.op('vector_l2_ops')).with({ lists: '5' }),
    ]),
  ],
  'an expression index written with and without casts in parentheses': [
    items({ embedding: vector(3) }, (t) => [
      index('items_half_idx').using('hnsw', sql`(${t.embedding})::halfvec(3)`.op('halfvec_l2_ops')),
    ]),
    items({ embedding: vector(3) }, () => [
      index('items_half_idx').using('hnsw', sql`embedding::halfvec(3)`.op('halfvec_l2_ops')),
    ]),
  ],
};

describe('spelling variants of one schema', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  const scratch = () => async () => {
    await resetDatabase(db);
    return { backend: db.backend, query: db.query.bind(db), exec: db.exec.bind(db), close: async () => {} };
  };

  for (const [name, [a, b]] of Object.entries(VARIANTS)) {
    it(`gives no diff: ${name}`, async () => {
      const canonicalA = await canonicalizeModel(a, scratch());
      const canonicalB = await canonicalizeModel(b, scratch());
      expect(diffSchemas(canonicalA, canonicalB).operations).toEqual([]);

      await resetDatabase(db);
      for (const statement of toSqlStatements(a)) await db.exec(statement);
      expect(diffSchemas(await introspect(db), canonicalB).operations).toEqual([]);
    });
  }

  // The default scratch database is a PGlite of its own whatever the project: starting one is slow, once is enough.
  it.runIf(testBackend() === 'pglite')(
    'canonicalises in an in-memory PGlite by default, keeping the DSL hints',
    async () => {
      const model = defineSchema({
        items: table(
          'items',
          { id: integer().primaryKey(), price: numeric(10, 2).renamedFrom('cost') },
          (t) => [
            check('items_price_check', sql`${t.price} > 0`),
            index('items_price_idx').on(t.price).concurrently(),
          ],
        ).renamedFrom('products'),
      }).model;
      const canonical = await canonicalizeModel(model);
      const [items] = canonical.tables;
      expect(items).toMatchObject({ name: 'items', renamedFrom: 'products' });
      expect(items?.columns[1]).toMatchObject({ name: 'price', renamedFrom: 'cost' });
      expect(items?.indexes[0]).toMatchObject({ name: 'items_price_idx', concurrently: true });
      expect(items?.checks[0]?.expression).toMatch(/::numeric/);
    },
  );

  it('reports DDL the scratch database refuses as an invalid schema, with the statement', async () => {
    const broken = items({ price: integer() }, () => [check('items_price_check', sql`no_such_column > 0`)]);
    const error = await canonicalizeModel(broken, scratch()).catch((caught: unknown) => caught);
    expect(isStrataError(error, 'SCHEMA_INVALID')).toBe(true);
    expect((error as Error).message).toMatch(/no_such_column[\s\S]*Statement: CREATE TABLE items/);
  });
});
