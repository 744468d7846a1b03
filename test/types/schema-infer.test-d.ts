import type { Kysely } from 'kysely';
import { describe, expectTypeOf, it } from 'vitest';
import {
  bigint,
  bytea,
  type DatabaseOf,
  date,
  defineSchema,
  type Insert,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgSchema,
  type Row,
  type SparseVector,
  serial,
  softDelete,
  sparsevec,
  sql,
  table,
  text,
  timestamps,
  timestamptz,
  tsvector,
  type Update,
  uuid,
  uuidPrimaryKey,
  varchar,
  vector,
} from '../../src/schema/index.js';

const status = pgEnum('post_status', ['draft', 'published']);

const users = table('users', {
  id: uuidPrimaryKey(),
  email: varchar(255).notNull().unique(),
  name: text(),
  karma: bigint().notNull().default(0n),
  ...timestamps(),
});

const posts = table('posts', {
  id: serial().primaryKey(),
  author_id: uuid()
    .notNull()
    .references(() => users.columns.id, { onDelete: 'cascade' }),
  status: status().notNull().default('draft'),
  tags: text().array().notNull().default([]),
  metadata: jsonb<{ source: string; pages?: number }>(),
  price: numeric(10, 2),
  published_on: date(),
  embedding: vector(3),
  sparse: sparsevec(10),
  search: tsvector().generatedAlwaysAs(sql`to_tsvector('english', coalesce(status::text, ''))`),
  ticket: integer().generatedAlwaysAsIdentity(),
  seq: integer().generatedByDefaultAsIdentity(),
  body: bytea(),
  ...softDelete('deletedAt'),
});

const billing = pgSchema('billing');
const invoices = billing.table('invoices', { id: uuidPrimaryKey(), issued_at: timestamptz().notNull() });

const schema = defineSchema({ users, posts, invoices, status });

describe('row inference', () => {
  it('Row types nullable columns as T | null and NOT NULL ones as T', () => {
    expectTypeOf<Row<typeof users>>().toEqualTypeOf<{
      id: string;
      email: string;
      name: string | null;
      karma: bigint;
      created_at: Date;
      updated_at: Date;
    }>();
  });

  it('Row carries enums, arrays, typed JSONB, numeric as string, vectors and generated columns', () => {
    type Post = Row<typeof posts>;
    expectTypeOf<Post['status']>().toEqualTypeOf<'draft' | 'published'>();
    expectTypeOf<Post['tags']>().toEqualTypeOf<string[]>();
    expectTypeOf<Post['metadata']>().toEqualTypeOf<{ source: string; pages?: number } | null>();
    expectTypeOf<Post['price']>().toEqualTypeOf<string | null>();
    expectTypeOf<Post['published_on']>().toEqualTypeOf<string | null>();
    expectTypeOf<Post['embedding']>().toEqualTypeOf<number[] | null>();
    expectTypeOf<Post['sparse']>().toEqualTypeOf<SparseVector | null>();
    expectTypeOf<Post['search']>().toEqualTypeOf<string | null>();
    expectTypeOf<Post['id']>().toEqualTypeOf<number>();
    expectTypeOf<Post['deleted_at']>().toEqualTypeOf<Date | null>();
  });

  it('Insert requires NOT NULL columns without defaults and makes the rest optional', () => {
    expectTypeOf<Insert<typeof users>>().toEqualTypeOf<{
      email: string;
      id?: string;
      name?: string | null;
      karma?: bigint;
      created_at?: Date;
      updated_at?: Date;
    }>();
  });

  it('Insert leaves out generated columns and identity ALWAYS, keeps identity BY DEFAULT optional', () => {
    type NewPost = Insert<typeof posts>;
    expectTypeOf<NewPost>().not.toHaveProperty('search');
    expectTypeOf<NewPost>().not.toHaveProperty('ticket');
    expectTypeOf<NewPost>().toHaveProperty('seq');
    expectTypeOf<NewPost['author_id']>().toEqualTypeOf<string>();
    expectTypeOf<{ author_id: string }>().toExtend<NewPost>();
    expectTypeOf<{ status: 'archived'; author_id: string }>().not.toExtend<NewPost>();
  });

  it('Update makes every writable column optional', () => {
    expectTypeOf<{}>().toExtend<Update<typeof posts>>();
    expectTypeOf<{ name: null }>().toExtend<Update<typeof users>>();
    expectTypeOf<{ email: null }>().not.toExtend<Update<typeof users>>();
  });
});

describe('Kysely database inference', () => {
  type DB = DatabaseOf<typeof schema>;

  it('keys public tables by name and others by schema.name', () => {
    expectTypeOf<keyof DB>().toEqualTypeOf<'users' | 'posts' | 'billing.invoices'>();
  });

  it('types selects and refuses unknown columns and wrong values', async () => {
    const db = {} as Kysely<DB>;
    const rows = () => db.selectFrom('posts').select(['id', 'status', 'tags']).execute();
    expectTypeOf<Awaited<ReturnType<typeof rows>>>().toEqualTypeOf<
      { id: number; status: 'draft' | 'published'; tags: string[] }[]
    >();
    // @ts-expect-error: no such column
    db.selectFrom('users').select(['nope']);
    // @ts-expect-error: generated columns cannot be inserted
    db.insertInto('posts').values({ author_id: 'x', search: 'y' });
    // @ts-expect-error: wrong enum value
    db.insertInto('posts').values({ author_id: 'x', status: 'archived' });
    db.insertInto('users').values({ email: 'a@b.c' });
  });
});
