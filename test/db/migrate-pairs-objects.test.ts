/**
 * Before/after pairs for schemas, extensions, enums, sequences and whole tables, each upgraded
 * and downgraded on a real database (see migrate-pairs.harness.ts).
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { SchemaModel, SequenceModel } from '../../src/model/index.js';
import type { AnyColumn } from '../../src/schema/index.js';
import {
  check,
  defineSchema,
  index,
  integer,
  pgEnum,
  pgSchema,
  sql,
  table,
  text,
  uuid,
  vector,
} from '../../src/schema/index.js';
import { openTestDatabase, type TestDatabase } from '../support/backend.js';
import { checkPair, type MigrationPair } from './migrate-pairs.harness.js';

const users = table('users', {
  id: uuid().primaryKey().defaultRandom(),
  email: text().notNull().unique(),
});
const posts = table(
  'posts',
  {
    id: uuid().primaryKey().defaultRandom(),
    author_id: uuid()
      .notNull()
      .references(() => users.columns.id, { onDelete: 'cascade' }),
    title: text().notNull(),
  },
  (t) => [index().on(t.author_id)],
).comment('Blog posts');
const blog = defineSchema({ users, posts }).model;

const accounts = table('accounts', {
  id: uuid().primaryKey().defaultRandom(),
  email: text().notNull().unique(),
});
const accountPosts = table(
  'posts',
  {
    id: uuid().primaryKey().defaultRandom(),
    author_id: uuid()
      .notNull()
      .references(() => accounts.columns.id, { name: 'posts_author_id_fkey', onDelete: 'cascade' }),
    title: text().notNull(),
  },
  (t) => [index().on(t.author_id)],
).comment('Blog posts');
const usersOnly = defineSchema({ users }).model;

const people = table('people', { id: integer().primaryKey(), name: text().notNull() }, (t) => [
  index().on(t.name),
]);
const persons = table('persons', { id: integer().primaryKey(), name: text().notNull() }, (t) => [
  index().on(t.name),
]);
const peopleModel = defineSchema({ people }).model;

const app = pgSchema('app');
const tasks = app.table('tasks', { id: integer().primaryKey(), title: text().notNull() });

const docs = table('docs', { id: integer().primaryKey(), body: text() });
const vectorDocs = table('docs', { id: integer().primaryKey(), body: text(), embedding: vector(3) }, (t) => [
  index('docs_embedding_idx').using('hnsw', t.embedding.op('vector_cosine_ops')),
]);

const mood = pgEnum('mood', ['sad', 'ok', 'happy']);
const diary = (column: AnyColumn) => table('diary', { id: integer().primaryKey(), mood: column });

/** A diary whose mood is checked and partially indexed, with these labels. */
function guarded(values: readonly [string, ...string[]]): SchemaModel {
  const moods = pgEnum('mood', values);
  return defineSchema({
    diary: table('diary', { id: integer().primaryKey(), mood: moods() }, (t) => [
      index('diary_ok_idx').on(t.id).where(sql`${t.mood} = 'ok'`),
      check('diary_mood_check', sql`${t.mood} <> 'sad'`),
    ]),
  }).model;
}

function withSequences(model: SchemaModel, sequences: SequenceModel[]): SchemaModel {
  return { ...model, sequences };
}
const ticketSeq: SequenceModel = {
  kind: 'sequence',
  schema: 'public',
  name: 'ticket_seq',
  dataType: 'integer',
};

const a = table('a', {
  id: integer().primaryKey(),
  b_id: integer().references((): AnyColumn => b.columns.id),
});
const b = table('b', {
  id: integer().primaryKey(),
  a_id: integer().references((): AnyColumn => a.columns.id),
});

const tree = table('tree', {
  id: integer().primaryKey(),
  parent_id: integer().references((): AnyColumn => tree.columns.id, { onDelete: 'set null' }),
});

const commented = (one?: string, two?: string, three?: string) => {
  const t1 = table('t1', { id: integer() });
  const t2 = table('t2', { id: integer() });
  const t3 = table('t3', { id: integer() });
  return defineSchema({
    t1: one === undefined ? t1 : t1.comment(one),
    t2: two === undefined ? t2 : t2.comment(two),
    t3: three === undefined ? t3 : t3.comment(three),
  }).model;
};

const PAIRS: MigrationPair[] = [
  {
    name: 'creates a table with its foreign key, index and comment',
    before: usersOnly,
    after: blog,
    seed: "INSERT INTO users (email) VALUES ('a@example.com');",
    afterUpgrade: { sql: 'SELECT email FROM users', rows: [{ email: 'a@example.com' }] },
    expect: ['createTable', 'addConstraint'],
  },
  {
    name: 'drops a table after its foreign keys and recreates it empty on the way down',
    before: blog,
    after: usersOnly,
    seed: `INSERT INTO users (id, email) VALUES ('00000000-0000-0000-0000-000000000001', 'a@example.com');
      INSERT INTO posts (author_id, title) VALUES ('00000000-0000-0000-0000-000000000001', 'Hello');`,
    afterDowngrade: { sql: 'SELECT count(*)::int AS n FROM posts', rows: [{ n: 0 }] },
    expect: ['dropConstraint', 'dropTable'],
    warnings: ['destructive'],
  },
  {
    name: 'renames a table declared with renamedFrom, with its key and index names',
    before: peopleModel,
    after: defineSchema({ persons: persons.renamedFrom('people') }).model,
    seed: "INSERT INTO people VALUES (1, 'Ada');",
    afterUpgrade: { sql: 'SELECT id, name FROM persons', rows: [{ id: 1, name: 'Ada' }] },
    afterDowngrade: { sql: 'SELECT id, name FROM people', rows: [{ id: 1, name: 'Ada' }] },
    expect: ['renameTable', 'renameConstraint', 'renameIndex'],
    forbid: ['dropTable', 'createTable'],
  },
  {
    name: 'renames a table given in the differ options',
    before: peopleModel,
    after: defineSchema({ persons }).model,
    options: { renames: { tables: { 'public.people': 'persons' } } },
    seed: "INSERT INTO people VALUES (1, 'Ada');",
    afterUpgrade: { sql: 'SELECT id, name FROM persons', rows: [{ id: 1, name: 'Ada' }] },
    expect: ['renameTable'],
    forbid: ['dropTable', 'createTable'],
  },
  {
    name: 'hints at a rename when a table is dropped and a look-alike created',
    before: peopleModel,
    after: defineSchema({ persons }).model,
    expect: ['dropTable', 'createTable'],
    warnings: ['possibleRename', 'destructive'],
  },
  {
    name: 'creates a schema with a table in it',
    before: usersOnly,
    after: defineSchema({ users, tasks }).model,
    expect: ['createSchema', 'createTable'],
  },
  {
    name: 'drops a schema after the tables in it',
    before: defineSchema({ users, tasks }).model,
    after: usersOnly,
    expect: ['dropTable', 'dropSchema'],
    warnings: ['destructive'],
  },
  {
    name: 'creates the vector extension before a vector column and its HNSW index',
    before: defineSchema({ docs }).model,
    after: defineSchema({ docs: vectorDocs }).model,
    seed: "INSERT INTO docs VALUES (1, 'x');",
    afterUpgrade: {
      sql: 'SELECT id, body, embedding FROM docs',
      rows: [{ id: 1, body: 'x', embedding: null }],
    },
    expect: ['createExtension', 'addColumn', 'createIndex'],
  },
  {
    name: 'drops the vector extension after the index and column that used it',
    before: defineSchema({ docs: vectorDocs }).model,
    after: defineSchema({ docs }).model,
    expect: ['dropIndex', 'dropColumn', 'dropExtension'],
    warnings: ['destructive'],
  },
  {
    name: 'creates an enum before the column that uses it',
    before: defineSchema({ docs }).model,
    after: defineSchema({ docs, diary: diary(mood().notNull().default('ok')) }).model,
    expect: ['createEnum', 'createTable'],
  },
  {
    name: 'drops an enum after the last column using it',
    before: defineSchema({ docs, diary: diary(mood()) }).model,
    after: defineSchema({ docs, diary: table('diary', { id: integer().primaryKey() }) }).model,
    expect: ['dropColumn', 'dropEnum'],
    warnings: ['destructive'],
  },
  {
    name: 'adds an enum label at the end outside the transaction',
    before: defineSchema({ diary: diary(mood()) }).model,
    after: defineSchema({ diary: diary(pgEnum('mood', ['sad', 'ok', 'happy', 'ecstatic'])()) }).model,
    seed: "INSERT INTO diary VALUES (1, 'happy');",
    afterUpgrade: { sql: 'SELECT mood::text FROM diary', rows: [{ mood: 'happy' }] },
    expect: ['addEnumValue'],
    forbid: ['recreateEnum'],
  },
  {
    name: 'adds enum labels at the start and in the middle',
    before: defineSchema({ diary: diary(mood()) }).model,
    after: defineSchema({ diary: diary(pgEnum('mood', ['awful', 'sad', 'ok', 'fine', 'happy'])()) }).model,
    seed: "INSERT INTO diary VALUES (1, 'ok');",
    afterUpgrade: { sql: 'SELECT mood::text FROM diary', rows: [{ mood: 'ok' }] },
    expect: ['addEnumValue'],
    forbid: ['recreateEnum'],
  },
  {
    name: 'adds an enum label and makes it the default in a later transaction',
    before: defineSchema({ diary: diary(mood().default('ok')) }).model,
    after: defineSchema({ diary: diary(pgEnum('mood', ['sad', 'ok', 'meh', 'happy'])().default('meh')) })
      .model,
    expect: ['addEnumValue', 'setDefault'],
  },
  {
    name: 'removes an enum label by recreating the type, keeping rows and the default',
    before: defineSchema({ diary: diary(mood().notNull().default('ok')) }).model,
    after: defineSchema({ diary: diary(pgEnum('mood', ['sad', 'ok'])().notNull().default('ok')) }).model,
    seed: "INSERT INTO diary VALUES (1, 'sad'), (2, 'ok');",
    afterUpgrade: {
      sql: 'SELECT id, mood::text FROM diary ORDER BY id',
      rows: [
        { id: 1, mood: 'sad' },
        { id: 2, mood: 'ok' },
      ],
    },
    afterDowngrade: { sql: 'SELECT count(*)::int AS n FROM diary', rows: [{ n: 2 }] },
    expect: ['recreateEnum'],
    warnings: ['destructive'],
  },
  {
    name: 'removes an enum label used by an array column and changes a default at the same time',
    before: defineSchema({
      diary: table('diary', {
        id: integer().primaryKey(),
        moods: mood().array(),
        main: mood().default('happy'),
      }),
    }).model,
    after: defineSchema({
      diary: table('diary', {
        id: integer().primaryKey(),
        moods: pgEnum('mood', ['ok', 'happy'])().array(),
        main: pgEnum('mood', ['ok', 'happy'])().default('ok'),
      }),
    }).model,
    seed: "INSERT INTO diary VALUES (1, '{ok,happy}', 'ok');",
    afterUpgrade: { sql: 'SELECT moods::text[] AS moods FROM diary', rows: [{ moods: ['ok', 'happy'] }] },
    expect: ['recreateEnum'],
    warnings: ['destructive'],
  },
  {
    name: 'removes an enum label under a partial index and a check on the column',
    before: guarded(['sad', 'ok', 'happy']),
    after: guarded(['sad', 'ok']),
    seed: "INSERT INTO diary VALUES (1, 'ok');",
    afterUpgrade: { sql: "SELECT id FROM diary WHERE mood = 'ok'", rows: [{ id: 1 }] },
    expect: ['dropIndex', 'dropConstraint', 'recreateEnum', 'createIndex', 'addConstraint'],
    warnings: ['destructive'],
  },
  {
    name: 'adds an enum label under a partial index, the downgrade rebuilding the index around the type',
    before: guarded(['sad', 'ok']),
    after: guarded(['sad', 'ok', 'happy']),
    seed: "INSERT INTO diary VALUES (1, 'ok');",
    expect: ['addEnumValue'],
    forbid: ['dropIndex', 'recreateEnum'],
  },
  {
    name: 'removes an enum label held only by rows of a column that is dropped',
    before: defineSchema({ diary: table('diary', { id: integer().primaryKey(), mood: mood(), old: mood() }) })
      .model,
    after: defineSchema({
      diary: table('diary', { id: integer().primaryKey(), mood: pgEnum('mood', ['sad', 'ok'])() }),
    }).model,
    seed: "INSERT INTO diary VALUES (1, 'ok', 'happy');",
    afterUpgrade: { sql: 'SELECT mood::text AS mood FROM diary', rows: [{ mood: 'ok' }] },
    expect: ['dropColumn', 'recreateEnum'],
    warnings: ['destructive'],
  },
  {
    name: 'renames an enum label declared in the options, rows following it',
    before: defineSchema({ diary: diary(mood()) }).model,
    after: defineSchema({ diary: diary(pgEnum('mood', ['unhappy', 'ok', 'happy'])()) }).model,
    options: { renames: { enumValues: { mood: { sad: 'unhappy' } } } },
    seed: "INSERT INTO diary VALUES (1, 'sad');",
    afterUpgrade: { sql: 'SELECT mood::text FROM diary', rows: [{ mood: 'unhappy' }] },
    afterDowngrade: { sql: 'SELECT mood::text FROM diary', rows: [{ mood: 'sad' }] },
    expect: ['renameEnumValue'],
    forbid: ['recreateEnum', 'addEnumValue'],
  },
  {
    name: 'reorders enum labels by recreating the type',
    before: defineSchema({ diary: diary(mood()) }).model,
    after: defineSchema({ diary: diary(pgEnum('mood', ['happy', 'ok', 'sad'])()) }).model,
    seed: "INSERT INTO diary VALUES (1, 'sad'), (2, 'happy');",
    afterUpgrade: {
      sql: 'SELECT id FROM diary ORDER BY mood',
      rows: [{ id: 2 }, { id: 1 }],
    },
    expect: ['recreateEnum'],
  },
  {
    name: 'adds a label to an enum in another schema',
    before: defineSchema({
      t: app.table('entries', { id: integer().primaryKey(), level: app.enum('level', ['low', 'high'])() }),
    }).model,
    after: defineSchema({
      t: app.table('entries', {
        id: integer().primaryKey(),
        level: app.enum('level', ['low', 'mid', 'high'])(),
      }),
    }).model,
    expect: ['addEnumValue'],
  },
  {
    name: 'creates a sequence',
    before: usersOnly,
    after: withSequences(usersOnly, [{ ...ticketSeq, start: '1000', increment: '10' }]),
    expect: ['createSequence'],
  },
  {
    name: 'alters a sequence: type, increment, bounds and cache',
    before: withSequences(usersOnly, [{ ...ticketSeq, start: '1000', increment: '10' }]),
    after: withSequences(usersOnly, [
      {
        ...ticketSeq,
        dataType: 'bigint',
        start: '1000',
        increment: '5',
        minValue: '100',
        cache: '20',
        cycle: true,
      },
    ]),
    expect: ['alterSequence'],
  },
  {
    name: 'drops a sequence',
    before: withSequences(usersOnly, [{ ...ticketSeq, start: '5' }]),
    after: usersOnly,
    expect: ['dropSequence'],
    warnings: ['destructive'],
  },
  {
    name: 'renames a table other tables reference, their foreign keys following',
    before: blog,
    after: defineSchema({ accounts: accounts.renamedFrom('users'), posts: accountPosts }).model,
    seed: `INSERT INTO users (id, email) VALUES ('00000000-0000-0000-0000-000000000001', 'a@example.com');
      INSERT INTO posts (author_id, title) VALUES ('00000000-0000-0000-0000-000000000001', 'Hello');`,
    afterUpgrade: {
      sql: 'SELECT a.email, p.title FROM posts p JOIN accounts a ON a.id = p.author_id',
      rows: [{ email: 'a@example.com', title: 'Hello' }],
    },
    expect: ['renameTable', 'renameConstraint'],
    forbid: ['dropTable', 'createTable', 'dropConstraint', 'addConstraint'],
  },
  {
    name: 'creates two tables whose foreign keys reference each other',
    before: usersOnly,
    after: defineSchema({ users, a, b }).model,
    expect: ['createTable', 'addConstraint'],
  },
  {
    name: 'drops two tables whose foreign keys reference each other',
    before: defineSchema({ users, a, b }).model,
    after: usersOnly,
    expect: ['dropConstraint', 'dropTable'],
    warnings: ['destructive'],
  },
  {
    name: 'adds a table with a self-referencing foreign key',
    before: usersOnly,
    after: defineSchema({ users, tree }).model,
    expect: ['createTable', 'addConstraint'],
  },
  {
    name: 'sets, changes and removes table comments',
    before: commented(undefined, 'old', 'gone'),
    after: commented('new', "it's changed", undefined),
    expect: ['setComment'],
  },
];

describe('migration pairs: schemas, extensions, enums, sequences and tables', () => {
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
