import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { Session } from '../db/session.js';
import { StrataError } from '../errors/strata-error.js';
import type { AnyColumn } from '../schema/column.js';
import {
  CRUD_ROUTE_NAMES,
  type CrudRouteHooks,
  type CrudRouteInfo,
  type CrudRouteName,
  type CrudRouteOptions,
  type CrudRoutesOptions,
} from './crud-options.js';
import type { CrudStore, RowValues } from './crud-store.js';
import { filtersToWhere } from './filter-to-where.js';
import { httpErrorHandler } from './http-error.js';
import type { JsonSchema } from './json-schema.js';
import { fromJsonValue, toJsonValue } from './json-value.js';
import {
  FILTER_OPERATORS,
  isFilterableColumn,
  operatorsFor,
  parseQueryFilters,
  parseSort,
} from './query-filters.js';
import { repositoryStoreFactory } from './repository-store.js';
import { strictSchemaErrorFormatter, strictValidatorCompiler } from './request-validation.js';
import { type TableHttpColumns, tableHttpColumns, tableJsonSchemas } from './table-schemas.js';

/** Makes the data access of one session (see crud-store.ts). */
export type CrudStoreFactory<DB> = (session: Session<DB>) => CrudStore;

/** The JSON Schema of every error answer, for the OpenAPI document. */
export const ERROR_BODY_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['statusCode', 'error', 'code', 'message'],
  properties: {
    statusCode: { type: 'integer' },
    error: { type: 'string' },
    code: { type: 'string' },
    message: { type: 'string' },
    details: { type: 'object' },
  },
};

/** Answers are already JSON-ready (see `toJsonValue`): serialize as they are, never reshaped by a schema. */
export const jsonSerializerCompiler = () => (data: unknown) => JSON.stringify(data);

const RESERVED_QUERY = new Set(['offset', 'limit', 'sort']);

/**
 * Adds FastCRUD-style endpoints for one table to a Fastify app and returns what it added.
 * Request bodies, path keys and query parameters are validated with JSON Schemas derived
 * from the table definition, and those schemas document the routes in the OpenAPI document
 * (register `@fastify/swagger` before calling this). Bad requests are answered 4xx with a
 * message naming the problem: 400 for invalid input, 404 for an unknown key, 409 for a unique
 * or a still-referenced foreign key, 422 for a foreign key pointing nowhere, 413 for a body
 * over the limit. Every write runs in one transaction, so a failed request writes nothing.
 *
 * @example
 * ```ts
 * import Fastify, { type FastifyRequest } from 'fastify';
 * import { connect } from 'strata/db';
 * import { crudRoutes } from 'strata/http';
 * import { table, text, timestamptz, uuid, uuidPrimaryKey } from 'strata/schema';
 *
 * const posts = table('posts', {
 *   id: uuidPrimaryKey(),
 *   title: text().notNull(),
 *   status: text().notNull().default('draft'),
 *   author_id: uuid().notNull(),
 *   created_at: timestamptz().notNull().defaultNow(),
 * });
 * declare function requireUser(request: FastifyRequest): Promise<void>; // your authentication
 * declare function requireAdmin(request: FastifyRequest): Promise<void>;
 *
 * const db = await connect();
 * const app = Fastify();
 * crudRoutes(app, {
 *   table: posts,
 *   session: db,
 *   prefix: '/api/posts',
 *   routes: ['create', 'read', 'list', 'update', 'delete'],
 *   filters: ['status', 'author_id', 'created_at'],
 *   hooks: { onRequest: requireUser },             // every route
 *   route: { delete: { preHandler: requireAdmin } }, // one route
 * });
 * // GET /api/posts?status=published&created_at__gte=2024-01-01&sort=-created_at&limit=10
 * ```
 */
export function crudRoutes<DB>(app: FastifyInstance, options: CrudRoutesOptions<DB>): CrudRouteInfo[] {
  const select = tableHttpColumns(options.table, options).response.map((c) => c.columnName);
  return crudRoutesWithStore(app, options, repositoryStoreFactory<DB>(options.table, { select }));
}

/**
 * `crudRoutes` with the data access given: for a store over something else than a Strata
 * repository, or a wrapped one (auditing, tenancy).
 */
export function crudRoutesWithStore<DB>(
  app: FastifyInstance,
  options: CrudRoutesOptions<DB>,
  storeFor: CrudStoreFactory<DB>,
): CrudRouteInfo[] {
  const routes = planRoutes(options, storeFor);
  for (const route of routes) app.route(route.options);
  return routes.map((r) => r.info);
}

interface PlannedRoute {
  readonly info: CrudRouteInfo;
  readonly options: RouteOptions;
}

function pascalCase(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

function asArray<T>(value: T | readonly T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? [...(value as readonly T[])] : [value as T];
}

function mergeHooks(all: CrudRouteHooks | undefined, own: CrudRouteHooks | undefined): CrudRouteHooks {
  const merged: Record<string, unknown[]> = {};
  for (const name of ['onRequest', 'preValidation', 'preHandler'] as const) {
    const list = [...asArray(all?.[name]), ...asArray(own?.[name])];
    if (list.length > 0) merged[name] = list;
  }
  return merged as CrudRouteHooks;
}

function joinPath(prefix: string, path: string): string {
  const joined = `${prefix.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`.replace(/\/+$/, '');
  return joined === '' ? '/' : joined;
}

function planRoutes<DB>(options: CrudRoutesOptions<DB>, storeFor: CrudStoreFactory<DB>): PlannedRoute[] {
  const columns = tableHttpColumns(options.table, options);
  const schemas = tableJsonSchemas(columns);
  const label = columns.label;
  const softDelete = options.table.columnWithRole('deletedAt') ?? options.table.columnWithRole('isActive');
  const hasKey = columns.primaryKey.length > 0;
  const applicable = CRUD_ROUTE_NAMES.filter((name) => {
    if (name === 'hardDelete') return softDelete !== undefined;
    if (name === 'create' || name === 'list') return true;
    return hasKey;
  });
  const requested = options.routes ?? applicable;
  for (const name of requested) {
    if (!CRUD_ROUTE_NAMES.includes(name)) {
      throw new StrataError(
        'USAGE',
        `Unknown route ${JSON.stringify(name)}; routes are ${CRUD_ROUTE_NAMES.join(', ')}.`,
        {
          route: name,
        },
      );
    }
    if (!applicable.includes(name)) {
      throw new StrataError(
        'USAGE',
        name === 'hardDelete'
          ? `Table ${label} has no soft delete column, so "delete" already removes rows: leave "hardDelete" out.`
          : `Table ${label} has no primary key, so it cannot have the "${name}" route; declare a primary key.`,
        { table: label, route: name },
      );
    }
  }
  const prefix = options.prefix ?? `/${options.table.name}`;
  const name =
    options.name ??
    pascalCase(
      options.table.schema === 'public'
        ? options.table.name
        : `${options.table.schema}_${options.table.name}`,
    );
  const tags = [...(options.tags ?? [options.table.name])];
  const keyPath = columns.primaryKey.map((c) => `:${c.columnName}`).join('/');
  const filterColumns = filterableColumns(columns, options.filters, 'filters');
  const sortable = new Set(
    options.sortable === undefined
      ? filterColumns.keys()
      : filterableColumns(columns, options.sortable, 'sortable').keys(),
  );
  for (const c of columns.primaryKey) if (isFilterableColumn(c)) sortable.add(c.columnName);
  const defaultSort = options.defaultSort ?? columns.primaryKey.map((c) => c.columnName).join(',');
  parseSort(defaultSort, sortable, label); // a bad default is the programmer's mistake: fail now, not per request
  const defaultLimit = options.defaultLimit ?? 20;
  const maxLimit = options.maxLimit ?? 100;
  if (
    !Number.isSafeInteger(defaultLimit) ||
    !Number.isSafeInteger(maxLimit) ||
    defaultLimit < 1 ||
    defaultLimit > maxLimit
  ) {
    throw new StrataError(
      'USAGE',
      `defaultLimit (${defaultLimit}) must be a whole number from 1 to maxLimit (${maxLimit}).`,
      {
        defaultLimit,
        maxLimit,
      },
    );
  }
  const errorResponses = {
    400: { description: 'Invalid request', ...ERROR_BODY_SCHEMA },
  };
  const common = (
    route: CrudRouteName,
    defaults: { path: string; method: CrudRouteInfo['method']; summary: string },
  ) => {
    const own: CrudRouteOptions = options.route?.[route] ?? {};
    const url = joinPath(prefix, own.path ?? defaults.path);
    const operationId = own.operationId ?? `${route === 'read' ? 'get' : route}${name}`;
    const info: CrudRouteInfo = { kind: 'crudRoute', name: route, method: defaults.method, url, operationId };
    const base = {
      method: defaults.method,
      url,
      validatorCompiler: strictValidatorCompiler,
      serializerCompiler: jsonSerializerCompiler,
      schemaErrorFormatter: strictSchemaErrorFormatter,
      errorHandler: httpErrorHandler,
      ...mergeHooks(options.hooks, own),
      ...(own.bodyLimit === undefined ? {} : { bodyLimit: own.bodyLimit }),
    };
    const docs = {
      operationId,
      tags,
      summary: own.summary ?? defaults.summary,
      ...(own.description === undefined ? {} : { description: own.description }),
    };
    return { info, base, docs };
  };
  const params = schemas.params;
  const keyOf = (request: FastifyRequest): RowValues => {
    const raw = request.params as Record<string, unknown>;
    return Object.fromEntries(
      columns.primaryKey.map((c) => [c.columnName, fromJsonValue(c.spec.valueKind, raw[c.columnName])]),
    );
  };
  const notFound = (key: RowValues) =>
    new StrataError(
      'NOT_FOUND',
      `No ${label} row with ${Object.entries(key)
        .map(([k, v]) => `${k} = ${String(v)}`)
        .join(' and ')}${softDelete ? ' (or it was deleted)' : ''}.`,
      { table: label, key: toJsonValue(key) },
    );
  const toBody = (values: Record<string, unknown>, allowed: readonly AnyColumn[]): RowValues => {
    const out: Record<string, unknown> = {};
    for (const c of allowed) {
      if (c.columnName in values) out[c.columnName] = fromJsonValue(c.spec.valueKind, values[c.columnName]);
    }
    return out;
  };
  const toResponse = (row: RowValues): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const c of columns.response)
      if (c.columnName in row) out[c.columnName] = toJsonValue(row[c.columnName]);
    return out;
  };
  const session = options.session;
  const routes: PlannedRoute[] = [];
  const wanted = new Set(requested);

  if (wanted.has('create')) {
    const { info, base, docs } = common('create', {
      path: '/',
      method: 'POST',
      summary: `Create a ${options.table.name} row`,
    });
    routes.push({
      info,
      options: {
        ...base,
        schema: {
          ...docs,
          body: schemas.create,
          response: {
            201: { description: 'The created row', ...schemas.row },
            400: errorResponses[400],
            409: { description: 'A unique or foreign key constraint refused the row', ...ERROR_BODY_SCHEMA },
            422: { description: 'A referenced row does not exist, or a check failed', ...ERROR_BODY_SCHEMA },
          },
        },
        handler: async (request: FastifyRequest, reply: FastifyReply) => {
          const values = toBody(request.body as Record<string, unknown>, columns.create);
          const row = await session.transaction((tx) => storeFor(tx).create(values));
          const key = columns.primaryKey
            .map((c) => encodeURIComponent(String(toJsonValue(row[c.columnName]))))
            .join('/');
          if (hasKey) reply.header('location', `${joinPath(prefix, key)}`);
          return reply.code(201).send(toResponse(row));
        },
      },
    });
  }

  if (wanted.has('read')) {
    const { info, base, docs } = common('read', {
      path: `/${keyPath}`,
      method: 'GET',
      summary: `Get one ${options.table.name} row`,
    });
    routes.push({
      info,
      options: {
        ...base,
        schema: {
          ...docs,
          params,
          response: {
            200: { description: 'The row', ...schemas.row },
            400: errorResponses[400],
            404: { description: 'No such row', ...ERROR_BODY_SCHEMA },
          },
        },
        handler: async (request: FastifyRequest) => {
          const key = keyOf(request);
          const row = await storeFor(session).get(key);
          if (row === undefined) throw notFound(key);
          return toResponse(row);
        },
      },
    });
  }

  if (wanted.has('list')) {
    const { info, base, docs } = common('list', {
      path: '/',
      method: 'GET',
      summary: `List ${options.table.name} rows`,
    });
    const filterProperties = Object.fromEntries(
      [...filterColumns.values()].map((c) => [
        c.columnName,
        {
          type: 'string',
          description: `Filter: ${c.columnName} equals this value. Also ${c.columnName}__op=value with op one of ${operatorsFor(c).join(', ')} (in, not_in and between take comma-separated values).`,
        },
      ]),
    );
    routes.push({
      info,
      options: {
        ...base,
        schema: {
          ...docs,
          description:
            docs.description ??
            `Filters: column=value or column__op=value (op: ${FILTER_OPERATORS.join(', ')}), ANDed. ` +
              `Filterable: ${[...filterColumns.keys()].join(', ') || 'none'}. Sortable: ${[...sortable].join(', ')}.`,
          querystring: {
            type: 'object',
            properties: {
              offset: { type: 'integer', minimum: 0, default: 0, description: 'Rows to skip.' },
              limit: {
                type: 'integer',
                minimum: 1,
                maximum: maxLimit,
                default: defaultLimit,
                description: 'Page size.',
              },
              sort: {
                type: 'string',
                description: `Comma-separated columns, - for descending (default ${defaultSort}). Sortable: ${[...sortable].join(', ')}.`,
              },
              ...filterProperties,
            },
          },
          response: {
            200: {
              description: 'A page of rows and the total count',
              type: 'object',
              required: ['data', 'total', 'offset', 'limit', 'hasMore'],
              properties: {
                data: { type: 'array', items: schemas.row },
                total: { type: 'integer' },
                offset: { type: 'integer' },
                limit: { type: 'integer' },
                hasMore: { type: 'boolean' },
              },
            },
            400: errorResponses[400],
          },
        },
        handler: async (request: FastifyRequest) => {
          const query = request.query as Record<string, unknown>;
          const offset = query.offset as number;
          const limit = query.limit as number;
          const filters = parseQueryFilters(query, {
            label,
            columns: filterColumns,
            reserved: RESERVED_QUERY,
          });
          const sortText =
            typeof query.sort === 'string' && query.sort.trim() !== '' ? query.sort : defaultSort;
          const sort = parseSort(sortText, sortable, label);
          const page = await storeFor(session).list({
            where: filtersToWhere(filters),
            orderBy: sort.map((k) => [k.column, k.direction] as const),
            offset,
            limit,
          });
          return {
            data: page.rows.map(toResponse),
            total: page.total,
            offset,
            limit,
            hasMore: offset + page.rows.length < page.total,
          };
        },
      },
    });
  }

  if (wanted.has('update')) {
    const { info, base, docs } = common('update', {
      path: `/${keyPath}`,
      method: 'PATCH',
      summary: `Update a ${options.table.name} row`,
    });
    routes.push({
      info,
      options: {
        ...base,
        schema: {
          ...docs,
          params,
          body: schemas.update,
          response: {
            200: { description: 'The updated row', ...schemas.row },
            400: errorResponses[400],
            404: { description: 'No such row', ...ERROR_BODY_SCHEMA },
            409: { description: 'A unique constraint refused the change', ...ERROR_BODY_SCHEMA },
            422: { description: 'A referenced row does not exist, or a check failed', ...ERROR_BODY_SCHEMA },
          },
        },
        handler: async (request: FastifyRequest) => {
          const key = keyOf(request);
          const values = toBody(request.body as Record<string, unknown>, columns.update);
          const row = await session.transaction((tx) => storeFor(tx).update(key, values));
          if (row === undefined) throw notFound(key);
          return toResponse(row);
        },
      },
    });
  }

  const deleteRoute = (
    route: 'delete' | 'hardDelete',
    mode: 'soft' | 'hard',
    path: string,
    summary: string,
  ) => {
    const { info, base, docs } = common(route, { path, method: 'DELETE', summary });
    routes.push({
      info,
      options: {
        ...base,
        schema: {
          ...docs,
          params,
          response: {
            204: { description: 'Deleted', type: 'null' },
            400: errorResponses[400],
            404: { description: 'No such row', ...ERROR_BODY_SCHEMA },
            409: { description: 'Other rows still reference this one', ...ERROR_BODY_SCHEMA },
          },
        },
        handler: async (request: FastifyRequest, reply: FastifyReply) => {
          const key = keyOf(request);
          const removed = await session.transaction((tx) => storeFor(tx).remove(key, mode));
          if (!removed) throw notFound(key);
          return reply.code(204).send();
        },
      },
    });
  };
  if (wanted.has('delete')) {
    deleteRoute(
      'delete',
      softDelete ? 'soft' : 'hard',
      `/${keyPath}`,
      softDelete
        ? `Delete a ${options.table.name} row (soft: it is kept, marked deleted)`
        : `Delete a ${options.table.name} row`,
    );
  }
  if (wanted.has('hardDelete')) {
    deleteRoute('hardDelete', 'hard', `/${keyPath}/hard`, `Remove a ${options.table.name} row for good`);
  }
  return routes;
}

function filterableColumns(
  columns: TableHttpColumns,
  names: readonly string[] | undefined,
  option: 'filters' | 'sortable',
): Map<string, AnyColumn> {
  const responseNames = new Set(columns.response.map((c) => c.columnName));
  if (names === undefined) {
    return new Map(columns.response.filter(isFilterableColumn).map((c) => [c.columnName, c]));
  }
  const out = new Map<string, AnyColumn>();
  for (const name of names) {
    const column = columns.byName.get(name);
    if (column === undefined || !isFilterableColumn(column) || !responseNames.has(name)) {
      throw new StrataError(
        'USAGE',
        column === undefined
          ? `The ${option} option names ${JSON.stringify(name)}, which is not a column of ${columns.label}.`
          : !responseNames.has(name)
            ? `The ${option} option names ${name}, which is omitted from responses: clients could probe it.`
            : `Column ${columns.label}.${name} (${column.spec.valueKind.kind}) cannot be filtered or sorted from a query string.`,
        { table: columns.label, option, column: name },
      );
    }
    out.set(name, column);
  }
  return out;
}
