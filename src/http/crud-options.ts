import type { RouteShorthandOptions } from 'fastify';
import type { Session } from '../db/session.js';
import type { AnyTable } from '../schema/table.js';
import type { TableColumnsOptions } from './table-schemas.js';

/**
 * The endpoints `crudRoutes` can make, FastCRUD's endpoint creator's set:
 * - `create`: `POST {prefix}` → 201 and the row,
 * - `read`: `GET {prefix}/:id` → the row, 404 when there is none (or it is soft-deleted),
 * - `list`: `GET {prefix}?offset&limit&sort&filters` → `{ data, total, offset, limit, hasMore }`,
 * - `update`: `PATCH {prefix}/:id` → the updated row,
 * - `delete`: `DELETE {prefix}/:id` → 204; a soft delete when the table has a `deletedAt` or
 *   `isActive` column, else a hard one,
 * - `hardDelete`: `DELETE {prefix}/:id/hard` → 204, removing the row (tables with soft delete only).
 */
export type CrudRouteName = 'create' | 'read' | 'list' | 'update' | 'delete' | 'hardDelete';

export const CRUD_ROUTE_NAMES: readonly CrudRouteName[] = [
  'create',
  'read',
  'list',
  'update',
  'delete',
  'hardDelete',
];

/**
 * Fastify hooks run before a route's handler, FastCRUD's per-route "dependencies": an auth
 * check in `onRequest`, a rate limit, a tenant check in `preHandler`. A hook that throws an
 * error with a 4xx `statusCode` (or replies itself) stops the request before any write.
 */
export type CrudRouteHooks = Pick<RouteShorthandOptions, 'onRequest' | 'preValidation' | 'preHandler'>;

/** Options of one generated route. */
export interface CrudRouteOptions extends CrudRouteHooks {
  /** Path under the prefix, with the key as `:column` parameters, e.g. `/:id` or `/by-id/:id`. */
  readonly path?: string;
  /** OpenAPI operationId (default e.g. `createDocuments`, `listDocuments`). */
  readonly operationId?: string;
  readonly summary?: string;
  readonly description?: string;
  /** Largest request body in bytes (Fastify's `bodyLimit`; larger bodies get 413). */
  readonly bodyLimit?: number;
}

/**
 * Options of `crudRoutes`.
 *
 * @typeParam DB - the Kysely database type of the session (any: the routes use the table's own metadata).
 */
export interface CrudRoutesOptions<DB = unknown> extends TableColumnsOptions {
  /** The table to serve. It needs a primary key for the one-row routes. */
  readonly table: AnyTable;
  /** Where rows are read and written: a `Database` from `connect()`. Each write runs in its own transaction. */
  readonly session: Session<DB>;
  /** URL prefix (default `/` + the table name, e.g. `/documents`). */
  readonly prefix?: string;
  /** Which routes to make (default: all that apply; `hardDelete` only for tables with soft delete). */
  readonly routes?: readonly CrudRouteName[];
  /** Per-route options: path, operationId, hooks, body limit. */
  readonly route?: Readonly<Partial<Record<CrudRouteName, CrudRouteOptions>>>;
  /** Hooks run before every generated route (before the route's own hooks). */
  readonly hooks?: CrudRouteHooks;
  /**
   * Columns the list route filters on (`?col=v`, `?col__gte=v`, ...). Default: every column
   * whose values a query string can express (numbers, text, uuid, dates, booleans, enums).
   * `[]` turns filtering off.
   */
  readonly filters?: readonly string[];
  /** Columns the list route sorts on (`?sort=-created_at,title`). Default: the filter columns. */
  readonly sortable?: readonly string[];
  /** Sort when the request gives none (default: the primary key, ascending). */
  readonly defaultSort?: string;
  /** Page size when the request gives none (default 20). */
  readonly defaultLimit?: number;
  /** Largest page size a request may ask for (default 100). */
  readonly maxLimit?: number;
  /** OpenAPI tags of the routes (default: the table name). */
  readonly tags?: readonly string[];
  /** Used in operationIds, e.g. `Documents` → `createDocuments` (default: the table name in PascalCase). */
  readonly name?: string;
}

/** A route `crudRoutes` added. */
export interface CrudRouteInfo {
  readonly kind: 'crudRoute';
  readonly name: CrudRouteName;
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly operationId: string;
}
