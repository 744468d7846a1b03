/**
 * Before/after pairs for columns: add, drop, rename, type (with and without USING), nullability,
 * defaults, identity, generated expressions, comments and collation, each upgraded and
 * downgraded on a real database (see migrate-pairs.harness.ts).
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { SchemaModel } from '../../src/model/index.js';
import type { AnyColumn } from '../../src/schema/index.js';
import {
  bigint,
  check,
  defineSchema,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  serial,
  sql,
  table,
  text,
  timestamp,
  timestamptz,
  uuid,
  varchar,
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

const status = pgEnum('status', ['draft', 'published']);
const level = pgEnum('level', ['draft', 'published', 'archived']);

const PAIRS: MigrationPair[] = [
  {
    name: 'adds nullable columns and one with a default that fills existing rows',
    before: items({ name: text() }),
    after: items({ name: text(), note: text(), score: integer().notNull().default(7) }),
    seed: "INSERT INTO items VALUES (1, 'a');",
    afterUpgrade: {
      sql: 'SELECT id, name, note, score FROM items',
      rows: [{ id: 1, name: 'a', note: null, score: 7 }],
    },
    expect: ['addColumn'],
  },
  {
    name: 'drops a column and brings it back empty on the way down',
    before: items({ name: text(), note: text() }),
    after: items({ name: text() }),
    seed: "INSERT INTO items VALUES (1, 'a', 'n');",
    afterDowngrade: { sql: 'SELECT name, note FROM items', rows: [{ name: 'a', note: null }] },
    expect: ['dropColumn'],
    warnings: ['destructive'],
  },
  {
    name: 'renames a column declared with renamedFrom, with its unique constraint and check',
    before: items({ email: text().notNull().unique().check(sql`email <> ''`) }),
    after: items({ login: text().notNull().unique().check(sql`login <> ''`).renamedFrom('email') }),
    seed: "INSERT INTO items VALUES (1, 'a@b');",
    afterUpgrade: { sql: 'SELECT login FROM items', rows: [{ login: 'a@b' }] },
    afterDowngrade: { sql: 'SELECT email FROM items', rows: [{ email: 'a@b' }] },
    expect: ['renameColumn', 'renameConstraint'],
    forbid: ['dropColumn', 'addColumn', 'dropConstraint'],
  },
  {
    name: 'renames a column given in the differ options, under an index',
    before: items({ title: text() }, (t) => [index('items_title_idx').on(t.title)]),
    after: items({ headline: text() }, (t) => [index('items_title_idx').on(t.headline)]),
    options: { renames: { columns: { 'items.title': 'headline' } } },
    seed: "INSERT INTO items VALUES (1, 'x');",
    afterUpgrade: { sql: 'SELECT headline FROM items', rows: [{ headline: 'x' }] },
    expect: ['renameColumn'],
    forbid: ['dropColumn', 'dropIndex'],
  },
  {
    name: 'hints at a rename when a column is dropped and one of the same type added',
    before: items({ title: text() }),
    after: items({ headline: text() }),
    expect: ['dropColumn', 'addColumn'],
    warnings: ['possibleRename', 'destructive'],
  },
  {
    name: 'widens integer to bigint without a USING cast',
    before: items({ n: integer() }),
    after: items({ n: bigint({ mode: 'number' }) }),
    seed: 'INSERT INTO items VALUES (1, 2147483647);',
    afterUpgrade: { sql: 'SELECT n::text AS n FROM items', rows: [{ n: '2147483647' }] },
    expect: ['alterColumnType'],
  },
  {
    name: 'narrows varchar(100) to varchar(20), flagged as destructive',
    before: items({ code: varchar(100) }),
    after: items({ code: varchar(20) }),
    seed: "INSERT INTO items VALUES (1, 'short');",
    afterUpgrade: { sql: 'SELECT code FROM items', rows: [{ code: 'short' }] },
    expect: ['alterColumnType'],
    warnings: ['destructive'],
  },
  {
    name: 'changes text to integer with a USING cast',
    before: items({ qty: text() }),
    after: items({ qty: integer() }),
    seed: "INSERT INTO items VALUES (1, '42');",
    afterUpgrade: { sql: 'SELECT qty FROM items', rows: [{ qty: 42 }] },
    afterDowngrade: { sql: 'SELECT qty FROM items', rows: [{ qty: '42' }] },
    expect: ['alterColumnType'],
    warnings: ['destructive'],
  },
  {
    name: 'changes text to uuid and to jsonb with USING casts',
    before: items({ ref: text(), data: text() }),
    after: items({ ref: uuid(), data: jsonb() }),
    seed: `INSERT INTO items VALUES (1, '00000000-0000-0000-0000-00000000000a', '{"a": 1}');`,
    afterUpgrade: {
      sql: "SELECT ref::text AS ref, data->>'a' AS a FROM items",
      rows: [{ ref: '00000000-0000-0000-0000-00000000000a', a: '1' }],
    },
    expect: ['alterColumnType'],
    warnings: ['destructive'],
  },
  {
    name: 'changes integer to text',
    before: items({ code: integer() }),
    after: items({ code: text() }),
    seed: 'INSERT INTO items VALUES (1, 17);',
    afterUpgrade: { sql: 'SELECT code FROM items', rows: [{ code: '17' }] },
    expect: ['alterColumnType'],
  },
  {
    name: 'changes timestamp to timestamptz',
    before: items({ at: timestamp() }),
    after: items({ at: timestamptz() }),
    expect: ['alterColumnType'],
  },
  {
    name: 'changes numeric precision and scale',
    before: items({ price: numeric(8, 2) }),
    after: items({ price: numeric(12, 4) }),
    seed: "INSERT INTO items VALUES (1, '12.34');",
    afterUpgrade: { sql: 'SELECT price FROM items', rows: [{ price: '12.3400' }] },
    expect: ['alterColumnType'],
  },
  {
    name: 'changes a text column to an enum and its default with it',
    before: items({ state: text().notNull().default('draft') }),
    after: defineSchema({
      items: table('items', { id: integer().primaryKey(), state: status().notNull().default('draft') }),
    }).model,
    seed: "INSERT INTO items VALUES (1, 'published');",
    afterUpgrade: { sql: 'SELECT state::text AS state FROM items', rows: [{ state: 'published' }] },
    expect: ['createEnum', 'dropDefault', 'alterColumnType', 'setDefault'],
    warnings: ['destructive'],
  },
  {
    name: 'changes a column from one enum to another through text',
    before: defineSchema({ items: table('items', { id: integer().primaryKey(), state: status() }) }).model,
    after: defineSchema({ items: table('items', { id: integer().primaryKey(), state: level() }) }).model,
    seed: "INSERT INTO items VALUES (1, 'published');",
    afterUpgrade: { sql: 'SELECT state::text AS state FROM items', rows: [{ state: 'published' }] },
    expect: ['createEnum', 'alterColumnType', 'dropEnum'],
    warnings: ['destructive'],
  },
  {
    name: 'changes the dimensions of a vector column of an empty table',
    before: items({ embedding: vector(3) }),
    after: items({ embedding: vector(4) }),
    expect: ['alterColumnType'],
    warnings: ['destructive'],
  },
  {
    name: 'changes the element type of an array column',
    before: items({ ns: integer().array() }),
    after: items({ ns: bigint({ mode: 'number' }).array() }),
    seed: "INSERT INTO items VALUES (1, '{1,2}');",
    afterUpgrade: { sql: 'SELECT ns::text AS ns FROM items', rows: [{ ns: '{1,2}' }] },
    expect: ['alterColumnType'],
  },
  {
    name: 'sets and drops NOT NULL',
    before: items({ a: text(), b: text().notNull() }),
    after: items({ a: text().notNull(), b: text() }),
    seed: "INSERT INTO items VALUES (1, 'x', 'y');",
    expect: ['setNotNull', 'dropNotNull'],
  },
  {
    name: 'sets, changes and drops defaults',
    before: items({ a: text(), b: integer().default(1), c: timestamptz().defaultNow() }),
    after: items({ a: text().default("it's"), b: integer().default(2), c: timestamptz() }),
    expect: ['setDefault', 'dropDefault'],
  },
  {
    name: 'makes an integer key an identity column',
    before: defineSchema({ items: table('items', { id: integer().primaryKey(), name: text() }) }).model,
    after: defineSchema({
      items: table('items', {
        id: integer().primaryKey().generatedByDefaultAsIdentity({ start: 100 }),
        name: text(),
      }),
    }).model,
    seed: "INSERT INTO items VALUES (1, 'a');",
    afterUpgrade: { sql: 'SELECT id, name FROM items', rows: [{ id: 1, name: 'a' }] },
    expect: ['addIdentity'],
  },
  {
    name: 'drops an identity, keeping the values',
    before: defineSchema({
      items: table('items', {
        id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
        name: text(),
      }),
    }).model,
    after: defineSchema({
      items: table('items', { id: bigint({ mode: 'number' }).primaryKey(), name: text() }),
    }).model,
    seed: "INSERT INTO items (name) VALUES ('a');",
    afterUpgrade: { sql: 'SELECT id::int AS id FROM items', rows: [{ id: 1 }] },
    expect: ['dropIdentity'],
    warnings: ['destructive'],
  },
  {
    name: 'changes an identity from BY DEFAULT to ALWAYS and its sequence options',
    before: defineSchema({
      items: table('items', { id: integer().primaryKey().generatedByDefaultAsIdentity(), name: text() }),
    }).model,
    after: defineSchema({
      items: table('items', {
        id: integer().primaryKey().generatedAlwaysAsIdentity({ start: 10, increment: 5, cache: 20 }),
        name: text(),
      }),
    }).model,
    expect: ['alterIdentity'],
  },
  {
    name: 'changes the expression of a generated column (its values are computed again)',
    before: items({ price: integer(), total: integer().generatedAlwaysAs(sql`price * 2`) }),
    after: items({ price: integer(), total: integer().generatedAlwaysAs(sql`price * 3`) }),
    seed: 'INSERT INTO items (id, price) VALUES (1, 10);',
    afterUpgrade: { sql: 'SELECT total FROM items', rows: [{ total: 30 }] },
    afterDowngrade: { sql: 'SELECT total FROM items', rows: [{ total: 20 }] },
    expect: ['dropColumn', 'addColumn'],
  },
  {
    name: 'turns a generated column into a plain one that keeps its values',
    before: items({ price: integer(), total: integer().generatedAlwaysAs(sql`price * 2`) }),
    after: items({ price: integer(), total: integer() }),
    seed: 'INSERT INTO items (id, price) VALUES (1, 10);',
    afterUpgrade: { sql: 'SELECT total FROM items', rows: [{ total: 20 }] },
    afterDowngrade: { sql: 'SELECT total FROM items', rows: [{ total: 20 }] },
    expect: ['dropGenerated'],
  },
  {
    name: 'turns a plain column into a generated one',
    before: items({ price: integer(), total: integer() }),
    after: items({ price: integer(), total: integer().generatedAlwaysAs(sql`price + 1`) }),
    seed: 'INSERT INTO items VALUES (1, 10, 99);',
    afterUpgrade: { sql: 'SELECT total FROM items', rows: [{ total: 11 }] },
    expect: ['dropColumn', 'addColumn'],
    warnings: ['destructive'],
  },
  {
    name: 'rebuilds a generated column over a column whose type changes',
    before: items({ price: integer(), total: integer().generatedAlwaysAs(sql`price * 2`) }),
    after: items({
      price: bigint({ mode: 'number' }),
      total: bigint({ mode: 'number' }).generatedAlwaysAs(sql`price * 2`),
    }),
    seed: 'INSERT INTO items (id, price) VALUES (1, 10);',
    afterUpgrade: { sql: 'SELECT total::int AS total FROM items', rows: [{ total: 20 }] },
    expect: ['dropColumn', 'alterColumnType', 'addColumn'],
  },
  {
    name: 'moves a generated column whose expression changes to the end of its table',
    before: items({ price: integer(), total: integer().generatedAlwaysAs(sql`price * 2`), note: text() }),
    after: items({ price: integer(), total: integer().generatedAlwaysAs(sql`price + 1`), note: text() }),
    seed: "INSERT INTO items (id, price, note) VALUES (1, 10, 'n');",
    afterUpgrade: { sql: 'SELECT total, note FROM items', rows: [{ total: 11, note: 'n' }] },
    expect: ['dropColumn', 'addColumn'],
    movesColumns: true,
  },
  {
    name: 'widens an identity key to bigint, its sequence with it',
    before: defineSchema({
      items: table('items', { id: integer().primaryKey().generatedAlwaysAsIdentity(), name: text() }),
    }).model,
    after: defineSchema({
      items: table('items', {
        id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
        name: text(),
      }),
    }).model,
    seed: "INSERT INTO items (name) VALUES ('a');",
    afterUpgrade: { sql: 'SELECT id::int AS id, name FROM items', rows: [{ id: 1, name: 'a' }] },
    expect: ['alterColumnType'],
  },
  {
    name: 'rebuilds the check and expression index over a column whose type changes',
    before: items({ price: integer().check(sql`price > 0`) }, (t) => [
      index('items_double_idx').on(sql`(${t.price} * 2)`),
    ]),
    after: items({ price: numeric(10, 2).check(sql`price > 0`) }, (t) => [
      index('items_double_idx').on(sql`(${t.price} * 2)`),
    ]),
    seed: 'INSERT INTO items VALUES (1, 5);',
    afterUpgrade: { sql: 'SELECT price FROM items', rows: [{ price: '5.00' }] },
    expect: ['dropConstraint', 'dropIndex', 'alterColumnType', 'addConstraint', 'createIndex'],
    warnings: ['destructive'],
  },
  {
    name: 'sets, changes and removes column comments',
    before: items({ a: text(), b: text().comment('old'), c: text().comment('gone') }),
    after: items({ a: text().comment('new'), b: text().comment('changed'), c: text() }),
    expect: ['setComment'],
  },
  {
    name: 'changes the collation of a column',
    before: items({ name: text() }),
    after: items({ name: text().collate('C') }),
    seed: "INSERT INTO items VALUES (1, 'b'), (2, 'B');",
    afterUpgrade: { sql: 'SELECT name FROM items ORDER BY name', rows: [{ name: 'B' }, { name: 'b' }] },
    expect: ['alterColumnType'],
  },
  {
    name: 'adds a serial column that numbers existing rows',
    before: items({ name: text() }),
    after: items({ name: text(), seq: serial() }),
    seed: "INSERT INTO items VALUES (1, 'a');",
    afterUpgrade: { sql: 'SELECT seq FROM items', rows: [{ seq: 1 }] },
    expect: ['addColumn'],
  },
  {
    name: 'warns that a NOT NULL column without a default needs the table empty',
    before: items({ name: text() }),
    after: items({ name: text(), code: text().notNull() }),
    expect: ['addColumn'],
    warnings: ['manualStep'],
  },
  {
    name: 'drops a column after the index and the check that use it',
    before: items({ a: text(), b: text() }, (t) => [
      index('items_a_b_idx').on(t.a, t.b),
      check('items_b_check', sql`b <> ''`),
    ]),
    after: items({ a: text() }),
    expect: ['dropIndex', 'dropConstraint', 'dropColumn'],
    warnings: ['destructive'],
  },
];

describe('migration pairs: columns', () => {
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
