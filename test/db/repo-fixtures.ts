/**
 * App-style schemas for the repository tests: users and posts (unique email, enum, arrays,
 * numeric, interval, bytea, bigint identity, version column), comments, documents (typed
 * JSONB metadata with a GIN index, vectors, soft delete by deleted_at), profiles (soft delete
 * by is_active), memberships (composite key) and samples (one column of most types).
 */
import { toSql } from '../../src/ddl/index.js';
import { repository } from '../../src/repo/index.js';
import {
  bigint,
  bit,
  boolean,
  bytea,
  type DatabaseOf,
  date,
  defineSchema,
  doublePrecision,
  halfvec,
  index,
  integer,
  interval,
  jsonb,
  numeric,
  pgEnum,
  primaryKey,
  real,
  serial,
  softDelete,
  sparsevec,
  table as tableOf,
  text,
  time,
  timestamp,
  timestamps,
  timestamptz,
  uuid,
  uuidPrimaryKey,
  varchar,
  vector,
  versionColumn,
} from '../../src/schema/index.js';
import type { TestDatabase } from '../support/backend.js';

export const postStatus = pgEnum('post_status', ['draft', 'published', 'archived']);

export const users = tableOf('users', {
  id: uuidPrimaryKey(),
  email: varchar(255).notNull().unique(),
  name: text(),
  karma: bigint().notNull().default(0n),
  ...timestamps(),
});

export const posts = tableOf(
  'posts',
  {
    id: bigint().primaryKey().generatedAlwaysAsIdentity(),
    author_id: uuid()
      .notNull()
      .references(() => users.columns.id, { onDelete: 'cascade' }),
    title: varchar(200).notNull(),
    status: postStatus().notNull().default('draft'),
    tags: text().array().notNull().default([]),
    views: integer().notNull().default(0),
    score: doublePrecision(),
    price: numeric(10, 2),
    published_on: date(),
    reading_time: interval(),
    attachment: bytea(),
    ...timestamps(),
    ...versionColumn(),
  },
  (t) => [index('posts_author_idx').on(t.author_id), index('posts_created_idx').on(t.created_at)],
);

export const comments = tableOf('comments', {
  id: serial().primaryKey(),
  post_id: bigint()
    .notNull()
    .references(() => posts.columns.id, { onDelete: 'cascade' }),
  body: text().notNull(),
  created_at: timestamptz().notNull().defaultNow(),
});

export interface DocumentMetadata {
  sun?: { sign: string; degree?: number };
  tags?: string[];
  pages?: number;
  draft?: boolean;
}

export const documents = tableOf(
  'documents',
  {
    id: uuidPrimaryKey(),
    owner_id: uuid().references(() => users.columns.id),
    title: text().notNull(),
    metadata: jsonb<DocumentMetadata>().notNull().default({}),
    embedding: vector(3),
    half: halfvec(3),
    sparse: sparsevec(2000),
    keywords: sparsevec(30000),
    bits: bit(4),
    ...timestamps(),
    ...softDelete('deletedAt'),
    ...versionColumn(),
  },
  (t) => [
    index('documents_metadata_idx').using('gin', t.metadata.op('jsonb_path_ops')),
    index('documents_sparse_idx').using('hnsw', t.sparse.op('sparsevec_l2_ops')),
  ],
);

export const profiles = tableOf('profiles', {
  id: serial().primaryKey(),
  handle: text().notNull().unique(),
  ...softDelete('isActive'),
});

export const memberships = tableOf(
  'memberships',
  {
    user_id: uuid()
      .notNull()
      .references(() => users.columns.id, { onDelete: 'cascade' }),
    team: text().notNull(),
    role: text().notNull().default('member'),
  },
  (t) => [primaryKey(t.user_id, t.team)],
);

/** One column of most types, for value round trips (binary COPY included). */
export const samples = tableOf('samples', {
  id: serial().primaryKey(),
  small_total: bigint({ mode: 'number' }).notNull().default(0),
  big_total: bigint(),
  amount: numeric(),
  ratio: real(),
  flag: boolean(),
  at: timestamptz(),
  local_at: timestamp(),
  day: date(),
  clock: time(),
  payload: bytea(),
  doc: jsonb(),
  names: text().array(),
  statuses: postStatus().array(),
  counts: integer().array(),
  note: varchar(20),
});

export const appSchema = defineSchema({
  postStatus,
  users,
  posts,
  comments,
  documents,
  profiles,
  memberships,
  samples,
});

export const usersRepo = repository(users, {
  key: 'id',
  relations: (r) => ({
    posts: r.hasMany(posts, { to: 'author_id' }),
    documents: r.hasMany(documents, { to: 'owner_id' }),
  }),
});

export const postsRepo = repository(posts, {
  key: 'id',
  relations: (r) => ({
    author: r.belongsTo(users, { from: 'author_id' }),
    comments: r.hasMany(comments, { to: 'post_id' }),
  }),
});

export const commentsRepo = repository(comments, { key: 'id' });

export const documentsRepo = repository(documents, {
  key: 'id',
  relations: (r) => ({ owner: r.belongsTo(users, { from: 'owner_id' }) }),
});

export const profilesRepo = repository(profiles, { key: 'id' });
export const membershipsRepo = repository(memberships);
export const samplesRepo = repository(samples, { key: 'id' });

/** The Kysely database type of the schema, inferred from the DSL. */
export type AppDB = DatabaseOf<typeof appSchema>;

/** Creates the schema in a fresh test database. */
export async function createAppSchema(testDb: TestDatabase): Promise<void> {
  await testDb.exec(toSql(appSchema.model));
}
