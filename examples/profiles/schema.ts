/**
 * Profile modules: users, module profiles with JSONB data and config (queried by JSON path,
 * e.g. data -> 'sun' ->> 'sign'), embeddings under an IVFFlat cosine index (lists = 100) with
 * a GIN index on their metadata, and the system configurations store.
 */
import { systemConfigurationsTable } from '../../src/configuration/index.js';
import {
  defineSchema,
  index,
  jsonb,
  sql,
  table,
  text,
  timestamps,
  uuid,
  uuidPrimaryKey,
  varchar,
  vector,
} from '../../src/schema/index.js';

export const PROFILE_DIMENSIONS = 384;

export const users = table('users', {
  id: uuidPrimaryKey(),
  email: varchar(320).notNull().unique(),
  display_name: text(),
  ...timestamps(),
});

export const moduleProfiles = table(
  'module_profiles',
  {
    id: uuidPrimaryKey(),
    user_id: uuid()
      .notNull()
      .references(() => users.columns.id, { onDelete: 'cascade' }),
    module: varchar(100).notNull(),
    data: jsonb<Record<string, unknown>>().notNull().default({}),
    config: jsonb<Record<string, unknown>>().notNull().default({}),
    ...timestamps(),
  },
  (t) => [
    index('module_profiles_user_module_idx').on(t.user_id, t.module).unique(),
    index('module_profiles_sun_sign_idx').on(sql`((${t.data} -> 'sun'::text) ->> 'sign'::text)`),
  ],
);

export const profileEmbeddings = table(
  'profile_embeddings',
  {
    id: uuidPrimaryKey(),
    profile_id: uuid()
      .notNull()
      .references(() => moduleProfiles.columns.id, { onDelete: 'cascade' }),
    content: text().notNull(),
    embedding: vector(PROFILE_DIMENSIONS).notNull(),
    metadata: jsonb<Record<string, unknown>>().notNull().default({}),
    ...timestamps(),
  },
  (t) => [
    index('profile_embeddings_embedding_idx')
      .using('ivfflat', t.embedding.op('vector_cosine_ops'))
      .with({ lists: 100 }),
    index('profile_embeddings_metadata_idx').using('gin', t.metadata),
  ],
);

export const schema = defineSchema({ users, moduleProfiles, profileEmbeddings, systemConfigurationsTable });
