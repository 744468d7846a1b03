/**
 * Before/after pairs for keys, unique and check constraints, foreign keys and indexes (every
 * part of an index definition), each upgraded and downgraded on a real database (see
 * migrate-pairs.harness.ts).
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { SchemaModel } from '../../src/model/index.js';
import type { AnyColumn } from '../../src/schema/index.js';
import {
  bigint,
  boolean,
  check,
  defineSchema,
  foreignKey,
  index,
  integer,
  jsonb,
  primaryKey,
  sql,
  table,
  text,
  timestamptz,
  unique,
  uniqueIndex,
  vector,
} from '../../src/schema/index.js';
import type { BoundColumns, TableExtra } from '../../src/schema/table.js';
import { openTestDatabase, type TestDatabase } from '../support/backend.js';
import { checkPair, type MigrationPair } from './migrate-pairs.harness.js';

/** A table `items (id integer PRIMARY KEY, ...columns)`. */
function items<C extends Record<string, AnyColumn>>(
  columns: C,
  extras?: (columns: BoundColumns<C>) => readonly TableExtra[],
): SchemaModel {
  return defineSchema({ items: table('items', { id: integer().primaryKey(), ...columns }, extras) }).model;
}

const docColumns = () => ({
  id: integer().primaryKey(),
  title: text().notNull(),
  data: jsonb(),
  deleted_at: timestamptz(),
  created_at: timestamptz(),
  embedding: vector(3),
});
function docs(
  extras: (columns: BoundColumns<ReturnType<typeof docColumns>>) => readonly TableExtra[],
): SchemaModel {
  return defineSchema({ docs: table('docs', docColumns(), extras) }).model;
}

const parents = table('parents', { id: integer().primaryKey(), code: text().notNull().unique() });
function children(onDelete: 'no action' | 'cascade' | 'set null') {
  return table('children', {
    id: integer().primaryKey(),
    parent_id: integer().references(() => parents.columns.id, { onDelete }),
  });
}

const p1 = table('parents', { id: integer().primaryKey() });
const p2 = table('parents', { id: bigint({ mode: 'number' }).primaryKey() });
const pairsRef = table('pairs', { a: integer().notNull(), b: integer().notNull() }, (t) => [
  unique('pairs_a_b_key').on(t.a, t.b),
]);

const PAIRS: MigrationPair[] = [
  {
    name: 'adds a primary key to a table without one, making its column NOT NULL first',
    before: defineSchema({ t: table('t', { id: integer(), name: text() }) }).model,
    after: defineSchema({ t: table('t', { id: integer().primaryKey(), name: text() }) }).model,
    seed: "INSERT INTO t VALUES (1, 'a');",
    expect: ['setNotNull', 'addConstraint'],
  },
  {
    name: 'moves the primary key to other columns',
    before: defineSchema({ t: table('t', { a: integer().primaryKey(), b: integer().notNull() }) }).model,
    after: defineSchema({
      t: table('t', { a: integer().notNull(), b: integer().notNull() }, (c) => [primaryKey(c.b, c.a)]),
    }).model,
    seed: 'INSERT INTO t VALUES (1, 2);',
    expect: ['dropConstraint', 'addConstraint'],
  },
  {
    name: 'widens a referenced key and its foreign key column, dropping the foreign key around it',
    before: defineSchema({
      parents: p1,
      kids: table('kids', {
        id: integer().primaryKey(),
        parent_id: integer().references(() => p1.columns.id),
      }),
    }).model,
    after: defineSchema({
      parents: p2,
      kids: table('kids', {
        id: integer().primaryKey(),
        parent_id: bigint({ mode: 'number' }).references(() => p2.columns.id),
      }),
    }).model,
    seed: 'INSERT INTO parents VALUES (1); INSERT INTO kids VALUES (1, 1);',
    afterUpgrade: { sql: 'SELECT parent_id::int AS parent_id FROM kids', rows: [{ parent_id: 1 }] },
    expect: ['dropConstraint', 'alterColumnType', 'addConstraint'],
  },
  {
    name: 'adds and drops unique constraints',
    before: items({ a: text().unique(), b: text() }),
    after: items({ a: text(), b: text() }, (t) => [unique('items_a_b_key').on(t.a, t.b)]),
    expect: ['dropConstraint', 'addConstraint'],
  },
  {
    name: 'changes a unique constraint to NULLS NOT DISTINCT and deferrable',
    before: items({ a: text() }, (t) => [unique('items_a_key').on(t.a)]),
    after: items({ a: text() }, (t) => [unique('items_a_key').on(t.a).nullsNotDistinct().deferrable()]),
    expect: ['dropConstraint', 'addConstraint'],
  },
  {
    name: 'adds a check, changes one under the same name and drops another',
    before: items({ qty: integer(), price: integer() }, (t) => [
      check('items_qty_check', sql`${t.qty} >= 0`),
      check('items_price_check', sql`${t.price} > 0`),
    ]),
    after: items({ qty: integer(), price: integer() }, (t) => [
      check('items_qty_check', sql`${t.qty} >= 1`),
      check('items_qty_price_check', sql`${t.qty} < ${t.price}`),
    ]),
    expect: ['dropConstraint', 'addConstraint'],
  },
  {
    name: 'adds a NOT VALID check over rows that break it, and validates another',
    before: items({ a: integer(), b: integer() }, (t) => [
      check('items_b_check', sql`${t.b} > 0`, { notValid: true }),
    ]),
    after: items({ a: integer(), b: integer() }, (t) => [
      check('items_a_check', sql`${t.a} > 0`, { notValid: true }),
      check('items_b_check', sql`${t.b} > 0`),
    ]),
    seed: 'INSERT INTO items VALUES (1, -1, 1);',
    expect: ['addConstraint'],
  },
  {
    name: 'adds a foreign key with ON DELETE CASCADE',
    before: defineSchema({
      parents,
      children: table('children', { id: integer().primaryKey(), parent_id: integer() }),
    }).model,
    after: defineSchema({ parents, children: children('cascade') }).model,
    seed: "INSERT INTO parents VALUES (1, 'p'); INSERT INTO children VALUES (1, 1);",
    expect: ['addConstraint'],
  },
  {
    name: "changes a foreign key's ON DELETE action",
    before: defineSchema({ parents, children: children('cascade') }).model,
    after: defineSchema({ parents, children: children('set null') }).model,
    expect: ['dropConstraint', 'addConstraint'],
  },
  {
    name: 'adds a composite foreign key to a unique constraint, deferrable',
    before: defineSchema({
      pairs: table('pairs', { a: integer().notNull(), b: integer().notNull() }, (t) => [
        unique('pairs_a_b_key').on(t.a, t.b),
      ]),
      refs: table('refs', { id: integer().primaryKey(), a: integer(), b: integer() }),
    }).model,
    after: defineSchema({
      pairs: pairsRef,
      refs: table('refs', { id: integer().primaryKey(), a: integer(), b: integer() }, (t) => [
        foreignKey({
          name: 'refs_pair_fkey',
          columns: [t.a, t.b],
          foreignColumns: () => [pairsRef.columns.a, pairsRef.columns.b],
          deferrable: true,
          initiallyDeferred: true,
          match: 'full',
        }),
      ]),
    }).model,
    expect: ['addConstraint'],
  },
  {
    name: 'drops a unique constraint a foreign key relies on, after the foreign key',
    before: defineSchema({
      parents,
      refs: table('refs', {
        id: integer().primaryKey(),
        code: text().references(() => parents.columns.code),
      }),
    }).model,
    after: defineSchema({
      parents: table('parents', { id: integer().primaryKey(), code: text().notNull() }),
      refs: table('refs', { id: integer().primaryKey(), code: text() }),
    }).model,
    expect: ['dropConstraint'],
  },
  {
    name: 'creates and drops plain indexes',
    before: docs((t) => [index('docs_title_idx').on(t.title)]),
    after: docs((t) => [index('docs_created_at_idx').on(t.created_at)]),
    expect: ['dropIndex', 'createIndex'],
  },
  {
    name: 'rebuilds an index whose method changes',
    before: docs((t) => [index('docs_title_idx').on(t.title)]),
    after: docs((t) => [index('docs_title_idx').using('hash', t.title)]),
    expect: ['dropIndex', 'createIndex'],
  },
  {
    name: 'rebuilds a vector index whose operator class changes',
    before: docs((t) => [index('docs_embedding_idx').using('hnsw', t.embedding.op('vector_l2_ops'))]),
    after: docs((t) => [index('docs_embedding_idx').using('hnsw', t.embedding.op('vector_cosine_ops'))]),
    expect: ['dropIndex', 'createIndex'],
  },
  {
    name: 'rebuilds a vector index whose storage parameters change',
    before: docs((t) => [
      index('docs_embedding_idx').using('hnsw', t.embedding.op('vector_cosine_ops')).with({ m: 16 }),
    ]),
    after: docs((t) => [
      index('docs_embedding_idx')
        .using('hnsw', t.embedding.op('vector_cosine_ops'))
        .with({ m: 24, ef_construction: 100 }),
    ]),
    expect: ['dropIndex', 'createIndex'],
  },
  {
    name: 'rebuilds an IVFFlat index whose list count changes',
    before: docs((t) => [
      index('docs_embedding_idx').using('ivfflat', t.embedding.op('vector_ip_ops')).with({ lists: 10 }),
    ]),
    after: docs((t) => [
      index('docs_embedding_idx').using('ivfflat', t.embedding.op('vector_ip_ops')).with({ lists: 20 }),
    ]),
    expect: ['dropIndex', 'createIndex'],
  },
  {
    name: 'rebuilds a partial index whose predicate changes',
    before: docs((t) => [index('docs_title_idx').on(t.title).where(sql`${t.deleted_at} IS NULL`)]),
    after: docs((t) => [index('docs_title_idx').on(t.title).where(sql`${t.deleted_at} IS NOT NULL`)]),
    expect: ['dropIndex', 'createIndex'],
  },
  {
    name: 'rebuilds an expression index whose expression changes',
    before: docs(() => [index('docs_title_lower_idx').on(sql`lower(title)`)]),
    after: docs(() => [index('docs_title_lower_idx').on(sql`upper(title)`)]),
    expect: ['dropIndex', 'createIndex'],
  },
  {
    name: 'rebuilds an index whose INCLUDE list changes',
    before: docs((t) => [index('docs_title_idx').on(t.title).include(t.created_at)]),
    after: docs((t) => [index('docs_title_idx').on(t.title).include(t.created_at, t.deleted_at)]),
    expect: ['dropIndex', 'createIndex'],
  },
  {
    name: 'rebuilds an index whose order and NULLS placement change',
    before: docs((t) => [index('docs_created_idx').on(t.created_at)]),
    after: docs((t) => [index('docs_created_idx').on(t.created_at.desc('last'))]),
    expect: ['dropIndex', 'createIndex'],
  },
  {
    name: 'rebuilds an index whose column order changes',
    before: docs((t) => [index('docs_multi_idx').on(t.title, t.created_at)]),
    after: docs((t) => [index('docs_multi_idx').on(t.created_at, t.title)]),
    expect: ['dropIndex', 'createIndex'],
  },
  {
    name: 'makes an index unique with NULLS NOT DISTINCT',
    before: docs((t) => [index('docs_title_idx').on(t.title)]),
    after: docs((t) => [uniqueIndex('docs_title_idx').on(t.title).nullsNotDistinct()]),
    expect: ['dropIndex', 'createIndex'],
  },
  {
    name: 'renames an index whose definition is unchanged instead of rebuilding it',
    before: docs((t) => [index('docs_title_idx').on(t.title)]),
    after: docs((t) => [index('docs_by_title').on(t.title)]),
    expect: ['renameIndex'],
    forbid: ['dropIndex', 'createIndex'],
  },
  {
    name: 'sets, changes and removes index comments without rebuilding',
    before: docs((t) => [
      index('docs_a_idx').on(t.title).comment('old'),
      index('docs_b_idx').on(t.created_at).comment('x'),
    ]),
    after: docs((t) => [
      index('docs_a_idx').on(t.title).comment('new'),
      index('docs_b_idx').on(t.created_at),
    ]),
    expect: ['setComment'],
    forbid: ['dropIndex', 'createIndex'],
  },
  {
    name: 'builds an index concurrently, outside the transaction',
    before: docs(() => []),
    after: docs((t) => [index('docs_title_idx').on(t.title).concurrently()]),
    seed: "INSERT INTO docs (id, title) VALUES (1, 'a');",
    expect: ['createIndex'],
  },
  {
    name: 'creates a GIN index with jsonb_path_ops and a half-precision HNSW expression index',
    before: docs(() => []),
    after: docs((t) => [
      index('docs_data_idx').using('gin', t.data.op('jsonb_path_ops')),
      index('docs_embedding_half_idx').using(
        'hnsw',
        sql`(${t.embedding})::halfvec(3)`.op('halfvec_cosine_ops'),
      ),
    ]),
    expect: ['createIndex'],
  },
  {
    name: 'rebuilds an index over a column that becomes generated',
    before: defineSchema({
      t: table('t', { id: integer().primaryKey(), active: boolean() }, (c) => [
        index('t_active_idx').on(c.active),
      ]),
    }).model,
    after: defineSchema({
      t: table('t', { id: integer().primaryKey(), active: boolean().generatedAlwaysAs(sql`id > 0`) }, (c) => [
        index('t_active_idx').on(c.active),
      ]),
    }).model,
    expect: ['dropIndex', 'dropColumn', 'addColumn', 'createIndex'],
    warnings: ['destructive'],
  },
];

describe('migration pairs: keys, constraints and indexes', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  for (const pair of PAIRS) {
    it(pair.name, async () => {
      await checkPair(db, pair);
    });
  }
});
