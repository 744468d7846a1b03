/**
 * How the users-and-posts system uses Strata: one repository per table, with the relation
 * declared on both sides, so a page of posts comes with its authors and a page of users with
 * their posts, one extra query per relation.
 */
import type { Session } from '../../src/db/index.js';
import { repository } from '../../src/repo/index.js';
import type { DatabaseOf, Insert } from '../../src/schema/index.js';
import { posts, type schema, users } from './schema.js';

/** The Kysely database type of the example. */
export type UsersPostsDB = DatabaseOf<typeof schema>;

export const usersRepo = repository(users, {
  key: 'id',
  relations: (r) => ({ posts: r.hasMany(posts, { to: 'author_id' }) }),
});

export const postsRepo = repository(posts, {
  key: 'id',
  relations: (r) => ({ author: r.belongsTo(users, { from: 'author_id' }) }),
});

/**
 * Registers a user. A taken email is a UNIQUE_VIOLATION StrataError whose details name the
 * constraint (`users_email_key`) and the column.
 *
 * @example
 * ```ts
 * try {
 *   await registerUser(db, { email, name });
 * } catch (error) {
 *   if (isStrataError(error, 'UNIQUE_VIOLATION')) return reply.code(409).send({ field: 'email' });
 *   throw error;
 * }
 * ```
 */
export function registerUser(session: Session<UsersPostsDB>, user: Insert<typeof users>) {
  return usersRepo.with(session).create(user);
}

/** Users by email, each with their posts, newest first. */
export function usersWithPosts(session: Session<UsersPostsDB>) {
  return usersRepo.with(session).find({
    orderBy: 'email',
    with: { posts: { orderBy: [['created_at', 'desc'], 'title'] } },
  });
}

/** Published posts by title, each with its author's name and email. */
export function publishedPostsWithAuthors(session: Session<UsersPostsDB>) {
  return postsRepo.with(session).find({
    where: { published: true },
    orderBy: 'title',
    with: { author: { select: ['name', 'email'] } },
  });
}
