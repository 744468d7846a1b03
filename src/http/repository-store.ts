import { isStrataError } from '../errors/strata-error.js';
import { type OrderBy, repository, type Selection, type Where } from '../repo/index.js';
import type { Insert, Update } from '../schema/infer.js';
import type { AnyTable } from '../schema/table.js';
import type { CrudStoreFactory } from './crud-routes.js';
import type { RowValues } from './crud-store.js';

/**
 * The data access of `crudRoutes`: a Strata repository of the table on each session, so the
 * endpoints get its value checks, soft delete, `updated_at` upkeep and error mapping.
 * Lists are ordered by the requested keys, then by the primary key, so pages never overlap.
 * `select` names the columns read (default: the repository's, all but vectors).
 *
 * @example
 * ```ts
 * import type { Database } from 'strata';
 * import { repositoryStoreFactory } from 'strata/http';
 * import { type DatabaseOf, defineSchema, table, text, uuidPrimaryKey } from 'strata/schema';
 *
 * const books = table('books', { id: uuidPrimaryKey(), title: text().notNull() });
 * const schema = defineSchema({ books });
 * type DB = DatabaseOf<typeof schema>;
 * declare const db: Database<DB>;
 * const storeFor = repositoryStoreFactory<DB>(books);
 * const page = await storeFor(db).list({ where: { AND: [] }, orderBy: [['title', 'asc']], offset: 0, limit: 20 });
 * ```
 */
export function repositoryStoreFactory<DB>(
  table: AnyTable,
  options: { readonly select?: readonly string[] } = {},
): CrudStoreFactory<DB> {
  const repo = repository(table);
  const keyColumns = table.primaryKeyColumns();
  // Only the columns the API answers with are read: omitted ones (secrets) never leave the database.
  const selection = options.select === undefined ? {} : { select: options.select as Selection<AnyTable> };
  return (session) => {
    const bound = repo.with(session);
    return {
      create: async (values) => (await bound.create(values as Insert<AnyTable>, selection)) as RowValues,
      get: async (key) =>
        (await bound.get(key as Partial<Record<string, unknown>>, selection)) as RowValues | undefined,
      list: async (request) => {
        const sorted = new Set(request.orderBy.map(([column]) => column));
        const orderBy = [
          ...request.orderBy,
          ...keyColumns.filter((c) => !sorted.has(c)).map((c) => [c, 'asc'] as const),
        ];
        const page = await bound.page({
          where: request.where as Where<AnyTable>,
          orderBy: orderBy as unknown as OrderBy<AnyTable>,
          offset: request.offset,
          limit: request.limit,
          ...selection,
        });
        return { rows: page.rows as RowValues[], total: page.total };
      },
      update: async (key, values) => {
        try {
          return (await bound.update(
            key as Partial<Record<string, unknown>>,
            values as Update<AnyTable>,
          )) as RowValues;
        } catch (error) {
          if (isStrataError(error, 'NOT_FOUND')) return undefined;
          throw error;
        }
      },
      remove: (key, mode) =>
        mode === 'soft'
          ? bound.delete(key as Partial<Record<string, unknown>>)
          : bound.purge(key as Partial<Record<string, unknown>>),
    };
  };
}
