import { describe, expect, it } from 'vitest';
import {
  bigserial,
  check,
  defineSchema,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgSchema,
  primaryKey,
  requiredExtensions,
  serial,
  softDelete,
  sql,
  table,
  text,
  timestamps,
  tsvector,
  unique,
  uuid,
  uuidPrimaryKey,
  varchar,
  vector,
} from '../../src/schema/index.js';

describe('the schema model built by the DSL', () => {
  const users = table('users', {
    id: uuidPrimaryKey(),
    email: varchar(255).notNull().unique(),
    karma: integer().notNull().default(-1).check(sql`karma >= -100`),
    ...timestamps(),
  });
  const posts = table(
    'posts',
    {
      id: bigserial().primaryKey(),
      author_id: uuid()
        .notNull()
        .references(() => users.columns.id, { onDelete: 'cascade' }),
      title: text().notNull().default("it's"),
      body: text().notNull(),
      search: tsvector().generatedAlwaysAs(sql`to_tsvector('english', title || ' ' || body)`),
      meta: jsonb()
        .notNull()
        .default({ a: [1] }),
      ...softDelete('deletedAt'),
    },
    (t) => [
      index().on(t.author_id, t.title.desc('last')),
      index('posts_search_idx').using('gin', t.search),
      index('posts_meta_idx').using('gin', t.meta.op('jsonb_path_ops')).where(sql`${t.deleted_at} IS NULL`),
    ],
  ).comment('Blog posts');

  const model = defineSchema({ users, posts }).model;

  it('fills in the names PostgreSQL would give to unnamed constraints and indexes', () => {
    const u = model.tables.find((t) => t.name === 'users')!;
    const p = model.tables.find((t) => t.name === 'posts')!;
    expect(u.primaryKey?.name).toBe('users_pkey');
    expect(u.uniques.map((x) => x.name)).toEqual(['users_email_key']);
    expect(u.checks).toEqual([
      { kind: 'check', name: 'users_karma_check', expression: 'karma >= -100', notValid: false },
    ]);
    expect(p.foreignKeys[0]?.name).toBe('posts_author_id_fkey');
    expect(p.indexes.map((i) => i.name)).toEqual([
      'posts_author_id_title_idx',
      'posts_meta_idx',
      'posts_search_idx',
    ]);
  });

  it('renders value defaults as SQL literals and keeps expression defaults as written', () => {
    const u = model.tables.find((t) => t.name === 'users')!;
    const p = model.tables.find((t) => t.name === 'posts')!;
    const col = (t: typeof u, name: string) => t.columns.find((c) => c.name === name)!;
    expect(col(u, 'id').default).toBe('gen_random_uuid()');
    expect(col(u, 'karma').default).toBe('(-1)');
    expect(col(u, 'created_at').default).toBe('now()');
    expect(col(p, 'title').default).toBe("'it''s'");
    expect(col(p, 'meta').default).toBe(`'{"a":[1]}'`);
    expect(col(p, 'id')).toMatchObject({ serial: true, notNull: true, type: { name: 'bigint' } });
    expect(col(p, 'search').generated?.expression).toBe("to_tsvector('english', title || ' ' || body)");
  });

  it('keeps index element options and a table comment', () => {
    const p = model.tables.find((t) => t.name === 'posts')!;
    expect(p.comment).toBe('Blog posts');
    expect(p.indexes[0]?.elements).toEqual([
      { kind: 'indexColumn', column: 'author_id' },
      { kind: 'indexColumn', column: 'title', order: 'desc', nulls: 'last' },
    ]);
    expect(p.indexes[1]?.where).toBe('deleted_at IS NULL');
  });

  it('collects enums used by columns and non-public schemas', () => {
    const app = pgSchema('app');
    const level = app.enum('level', ['low', 'high']);
    const alerts = app.table('alerts', { id: serial().primaryKey(), level: level().notNull() });
    const m = defineSchema({ alerts }).model;
    expect(m.schemas).toEqual(['app']);
    expect(m.enums).toEqual([{ kind: 'enum', schema: 'app', name: 'level', values: ['low', 'high'] }]);
    expect(m.tables[0]?.columns[1]?.type).toEqual({
      kind: 'sqlType',
      name: 'level',
      schema: 'app',
      modifiers: [],
      arrayDims: 0,
    });
  });

  it('supports composite keys, named uniques with NULLS NOT DISTINCT and deferrable composite foreign keys', () => {
    const parents = table('parents', { a: integer().notNull(), b: integer().notNull() }, (t) => [
      primaryKey(t.a, t.b),
    ]);
    const kids = table('kids', { pa: integer(), pb: integer(), nick: text(), price: numeric(10, 2) }, (t) => [
      unique('kids_nick_uq').on(t.nick).nullsNotDistinct(),
      check('kids_price_positive', sql`${t.price} > 0`),
      foreignKey({
        columns: [t.pa, t.pb],
        foreignColumns: () => [parents.columns.a, parents.columns.b],
        deferrable: true,
        initiallyDeferred: true,
      }),
    ]);
    const m = defineSchema({ parents, kids }).model;
    const k = m.tables.find((t) => t.name === 'kids')!;
    expect(m.tables.find((t) => t.name === 'parents')?.primaryKey).toEqual({
      kind: 'primaryKey',
      name: 'parents_pkey',
      columns: ['a', 'b'],
    });
    expect(k.uniques[0]).toMatchObject({ name: 'kids_nick_uq', nullsNotDistinct: true });
    expect(k.foreignKeys[0]).toMatchObject({
      name: 'kids_pa_pb_fkey',
      references: { schema: 'public', table: 'parents', columns: ['a', 'b'] },
      deferrable: true,
      initiallyDeferred: true,
    });
  });

  it('derives the extensions a schema needs', () => {
    const docs = table('docs', { v: vector(3), name: text(), n: integer() }, (t) => [
      index('docs_trgm').using('gin', t.name.op('gin_trgm_ops')),
      index('docs_n_gin').using('gin', t.n),
    ]);
    const m = defineSchema({ docs }, { extensions: ['pgcrypto'] }).model;
    expect(m.extensions.map((e) => e.name)).toEqual(['btree_gin', 'pg_trgm', 'pgcrypto', 'vector']);
    expect(requiredExtensions({ tables: [] })).toEqual([]);
    expect(defineSchema({ users }).model.extensions).toEqual([]);
  });

  it('builds deterministic models: two definitions are deeply equal', () => {
    expect(defineSchema({ posts, users }).model).toEqual(defineSchema({ users, posts }).model);
  });

  it('leaves the builders immutable', () => {
    const base = text();
    const required = base.notNull();
    expect(base.spec.notNull).toBe(false);
    expect(required.spec.notNull).toBe(true);
    const mood = pgEnum('mood', ['a', 'b']);
    expect(mood.name).toBe('mood');
  });
});
