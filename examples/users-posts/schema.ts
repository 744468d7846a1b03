/** Users and posts: relationships both ways, a unique indexed email. */
import {
  boolean,
  defineSchema,
  index,
  table,
  text,
  timestamps,
  uuid,
  uuidPrimaryKey,
  varchar,
} from '../../src/schema/index.js';

export const users = table('users', {
  id: uuidPrimaryKey(),
  email: varchar(320).notNull().unique(),
  name: text().notNull(),
  /** Added by the second migration. */
  bio: text(),
  ...timestamps(),
});

export const posts = table(
  'posts',
  {
    id: uuidPrimaryKey(),
    author_id: uuid()
      .notNull()
      .references(() => users.columns.id, { onDelete: 'cascade' }),
    title: varchar(300).notNull(),
    body: text().notNull(),
    published: boolean().notNull().default(false),
    ...timestamps(),
  },
  (t) => [index('posts_author_created_idx').on(t.author_id, t.created_at.desc())],
);

export const schema = defineSchema({ users, posts });
