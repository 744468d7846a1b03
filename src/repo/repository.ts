import type { Expression, SqlBool } from 'kysely';
import { StrataError } from '../errors/strata-error.js';
import { whereExpression } from '../query/compile-filter.js';
import type { Where } from '../query/filter.js';
import type { Insert, Simplify, Update } from '../schema/infer.js';
import type { AnyTable } from '../schema/table.js';
import type {
  DeleteOptions,
  FindOptions,
  KeysetPage,
  KeysetPageOptions,
  LoadOptions,
  LoadResult,
  Page,
  PageOptions,
  ReadOptions,
  ReturningOptions,
  UpdateOptions,
  UpsertOptions,
  WhereWriteOptions,
} from './options.js';
import {
  type RelationBuilder,
  type RelationMap,
  relationBuilder,
  type WithResult,
  type WithSpec,
} from './relations.js';
import { coreOf, type RepositoryCore } from './repository-core.js';
import type { ColumnName, KeyOf, SelectedRow, Selection } from './row-types.js';
import type { AnySession } from './session.js';

/** A row with its selection and loaded relations. */
export type ResultRow<T extends AnyTable, R extends RelationMap, S, W> = Simplify<
  SelectedRow<T, S> & WithResult<R, W>
>;

/** Options of `repository()`. */
export interface RepositoryOptions<
  T extends AnyTable,
  K extends ColumnName<T> | undefined,
  R extends RelationMap,
> {
  /**
   * The primary key column, for precise key types (`get(id)` takes that column's type). It
   * must be the table's primary key; without it keys are checked at run time only.
   */
  readonly key?: K;
  /** Relations to other tables, loadable with `with` in reads. */
  readonly relations?: (r: RelationBuilder<T>) => R;
}

/**
 * The repository of a table: its precomputed SQL and relations. Bind it to a session with
 * `with(db)` or `with(tx)` to run statements; binding is cheap (cached per session).
 *
 * @example
 * ```ts
 * import type { Database } from 'strata';
 * import { repository } from 'strata/repo';
 * import { defineSchema, table, text, timestamps, uuid, uuidPrimaryKey } from 'strata/schema';
 * import type { DatabaseOf } from 'strata/schema';
 *
 * const users = table('users', { id: uuidPrimaryKey(), email: text().notNull() });
 * const posts = table('posts', {
 *   id: uuidPrimaryKey(),
 *   author_id: uuid().notNull().references(() => users.columns.id),
 *   title: text().notNull(),
 *   status: text().notNull().default('draft'),
 *   ...timestamps(),
 * });
 * const comments = table('comments', {
 *   id: uuidPrimaryKey(),
 *   post_id: uuid().notNull().references(() => posts.columns.id),
 *   body: text().notNull(),
 *   ...timestamps(),
 * });
 * const schema = defineSchema({ users, posts, comments });
 * declare const db: Database<DatabaseOf<typeof schema>>;
 * declare const authorId: string;
 *
 * const postsRepo = repository(posts, {
 *   key: 'id',
 *   relations: (r) => ({
 *     author: r.belongsTo(users, { from: 'author_id' }),
 *     comments: r.hasMany(comments, { to: 'post_id' }),
 *   }),
 * });
 *
 * const latest = await postsRepo.with(db).find({
 *   where: { status: 'published', title: { ilike: '%postgres%' } },
 *   orderBy: [['created_at', 'desc']],
 *   limit: 20,
 *   with: { author: true, comments: { orderBy: 'created_at' } },
 * });
 *
 * await db.transaction(async (tx) => {
 *   const post = await postsRepo.with(tx).create({ author_id: authorId, title: 'Hello' });
 *   // Same transaction:
 *   await tx.kysely.insertInto('comments').values({ post_id: post.id, body: 'First!' }).execute();
 * });
 * ```
 */
export class Repository<
  T extends AnyTable,
  K extends ColumnName<T> | undefined = undefined,
  R extends RelationMap = Record<never, never>,
> {
  readonly table: T;
  readonly relations: R;
  readonly #core: RepositoryCore;
  readonly #bound = new WeakMap<AnySession, BoundRepository<T, K, R>>();

  constructor(table: T, options: RepositoryOptions<T, K, R> = {}) {
    this.table = table;
    this.#core = coreOf(table);
    if (options.key !== undefined) {
      const key = this.#core.meta.primaryKey.map((c) => c.name);
      if (key.length !== 1 || key[0] !== options.key) {
        throw new StrataError(
          'USAGE',
          `repository(${table.qualifiedName}, { key: '${options.key}' }): the primary key is (${key.join(', ') || 'none'}).`,
          { table: table.qualifiedName },
        );
      }
    }
    this.relations = Object.freeze(options.relations?.(relationBuilder(table)) ?? ({} as R));
  }

  /** The repository on a session: a `Database` (each statement on a pooled connection) or a transaction. */
  with(session: AnySession): BoundRepository<T, K, R> {
    let bound = this.#bound.get(session);
    if (bound === undefined) {
      bound = new BoundRepository(this.#core, this.relations, session, this.table);
      this.#bound.set(session, bound);
    }
    return bound;
  }

  /**
   * A filter as a Kysely expression on this table, for queries the repository does not cover.
   *
   * @example
   * ```ts
   * import type { Database } from 'strata';
   * import { repository } from 'strata/repo';
   * import { type DatabaseOf, defineSchema, table, text, uuidPrimaryKey } from 'strata/schema';
   *
   * const posts = table('posts', { id: uuidPrimaryKey(), tags: text().array().notNull() });
   * const schema = defineSchema({ posts });
   * declare const db: Database<DatabaseOf<typeof schema>>;
   * const postsRepo = repository(posts);
   *
   * await db.kysely.selectFrom('posts').select(['id']).where(postsRepo.where({ tags: { has: 'sql' } })).execute();
   * ```
   */
  where(where: Where<T>, options: { readonly alias?: string } = {}): Expression<SqlBool> {
    return whereExpression(this.table, where, options);
  }
}

/**
 * Makes the repository of a table (see `Repository`).
 *
 * @example
 * ```ts
 * import type { Database } from 'strata';
 * import { table, text, timestamps, uuidPrimaryKey } from 'strata/schema';
 *
 * const usersTable = table('users', {
 *   id: uuidPrimaryKey(),
 *   email: text().notNull(),
 *   name: text(),
 *   ...timestamps(),
 * });
 * declare const db: Database;
 *
 * const users = repository(usersTable, { key: 'id' });
 * const user = await users.with(db).create({ email: 'ada@example.com' }); // with its defaults: id, created_at, …
 * await users.with(db).update(user.id, { name: 'Ada' }); // updated_at = now()
 * ```
 */
export function repository<
  T extends AnyTable,
  const K extends ColumnName<T> | undefined = undefined,
  R extends RelationMap = Record<never, never>,
>(table: T, options: RepositoryOptions<T, K, R> = {}): Repository<T, K, R> {
  return new Repository(table, options);
}

/**
 * A repository bound to a session: every method runs on it, inside its transaction if it is
 * one. Values are checked before they are sent (VALUE_INVALID names the column); database
 * errors arrive as StrataErrors (UNIQUE_VIOLATION with table, constraint and columns, …).
 * Reads leave out soft-deleted rows unless `withDeleted` is set, and vectors unless selected.
 */
export class BoundRepository<T extends AnyTable, K extends ColumnName<T> | undefined, R extends RelationMap> {
  readonly #core: RepositoryCore;
  readonly #relations: R;
  readonly session: AnySession;
  readonly table: T;

  constructor(core: RepositoryCore, relations: R, session: AnySession, table: T) {
    this.#core = core;
    this.#relations = relations;
    this.session = session;
    this.table = table;
  }

  /**
   * The row with this primary key, or undefined.
   *
   * @example
   * ```ts
   * import type { Database } from 'strata';
   * import { repository } from 'strata/repo';
   * import { table, text, uuidPrimaryKey, vector } from 'strata/schema';
   *
   * declare const db: Database;
   * declare const id: string;
   * const docs = repository(table('docs', { id: uuidPrimaryKey(), body: text(), embedding: vector(384) }), {
   *   key: 'id',
   * });
   *
   * const doc = await docs.with(db).get(id); // { id, body }: vectors only when selected
   * const withEmbedding = await docs.with(db).get(id, { select: ['id', 'embedding'] });
   * ```
   */
  get<const S extends Selection<T> | undefined = undefined>(
    key: KeyOf<T, K>,
    options?: ReadOptions<T, S>,
  ): Promise<SelectedRow<T, S> | undefined> {
    return this.#core.get(this.session, key, options) as Promise<SelectedRow<T, S> | undefined>;
  }

  /** Like `get`, but a missing row is a NOT_FOUND error. */
  async getOrThrow<const S extends Selection<T> | undefined = undefined>(
    key: KeyOf<T, K>,
    options?: ReadOptions<T, S>,
  ): Promise<SelectedRow<T, S>> {
    const row = await this.get(key, options);
    if (row === undefined) {
      throw new StrataError('NOT_FOUND', `No ${this.#core.meta.label} row with that key.`, {
        table: this.#core.meta.label,
      });
    }
    return row;
  }

  /** The rows with these keys, in the order of the keys; missing ones are left out. One query. */
  getMany<const S extends Selection<T> | undefined = undefined>(
    keys: readonly KeyOf<T, K>[],
    options?: ReadOptions<T, S>,
  ): Promise<SelectedRow<T, S>[]> {
    return this.#core.getMany(this.session, keys, options) as Promise<SelectedRow<T, S>[]>;
  }

  /**
   * Rows matching a filter, sorted, limited, with relations.
   *
   * @example
   * ```ts
   * import type { Database } from 'strata';
   * import { repository } from 'strata/repo';
   * import { jsonb, table, text, timestamps, uuid, uuidPrimaryKey } from 'strata/schema';
   *
   * declare const db: Database;
   * const users = table('users', { id: uuidPrimaryKey(), email: text().notNull() });
   * const posts = repository(
   *   table('posts', {
   *     id: uuidPrimaryKey(),
   *     author_id: uuid().notNull().references(() => users.columns.id),
   *     status: text().notNull(),
   *     metadata: jsonb<{ sun?: { sign?: string } }>(),
   *     ...timestamps(),
   *   }),
   *   { relations: (r) => ({ author: r.belongsTo(users, { from: 'author_id' }) }) },
   * );
   *
   * const rows = await posts.with(db).find({
   *   where: { status: { in: ['draft', 'published'] }, metadata: { path: ['sun', 'sign'], eq: 'Aries' } },
   *   orderBy: [['created_at', 'desc'], 'id'],
   *   limit: 20,
   *   offset: 40,
   *   with: { author: { join: true } },
   * });
   * ```
   */
  find<
    const S extends Selection<T> | undefined = undefined,
    const W extends WithSpec<R> | undefined = undefined,
  >(options: FindOptions<T, R, S, W> = {}): Promise<ResultRow<T, R, S, W>[]> {
    return this.#core.find(this.session, this.#relations, options) as Promise<ResultRow<T, R, S, W>[]>;
  }

  /** The first row `find` would return, or undefined. */
  async findFirst<
    const S extends Selection<T> | undefined = undefined,
    const W extends WithSpec<R> | undefined = undefined,
  >(options: Omit<FindOptions<T, R, S, W>, 'limit'> = {}): Promise<ResultRow<T, R, S, W> | undefined> {
    const rows = await this.#core.find(this.session, this.#relations, { ...options, limit: 1 });
    return rows[0] as ResultRow<T, R, S, W> | undefined;
  }

  /** Rows matching a filter. */
  count(
    options: Pick<FindOptions<T, R, undefined, undefined>, 'where' | 'withDeleted' | 'onlyDeleted'> = {},
  ): Promise<number> {
    return this.#core.count(this.session, this.#relations, options);
  }

  /** Whether any row matches a filter. */
  exists(
    options: Pick<FindOptions<T, R, undefined, undefined>, 'where' | 'withDeleted' | 'onlyDeleted'> = {},
  ): Promise<boolean> {
    return this.#core.exists(this.session, this.#relations, options);
  }

  /**
   * A page by limit and offset, with the total number of matching rows.
   *
   * @example
   * ```ts
   * import type { Database } from 'strata';
   * import { repository } from 'strata/repo';
   * import { table, text, uuidPrimaryKey } from 'strata/schema';
   *
   * declare const db: Database;
   * const posts = repository(table('posts', { id: uuidPrimaryKey(), status: text().notNull() }));
   *
   * const { rows, total } = await posts.with(db).page({
   *   where: { status: 'published' },
   *   orderBy: 'id',
   *   limit: 20,
   *   offset: 40,
   * });
   * ```
   */
  page<
    const S extends Selection<T> | undefined = undefined,
    const W extends WithSpec<R> | undefined = undefined,
  >(options: PageOptions<T, R, S, W>): Promise<Page<ResultRow<T, R, S, W>>> {
    return this.#core.page(this.session, this.#relations, options) as Promise<Page<ResultRow<T, R, S, W>>>;
  }

  /**
   * A page after a cursor (keyset pagination): stable under inserts, and as fast on page 1,000
   * as on page 1 with an index on the sort columns. The primary key is added to the sort to
   * break ties.
   *
   * @example
   * ```ts
   * import type { Database } from 'strata';
   * import { type KeysetPage, repository } from 'strata/repo';
   * import { type Row, table, text, timestamps, uuidPrimaryKey } from 'strata/schema';
   *
   * const postsTable = table('posts', { id: uuidPrimaryKey(), title: text().notNull(), ...timestamps() });
   * type Post = Row<typeof postsTable>;
   * declare const db: Database;
   * declare function handle(posts: Post[]): void;
   * const posts = repository(postsTable);
   *
   * let after: string | null = null;
   * do {
   *   const page: KeysetPage<Post> = await posts
   *     .with(db)
   *     .keysetPage({ orderBy: [['created_at', 'desc']], limit: 100, after });
   *   handle(page.rows);
   *   after = page.nextCursor;
   * } while (after !== null);
   * ```
   */
  keysetPage<
    const S extends Selection<T> | undefined = undefined,
    const W extends WithSpec<R> | undefined = undefined,
  >(options: KeysetPageOptions<T, R, S, W>): Promise<KeysetPage<ResultRow<T, R, S, W>>> {
    return this.#core.keysetPage(this.session, this.#relations, options) as Promise<
      KeysetPage<ResultRow<T, R, S, W>>
    >;
  }

  /**
   * Inserts a row and returns it as stored, with its server defaults (ids, timestamps, …).
   *
   * @example
   * ```ts
   * import type { Database } from 'strata';
   * import { repository } from 'strata/repo';
   * import { table, text, timestamps, uuidPrimaryKey } from 'strata/schema';
   *
   * declare const db: Database;
   * const users = repository(
   *   table('users', {
   *     id: uuidPrimaryKey(),
   *     email: text().notNull().unique(),
   *     name: text(),
   *     ...timestamps(),
   *   }),
   *   { key: 'id' },
   * );
   *
   * const user = await users.with(db).create({ email: 'ada@example.com' });
   * user.created_at; // Date from DEFAULT now()
   * ```
   */
  create<const S extends Selection<T> | undefined = undefined>(
    values: Insert<T>,
    options?: ReturningOptions<T, S>,
  ): Promise<SelectedRow<T, S>> {
    return this.#core.create(this.session, values, options) as Promise<SelectedRow<T, S>>;
  }

  /**
   * Inserts rows with multi-row INSERTs and returns them in order. Several statements (over
   * 1,000 rows, or rows giving different columns) run in one transaction. For large loads
   * that need no rows back, `load` is much faster.
   */
  createMany<const S extends Selection<T> | undefined = undefined>(
    rows: readonly Insert<T>[],
    options?: ReturningOptions<T, S>,
  ): Promise<SelectedRow<T, S>[]> {
    return this.#core.createMany(this.session, rows, options) as Promise<SelectedRow<T, S>[]>;
  }

  /**
   * Bulk load: binary COPY on the server (text COPY when a column type has no binary encoder),
   * multi-row INSERTs on PGlite, all in one transaction. Rows can come from an array, a
   * generator or an async iterable, and are checked as they are sent.
   *
   * @example
   * ```ts
   * import type { Database } from 'strata';
   * import { repository } from 'strata/repo';
   * import { integer, table, text, uuidPrimaryKey } from 'strata/schema';
   *
   * declare const db: Database;
   * const chunks = repository(
   *   table('chunks', { id: uuidPrimaryKey(), n: integer().notNull(), body: text().notNull() }),
   * );
   * function* readChunks(count: number) {
   *   for (let n = 0; n < count; n += 1) yield { n, body: `chunk ${n}` };
   * }
   *
   * const { rowCount } = await chunks.with(db).load(readChunks(100_000), {
   *   onProgress: ({ rows, elapsedMs }) => console.log(`${rows} rows in ${elapsedMs} ms`),
   * });
   * ```
   */
  load(rows: Iterable<Insert<T>> | AsyncIterable<Insert<T>>, options?: LoadOptions): Promise<LoadResult> {
    return this.#core.load(this.session, rows, options);
  }

  /**
   * Updates the row with this key and returns it; `updated_at` is set to now() and a version
   * column incremented. NOT_FOUND when there is no such (non-deleted) row; CONFLICT when
   * `expectedVersion` is given and the row's version moved.
   *
   * @example
   * ```ts
   * import type { Database } from 'strata';
   * import { repository } from 'strata/repo';
   * import { table, text, uuidPrimaryKey, versionColumn } from 'strata/schema';
   *
   * declare const db: Database;
   * declare const id: string;
   * const docs = repository(
   *   table('docs', { id: uuidPrimaryKey(), title: text().notNull(), ...versionColumn() }),
   *   { key: 'id' },
   * );
   *
   * const doc = await docs.with(db).getOrThrow(id);
   * // CONFLICT when someone updated it in between:
   * await docs.with(db).update(id, { title: 'New' }, { expectedVersion: doc.version });
   * ```
   */
  update<const S extends Selection<T> | undefined = undefined>(
    key: KeyOf<T, K>,
    patch: Update<T>,
    options?: UpdateOptions<T, S>,
  ): Promise<SelectedRow<T, S>> {
    return this.#core.update(this.session, key, patch, options) as Promise<SelectedRow<T, S>>;
  }

  /**
   * Updates every row matching a filter; returns how many. An empty filter needs `all: true`.
   *
   * @example
   * ```ts
   * import type { Database } from 'strata';
   * import { repository } from 'strata/repo';
   * import { table, text, timestamps, uuidPrimaryKey } from 'strata/schema';
   *
   * declare const db: Database;
   * const posts = repository(
   *   table('posts', { id: uuidPrimaryKey(), status: text().notNull(), ...timestamps() }),
   * );
   * const cutoff = new Date(Date.now() - 365 * 86_400_000);
   *
   * await posts.with(db).updateWhere({ status: 'draft', created_at: { lt: cutoff } }, { status: 'archived' });
   * ```
   */
  updateWhere(where: Where<T>, patch: Update<T>, options?: WhereWriteOptions): Promise<number> {
    return this.#core.updateWhere(this.session, where, patch, options);
  }

  /**
   * INSERT … ON CONFLICT (a unique key) DO UPDATE: inserts the row or updates the existing one,
   * and returns it. `updated_at` and the version column move on an update. A soft-deleted row
   * with the same key is updated and stays deleted (`restore` it to bring it back).
   *
   * @example
   * ```ts
   * import type { Database } from 'strata';
   * import { repository } from 'strata/repo';
   * import { table, text, timestamps, uuidPrimaryKey } from 'strata/schema';
   *
   * declare const db: Database;
   * const users = repository(
   *   table('users', {
   *     id: uuidPrimaryKey(),
   *     email: text().notNull().unique(),
   *     name: text(),
   *     ...timestamps(),
   *   }),
   *   { key: 'id' },
   * );
   *
   * await users
   *   .with(db)
   *   .upsert({ email: 'ada@example.com', name: 'Ada' }, { onConflict: ['email'], update: ['name'] });
   * ```
   */
  upsert<const S extends Selection<T> | undefined = undefined>(
    values: Insert<T>,
    options: UpsertOptions<T, S>,
  ): Promise<SelectedRow<T, S>> {
    return this.#core.upsert(this.session, values, options) as Promise<SelectedRow<T, S>>;
  }

  /** `upsert` for many rows (multi-row statements); each key may appear once. */
  upsertMany<const S extends Selection<T> | undefined = undefined>(
    rows: readonly Insert<T>[],
    options: UpsertOptions<T, S>,
  ): Promise<SelectedRow<T, S>[]> {
    return this.#core.upsertMany(this.session, rows, options) as Promise<SelectedRow<T, S>[]>;
  }

  /**
   * Deletes the row with this key: on a soft-delete table it is marked deleted (and `restore`
   * brings it back), on others it is removed. True when a row was deleted.
   */
  delete(key: KeyOf<T, K>, options?: DeleteOptions): Promise<boolean> {
    return this.#core.delete(this.session, key, options);
  }

  /** Deletes (soft-deletes, on a soft-delete table) every row matching a filter; returns how many. */
  deleteWhere(where: Where<T>, options?: Pick<WhereWriteOptions, 'all'>): Promise<number> {
    return this.#core.deleteWhere(this.session, where, options);
  }

  /** Brings back a soft-deleted row and returns it. NOT_FOUND when no such row exists at all. */
  restore<const S extends Selection<T> | undefined = undefined>(
    key: KeyOf<T, K>,
    options?: ReturningOptions<T, S>,
  ): Promise<SelectedRow<T, S>> {
    return this.#core.restore(this.session, key, options) as Promise<SelectedRow<T, S>>;
  }

  /** Removes the row with this key for good, soft-deleted or not. True when a row was removed. */
  purge(key: KeyOf<T, K>): Promise<boolean> {
    return this.#core.purge(this.session, key);
  }

  /**
   * Removes every row matching a filter for good, soft-deleted ones included.
   *
   * @example
   * ```ts
   * import type { Database } from 'strata';
   * import { repository } from 'strata/repo';
   * import { softDelete, table, text, uuidPrimaryKey } from 'strata/schema';
   *
   * declare const db: Database;
   * const docs = repository(
   *   table('docs', { id: uuidPrimaryKey(), title: text(), ...softDelete('deletedAt') }),
   * );
   *
   * // Empty the trash of rows deleted over 30 days ago.
   * await docs.with(db).purgeWhere({ deleted_at: { lt: new Date(Date.now() - 30 * 86_400_000) } });
   * ```
   */
  purgeWhere(where: Where<T>, options?: Pick<WhereWriteOptions, 'all'>): Promise<number> {
    return this.#core.purgeWhere(this.session, where, options);
  }
}
