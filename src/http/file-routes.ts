import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { StrataError } from '../errors/strata-error.js';
import type { FileStore } from '../files/file-store.js';
import type { StoredFile } from '../files/stored-file.js';
import type { CrudRouteHooks } from './crud-options.js';
import { ERROR_BODY_SCHEMA, jsonSerializerCompiler } from './crud-routes.js';
import { httpErrorHandler } from './http-error.js';
import { strictSchemaErrorFormatter, strictValidatorCompiler } from './request-validation.js';

/**
 * The endpoints `fileRoutes` can make:
 * - `upload`: `POST {prefix}?name=report.pdf` with the raw bytes as the body (its Content-Type
 *   is stored) → 201 and the file's description; 413 over the size limit,
 * - `list`: `GET {prefix}?limit&cursor` → `{ data, nextCursor }`, newest first,
 * - `download`: `GET {prefix}/:id` → the bytes, streamed; `Range: bytes=a-b` → 206,
 * - `info`: `GET {prefix}/:id/info` → the description,
 * - `delete`: `DELETE {prefix}/:id` → 204.
 */
export type FileRouteName = 'upload' | 'list' | 'download' | 'info' | 'delete';

export const FILE_ROUTE_NAMES: readonly FileRouteName[] = ['upload', 'list', 'download', 'info', 'delete'];

/** Options of `fileRoutes`. */
export interface FileRoutesOptions {
  readonly store: FileStore;
  /** URL prefix (default `/files`). */
  readonly prefix?: string;
  /** Which routes to make (default all). */
  readonly routes?: readonly FileRouteName[];
  /** Largest upload in bytes (default: the store's limit). */
  readonly maxSize?: number;
  /** Hooks before every route, e.g. authentication. */
  readonly hooks?: CrudRouteHooks;
  /** Hooks and operationIds per route. */
  readonly route?: Readonly<
    Partial<Record<FileRouteName, CrudRouteHooks & { readonly operationId?: string }>>
  >;
  /** OpenAPI tags (default `['files']`). */
  readonly tags?: readonly string[];
}

/** A stored file's description as the routes answer it. */
export interface FileJson {
  readonly id: string;
  readonly name: string;
  readonly contentType: string;
  readonly size: number;
  readonly sha256: string;
  readonly createdAt: string;
  /** Where to download it. */
  readonly url: string;
}

const FILE_SCHEMA = {
  type: 'object',
  required: ['id', 'name', 'contentType', 'size', 'sha256', 'createdAt', 'url'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    name: { type: 'string' },
    contentType: { type: 'string' },
    size: { type: 'integer' },
    sha256: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    url: { type: 'string' },
  },
} as const;

const ID_PARAMS = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', format: 'uuid' } },
} as const;

/** A parsed `Range` header: one range of bytes, or none (send the whole file). */
type RequestedRange =
  | { readonly kind: 'whole' }
  | { readonly kind: 'range'; readonly offset: number; readonly length: number }
  | { readonly kind: 'unsatisfiable' };

/**
 * Reads a single-range `Range: bytes=…` header against a file size (RFC 9110): `a-b`, `a-`,
 * and the suffix form `-n`. Several ranges or another unit give the whole file, as servers may.
 */
export function parseRangeHeader(header: string | undefined, size: number): RequestedRange {
  if (header === undefined) return { kind: 'whole' };
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return { kind: 'whole' };
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    const length = Math.min(suffix, size);
    return { kind: 'range', offset: size - length, length };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) return { kind: 'unsatisfiable' };
  return { kind: 'range', offset: start, length: end - start + 1 };
}

function joinPath(prefix: string, path: string): string {
  const joined = `${prefix.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`.replace(/\/+$/, '');
  return joined === '' ? '/' : joined;
}

function asArray<T>(value: T | readonly T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? [...(value as readonly T[])] : [value as T];
}

/**
 * Adds endpoints to upload, list, download (with byte ranges) and delete files of a
 * `FileStore`. Uploads stream into the database chunk by chunk and are refused with 413 as
 * soon as they pass the size limit, leaving nothing stored; downloads stream out chunk by
 * chunk. Downloads are sent with `X-Content-Type-Options: nosniff` and a sandboxing CSP, so an
 * uploaded HTML file cannot run scripts on the API's origin.
 *
 * @example
 * ```ts
 * import Fastify, { type FastifyRequest } from 'fastify';
 * import { connect } from 'strata';
 * import { FileStore } from 'strata/files';
 * import { fileRoutes } from 'strata/http';
 *
 * declare function requireUser(request: FastifyRequest): Promise<void>; // your authentication
 * const db = await connect();
 * const app = Fastify();
 * const files = new FileStore(db, { maxSize: 20 * 1024 * 1024 });
 * await fileRoutes(app, { store: files, prefix: '/api/files', hooks: { onRequest: requireUser } });
 * // curl -X POST --data-binary @report.pdf -H 'content-type: application/pdf' 'http://host/api/files?name=report.pdf'
 * ```
 */
export async function fileRoutes(app: FastifyInstance, options: FileRoutesOptions): Promise<void> {
  const prefix = options.prefix ?? '/files';
  const wanted = new Set(options.routes ?? FILE_ROUTE_NAMES);
  for (const name of wanted) {
    if (!FILE_ROUTE_NAMES.includes(name)) {
      throw new StrataError(
        'USAGE',
        `Unknown file route ${JSON.stringify(name)}; routes are ${FILE_ROUTE_NAMES.join(', ')}.`,
        {
          route: name,
        },
      );
    }
  }
  const tags = [...(options.tags ?? ['files'])];
  const store = options.store;
  const toJson = (file: StoredFile): FileJson => ({
    id: file.id,
    name: file.name,
    contentType: file.contentType,
    size: file.size,
    sha256: file.sha256,
    createdAt: file.createdAt.toISOString(),
    url: joinPath(prefix, file.id),
  });
  const route = (
    name: FileRouteName,
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    summary: string,
    schema: Record<string, unknown>,
    handler: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>,
  ): RouteOptions => {
    const own = options.route?.[name];
    const hooks: Record<string, unknown[]> = {};
    for (const hook of ['onRequest', 'preValidation', 'preHandler'] as const) {
      const list = [...asArray(options.hooks?.[hook]), ...asArray(own?.[hook])];
      if (list.length > 0) hooks[hook] = list;
    }
    return {
      method,
      url: joinPath(prefix, path),
      validatorCompiler: strictValidatorCompiler,
      serializerCompiler: jsonSerializerCompiler,
      schemaErrorFormatter: strictSchemaErrorFormatter,
      errorHandler: httpErrorHandler,
      ...hooks,
      schema: {
        operationId: own?.operationId ?? `${name}File${name === 'list' ? 's' : ''}`,
        tags,
        summary,
        ...schema,
      },
      handler,
    };
  };

  await app.register(async (scope) => {
    // Uploads are raw bytes of any type: no parser may read (or refuse) them before the store streams them.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

    if (wanted.has('upload')) {
      scope.route(
        route(
          'upload',
          'POST',
          '/',
          'Upload a file (the raw bytes as the body)',
          {
            querystring: {
              type: 'object',
              required: ['name'],
              properties: {
                name: { type: 'string', minLength: 1, maxLength: 1024, description: 'The file name.' },
              },
            },
            response: {
              201: { description: 'The stored file', ...FILE_SCHEMA },
              400: { description: 'Invalid upload (empty, bad name or type)', ...ERROR_BODY_SCHEMA },
              413: { description: 'Over the size limit', ...ERROR_BODY_SCHEMA },
            },
          },
          async (request, reply) => {
            const { name } = request.query as { name: string };
            const contentType = request.headers['content-type'];
            const body = request.body as Readable | undefined;
            if (body === undefined || body === null) {
              throw new StrataError(
                'FILE_INVALID',
                'The upload has no body: send the file bytes as the request body.',
              );
            }
            const stored = await store.put(body, {
              name,
              ...(contentType === undefined || contentType === '' ? {} : { contentType }),
              ...(options.maxSize === undefined ? {} : { maxSize: options.maxSize }),
            });
            const json = toJson(stored);
            return reply.code(201).header('location', json.url).send(json);
          },
        ),
      );
    }

    if (wanted.has('list')) {
      scope.route(
        route(
          'list',
          'GET',
          '/',
          'List files, newest first',
          {
            querystring: {
              type: 'object',
              properties: {
                limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
                cursor: { type: 'string', description: 'nextCursor of the previous page.' },
              },
            },
            response: {
              200: {
                type: 'object',
                required: ['data'],
                properties: { data: { type: 'array', items: FILE_SCHEMA }, nextCursor: { type: 'string' } },
              },
              400: { description: 'Invalid request', ...ERROR_BODY_SCHEMA },
            },
          },
          async (request) => {
            const { limit, cursor } = request.query as { limit: number; cursor?: string };
            const page = await store.list({ limit, ...(cursor === undefined ? {} : { cursor }) });
            return {
              data: page.files.map(toJson),
              ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
            };
          },
        ),
      );
    }

    if (wanted.has('download')) {
      scope.route(
        route(
          'download',
          'GET',
          '/:id',
          'Download a file (supports Range: bytes=a-b)',
          {
            params: ID_PARAMS,
            querystring: {
              type: 'object',
              properties: { download: { type: 'boolean', description: 'Ask the browser to save the file.' } },
            },
            response: {
              200: { description: 'The bytes', content: { 'application/octet-stream': { schema: {} } } },
              206: {
                description: 'The requested range',
                content: { 'application/octet-stream': { schema: {} } },
              },
              404: { description: 'No such file', ...ERROR_BODY_SCHEMA },
              416: { description: 'The range lies outside the file', ...ERROR_BODY_SCHEMA },
            },
          },
          async (request, reply) => {
            const { id } = request.params as { id: string };
            const { download } = request.query as { download?: boolean };
            const info = await store.info(id);
            const requested = parseRangeHeader(request.headers.range, info.size);
            if (requested.kind === 'unsatisfiable') {
              reply.header('content-range', `bytes */${info.size}`);
              return reply.code(416).send({
                statusCode: 416,
                error: 'Range Not Satisfiable',
                code: 'FILE_INVALID',
                message: `The requested range ${request.headers.range} lies outside the ${info.size}-byte file.`,
              });
            }
            const opened = await store.get(
              id,
              requested.kind === 'range'
                ? { range: { offset: requested.offset, length: requested.length } }
                : {},
            );
            const { file, range } = opened;
            reply
              .header('content-type', file.contentType)
              .header('content-length', String(range.length))
              .header('accept-ranges', 'bytes')
              .header('etag', `"${file.sha256}"`)
              .header('x-content-type-options', 'nosniff')
              .header('content-security-policy', 'sandbox')
              .header(
                'content-disposition',
                `${download ? 'attachment' : 'inline'}; filename*=UTF-8''${encodeURIComponent(file.name)}`,
              );
            if (requested.kind === 'range') {
              reply
                .code(206)
                .header(
                  'content-range',
                  `bytes ${range.offset}-${range.offset + range.length - 1}/${file.size}`,
                );
            }
            return reply.send(opened.stream);
          },
        ),
      );
    }

    if (wanted.has('info')) {
      scope.route(
        route(
          'info',
          'GET',
          '/:id/info',
          "A file's description",
          {
            params: ID_PARAMS,
            response: {
              200: { description: 'The stored file', ...FILE_SCHEMA },
              404: { description: 'No such file', ...ERROR_BODY_SCHEMA },
            },
          },
          async (request) => toJson(await store.info((request.params as { id: string }).id)),
        ),
      );
    }

    if (wanted.has('delete')) {
      scope.route(
        route(
          'delete',
          'DELETE',
          '/:id',
          'Delete a file',
          {
            params: ID_PARAMS,
            response: {
              204: { description: 'Deleted', type: 'null' },
              404: { description: 'No such file', ...ERROR_BODY_SCHEMA },
            },
          },
          async (request, reply) => {
            await store.delete((request.params as { id: string }).id);
            return reply.code(204).send();
          },
        ),
      );
    }
  });
}
